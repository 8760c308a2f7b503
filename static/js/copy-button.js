// Copy buttons: <button class="copy-button" data-copy-from="INPUT_ID" data-copied-text="…"
// data-failed-text="…">. Copies the input's value and says so on the button for a moment;
// where the clipboard is not allowed, selects the text so it can be copied by hand.
(function () {
  "use strict";

  function say(button, text) {
    var original = button.dataset.originalText || button.textContent;
    button.dataset.originalText = original;
    button.textContent = text;
    button.classList.add("copy-button--done");
    window.clearTimeout(button.copyTimer);
    button.copyTimer = window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove("copy-button--done");
    }, 4000);
  }

  function selectByHand(button, input) {
    input.focus();
    input.select();
    say(button, button.dataset.failedText);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".copy-button");
    if (!button) {
      return;
    }
    var input = document.getElementById(button.dataset.copyFrom);
    if (!input) {
      return;
    }
    if (!navigator.clipboard || !window.isSecureContext) {
      input.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      if (copied) {
        say(button, button.dataset.copiedText);
      } else {
        selectByHand(button, input);
      }
      return;
    }
    navigator.clipboard.writeText(input.value).then(
      function () {
        say(button, button.dataset.copiedText);
      },
      function () {
        selectByHand(button, input);
      }
    );
  });
})();
