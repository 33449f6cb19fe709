// Behaviour of the pages. The Content-Security-Policy allows no inline script and no on…= handler:
// templates mark elements with data attributes and this file listens for them.

// A form marked data-confirm asks first («Удалить …?»); declined, nothing is sent.
// A submitted form disables its buttons, so a double click sends it once.
// The server also refuses the repeat (submit tokens); this only spares the user a second wait.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitted === "1") { event.preventDefault(); return; }
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  setTimeout(function () {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});

// A select marked data-autosubmit sends its form on change (the programme switch of the bases).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) { field.form.requestSubmit(); }
});
