// The story body editor (portal and admin): django-prose-editor (ProseMirror), served from our own static files.
// It turns every <textarea data-rich-text> into an editor that keeps the textarea's value in sync,
// with only what the server's sanitizer keeps (core/html.py).
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Editor, Gapcursor, HardBreak, Heading,
  History, Image, Italic, Link, ListItem, Menu, OrderedList, Paragraph, Text, crel,
} from "../django_prose_editor/editor.js";

const extensions = [
  Document, Paragraph, Text, HardBreak, History, Dropcursor, Gapcursor, Menu,
  Bold, Italic, Link, Blockquote, BulletList, OrderedList, ListItem,
  Heading.configure({ levels: [2, 3] }),
  // Pictures uploaded into the text (StoryImage); the server keeps only our own media URLs.
  Image,
];

// django-prose-editor's createTextareaEditor, except that Tiptap does not add its base styles
// as an inline <style> element, which the Content Security Policy refuses (style-src 'self'):
// static/css/rich-text-editor.css serves them instead.
function createTextareaEditor(textarea) {
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` });
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
  });
}

// The editor writes some menu labels and tooltips in English without asking gettext; ours
// say them in the page's language (Thai from the djangojs catalogue, loaded by the widget).
const gettext = window.gettext || ((text) => text);
const LABELS = {
  "bold": "Bold",
  "italic": "Italic",
  "insert link": "Link",
  "remove link": "Remove link",
  "blockquote": "Quotation",
  "unordered list": "Bulleted list",
  "ordered list": "Numbered list",
  "undo": "Undo",
  "redo": "Redo",
  "paragraph": "Paragraph",
  "Paragraph": "Paragraph",
  "heading 2": "Heading 2",
  "heading 3": "Heading 3",
  "Heading 2": "Heading 2",
  "Heading 3": "Heading 3",
};

function relabel(root) {
  for (const element of root.querySelectorAll("[title], [aria-label]")) {
    for (const name of ["title", "aria-label"]) {
      const label = LABELS[element.getAttribute(name)];
      if (label) element.setAttribute(name, gettext(label));
    }
  }
  for (const element of root.querySelectorAll(".prose-menubar__option *, .prose-menubar__selected *")) {
    const label = LABELS[element.textContent];
    if (label && element.children.length === 0) element.textContent = gettext(label);
  }
}

// An empty editor still holds an empty paragraph: the textarea then says nothing at all.
const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function csrfToken(element) {
  const input = element.closest("form")?.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

// The picture uploader under a body field (templates/portal/body_image_upload.html): the
// picture goes to the server first (core.images checks and re-encodes it), then its URL
// goes into the text.
function setUpImageUpload(control, editor) {
  const file = control.querySelector("[data-body-image-file]");
  const alt = control.querySelector("[data-body-image-alt]");
  const button = control.querySelector("[data-body-image-insert]");
  const error = control.querySelector("[data-body-image-error]");
  const status = control.querySelector("[data-body-image-status]");
  const say = (element, text) => {
    element.textContent = text;
    element.hidden = !text;
  };
  button.addEventListener("click", async () => {
    say(error, "");
    say(status, "");
    if (!file.files.length) {
      say(error, control.dataset.needFile);
      return;
    }
    const data = new FormData();
    data.append("image", file.files[0]);
    data.append("alt", alt.value);
    button.disabled = true;
    say(status, control.dataset.uploading);
    try {
      const response = await fetch(control.dataset.url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(control) },
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        say(status, "");
        say(error, answer.error || control.dataset.failed);
        return;
      }
      editor.chain().focus().setImage({ src: answer.url, alt: answer.alt }).run();
      file.value = "";
      alt.value = "";
      say(status, control.dataset.inserted);
    } catch {
      say(status, "");
      say(error, control.dataset.failed);
    } finally {
      button.disabled = false;
    }
  });
  control.hidden = false;
}

for (const textarea of document.querySelectorAll("textarea[data-rich-text]")) {
  const editor = createTextareaEditor(textarea);
  const root = textarea.closest(".prose-editor") || textarea.parentElement;
  relabel(root);
  // The menu redraws its parts (the block type shown, for one) as the cursor moves.
  new MutationObserver(() => relabel(root)).observe(root, { childList: true, subtree: true });
  editor.on("update", () => {
    const html = editor.getHTML();
    textarea.value = EMPTY.test(html) ? "" : html;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
  const upload = document.querySelector(`[data-body-image][data-for="${textarea.id}"]`);
  if (upload) setUpImageUpload(upload, editor);
  textarea.dataset.richTextReady = "1";
}
