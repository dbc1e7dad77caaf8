// Our configuration of this Camunda web application.
export default {
  app: {
    name: '流程监控',
    vendor: '整改台账'
  },
  // Our own Simplified Chinese translation (locales/zh.json), also for anyone whose language we do not have.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  // Signing in and out is the product's own (one sign-in for every page): see tasklist/zhenggai/sign-in.js.
  customScripts: ['../tasklist/zhenggai/sign-in']
};
