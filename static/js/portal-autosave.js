// Keeps a copy of a form in this browser (localStorage) while it is being typed, so a dropped
// phone connection or a closed tab loses nothing. The copy is removed once the server shows
// the same text; when the server has older text, the copy is put back into the form.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.localStorage) return;
  var prefix = "wecitizens:autosave:";
  var key = prefix + form.getAttribute("data-autosave");
  var serverSaved = form.getAttribute("data-autosave-saved") !== "";
  var notice = document.querySelector("[data-autosave-notice]");

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
  function load(k) {
    try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; }
  }

  var current = snapshot();
  if (serverSaved) {
    // A new story, once saved, lives under its own key: the "new" copy is done with.
    var fresh = load(prefix + "story-new");
    if (fresh && same(fresh.fields, current)) localStorage.removeItem(prefix + "story-new");
  }
  var stored = load(key);
  if (stored && stored.fields) {
    if (same(stored.fields, current)) {
      localStorage.removeItem(key);
    } else if (serverSaved || form.getAttribute("data-autosave") === "story-new") {
      fields().forEach(function (el) {
        if (Object.prototype.hasOwnProperty.call(stored.fields, el.name)) write(el, stored.fields[el.name]);
      });
      if (notice) notice.hidden = false;
    }
  }
  if (notice) {
    var discard = notice.querySelector("[data-autosave-discard]");
    if (discard) discard.addEventListener("click", function () {
      localStorage.removeItem(key);
      window.location.reload();
    });
  }

  var last = JSON.stringify(snapshot());
  function save() {
    var data = snapshot();
    var text = JSON.stringify(data);
    if (text === last) return;
    last = text;
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), fields: data }));
    } catch (e) { /* storage full or disabled: nothing more to do */ }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
  window.setInterval(save, 3000);
})();
