// Keeps a copy of a story form in this browser (localStorage) while it is being typed, so a
// dropped phone connection or a closed tab loses nothing.
//
// - The copy belongs to one user and one story: the form names its key (an opaque id of the
//   account, never the username, and the story's id or "new"), so whoever uses the browser
//   next never sees it.
// - The server says when copies are done with: after a save or a submission (that story's
//   copies) and after logging out (every copy), the next portal page lists them in
//   data-autosave-clear and they are removed here.
// - A copy remembers the server's version of the story it was typed on. Opened again on that
//   same version, the copy is put back (nothing newer on the server is lost). If the story was
//   saved since, by staff or elsewhere, the form keeps the server's text and only offers the
//   unsaved copy: "Restore my unsaved text" or "Discard".
(function () {
  "use strict";
  var storage;
  try { storage = window.localStorage; } catch (e) { return; }
  if (!storage) return;
  var prefix = "wecitizens:autosave:";

  function ownKeys() {
    var keys = [];
    for (var i = 0; i < storage.length; i++) {
      var k = storage.key(i);
      if (k && k.indexOf(prefix) === 0) keys.push(k);
    }
    return keys;
  }

  // Copies the server has, or that belonged to the user who logged out.
  var portal = document.querySelector("[data-autosave-clear]");
  var clear = portal ? portal.getAttribute("data-autosave-clear").split(/\s+/).filter(Boolean) : [];
  ownKeys().forEach(function (k) {
    // Keys of the old shared form ("story-new", "story-12") named no user: never read them.
    var old = k.indexOf(prefix + "story-") === 0;
    if (old || clear.indexOf("*") >= 0 || clear.indexOf(k.slice(prefix.length)) >= 0) {
      storage.removeItem(k);
    }
  });

  var form = document.querySelector("form[data-autosave]");
  if (!form || !form.getAttribute("data-autosave")) return;
  var key = prefix + form.getAttribute("data-autosave");
  var version = form.getAttribute("data-autosave-version") || "";
  var showsServerText = form.getAttribute("data-autosave-server") === "1";
  var isNew = /:story-new$/.test(key);
  var restoredNotice = document.querySelector("[data-autosave-notice]");
  var offer = document.querySelector("[data-autosave-offer]");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" &&
        el.type !== "submit" && el.type !== "button" && el.type !== "hidden";
    });
  }
  function plain(value) {
    // Rich text is compared by its words: the server's sanitizer may reformat the markup.
    var doc = new DOMParser().parseFromString(value || "", "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
  }
  function read(el) {
    if (el.type === "checkbox" || el.type === "radio") return el.checked;
    if (el.multiple) return Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
    return el.value;
  }
  function write(el, value) {
    if (el.type === "checkbox" || el.type === "radio") { el.checked = !!value; return; }
    if (el.multiple && Array.isArray(value)) {
      Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) >= 0; });
      return;
    }
    el.value = value;
  }
  function snapshot() {
    var data = {};
    fields().forEach(function (el) { data[el.name] = read(el); });
    return data;
  }
  function same(a, b) {
    return Object.keys(a).every(function (name) {
      var x = a[name], y = b[name];
      if (typeof x === "string" && typeof y === "string") return plain(x) === plain(y);
      return JSON.stringify(x) === JSON.stringify(y);
    });
  }
  function load() {
    try { return JSON.parse(storage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function putBack(stored) {
    fields().forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(stored.fields, el.name)) write(el, stored.fields[el.name]);
    });
  }

  // While an offer is open the unsaved copy is kept as it is: typing does not replace it.
  var offerOpen = false;
  var restored = false;
  var stored = load();
  if (stored && stored.fields) {
    if (same(stored.fields, snapshot())) {
      storage.removeItem(key);
    } else if (isNew || (showsServerText && stored.version === version)) {
      // Nothing on the server is newer than what the copy was typed on.
      putBack(stored);
      restored = true;
      if (restoredNotice) restoredNotice.hidden = false;
    } else if (showsServerText && offer) {
      offerOpen = true;
      offer.hidden = false;
    }
    // A form sent back with errors shows what was just typed: the copy simply goes on.
  }

  var last = JSON.stringify(snapshot());
  function save() {
    if (offerOpen) return;
    var data = snapshot();
    var text = JSON.stringify(data);
    if (text === last) return;
    last = text;
    try {
      storage.setItem(key, JSON.stringify({ savedAt: Date.now(), version: version, fields: data }));
    } catch (e) { /* storage full or disabled: nothing more to do */ }
  }

  if (offer) {
    var restore = offer.querySelector("[data-autosave-restore]");
    if (restore) restore.addEventListener("click", function () {
      var copy = load();
      if (copy && copy.fields) putBack(copy);
      offerOpen = false;
      offer.hidden = true;
      last = "";
      save();  // the copy now rests on the server's version the form came with
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-autosave-discard]"), function (button) {
    button.addEventListener("click", function () {
      storage.removeItem(key);
      if (restored) { window.location.reload(); return; }
      offerOpen = false;
      if (offer) offer.hidden = true;
      last = JSON.stringify(snapshot());
    });
  });

  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
  window.setInterval(save, 3000);
})();
