// Pickers (people, cases, sources, places, organisations): typing in a picker's "find" box asks /pickers/{kind}?q=…
// after a short pause and shows the matches as the same radio buttons or check boxes the "find" button brings back,
// without sending the form. What is ticked stays; Enter in the box looks at once instead of saving the form.
// Without this script the "find" button does the same by a round trip (Records/Pickers/RecordPicker.cs).
"use strict";
(function () {
  var delay = 200;

  function setUp(picker) {
    var box = picker.querySelector("input[type=search]");
    if (!box) { return; }
    var kind = picker.getAttribute("data-picker");
    var field = picker.getAttribute("data-picker-field");
    var multiple = picker.getAttribute("data-picker-multiple") === "true";
    var timer = null;
    var asked = 0;

    function choices() {
      return Array.prototype.filter.call(picker.querySelectorAll("input"), function (input) {
        return input.name === field && (input.type === "radio" || input.type === "checkbox");
      });
    }

    function status() {
      var line = null;
      Array.prototype.forEach.call(picker.children, function (child) {
        if (child.getAttribute("role") === "status") { line = child; }
      });
      if (!line) {
        line = document.createElement("p");
        line.className = "hint";
        line.setAttribute("role", "status");
        picker.insertBefore(line, box.closest(".filters") || box.parentNode);
      }
      return line;
    }

    function show(answer) {
      var kept = {};
      choices().forEach(function (input) {
        if (input.checked || input.value === "") {
          kept[input.value] = true;
        } else {
          input.closest("label").remove();
        }
      });
      var line = status();
      answer.items.forEach(function (item) {
        if (kept[item.id]) { return; }
        var label = document.createElement("label");
        label.className = "plain";
        var input = document.createElement("input");
        input.type = multiple ? "checkbox" : "radio";
        input.name = field;
        input.value = item.id;
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + item.label));
        picker.insertBefore(label, line);
      });
      line.textContent = answer.status;
    }

    function look() {
      var q = box.value.trim();
      if (q.length === 0) { return; }
      var ticket = ++asked;
      fetch("/pickers/" + encodeURIComponent(kind) + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (answer && ticket === asked) { show(answer); }
        })
        .catch(function () { /* the "find" button still works */ });
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(look, delay);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        look();
      }
    });
    picker.setAttribute("data-picker-ready", "true");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
