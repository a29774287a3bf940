/* The quick-entry form: show only the areas and interventions of the chosen assignment.
   Without this script every option stays visible and the server checks the choice. */
(function () {
  "use strict";
  var form = document.querySelector("[data-log-form]");
  if (!form) { return; }
  var assignment = form.querySelector("select[name=assignment]");
  var dependent = [form.querySelector("select[name=area]"),
                   form.querySelector("select[name=intervention]")];
  if (!assignment) { return; }

  function update() {
    var chosen = assignment.value;
    dependent.forEach(function (select) {
      if (!select) { return; }
      var visible = [];
      Array.prototype.forEach.call(select.options, function (option) {
        var tags = option.getAttribute("data-opdracht");
        var show = !chosen || tags === null || (" " + tags + " ").indexOf(" " + chosen + " ") >= 0;
        option.hidden = !show;
        option.disabled = !show;
        if (show && option.value) { visible.push(option); }
      });
      var current = select.options[select.selectedIndex];
      if (current && current.disabled) {
        select.value = "";
      }
      // One area only: choose it, one thumb tap less.
      if (select.name === "area" && !select.value && visible.length === 1) {
        select.value = visible[0].value;
      }
    });
  }
  assignment.addEventListener("change", update);
  update();
})();
