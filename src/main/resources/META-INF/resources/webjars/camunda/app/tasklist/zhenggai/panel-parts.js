// What our Tasklist panels (evidence.js, extension.js) share: the token of changing requests, elements with text
// (what people wrote is always set as text, never as HTML), and the server's explanation of a refusal.

// Our requests go past Angular's $http, whose error handling would add Tasklist's own English-titled messages to ours;
// changing ones carry the token Camunda's web applications send (the XSRF-TOKEN cookie, as header X-XSRF-TOKEN).
export const xsrfToken = () => {
  const cookie = document.cookie.split(';').map(each => each.trim()).find(each => each.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
};

export const element = (tag, className, text) => {
  const made = document.createElement(tag);
  if (className) {
    made.className = className;
  }
  if (text !== undefined) {
    made.textContent = text;
  }
  return made;
};

// The server's explanation of a refusal (problem+json's detail), or a general one; status 0: no answer at all.
export const refusal = (status, body) => {
  try {
    const detail = JSON.parse(body).detail;
    if (typeof detail === 'string' && detail.trim()) {
      return detail;
    }
  } catch (notJson) {
    // below
  }
  if (status === 0) {
    return '连接中断，未能完成，请重试。';
  }
  return status === 413 ? '文件太大，未能上传。' : `未能完成（服务器答复 ${status}），请刷新页面后重试。`;
};
