// Filters and search for the review page; works from a file, with no server.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var status = document.getElementById("status");
  var findings = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("tbody.group"));
  var files = Array.prototype.slice.call(document.querySelectorAll(".file"));
  var field = function (id) { return document.getElementById(id); };
  var lang = document.documentElement.lang || "da";
  var fold = function (text) { return text.toLocaleLowerCase(lang); };
  // A finding is found by its own words and by the lines shown around it.
  var texts = findings.map(function (row) {
    var detail = row.parentNode.querySelector("tr.detail");
    return fold(row.dataset.file + " " + row.textContent + " " + (detail ? detail.textContent : ""));
  });

  function apply() {
    var rule = field("filter-rule").value;
    var severity = field("filter-severity").value;
    var file = field("filter-file").value;
    var fix = field("filter-fix").value;
    var words = fold(field("filter-search").value).split(/\s+/).filter(Boolean);
    var shown = 0;
    findings.forEach(function (row, index) {
      var visible = (!rule || row.dataset.rule === rule) &&
        (!severity || row.dataset.severity === severity) &&
        (!file || row.dataset.file === file) &&
        (!fix || row.dataset.fix === fix) &&
        words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tr.finding:not([hidden])");
    });
    files.forEach(function (section) {
      section.hidden = !section.querySelector("tr.finding:not([hidden])");
    });
    status.textContent = status.dataset.template.replace("{shown}", shown);
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
