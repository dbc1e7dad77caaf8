// Our configuration of Camunda Tasklist.
export default {
  app: {
    name: '整改待办',
    vendor: '整改台账'
  },
  // Our own Simplified Chinese translation (locales/zh.json); a browser asking for zh-CN gets it, and so does
  // anyone whose language we do not have.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  // Signing in and out is the product's own (one sign-in for every page): zhenggai/sign-in.js; the task forms'
  // validation messages, calendar and date format: zhenggai/form-in-chinese.js; why 办理完成 was refused:
  // zhenggai/submit-errors.js; 发起流程 and 新建待办 only for those who may use them: zhenggai/navbar-actions.js;
  // the list sorted by due date unless the person chose otherwise: zhenggai/sorting.js; the calendar of the due and
  // follow-up dates in Chinese: zhenggai/task-dates.js; the 佐证材料 panel (evidence files) below each task's form:
  // zhenggai/evidence.js; the 申请延期 panel (requests for more time) above the form of a unit's own task:
  // zhenggai/extension.js. Our styles: styles/user-styles.css.
  customScripts: [
    '../tasklist/zhenggai/sign-in',
    'zhenggai/form-in-chinese',
    'zhenggai/submit-errors',
    'zhenggai/navbar-actions',
    'zhenggai/sorting',
    'zhenggai/task-dates',
    'zhenggai/evidence',
    'zhenggai/extension'
  ]
};
