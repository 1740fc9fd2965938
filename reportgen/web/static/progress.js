// Poll the job's progress and reload when it is finished. Without JavaScript the page
// refreshes itself instead (a <noscript> meta refresh), so this is only a nicety.
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-progress-url");
  var bar = document.getElementById("build-progress");
  var stage = document.getElementById("progress-stage");
  var lastText = stage ? stage.textContent : "";
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
          return;
        }
        if (bar) { bar.value = data.percent; bar.textContent = data.percent + "%"; }
        var text = data.stage + ".";
        if (stage && text !== lastText) { stage.textContent = text; lastText = text; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(function () { window.location.reload(); }, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
