"""What `make stack-test` checks against a running stack, through Varnish as a reader would:
the public pages answer and are served from Varnish's cache the second time; an administrator
signs in, adds a story, publishes it, and the story is then on the public pages through
Varnish at once (the site's purge). Standard library only: it runs on the host.

    python docker/stack_smoke.py http://localhost:8000 admin-username admin-password
"""

import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

PUBLIC_PAGES = ["/", "/en/", "/cities/", "/stories/", "/about/", "/sitemap.xml", "/api/cities/"]


class FormReader(HTMLParser):
    """The fields of every <form> on a page, with the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": attrs.get("action", ""), "id": attrs.get("id"), "fields": {}}
            )
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            # A single select sends its first option unless another is selected; a multiple
            # select with nothing selected sends nothing.
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None}
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if "selected" in attrs:
                fields[self._select["name"]] = value
            elif self._select["first"] is None and not self._select["multiple"]:
                self._select["first"] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if self._select["first"] is not None:
                self.forms[-1]["fields"].setdefault(self._select["name"], self._select["first"])
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


class Browser:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base + path
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Accept-Language": "th", **(headers or {})}
        if body is not None:
            headers["Referer"] = url
        try:
            response = self.opener.open(urllib.request.Request(url, body, headers), timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")

    def csrf_token(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        raise SystemExit(1)


def visible_text(html):
    """The text a reader sees: Thai runs carry <span> and <wbr> between words."""
    return re.sub(r"<[^>]+>", "", html)


def anonymous_get(base, path):
    """A reader without cookies, as Varnish sees most of them."""
    return Browser(base).request(path)


def main(base, username, password):
    for path in PUBLIC_PAGES:
        status, headers, _ = anonymous_get(base, path)
        check(status == 200, f"GET {path} → {status}")
        status, headers, _ = anonymous_get(base, path)
        cached = headers.get("X-Cache") == "hit" or path.startswith("/api/")
        check(cached, f"GET {path} again → X-Cache {headers.get('X-Cache')}")

    status, _, cities = anonymous_get(base, "/api/cities/")
    city_slug = re.search(r'"slug":\s*"([^"]+)"', cities)
    check(city_slug is not None, "the API lists the cities loaded from the programme's content")

    admin = Browser(base)
    status, _, page = admin.request("/admin/login/")
    check(status == 200, f"GET /admin/login/ → {status}")
    status, headers, _ = admin.request(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "csrfmiddlewaretoken": admin.csrf_token()},
    )
    check(status == 302 and headers.get("Location") == "/admin/", f"admin sign-in → {status}")
    status, headers, page = admin.request("/admin/")
    check(
        status == 200 and "X-Cache" in headers and headers["X-Cache"] != "hit",
        f"the admin dashboard is never cached → {status}, X-Cache {headers.get('X-Cache')}",
    )

    status, headers, _ = admin.request("/stories/")
    check(
        status == 200 and headers.get("X-Cache") != "hit",
        f"a signed-in reader is never served a cached page → X-Cache {headers.get('X-Cache')}",
    )

    _, _, before = anonymous_get(base, "/stories/")
    stamp = int(time.time())
    title = f"เรื่องทดสอบระบบ {stamp}"
    check(title not in visible_text(before), "the story list is cached without the new story")

    status, _, page = admin.request("/admin/stories/story/add/")
    check(status == 200, f"GET the admin's add-story form → {status}")
    reader = FormReader()
    reader.feed(page)
    form = next(f for f in reader.forms if f["id"] == "story_form")
    fields = form["fields"]
    # The city picker is the admin's autocomplete: ask it for the first city, as Select2 would.
    status, _, cities = admin.request(
        "/admin/autocomplete/?app_label=stories&model_name=story&field_name=city&term="
    )
    city_choice = re.search(r'"id":\s*"(\d+)"', cities)
    check(status == 200 and city_choice is not None, f"the admin's city picker → {status}")
    fields.update(
        title_th=title,
        slug=f"stack-test-{stamp}",  # the admin's JavaScript fills it from the title
        excerpt_th="เรื่องนี้เพิ่มโดยการทดสอบระบบตู้คอนเทนเนอร์",
        body_th="<p>เนื้อเรื่องสำหรับการทดสอบ</p>",
        city=city_choice.group(1),
        _save="1",
    )
    status, headers, page = admin.request("/admin/stories/story/add/", fields)
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    check(status == 302, f"POST the new story → {status}" + (f" {errors[:3]}" if errors else ""))
    story_list = admin.request(headers["Location"])[2]
    story_id = re.search(
        r'href="/admin/stories/story/(\d+)/change/[^"]*"[^>]*>[^<]*' + re.escape(title[:20]),
        story_list,
    )
    check(story_id is not None, "the new story is in the admin's story list")
    story_id = story_id.group(1)

    status, headers, _ = admin.request(
        f"/admin/stories/story/{story_id}/workflow/publish/",
        {"csrfmiddlewaretoken": admin.csrf_token()},
    )
    check(status == 302, f"publish from the story's page → {status}")

    deadline = time.monotonic() + 5
    while True:
        status, headers, after = anonymous_get(base, "/stories/")
        if title in visible_text(after) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    check(
        title in visible_text(after),
        f"the published story is on /stories/ through Varnish (X-Cache {headers.get('X-Cache')})",
    )
    story_path = f"/stories/stack-test-{stamp}/"
    check(f'href="{story_path}"' in after, f"the story list links to {story_path}")
    status, headers, page = anonymous_get(base, story_path)
    check(status == 200 and title in visible_text(page), f"GET {story_path} → {status}")
    status, headers, _ = anonymous_get(base, story_path)
    check(
        headers.get("X-Cache") == "hit",
        f"GET {story_path} again → X-Cache {headers.get('X-Cache')}",
    )
    print("stack smoke test passed")


if __name__ == "__main__":
    main(*sys.argv[1:4])
