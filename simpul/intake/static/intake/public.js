/* Public portal: in-portal links that do not add history entries, and the optional proof-of-work.
   The quick exit itself is simpul/quickexit.js (every public page). Everything works without this file. */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("a[data-replace]");
    if (!el) return;
    ev.preventDefault();
    window.location.replace(el.href);
  });
  var form = document.querySelector("form[data-pow-bits]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var bits = parseInt(form.getAttribute("data-pow-bits"), 10) || 0;
  var done = false, busy = false;
  function ok(buf) {
    var b = new Uint8Array(buf), need = bits, i = 0;
    while (need > 0) {
      if (need >= 8) { if (b[i] !== 0) return false; need -= 8; i += 1; }
      else { return (b[i] >> (8 - need)) === 0; }
    }
    return true;
  }
  form.addEventListener("submit", function (ev) {
    if (done || bits <= 0) return;
    ev.preventDefault();
    if (busy) return;
    busy = true;
    var challenge = form.querySelector("input[name=pow_challenge]").value;
    var out = form.querySelector("input[name=pow_nonce]");
    var enc = new TextEncoder(), n = 0;
    function step() {
      window.crypto.subtle.digest("SHA-256", enc.encode(challenge + n)).then(function (h) {
        if (ok(h)) { out.value = String(n); done = true; form.submit(); }
        else { n += 1; step(); }
      });
    }
    step();
  });
})();
