/* The duty form: show only the parameters of the chosen cadence and the owner field of the chosen kind. */
(function () {
  "use strict";
  var form = document.getElementById("duty-form");
  if (!form) return;
  function sync() {
    var cadence = form.querySelector("[name=cadence]").value;
    form.querySelectorAll("[data-for]").forEach(function (el) { el.hidden = !el.dataset.for.split(" ").includes(cadence); });
    var kind = form.querySelector("[name=owner_kind]").value;
    form.querySelectorAll("[data-owner]").forEach(function (el) { el.hidden = el.dataset.owner !== kind; });
  }
  form.addEventListener("change", sync);
  sync();
})();
