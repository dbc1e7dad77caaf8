// The link to the supervision pages is for those who may open them (the same people who may open Cockpit):
// for everyone else it is taken off the Welcome page.
fetch('/camunda/api/admin/auth/user/default', { credentials: 'same-origin' })
  .then(response => (response.ok ? response.json() : { authorizedApps: [] }))
  .then(user => {
    if ((user.authorizedApps || []).includes('cockpit')) {
      return;
    }
    const hide = () => document.querySelectorAll('a[href="/supervision/"]').forEach(link => {
      (link.closest('li') || link).remove();
    });
    hide();
    new MutationObserver(hide).observe(document.body, { childList: true, subtree: true });
  });
