// Reception pages: filter the concern checkboxes as you type; print buttons.
(function () {
  "use strict";
  document.querySelectorAll("[data-filterable]").forEach(function (box) {
    var input = box.querySelector("[data-filter-input]");
    if (!input) return;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      box.querySelectorAll("[data-filter-item]").forEach(function (item) {
        var text = item.getAttribute("data-filter-text");
        var checked = item.querySelector("input").checked;
        // One character is a team letter; more is part of a concern's name.
        var match = query.length === 1 ? text.charAt(0) === query : text.indexOf(query) !== -1;
        item.hidden = query !== "" && !checked && !match;
      });
      box.querySelectorAll(".mia-concern-team").forEach(function (team) {
        team.hidden = !team.querySelector("[data-filter-item]:not([hidden])");
      });
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
