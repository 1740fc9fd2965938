// Move focus to the error summary so screen reader users hear what went wrong first.
(function () {
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
})();
