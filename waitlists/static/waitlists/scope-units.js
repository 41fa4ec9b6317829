// The unit list follows the chosen clinic: only that clinic's units can be chosen, and a unit
// of another clinic is let go when the clinic changes (the server refuses the mix as well).
(function () {
  "use strict";
  document.querySelectorAll("select[data-follows-clinic]").forEach(function (units) {
    var clinic = units.form && units.form.elements.namedItem("clinic");
    if (!clinic) return;
    function follow() {
      units.querySelectorAll("optgroup[data-clinic]").forEach(function (group) {
        var own = group.dataset.clinic === clinic.value;
        group.hidden = !own;
        group.disabled = !own;
      });
      var chosen = units.selectedOptions[0];
      if (chosen && chosen.parentElement.disabled) units.value = "";
    }
    clinic.addEventListener("change", follow);
    follow();
  });
})();
