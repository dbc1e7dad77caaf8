// 申请延期: on a unit's own task (制定整改方案, 落实整改) a panel at the top of the task's form view says the due date and
// what became of the item's requests for more time, and lets the unit's secretary ask for a later date before the due
// date passes. Tasklist's form directive gets one more element at the top of its template,
// <div zhenggai-extension="params.taskId">, so Angular creates the panel with every form view and drops it with it.
// The panel asks the server (GET /extensions/tasks/{id}) what to show: nothing when the task takes no request (the
// server answers 404 or 409); otherwise the state, and the button 申请延期 when this person may ask now. The request
// (POST, with the token Tasklist sends as X-XSRF-TOKEN) is refused by the server with a message shown as it is.
// Everything people wrote is set as text, never as HTML.
import { element, refusal, xsrfToken } from './panel-parts.js';

const PANEL = '<div zhenggai-extension="params.taskId"></div>';

// people by their names (as the forms' history names them), never by their user ids
const outcomeOf = entry => {
  const decider = entry.decidedByName || '督办单位';
  if (entry.status === 'APPROVED') {
    return `${decider}批准延期至 ${entry.grantedUntil}`;
  }
  return entry.status === 'REFUSED' ? `${decider}不同意` : entry.statusLabel;
};

const historyOf = view => {
  const list = element('ul', 'zhenggai-extension-history');
  view.history.forEach(entry => {
    const item = element('li', `zhenggai-extension-entry zhenggai-extension-${entry.status.toLowerCase()}`,
      `${entry.stageLabel}：${entry.requestedByName || ''}申请延期至 ${entry.requestedUntil}（${entry.reason}）— `
      + outcomeOf(entry) + (entry.decisionReason ? `：${entry.decisionReason}` : ''));
    list.append(item);
  });
  return list;
};

window.angular.module('cam.tasklist.custom')
  .config(['$provide', $provide => {
    $provide.decorator('camTasklistFormDirective', ['$delegate', directives => {
      directives.forEach(directive => {
        directive.template = PANEL + directive.template;
      });
      return directives;
    }]);
  }])
  .directive('zhenggaiExtension', () => ({
    restrict: 'A',
    scope: { taskId: '<zhenggaiExtension' },
    link: (scope, host) => {
      const panel = host[0];
      let shown = null;
      let asked = 0;

      const load = taskId => {
        const question = ++asked;
        panel.setAttribute('aria-busy', 'true');
        return fetch(`/extensions/tasks/${encodeURIComponent(taskId)}`,
          { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
          .then(response => response.ok ? response.json() : null)
          .then(view => question === asked && taskId === shown && show(view))
          .catch(() => question === asked && taskId === shown && panel.replaceChildren())
          .finally(() => question === asked && panel.setAttribute('aria-busy', 'false'));
      };

      const show = view => {
        if (!view || !view.stage) {
          panel.replaceChildren();
          return;
        }
        const section = element('section', 'zhenggai-extension');
        section.setAttribute('data-task', view.taskId);
        const line = element('p', 'zhenggai-extension-due');
        line.append(element('strong', null, '截止日期：'), element('span', 'zhenggai-extension-current', view.currentDue));
        if (view.originalDeadline && view.originalDeadline !== view.currentDue) {
          line.append(element('span', 'zhenggai-extension-original', `（原定 ${view.originalDeadline}）`));
        }
        line.append(element('span', 'zhenggai-extension-count', `已申请延期 ${view.requestsUsed}/${view.maxRequests} 次`));
        section.append(line);
        if (view.pending) {
          section.append(element('p', 'zhenggai-extension-pending',
            `已申请延期至 ${view.pending.requestedUntil}，等待督办单位审批；审批前仍以现截止日期为准，请照常办理。`));
        }
        if (view.history.length) {
          section.append(historyOf(view));
        }
        if (view.canRequest) {
          const open = element('button', 'btn btn-default btn-sm zhenggai-extension-open', '申请延期');
          open.type = 'button';
          open.addEventListener('click', () => {
            open.remove();
            section.append(dialogOf(view));
          });
          section.append(open);
        } else if (!view.pending && view.why) {
          section.append(element('p', 'zhenggai-extension-why', view.why));
        }
        panel.replaceChildren(section);
      };

      const dialogOf = view => {
        const dialog = element('form', 'zhenggai-extension-dialog');
        dialog.setAttribute('role', 'dialog');
        dialog.setAttribute('aria-label', '申请延期');
        dialog.noValidate = true; // the server's messages say what is wrong, in Chinese
        const dateLabel = element('label', null, '延期至');
        const date = element('input', 'form-control zhenggai-extension-until');
        date.type = 'date';
        date.min = view.currentDue;
        date.max = view.latest;
        dateLabel.append(date);
        const reasonLabel = element('label', null, '延期理由');
        const reason = element('textarea', 'form-control zhenggai-extension-reason');
        reason.rows = 3;
        reason.maxLength = 500;
        reasonLabel.append(reason);
        const hint = element('p', 'zhenggai-extension-hint',
          `最晚可延期至 ${view.latest}；每项最多申请 ${view.maxRequests} 次；由督办单位审批。`);
        const message = element('p', 'zhenggai-extension-refused');
        const submit = element('button', 'btn btn-primary btn-sm zhenggai-extension-submit', '提交申请');
        submit.type = 'submit';
        const cancel = element('button', 'btn btn-link btn-sm zhenggai-extension-cancel', '取消');
        cancel.type = 'button';
        cancel.addEventListener('click', () => load(shown));
        dialog.append(dateLabel, reasonLabel, hint, message, submit, cancel);
        dialog.addEventListener('submit', event => {
          event.preventDefault();
          submit.disabled = true;
          message.textContent = '';
          fetch(`/extensions/tasks/${encodeURIComponent(view.taskId)}`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': xsrfToken() },
            body: JSON.stringify({ until: date.value, reason: reason.value })
          })
            .then(response => response.ok ? load(shown)
              : response.text().then(body => { message.textContent = refusal(response.status, body); }))
            .catch(() => { message.textContent = refusal(0, ''); })
            .finally(() => { submit.disabled = false; });
        });
        return dialog;
      };

      scope.$watch('taskId', taskId => {
        shown = taskId || null;
        panel.replaceChildren();
        if (shown) {
          load(shown);
        }
      });
      scope.$on('$destroy', () => {
        shown = null;
      });
    }
  }));
