"""Line breaks between Thai words, never inside one, for text shown as HTML.

Browsers find Thai line breaks with their own dictionary, which knows neither the people and
places of the site nor many compounds: Chromium breaks "ดร.ชัญญา|รินทร์", "ต่อย|อด",
"อัต|ลักษณ์". So the server segments Thai text (PyThaiNLP newmm, with a dictionary that adds
every name on the site) and marks where a line may break: each run of Thai text (between spaces)
becomes

    <span class="th-words">ต่อยอด<wbr>การ<wbr>เรียนรู้</span>

and the stylesheet gives `.th-words` `white-space: nowrap`. `base.html` applies the
`word_breaks` filter to its whole content block and footer, so every page's titles, cards,
bodies, names and interface text are marked without each template having to remember it.
Measured in Chromium 156: inside nowrap text it breaks at a `<wbr>` and nowhere else, while
`word-break: keep-all` and `line-break: strict` change nothing for Thai. Neither `<wbr>` nor a
span is a character, so copying the text gives it unchanged. Only HTML shown to readers is
marked, by the `word_breaks` template filter: what is stored, indexed, fed and described (meta,
JSON-LD, API) stays plain.

Cost (bench/thai_line_breaks.py, the story page, CPU per render on the loaded 2-core machine):
9.6 ms unmarked, 9.5 ms marked and warm (the marked block is found by the hash of its HTML and
of the names dictionary, in the process and in the shared cache), 14.5 ms after a name changed
(every text segmented again, ~266k characters/s), and 565 ms once per process for the trie of
PyThaiNLP's words (built before gunicorn forks). No SQL query is added. A page whose HTML
changes on every request (a form's CSRF token) misses the block cache each time but finds each
of its text nodes marked already in the process. The dictionary of names lives in the shared
cache, written once the transaction that changed a content model declaring names
(`SearchFields.names`) commits, however many of its rows it saved, so rendering never queries
for it (except after the cache was cleared). A process reads the names' digest from the cache
at most once every NAMES_CHECK_SECONDS; the process that changed a name reads it once its
change is committed.
"""

import hashlib
import html as html_entities
import itertools
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from html.parser import HTMLParser

from django.conf import settings
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from core.content import content_models, content_role
from core.transactions import on_commit_once

WORDS_CLASS = "th-words"
NAMES_KEY = "wc:thai-names"
MARKED_KEY = "wc:thai-breaks:{}"
MARKED_TIMEOUT = 30 * 24 * 3600
NAMES_CHECK_SECONDS = 2.0
LOCAL_ENTRIES = 4096
# Characters: about 250 px of 16 px Sarabun, under the 288 px a 320 px screen leaves for text.
LONGEST_JOINED_NAME = 20

THAI_LETTER = re.compile("[\u0e01-\u0e5b]")
WHITESPACE = re.compile(r"(\s+)")
ABBREVIATION = re.compile("(?:[\u0e01-\u0e4e]{1,4}\\.)+")
# Text in these elements is shown as written: code, and text that is not text.
VERBATIM = frozenset(
    {"code", "pre", "kbd", "samp", "script", "style", "svg", "math", "template"}
    | {"textarea", "select", "option", "optgroup", "datalist", "title"}
)
RAW_TEXT = frozenset({"script", "style"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"}
    | {"wbr"}
)
THAI_START = re.compile("[\u0e01-\u0e5b]")
THAI_END = re.compile("[\u0e01-\u0e5b]$")
# Elements that start a new line: text on either side of them is never one word.
BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br"}
    | {"section", "article", "aside", "header", "footer", "nav", "main", "figure", "figcaption"}
    | {"blockquote", "table", "tr", "td", "th", "hr", "form", "label", "button", "details"}
    | {"summary", "fieldset", "legend", "img", "picture", "input"}
)
OPENING = frozenset("([{“‘«\"'")

_lock = threading.Lock()
_memo_lock = threading.Lock()
_state = {"digest": None, "names": frozenset(), "trie": None, "checked_at": 0.0}
_local = OrderedDict()
_texts = OrderedDict()


# The names dictionary ------------------------------------------------------------------------


