// The calendar that sets a task's follow-up date or moves its due date (above the form) is Angular UI's, which writes
// months and weekdays from Angular's built-in English. In Chinese, give it Chinese names, a title such as 2027年1月,
// weeks from Monday and no week numbers.
const CHINESE = {
  MONTH: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
  SHORTMONTH: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  DAY: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  SHORTDAY: ['日', '一', '二', '三', '四', '五', '六'],
  AMPMS: ['上午', '下午'],
  FIRSTDAYOFWEEK: 0 // Monday, in Angular's count
};
const CHINESE_CALENDAR = {
  formatDayTitle: 'yyyy年M月',
  formatMonth: 'MMM',
  formatMonthTitle: 'yyyy年',
  startingDay: 1,
  showWeeks: false
};

window.angular.module('cam.tasklist.custom').run(['$rootScope', '$translate', '$locale', 'uibDatepickerConfig',
  ($rootScope, $translate, $locale, calendar) => {
    const english = { formats: Object.assign({}, $locale.DATETIME_FORMATS), calendar: Object.assign({}, calendar) };
    const speak = language => {
      const chinese = typeof language === 'string' && language.startsWith('zh');
      Object.assign($locale.DATETIME_FORMATS, chinese ? CHINESE : english.formats);
      Object.assign(calendar, chinese ? CHINESE_CALENDAR : english.calendar);
    };
    $rootScope.$on('$translateChangeSuccess', (event, change) => speak(change.language));
    speak($translate.use());
  }]);
