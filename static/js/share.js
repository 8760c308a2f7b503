// "Copy link": without JavaScript the page shows the address in a read-only field to copy by
// hand; with it, a button copies the address and says so.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-button]").forEach(function (button) {
    var box = button.closest(".share__copy");
    var field = box.querySelector("[data-copy-source]");
    var status = box.querySelector("[data-copy-status]");
    button.hidden = false;
    field.addEventListener("focus", function () { field.select(); });
    button.addEventListener("click", function () {
      var done = function () { status.textContent = button.getAttribute("data-copied-text"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select();
        });
      } else {
        field.select();
        try { if (document.execCommand("copy")) { done(); } } catch (e) { /* the field stays selected */ }
      }
    });
  });
})();
