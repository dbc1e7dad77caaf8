// Our configuration of this Camunda web application.
export default {
  // Signing in and out is the product's own (one sign-in for every page): see tasklist/zhenggai/sign-in.js.
  customScripts: ['../tasklist/zhenggai/sign-in']
};
