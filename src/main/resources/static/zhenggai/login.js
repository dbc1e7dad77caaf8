// A link into Tasklist carries the task after "#", which the browser keeps on this page but does not send:
// hand it to the sign-in so that it opens the task afterwards.
document.getElementById('fragment').value = window.location.hash;
