// Copy buttons: <button class="copy-button" data-copy-from="INPUT_ID" data-copied-text="…"
// data-failed-text="…">. Copies the input's value and says so on the button for a moment;
// where the clipboard is not allowed, selects the text so it can be copied by hand.
//
// <form class="create-and-copy">: one click makes a review link and copies it. The form is
// posted asking for JSON; the answer's address goes to the clipboard (as a promise given to
// ClipboardItem, so browsers that want the copy inside the click allow it); then the page
// reloads and the new link's copy button says it was copied. Without this script the form
// posts as usual and the link is copied with its own button.
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

  var COPIED_KEY = "review-link-copied";

  function copyLater(textPromise) {
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      var blob = textPromise.then(function (text) {
        return new Blob([text], { type: "text/plain" });
      });
      return navigator.clipboard.write([new window.ClipboardItem({ "text/plain": blob })]);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return textPromise.then(function (text) {
        return navigator.clipboard.writeText(text);
      });
    }
    return Promise.reject(new Error("no clipboard"));
  }

  document.querySelectorAll("form.create-and-copy").forEach(function (form) {
    var button = form.querySelector("button");
    if (button && button.dataset.scriptText) {
      button.textContent = button.dataset.scriptText;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button) {
        button.disabled = true;
      }
      var answer = fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (data) {
          data.ok = response.ok;
          return data;
        });
      });
      var address = answer.then(function (data) {
        if (!data.ok || !data.url) {
          throw new Error("no link");
        }
        return data.url;
      });
      function goBack(copiedId) {
        answer.then(
          function (data) {
            if (copiedId) {
              window.sessionStorage.setItem(COPIED_KEY, String(copiedId));
            }
            var next = new URL(data.next, window.location.href);
            if (next.pathname === window.location.pathname && next.search === window.location.search) {
              window.location.hash = next.hash;
              window.location.reload();
            } else {
              window.location.assign(next.href);
            }
          },
          function () {
            form.submit();
          }
        );
      }
      copyLater(address).then(
        function () {
          answer.then(function (data) {
            goBack(data.id);
          });
        },
        function () {
          goBack(null);
        }
      );
    });
  });

  var copiedId = window.sessionStorage.getItem(COPIED_KEY);
  if (copiedId) {
    window.sessionStorage.removeItem(COPIED_KEY);
    var copiedButton = document.querySelector(
      '.copy-button[data-copy-from="review-link-' + copiedId + '"]'
    );
    if (copiedButton) {
      say(copiedButton, copiedButton.dataset.copiedText);
    }
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
