// Overdue items by unit, yellow and red stacked in the legend's colours, from the data the page carries (no inline
// script: the pages' CSP allows only files).
const element = document.getElementById('overdue-chart');
const data = JSON.parse(element.dataset.chart);
if (data.units.length > 0) {
  const chart = echarts.init(element);
  const bar = (name, counts, colour) => ({
    name, type: 'bar', stack: 'overdue', data: counts, itemStyle: { color: colour },
    label: { show: true, formatter: p => (p.value > 0 ? p.value : '') }
  });
  chart.setOption({
    animation: false,
    legend: { top: 0 },
    grid: { left: 120, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: data.units, inverse: true },
    series: [bar(data.yellow.name, data.yellow.counts, data.yellow.colour), bar(data.red.name, data.red.counts, data.red.colour)]
  });
  window.addEventListener('resize', () => chart.resize());
} else {
  element.style.display = 'none';
}
