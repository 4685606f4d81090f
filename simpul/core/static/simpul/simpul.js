/* Simpul: small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";
  // Parts that only work with JavaScript (e.g. the region type-ahead) are shown from here on.
  document.documentElement.classList.add("js");
  // Region type-ahead: clicking a result fills the hidden code input and the visible label.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest("[data-region-code]");
    if (!btn) return;
    var target = btn.getAttribute("data-target");
    var input = document.querySelector('input[name="' + target + '"]');
    var label = document.getElementById(target + "-label");
    if (input) input.value = btn.getAttribute("data-region-code");
    if (label) label.textContent = btn.getAttribute("data-region-label");
    var list = document.getElementById(target + "-results");
    if (list) list.innerHTML = "";
  });
})();
