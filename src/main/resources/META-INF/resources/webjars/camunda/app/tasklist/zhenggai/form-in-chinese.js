// The task forms (form-js) write their validation messages and their date picker in English only; show them in
// Chinese. Their date fields show and take dates as the rest of the product writes them (yyyy-MM-dd).
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

// form-js shows a date in the browser's order (2027/3/31 in a Chinese browser) under the hint "yyyy/mm/dd", while
// the form's history and every other page write 2027-03-31. Whatever it shows, form-js sends yyyy-MM-dd. Each of its
// date fields is a flatpickr instance on the input; give it our format and a hint in Chinese. flatpickr reads a typed
// date by its digits, so 2027-3-31, 2027/3/31 and 2027年3月31日 are all taken as 2027-03-31.
const DATE_FORMAT = 'Y-m-d';
const DATE_HINT = '年-月-日，如 2027-06-30';
const oneDateFormat = () => {
  document.querySelectorAll('.fjs-form-field-datetime input.flatpickr-input').forEach(input => {
    const picker = input._flatpickr;
    if (picker && picker.config.dateFormat !== DATE_FORMAT) {
      picker.set('dateFormat', DATE_FORMAT); // shows the date already there anew, without changing it
    }
    if (input.placeholder !== DATE_HINT) {
      input.placeholder = DATE_HINT;
    }
  });
};

chineseDatePicker();
new MutationObserver(() => {
  chineseDatePicker();
  translateErrors();
  oneDateFormat();
})
  .observe(document.body, { childList: true, subtree: true, characterData: true });
