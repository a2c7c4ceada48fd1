/* Progressive enhancement for the Norrsken forms. Everything works without this file:
   - character counters on text areas,
   - showing conditional questions only when they apply,
   - live de-identification hints while typing (the server check on submit stays the authority),
   - moving focus to the error summary. */
(function () {
  "use strict";

  function counter(textarea) {
    var max = parseInt(textarea.getAttribute("data-maxlength"), 10);
    var output = document.getElementById(textarea.id + "-count");
    if (!max || !output) { return; }
    output.setAttribute("aria-live", "polite");
    function update() {
      var left = max - textarea.value.length;
      output.textContent = left >= 0
        ? "Du har " + left + " tecken kvar."
        : "Du har " + (-left) + " tecken för mycket.";
      output.classList.toggle("counter--over", left < 0);
    }
    textarea.addEventListener("input", update);
    update();
  }

  function conditional(group) {
    var rule = group.getAttribute("data-conditional").split("=");
    var form = group.closest("form");
    // The question now appears only when it applies, so "(om …)" in its label is not needed.
    group.querySelectorAll(".condition-note").forEach(function (note) { note.hidden = true; });
    function update() {
      var inputs = form.querySelectorAll("[name='" + rule[0] + "']");
      var value = null;
      inputs.forEach(function (input) {
        if ((input.type === "radio" && input.checked) || input.tagName === "SELECT") { value = input.value; }
      });
      var hasError = group.classList.contains("form-group--error");
      group.hidden = value !== rule[1] && !hasError;
    }
    form.addEventListener("change", update);
    update();
  }

  function liveHints(field) {
    var box = document.getElementById(field.id + "-live");
    var form = field.closest("form");
    var token = form.querySelector("input[name='csrf_token']");
    if (!box || !token || !window.fetch) { return; }
    var timer = null;
    var lastSent = null;

    function render(findings) {
      box.textContent = "";
      if (!findings.length) { return; }
      var intro = document.createElement("p");
      intro.className = "hint";
      intro.textContent = "Tjänsten hittade något som kan identifiera personen:";
      box.appendChild(intro);
      var list = document.createElement("ul");
      list.className = "findings";
      findings.forEach(function (finding) {
        var item = document.createElement("li");
        item.className = "finding" + (finding.severity === "warn" ? " finding--warn" : "");
        var strong = document.createElement("strong");
        strong.textContent = finding.label + ": ";
        var mark = document.createElement("mark");
        mark.textContent = finding.text;
        item.appendChild(strong);
        item.appendChild(mark);
        item.appendChild(document.createTextNode(" – " + finding.message));
        list.appendChild(item);
      });
      box.appendChild(list);
    }

    function check() {
      if (field.value === lastSent) { return; }
      lastSent = field.value;
      var body = new FormData();
      body.append("csrf_token", token.value);
      body.append("text", field.value);
      fetch("/formular/granska", { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { findings: [] }; })
        .then(function (data) { render(data.findings || []); })
        .catch(function () { /* the server check on submit still applies */ });
    }

    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 700);
    });
    field.addEventListener("blur", check);
  }

  document.querySelectorAll("textarea[data-maxlength]").forEach(counter);
  document.querySelectorAll("[data-conditional]").forEach(conditional);
  document.querySelectorAll("[data-guard]").forEach(liveHints);
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
