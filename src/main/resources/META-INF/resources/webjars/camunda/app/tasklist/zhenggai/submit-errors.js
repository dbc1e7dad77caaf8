// When 办理完成 is refused, the message says why. A refusal by the server carries the server's own message, which
// Tasklist shows. A refusal by the form itself (a required field left empty, too long a text) carries none: form-js
// hands Tasklist its map of errors, and Tasklist shows the bare heading. Name the fields to mend, by their labels, as
// the form marks them. The message goes once the person moves on (the task done, another task opened). Where the
// message appears: styles/user-styles.css.
const escape = text => {
  const box = document.createElement('div');
  box.appendChild(document.createTextNode(text));
  return box.innerHTML;
};

const fieldsToMend = () => Array.from(document.querySelectorAll('.task-details .fjs-form-field.fjs-has-errors'))
  .map(field => {
    const label = field.querySelector('.fjs-form-field-label');
    const name = label ? label.textContent.replace(/\*\s*$/, '').trim() : '';
    const errors = Array.from(field.querySelectorAll('.fjs-form-field-error li'))
      .map(error => error.textContent.trim())
      .filter(error => error);
    return `${name}：${errors.join(' ')}`;
  });

const explanation = fields => fields.length
  ? '请修改以下各项后再点“办理完成”：\n' + fields.join('\n')
  : '请检查表单中标红的各项。';

window.angular.module('cam.tasklist.custom').config(['$provide', $provide => {
  // $translate is asked for when needed: its locale loader itself depends on Notifications.
  $provide.decorator('Notifications', ['$delegate', '$injector', '$rootScope', '$location', '$window',
    (notifications, $injector, $rootScope, $location, $window) => {
      let refusal = null; // { notification, task }

      // Tasklist escapes a message as it adds it; a message written later is escaped here.
      const explainLater = (notification, framesLeft) => {
        const fields = fieldsToMend();
        if (fields.length || framesLeft === 0) {
          notification.message = escape(explanation(fields));
        } else {
          $window.requestAnimationFrame(() => $rootScope.$applyAsync(() => explainLater(notification, framesLeft - 1)));
        }
      };

      const addError = notifications.addError;
      notifications.addError = function (notification) {
        if (notification && notification.status === $injector.get('$translate').instant('COMPLETE_ERROR')) {
          refusal = { notification, task: $location.search().task };
          if (!notification.message) {
            // The form marks its fields as it renders them, a moment after the refusal: look for a few frames.
            const fields = fieldsToMend();
            notification.message = fields.length ? explanation(fields) : '';
            if (!fields.length) {
              $window.requestAnimationFrame(() => $rootScope.$applyAsync(() => explainLater(notification, 30)));
            }
          }
        }
        return addError.apply(this, arguments);
      };

      $rootScope.$on('$locationChangeSuccess', () => {
        if (refusal && $location.search().task !== refusal.task) {
          delete refusal.notification.scope; // as Tasklist does before it clears a message
          notifications.clear(refusal.notification);
          refusal = null;
        }
      });
      return notifications;
    }]);
}]);
