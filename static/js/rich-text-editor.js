// The story body editor (portal and admin): django-prose-editor (ProseMirror), served from our own static files.
// It turns every <textarea data-rich-text> into an editor that keeps the textarea's value in sync,
// with only what the server's sanitizer keeps (wecitizens/html.py).
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Gapcursor, HardBreak, Heading, History,
  Italic, Link, ListItem, Menu, OrderedList, Paragraph, Text, createTextareaEditor,
} from "../django_prose_editor/editor.js";

const extensions = [
  Document, Paragraph, Text, HardBreak, History, Dropcursor, Gapcursor, Menu,
  Bold, Italic, Link, Blockquote, BulletList, OrderedList, ListItem,
  Heading.configure({ levels: [2, 3] }),
];

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

for (const textarea of document.querySelectorAll("textarea[data-rich-text]")) {
  const editor = createTextareaEditor(textarea, extensions);
  const root = textarea.closest(".prose-editor") || textarea.parentElement;
  relabel(root);
  // The menu redraws its parts (the block type shown, for one) as the cursor moves.
  new MutationObserver(() => relabel(root)).observe(root, { childList: true, subtree: true });
  editor.on("update", () => {
    textarea.value = editor.getHTML();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
  textarea.dataset.richTextReady = "1";
}
