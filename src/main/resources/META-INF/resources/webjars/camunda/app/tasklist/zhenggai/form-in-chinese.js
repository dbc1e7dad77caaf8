// The task forms (form-js) write their validation messages and their date picker in English only; show them in
// Chinese.
const messages = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\d+)\.$/, n => `至少填写 ${n} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, n => `最多填写 ${n} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, n => `不能小于 ${n}。`],
  [/^Field must have maximum value of (.+)\.$/, n => `不能大于 ${n}。`],
  [/^Field must match pattern (.+)\.$/, p => `格式不符合要求（${p}）。`],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱地址。'],
  [/^Field must be a valid +international phone number\..*$/, () => '请填写有效的电话号码，如 +8610xxxxxxxx。']
];

const translate = text => {
  for (const [english, chinese] of messages) {
    const match = english.exec(text.trim());
    if (match) {
      return chinese(match[1]);
    }
  }
  return null;
};

const translateErrors = () => {
  document.querySelectorAll('.fjs-form-field-error').forEach(error => {
    const walker = document.createTreeWalker(error, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const chinese = translate(node.data);
      if (chinese) {
        node.data = chinese;
      }
    }
  });
};

// form-js's date picker is flatpickr, which puts itself on window.
const chineseCalendar = {
  weekdays: {
    shorthand: ['日', '一', '二', '三', '四', '五', '六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换',
  time_24hr: true
};
let calendarInChinese = false;
const chineseDatePicker = () => {
  if (!calendarInChinese && window.flatpickr) {
    window.flatpickr.localize(chineseCalendar);
    calendarInChinese = true;
  }
};

chineseDatePicker();
new MutationObserver(() => {
  chineseDatePicker();
  translateErrors();
})
  .observe(document.body, { childList: true, subtree: true, characterData: true });
