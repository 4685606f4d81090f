/* Quick exit ("Keluar cepat") on public pages. Without this file the button is a plain link to the
   neutral page. With it: what was typed is wiped (fields emptied, page emptied, so neither the
   back-forward cache nor the screen keeps it), then location.replace() puts the neutral page in
   place of the current history entry, so Back does not return here. Esc pressed twice within
   1.5 s does the same, also inside a text field (one Esc is too easy to press by accident and
   closes pickers; two are quick in a hurry). What it cannot do: see docs/security.md. */
(function () {
  "use strict";
  var ESC_WINDOW_MS = 1500;
  var lastEsc = 0;
  var leftTo = null;

  function target() {
    var link = document.querySelector("a[data-quick-exit]");
    return link ? link.href : null;
  }

  function clearFields() {
    var fields = document.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i += 1) {
      var el = fields[i];
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      else if (el.tagName === "SELECT") el.selectedIndex = -1;
      else if (!/^(hidden|submit|button|reset|image)$/.test(el.type)) el.value = "";
    }
  }

  function wipe() {
    clearFields();  // and below: the whole page, hidden fields (the status page's token) included
    try { window.sessionStorage.clear(); } catch (e) { /* storage disabled */ }
    if (document.body) document.body.innerHTML = "";
  }

  function leave(href) {
    leftTo = href;
    wipe();
    window.location.replace(href);
  }

  var hint = document.getElementById("exit-esc");
  if (hint) hint.hidden = false;

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[data-quick-exit]");
    if (!link) return;
    ev.preventDefault();
    leave(link.href);
  });

  document.addEventListener("keydown", function (ev) {
    if ((ev.key !== "Escape" && ev.key !== "Esc") || ev.isComposing || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var href = target();
    if (!href) return;
    var now = Date.now();
    if (now - lastEsc <= ESC_WINDOW_MS) {
      ev.preventDefault();
      leave(href);
    } else {
      lastEsc = now;
    }
  }, true);

  // Any page put into the back-forward cache (e.g. the form just submitted) keeps nothing typed:
  // Back then shows it empty, as a page served again would be (no-store, autocomplete="off").
  window.addEventListener("pagehide", function (ev) {
    if (ev.persisted) clearFields();
  });

  // Shown again from the back-forward cache after a quick exit (the page is already empty): leave again.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted && leftTo) window.location.replace(leftTo);
  });
})();
