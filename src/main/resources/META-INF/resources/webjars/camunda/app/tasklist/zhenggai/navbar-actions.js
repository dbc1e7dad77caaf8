// 发起流程 and 新建待办 are offered only to someone who can use them: 发起流程 when the engine has a process this user
// may start from Tasklist, 新建待办 when the user may create tasks. Both stay hidden until the engine says yes
// (styles/user-styles.css), so nobody is offered a dialog that can only say there is nothing to do. Once both answers
// are in, the page says so (zhenggai-offers-known), for whoever needs to tell "not offered" from "not yet asked".
const MAY_START_PROCESS = 'zhenggai-may-start-process';
const MAY_CREATE_TASK = 'zhenggai-may-create-task';
const KNOWN = 'zhenggai-offers-known';

window.angular.module('cam.tasklist.custom').run(['$rootScope', '$http', '$q', 'Uri', ($rootScope, $http, $q, Uri) => {
  const page = document.documentElement;
  const engine = path => Uri.appUri('engine://engine/:engine/' + path);
  let askedFor = null;

  const ask = user => {
    if (user === askedFor) {
      return;
    }
    askedFor = user;
    page.classList.remove(MAY_START_PROCESS, MAY_CREATE_TASK, KNOWN);
    if (!user) {
      return;
    }
    const offer = (className, question, isYes) => question
      .then(response => page.classList.toggle(className, askedFor === user && isYes(response.data)))
      .catch(() => {}); // no answer: not offered
    const startable = { latest: true, active: true, startableInTasklist: true, startablePermissionCheck: true };
    const createTask = { permissionName: 'CREATE', resourceName: 'Task', resourceType: 7 };
    $q.all([
      offer(MAY_START_PROCESS, $http.get(engine('process-definition/count'), { params: startable }), data => data.count > 0),
      offer(MAY_CREATE_TASK, $http.get(engine('authorization/check'), { params: createTask }), data => data.authorized === true)
    ]).then(() => page.classList.toggle(KNOWN, askedFor === user));
  };

  $rootScope.$on('authentication.changed', (event, authentication) => ask(authentication ? authentication.name : null));
  if ($rootScope.authentication) {
    ask($rootScope.authentication.name);
  }
}]);
