// The round page: a problem's "原文" button finds its sentence in the source beside the list; a sentence clicked finds
// its problem; buttons that change much ask first; a file over the upload limit is stopped before it is sent.
(function () {
  'use strict';

  function mark(number) {
    var found = null;
    document.querySelectorAll('#speech mark').forEach(function (m) {
      var hit = m.getAttribute('data-problem') === number;
      m.classList.toggle('active', hit);
      if (hit && !found) {
        found = m;
      }
    });
    return found;
  }

  function problem(number) {
    var found = null;
    document.querySelectorAll('.problem').forEach(function (p) {
      var hit = p.getAttribute('data-problem') === number;
      p.classList.toggle('active', hit);
      if (hit && !found) {
        found = p;
      }
    });
    return found;
  }

  document.querySelectorAll('.show-source').forEach(function (button) {
    button.addEventListener('click', function () {
      var number = button.getAttribute('data-problem');
      problem(number);
      var sentence = mark(number);
      if (sentence) {
        sentence.scrollIntoView({block: 'center'});
      }
    });
  });

  document.querySelectorAll('#speech mark').forEach(function (m) {
    m.addEventListener('click', function () {
      var number = m.getAttribute('data-problem');
      mark(number);
      var target = problem(number);
      if (target) {
        target.scrollIntoView({block: 'start'});
      }
    });
  });

  document.querySelectorAll('[data-confirm]').forEach(function (button) {
    button.addEventListener('click', function (event) {
      if (!window.confirm(button.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });

  document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
    var message = document.getElementById('file-too-large');
    input.addEventListener('change', function () {
      var tooLarge = input.files.length > 0 && input.files[0].size > Number(input.getAttribute('data-max-bytes'));
      var text = tooLarge ? '“' + input.files[0].name + '”' + input.getAttribute('data-too-large') : '';
      input.setCustomValidity(text);
      if (message) {
        message.textContent = text;
        message.hidden = !tooLarge;
      }
    });
  });
})();
