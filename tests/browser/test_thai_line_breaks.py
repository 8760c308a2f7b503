"""In Chromium, Thai lines break only between words: never inside a word or a name.

Every public page type is laid out in Thai at three widths; for each text node the page finds
where its lines break (where a character's box moves down a line) and reports each break that
falls inside a run of Thai letters, unless it is at a `<wbr>` the server put between two words.
"""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _word_breaks_on(settings):
    settings.WECITIZENS_THAI_WORD_BREAKS = True


WIDTHS = (320, 390, 768)
PAGE_TYPES = (
    *("home", "city-list", "city", "project", "story", "person", "story-list", "search", "tag"),
)
NAMED_STORY = "/stories/conversation-with-chanyarin-somporn/"

# Returns the line breaks inside Thai words: [{before, after, element}], and how many breaks
# between Thai words it checked.
FIND_BREAKS_INSIDE_WORDS = """
() => {
  const thai = /[\\u0e01-\\u0e5b]/;
  const mark = /[\\u0e31\\u0e34-\\u0e3a\\u0e47-\\u0e4e]/;
  const space = /\\s/;
  const HIDDEN = "script, style, noscript, template, svg";
  const blocks = new Map();
  const blockOf = (element) => {
    if (!blocks.has(element)) {
      const display = getComputedStyle(element).display;
      const inline = display.startsWith("inline") || display === "contents";
      const parent = element.parentElement;
      blocks.set(element, inline && parent ? blockOf(parent) : element);
    }
    return blocks.get(element);
  };
  const walker = document.createTreeWalker(
    document.body,
    NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT,
    {
      acceptNode: (node) =>
        node.nodeType === Node.ELEMENT_NODE && node.matches(HIDDEN)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    },
  );
  const range = document.createRange();
  const inside = [];
  let checked = 0;
  let previous = null;  // the last character laid out: {node, index, bottom, char, block}
  let spaceSince = false;
  let wbrSince = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.nodeName === "WBR") wbrSince = true;
      else if (getComputedStyle(node).display !== "inline") spaceSince = true;
      continue;
    }
    for (let index = 0; index < node.data.length; index++) {
      const char = node.data[index];
      if (space.test(char)) { spaceSince = true; continue; }
      if (mark.test(char)) continue;
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const box = range.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      const block = blockOf(node.parentElement);
      const wrapped = previous && previous.block === block && box.top >= previous.bottom - 2;
      if (wrapped && thai.test(previous.char) && thai.test(char)) {
        if (spaceSince || wbrSince) {
          checked += 1;
        } else {
          inside.push({
            before: previous.node.data.slice(Math.max(0, previous.index - 15), previous.index + 1),
            after: node.data.slice(index, index + 15),
            element: block.outerHTML.slice(0, 300),
          });
        }
      }
      previous = {node, index, bottom: box.bottom, char, block};
      spaceSince = false;
      wbrSince = false;
    }
  }
  return {inside, checked};
}
"""


RUNS_PAST_THE_EDGE = """
() => [...document.querySelectorAll("main .th-words, footer .th-words")]
  .filter((run) => run.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((run) => run.textContent)
"""


def test_thai_lines_break_only_between_words_on_every_page_type(
    public_pages, seeded_live_server, chromium
):
    paths = {name: public_pages[name] for name in PAGE_TYPES} | {"named-story": NAMED_STORY}
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 800}, locale="th-TH")
    page = context.new_page()
    breaks_inside_words = []
    too_wide = []
    checked = 0
    try:
        for name, path in paths.items():
            response = page.goto(seeded_live_server.url + path)
            assert response.status == 200, path
            page.evaluate("document.fonts.ready")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                found = page.evaluate(FIND_BREAKS_INSIDE_WORDS)
                too_wide += [(name, width, run) for run in page.evaluate(RUNS_PAST_THE_EDGE)]
                checked += found["checked"]
                breaks_inside_words += [
                    {"page": name, "width": width, **inside} for inside in found["inside"]
                ]
    finally:
        context.close()

    assert breaks_inside_words == []
    # Words kept whole never stick out past the edge of the screen.
    assert too_wide == []
    # The pages did wrap Thai text many times, each time between words.
    assert checked > 100


def test_a_name_in_a_heading_stays_on_one_line(seeded_live_server, chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 800}, locale="th-TH")
    page = context.new_page()
    try:
        page.goto(seeded_live_server.url + NAMED_STORY)
        heading = page.locator("h1")
        lines = heading.evaluate(
            """(h1) => {
              const range = document.createRange();
              range.selectNodeContents(h1);
              return [...range.getClientRects()].length;
            }"""
        )
        name_tops = heading.evaluate(
            """(h1) => {
              const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
              const range = document.createRange();
              const tops = new Set();
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const start = node.data.indexOf("ดร.ชัญญรินทร์");
                if (start < 0) continue;
                for (let i = start; i < start + "ดร.ชัญญรินทร์".length; i++) {
                  range.setStart(node, i);
                  range.setEnd(node, i + 1);
                  const box = range.getBoundingClientRect();
                  if (box.width) tops.add(Math.round(box.top));
                }
              }
              return [...tops];
            }"""
        )
        copied = heading.evaluate("(h1) => h1.innerText")
    finally:
        context.close()

    assert lines > 1
    assert len(name_tops) == 1
    assert "ผศ. ดร.ชัญญรินทร์ สมพร" in copied
    assert "\u200b" not in copied


# Marked Thai words that are items of a flex or grid box: the spaces around them are dropped.
WORDS_AS_FLEX_ITEMS = """
() => [...document.querySelectorAll(".th-words")]
  .filter((run) => /flex|grid/.test(getComputedStyle(run.parentElement).display))
  .map((run) => run.parentElement.outerHTML.slice(0, 200))
"""


def test_marked_thai_words_keep_their_spaces_on_every_page_type(
    public_pages, seeded_live_server, chromium
):
    context = chromium.new_context(viewport={"width": 390, "height": 800}, locale="th-TH")
    page = context.new_page()
    found = []
    try:
        for name, path in public_pages.items():
            page.goto(seeded_live_server.url + path)
            found += [(name, box) for box in page.evaluate(WORDS_AS_FLEX_ITEMS)]
    finally:
        context.close()

    # A flex box drops the spaces between its items ("แชร์ทาง LINE" became "แชร์ทางLINE");
    # a span of their own around the marked text keeps it one line of inline text.
    assert found == []
