/* The coordinator's timeout warning, after the GOV.UK pattern: a dialog shortly before the idle
   timeout, with a button that keeps the session alive. Without this file the service still
   keeps typed text across a new login (services/unsent.py). */
(function () {
  "use strict";
  var dialog = document.getElementById("timeout-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var idle = parseInt(dialog.getAttribute("data-idle-seconds"), 10) * 1000;
  var warn = parseInt(dialog.getAttribute("data-warn-seconds"), 10) * 1000;
  var left = dialog.querySelector("[data-timeout-left]");
  var lastActive = Date.now();
  var ticker = null;

  function describe(ms) {
    var minutes = Math.ceil(ms / 60000);
    if (ms > 60000) { return minutes + " minuter"; }
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    return seconds + (seconds === 1 ? " sekund" : " sekunder");
  }

  function check() {
    var remaining = idle - (Date.now() - lastActive);
    if (remaining <= warn && !dialog.open) {
      dialog.showModal();
    }
    if (dialog.open) {
      left.textContent = describe(remaining);
    }
  }

  function keepAlive() {
    var body = new FormData();
    body.append("csrf_token", dialog.getAttribute("data-csrf"));
    fetch(dialog.getAttribute("data-keep-alive"), {
      method: "POST", body: body, credentials: "same-origin"
    }).then(function (response) {
      if (response.ok) { lastActive = Date.now(); dialog.close(); }
    }).catch(function () { /* the form still keeps typed text across a new login */ });
  }

  dialog.querySelector("[data-timeout-continue]").addEventListener("click", keepAlive);
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); keepAlive(); });
  ticker = setInterval(check, 1000);
  check();
})();
