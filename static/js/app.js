/* Small behaviours every page may use, without inline script (the Content-Security-Policy allows
   scripts from our static files only):
     data-action="print"        a button that prints the page
     data-confirm="question"    a form (on submit) or a button (on click) that asks first
     data-autosubmit            a select that submits its form when changed */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("[data-action=print]")) {
      event.preventDefault();
      window.print();
      return;
    }
    var button = target.closest("button[data-confirm], input[data-confirm], a[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm") &&
        !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
})();
