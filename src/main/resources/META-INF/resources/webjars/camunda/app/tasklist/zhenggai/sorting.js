// The task list comes sorted by due date, soonest first, so that what is due next (a returned plan has only a few days)
// is on top. Tasklist keeps its sorting nowhere but in the address (the "sorting" parameter, which its sorting bar
// writes) and, when the address has none, sorts by creation date, newest first. We put the person's own last choice
// there instead, or, until they have made one, due date ascending. Each user's choice is remembered in this browser.
const SOONEST_DUE_FIRST = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);

const storageKey = user => 'zhenggai.tasklist.sorting.' + user;

const isSorting = text => {
  try {
    const sorting = JSON.parse(text);
    return Array.isArray(sorting) && sorting.length > 0 && sorting.every(each => each && typeof each.sortBy === 'string');
  } catch (notJson) {
    return false;
  }
};

window.angular.module('cam.tasklist.custom').run(['$rootScope', '$location', '$window', ($rootScope, $location, $window) => {
  const keep = () => {
    const user = $rootScope.authentication ? $rootScope.authentication.name : null;
    if (!user || $location.path() !== '/') {
      return; // the list is shown only to someone signed in, on the start page
    }
    const sorting = $location.search().sorting;
    if (isSorting(sorting)) {
      $window.localStorage.setItem(storageKey(user), sorting);
      return;
    }
    const remembered = $window.localStorage.getItem(storageKey(user));
    $location.search('sorting', isSorting(remembered) ? remembered : SOONEST_DUE_FIRST).replace();
  };
  // Before the task list reads the address: the route is entered once signed in, and every later change of address
  // (a link to a task, the brand's link to the start page) passes by here too.
  $rootScope.$on('$routeChangeSuccess', keep);
  $rootScope.$on('$locationChangeSuccess', keep);
}]);