def site_names():
    """The Thai names on the site, each as readers see it whole: every name a content model
    declares (`SearchFields.names`), its words, and its title fields written together (an
    honorific against the name: ดร.ชัญญารินทร์)."""
    names = set()
    for model in content_models():
        fields = content_role(model).search_fields
        if fields is None or not fields.names:
            continue
        columns = _thai_columns(model, dict.fromkeys((*fields.names, *fields.title)))
        titles = [_thai_columns(model, fields.title)[name] for name in fields.title]
        for row in model.objects.values(*columns.values()):
            for name in fields.names:
                names.update(_pieces(row[columns[name]]))
            title_pieces = [(row[column] or "").split() for column in titles]
            joined = [pieces for pieces in title_pieces if pieces]
            for before, after in itertools.pairwise(joined):
                names.add(before[-1] + after[0])
    return sorted(name for name in names if THAI_LETTER.search(name))


def _thai_columns(model, fields):
    """The column holding each field's Thai text (`name_th` for a translated `name`)."""
    own = {field.name for field in model._meta.concrete_fields}
    return {name: f"{name}_th" if f"{name}_th" in own else name for name in fields}


def _pieces(value):
    """A name's words, and the name written without its spaces when that is short enough to
    fit a narrow screen's line unbroken."""
    words = (value or "").split()
    joined = "".join(words)
    return [*words, joined] if len(words) > 1 and len(joined) <= LONGEST_JOINED_NAME else words


def store_names(names=None):
    """Write the names dictionary to the shared cache, and use it in this process at once."""
    names = site_names() if names is None else names
    digest = hashlib.blake2b("\n".join(names).encode(), digest_size=8).hexdigest()
    cache.set(NAMES_KEY, (digest, names), timeout=None)
    recheck_names()
    return digest


def recheck_names():
    """Read the names' digest from the shared cache on this process's next render, not up to
    NAMES_CHECK_SECONDS later: after the names were stored, or the cache was cleared."""
    _state["checked_at"] = 0.0


def names_changed(sender, schema_is_current=True, **kwargs):
    """Receives `core.content.changed`: a model with names changed, so the dictionary may."""
    role = content_role(sender)
    if role is None or role.search_fields is None or not role.search_fields.names:
        return
    if not schema_is_current:  # a migration: the tables may be incomplete; rebuild on use
        cache.delete(NAMES_KEY)
        recheck_names()
        return
    # Once its transaction commits: until then other processes must not see its names (it may
    # be rolled back), and an import that saves many rows reads the names once.
    on_commit_once(store_names)


def dictionary():
    """The current (digest, trie) to segment with: PyThaiNLP's words and the site's names."""
    now = time.monotonic()
    if _state["trie"] is not None and now - _state["checked_at"] < NAMES_CHECK_SECONDS:
        return _state["digest"], _state["trie"]
    stored = cache.get(NAMES_KEY)
    if stored is None:
        store_names()
        stored = cache.get(NAMES_KEY)
    digest, names = stored
    with _lock:
        if _state["trie"] is None:
            _state["trie"] = _base_trie()
        if digest != _state["digest"]:
            _update_trie(_state["trie"], _state["names"], frozenset(names))
            _state["names"] = frozenset(names)
            _state["digest"] = digest
        _state["checked_at"] = now
    return _state["digest"], _state["trie"]


def _base_trie():
    from pythainlp.corpus.common import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


def _update_trie(trie, old_names, new_names):
    """Add the new names and take out the old ones PyThaiNLP's own words do not hold."""
    from pythainlp.corpus.common import thai_words

    base = thai_words()
    for name in old_names - new_names:
        if name not in base:
            trie.remove(name)
    for name in new_names - old_names:
        trie.add(name)


def preload():
    """Build the trie of PyThaiNLP's words now rather than on the first request (0.3-1.3 s);
    needs no database: the names are added on first use."""
    with _lock:
        if _state["trie"] is None:
            _state["trie"] = _base_trie()


# Marking -------------------------------------------------------------------------------------


