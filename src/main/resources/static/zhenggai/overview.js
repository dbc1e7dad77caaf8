// Overdue items by unit, from the data the page carries (no inline script: the pages' CSP allows only files).
const element = document.getElementById('overdue-chart');
const data = JSON.parse(element.dataset.chart);
if (data.units.length > 0) {
  const chart = echarts.init(element);
  chart.setOption({
    animation: false,
    grid: { left: 120, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: data.units, inverse: true },
    series: [{ type: 'bar', data: data.counts, itemStyle: { color: '#b71c1c' }, label: { show: true, position: 'right' } }]
  });
  window.addEventListener('resize', () => chart.resize());
} else {
  element.style.display = 'none';
}
