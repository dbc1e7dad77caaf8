// 佐证材料: the files of a task's unit item, in the task's form view, below the form and above 办理完成, where nobody
// submitting a report can miss them. Tasklist's form directive (camTasklistForm) gets one more element in its template,
// <div zhenggai-evidence="params.taskId">, right before its buttons: Angular itself then creates the panel with every
// form view and drops it with it, so there is exactly one, and it belongs to the task shown. The panel asks the server
// (GET /evidence/tasks/{id}) what to show: nothing when the server answers 404 (no evidence for this task, or none this
// person may see); otherwise the files, and a picker when the person may upload. Each picked file is sent on its own
// (the raw bytes, so the browser reports the upload's progress) with its own progress bar, and a refusal stays beside
// its file with the server's message. File names are what people typed: they are set as text, never as HTML.
import { element, refusal, xsrfToken } from './panel-parts.js';

const BEFORE_BUTTONS = '<div class="form-actions"';
const PANEL = '<div zhenggai-evidence="params.taskId"></div>';
const SHOWN_INLINE = ['application/pdf', 'image/jpeg', 'image/png'];

// 0.6 KB, 2.3 KB, 6 MB, 20 MB: one decimal, none when it is 0; never 0 KB for a file that has bytes.
const size = bytes => bytes < 1024 * 1024
  ? `${Math.max(0.1, Math.ceil(bytes / 102.4) / 10).toFixed(1).replace(/\.0$/, '')} KB`
  : `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

const two = number => String(number).padStart(2, '0');
const when = instant => {
  const time = new Date(instant);
  return Number.isNaN(time.getTime()) ? '' : `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())} `
    + `${two(time.getHours())}:${two(time.getMinutes())}`;
};

const listOf = (evidence, onRemove) => {
  if (!evidence.files.length) {
    return element('p', 'zhenggai-evidence-none', evidence.canUpload ? '尚未上传佐证材料。' : '没有上传佐证材料。');
  }
  const list = element('ul', 'zhenggai-evidence-files');
  evidence.files.forEach(file => {
    const item = element('li', 'zhenggai-evidence-file');
    const link = element('a', 'zhenggai-evidence-name', file.name);
    link.href = `/evidence/files/${encodeURIComponent(file.id)}`;
    if (SHOWN_INLINE.includes(file.contentType)) {
      link.target = '_blank'; // images and PDFs open in the browser
      link.rel = 'noopener';
    } else {
      link.setAttribute('download', ''); // under the name the server gives it
    }
    item.append(link,
      // the case's own task (确认问题销号) lists every unit's files: say whose
      ...(evidence.unitItem ? [] : [element('span', 'zhenggai-evidence-unit', file.unitName || file.unitId)]),
      element('span', 'zhenggai-evidence-size', size(file.size)),
      element('span', 'zhenggai-evidence-stage', file.stageName || ''),
      element('span', 'zhenggai-evidence-uploader', file.uploaderName || file.uploadedBy || ''),
      element('span', 'zhenggai-evidence-time', when(file.uploadedAt)));
    if (file.removable) {
      const remove = element('button', 'btn btn-link btn-xs zhenggai-evidence-remove', '删除');
      remove.type = 'button';
      remove.title = `删除 ${file.name}`;
      remove.addEventListener('click', () => onRemove(file, item, remove));
      item.append(remove);
    }
    list.append(item);
  });
  return list;
};

const hintOf = evidence => {
  const hint = element('p', 'zhenggai-evidence-hint');
  if (evidence.required && evidence.canUpload) {
    hint.append(element('strong', null, '须上传至少一份佐证材料（会议记录、照片、制度文件等）才能办理完成。'));
  }
  if (evidence.canUpload) {
    const used = evidence.usedItemBytes ? `，已用 ${size(evidence.usedItemBytes)}` : '';
    const allowed = evidence.allowed ? `可上传 ${evidence.allowed}；` : '';
    hint.append(` ${allowed}可一次选择多个文件；每个文件不超过 ${size(evidence.maxFileBytes)}，`
      + `本事项合计不超过 ${size(evidence.maxItemBytes)}${used}。`);
  }
  return hint;
};

window.angular.module('cam.tasklist.custom')
  .config(['$provide', $provide => {
    $provide.decorator('camTasklistFormDirective', ['$delegate', directives => {
      directives.forEach(directive => {
        const template = directive.template;
        directive.template = template.includes(BEFORE_BUTTONS)
          ? template.replace(BEFORE_BUTTONS, PANEL + BEFORE_BUTTONS)
          : template + PANEL;
      });
      return directives;
    }]);
  }])
  .directive('zhenggaiEvidence', () => ({
    restrict: 'A',
    scope: { taskId: '<zhenggaiEvidence' },
    link: (scope, host) => {
      const panel = host[0];
      let shown = null; // the task whose files are shown
      let asked = 0; // each question to the server; only the latest answer counts
      const queue = []; // files picked, waiting for their turn
      let uploading = false;
      let uploads = null; // the list of uploads under way or refused, kept across reloads of the files

      // Busy until the answer is in: the panel then appears above 办理完成 and moves it down.
      const settled = question => {
        if (question === asked) {
          panel.setAttribute('aria-busy', 'false');
        }
      };
      const load = taskId => {
        const question = ++asked;
        panel.setAttribute('aria-busy', 'true');
        return fetch(`/evidence/tasks/${encodeURIComponent(taskId)}`,
          { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
          .then(response => {
            if (response.status === 404) {
              return null;
            }
            if (!response.ok || !(response.headers.get('Content-Type') || '').includes('json')) {
              return response.text().then(body => {
                throw new Error(refusal(response.status, body));
              });
            }
            return response.json();
          })
          .then(evidence => question === asked && taskId === shown && show(evidence))
          .catch(error => question === asked && taskId === shown && showTrouble(error.message))
          .finally(() => settled(question));
      };

      const reloadFiles = () => load(shown);

      const showTrouble = message => {
        const section = element('section', 'zhenggai-evidence');
        section.append(element('h4', null, '佐证材料'), element('p', 'zhenggai-evidence-refused', `未能读取佐证材料：${message}`));
        panel.replaceChildren(section);
      };

      const remove = (file, item, button) => {
        const refused = message => {
          button.disabled = false;
          item.querySelectorAll('.zhenggai-evidence-refused').forEach(old => old.remove());
          item.append(element('span', 'zhenggai-evidence-refused', message));
        };
        button.disabled = true;
        fetch(`/evidence/files/${encodeURIComponent(file.id)}`,
          { method: 'DELETE', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': xsrfToken() } })
          .then(response => response.ok ? reloadFiles() : response.text().then(body => refused(refusal(response.status, body))))
          .catch(() => refused(refusal(0, '')));
      };

      const show = evidence => {
        if (!evidence) {
          panel.replaceChildren();
          return;
        }
        const section = element('section', 'zhenggai-evidence');
        section.setAttribute('data-task', evidence.taskId);
        section.append(element('h4', null, '佐证材料'), hintOf(evidence));
        section.append(listOf(evidence, remove));
        if (evidence.canUpload) {
          const picker = element('label', 'btn btn-default zhenggai-evidence-pick', '选择文件…');
          const input = element('input', 'zhenggai-evidence-input');
          input.type = 'file';
          input.multiple = true;
          input.addEventListener('change', () => {
            Array.from(input.files).forEach(file => pick(file, evidence));
            input.value = ''; // the same file may be picked again
            next();
          });
          picker.append(input);
          if (!uploads) {
            uploads = element('ul', 'zhenggai-evidence-uploads');
          }
          section.append(picker, uploads);
        }
        panel.replaceChildren(section);
      };

      // One row per picked file: its name and size, then its progress or the reason it was refused.
      const pick = (file, evidence) => {
        const row = element('li', 'zhenggai-evidence-upload');
        const progress = element('progress');
        progress.max = 100;
        progress.value = 0;
        const status = element('span', 'zhenggai-evidence-status', '等待上传');
        row.append(element('span', 'zhenggai-evidence-name', file.name), element('span', 'zhenggai-evidence-size', size(file.size)),
          progress, status);
        uploads.append(row);
        if (file.size > evidence.maxFileBytes) {
          refuse(row, `文件“${file.name}”超过 ${size(evidence.maxFileBytes)} 的上限，未上传。`);
          return;
        }
        queue.push({ file, row, progress, status, taskId: shown });
      };

      const refuse = (row, message) => {
        row.classList.add('zhenggai-evidence-upload-refused');
        row.querySelector('progress').remove();
        const status = row.querySelector('.zhenggai-evidence-status');
        status.className = 'zhenggai-evidence-refused';
        status.textContent = message;
        const dismiss = element('button', 'btn btn-link btn-xs zhenggai-evidence-dismiss', '知道了');
        dismiss.type = 'button';
        dismiss.addEventListener('click', () => row.remove());
        row.append(dismiss);
      };

      const next = () => {
        if (uploading || !queue.length) {
          return;
        }
        const upload = queue.shift();
        if (upload.taskId !== shown) {
          next();
          return;
        }
        uploading = true;
        upload.status.textContent = '正在上传…';
        const request = new XMLHttpRequest();
        request.open('POST', `/evidence/tasks/${encodeURIComponent(upload.taskId)}/files?name=${encodeURIComponent(upload.file.name)}`);
        request.setRequestHeader('Content-Type', 'application/octet-stream');
        request.setRequestHeader('Accept', 'application/json');
        request.setRequestHeader('X-XSRF-TOKEN', xsrfToken());
        request.upload.addEventListener('progress', event => {
          if (event.lengthComputable) {
            upload.progress.value = Math.floor(100 * event.loaded / event.total);
            upload.status.textContent = `正在上传 ${upload.progress.value}%`;
          }
        });
        request.addEventListener('loadend', () => {
          uploading = false;
          if (request.status === 201) {
            upload.row.remove();
            if (upload.taskId === shown) {
              reloadFiles();
            }
          } else {
            refuse(upload.row, refusal(request.status, request.responseText));
          }
          next();
        });
        request.send(upload.file);
      };

      scope.$watch('taskId', taskId => {
        shown = taskId || null;
        queue.length = 0;
        uploads = null;
        panel.replaceChildren();
        if (shown) {
          load(shown);
        } else {
          panel.setAttribute('aria-busy', 'false'); // an answer still on its way is for a task no longer shown
        }
      });
      scope.$on('$destroy', () => {
        shown = null;
        queue.length = 0;
      });
    }
  }));