def word_breaks(value):
    """`value` as HTML with its Thai text marked to break only between words.

    Text that is not safe HTML is escaped first; safe HTML keeps its markup and attributes:
    only text outside code, pre and already marked runs is segmented. Applying it twice gives
    the same HTML.
    """
    if value is None:
        return ""
    html = str(value) if isinstance(value, SafeData) else str(escape(value))
    if not settings.WECITIZENS_THAI_WORD_BREAKS or not THAI_LETTER.search(html):
        return mark_safe(html)
    digest, trie = dictionary()
    key = hashlib.blake2b(f"{digest}\0{html}".encode(), digest_size=16).hexdigest()
    marked = _recall(_local, key)
    if marked is None:
        marked = cache.get(MARKED_KEY.format(key))
        if marked is None:
            marked = mark_html(html, trie)
            cache.set(MARKED_KEY.format(key), marked, timeout=MARKED_TIMEOUT)
        _remember(_local, key, marked, LOCAL_ENTRIES)
    return mark_safe(marked)


def mark_html(html, trie):
    marker = _Marker(trie)
    marker.feed(html)
    marker.close()
    return "".join(marker.out)


def _marked_text(text, trie):
    """mark_text, remembered in this process: a page's text nodes recur across renders."""
    key = (_state["digest"], text)
    marked = _recall(_texts, key)
    if marked is None:
        marked = mark_text(text, trie)
        _remember(_texts, key, marked, LOCAL_ENTRIES * 4)
    return marked


def _recall(memo, key):
    with _memo_lock:
        value = memo.get(key)
        if value is not None:
            memo.move_to_end(key)
        return value


def _remember(memo, key, value, limit):
    with _memo_lock:
        memo[key] = value
        while len(memo) > limit:
            memo.popitem(last=False)


def _escape_text(text):
    """Text escaped for between tags: quotes need no escaping there (as nh3 writes it)."""
    return html_entities.escape(text, quote=False)


def mark_text(text, trie):
    """Plain `text` as escaped HTML, each run of Thai between spaces in a nowrap span with a
    `<wbr>` between its words."""
    out = []
    for part in WHITESPACE.split(text):
        if not THAI_LETTER.search(part):
            out.append(_escape_text(part))
            continue
        words = _words(part, trie)
        out.append(f'<span class="{WORDS_CLASS}">')
        out.append("<wbr>".join(_escape_text(word) for word in words))
        out.append("</span>")
    return "".join(out)


def _words(run, trie):
    """The words of a run with no spaces; punctuation kept with its word, so a line never
    ends on an opening bracket nor begins with a closing one."""
    from pythainlp.tokenize import word_tokenize

    words = []
    pending = ""
    for token in word_tokenize(run, engine="newmm", custom_dict=trie):
        if not _is_word(token):
            if all(char in OPENING for char in token):
                pending += token
            elif words:
                words[-1] += token
            else:
                pending += token
            continue
        words.append(pending + token)
        pending = ""
    if pending:
        if words:
            words[-1] += pending
        else:
            words.append(pending)
    return _abbreviations_joined(words)


def _abbreviations_joined(words):
    """Words with an abbreviation written against the next word kept with it (ดร.สมพร)."""
    joined = []
    for word in words:
        if joined and ABBREVIATION.fullmatch(joined[-1]):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _is_word(token):
    return any(unicodedata.category(char)[0] in "LN" for char in token)


class _Marker(HTMLParser):
    """Copies HTML, marking the text between tags; tags and attributes are copied as written."""

    def __init__(self, trie):
        super().__init__(convert_charrefs=True)
        self.trie = trie
        self.out = []
        self.open = []  # (tag, whether its text is copied as it is)
        self.verbatim = 0
        self.after_thai = False  # the text so far ends in a Thai letter

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in BLOCKS or tag == "wbr":
            self.after_thai = False
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        keeps = tag in VERBATIM or (tag == "span" and WORDS_CLASS in classes)
        self.open.append((tag, keeps))
        self.verbatim += keeps

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in BLOCKS:
            self.after_thai = False
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                for _, keeps in self.open[index:]:
                    self.verbatim -= keeps
                del self.open[index:]
                break

    def handle_data(self, data):
        if self.open and self.open[-1][0] in RAW_TEXT:
            self.out.append(data)
        elif self.verbatim:
            self.out.append(_escape_text(data))
        else:
            marked = _marked_text(data, self.trie)
            if self.after_thai and THAI_START.match(data):
                # Thai on both sides of a tag (<mark>, <a>, <strong>): markup is put between
                # words, so a line may break there too.
                marked = "<wbr>" + marked
            self.out.append(marked)
        if data.strip():
            self.after_thai = bool(THAI_END.search(data))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
