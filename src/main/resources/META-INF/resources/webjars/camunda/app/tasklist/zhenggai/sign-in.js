// The product signs people in on its own page (/login), for all of Camunda's applications at once.
// When an application shows its own login view (after "log out", or when the session has ended),
// go to the product's sign-in page instead.
const signIn = () => {
  if (window.location.hash.startsWith('#/login') || window.location.hash.startsWith('#!/login')) {
    window.location.replace('/login?logout');
  }
};
window.addEventListener('hashchange', signIn);
signIn();
