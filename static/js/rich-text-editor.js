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

for (const textarea of document.querySelectorAll("textarea[data-rich-text]")) {
  const editor = createTextareaEditor(textarea, extensions);
  editor.on("update", () => {
    textarea.value = editor.getHTML();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });
  textarea.dataset.richTextReady = "1";
}
