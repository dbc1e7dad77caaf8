// Our configuration of Camunda's Welcome page.
export default {
  app: {
    name: '首页',
    vendor: '整改台账'
  },
  // Our own Simplified Chinese translation (locales/zh.json), also for languages we do not have.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  // Shown to those who may open it (zhenggai/supervision-link.js takes it off for the others).
  links: [
    {
      label: '整改督办',
      href: '/supervision/',
      description: '总览、整改台账与导出、统计排名（督办单位、县委领导）'
    }
  ],
  // Signing in and out is the product's own (one sign-in for every page): see tasklist/zhenggai/sign-in.js.
  customScripts: ['../tasklist/zhenggai/sign-in', 'zhenggai/supervision-link']
};
