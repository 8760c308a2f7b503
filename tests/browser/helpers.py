"""What several browser tests do the same way: sign in, choose a password from an invitation,
watch the console, read a review link, count the clicks a task takes."""

import re
from contextlib import contextmanager

from stories import workflow
from tests.factories import PASSWORD


def log_in(page, base, user, path="/admin/login/", password=PASSWORD):
    """Sign `user` in through the login form at `path` (the admin's, or /portal/login/)."""
    page.goto(base + path)
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()


def set_password_from_invitation(page, base, invitation, password):
    """Open the link the `invitation` email carries and choose `password` there."""
    link = re.search(r"https?://[^/\s]+(/\S*/password/reset/\S+/)", invitation.body).group(1)
    page.goto(base + link)
    page.fill("input[name=new_password1]", password)
    page.fill("input[name=new_password2]", password)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()


def console_problems(page):
    """Every console error and uncaught exception of `page`, as they come."""
    problems = []

    def on_console(message):
        # No page names a favicon, so the browser asks for /favicon.ico and logs its 404.
        if message.type == "error" and "favicon.ico" not in (message.location or {}).get("url", ""):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def review_link_opened_by(address):
    """The review link an address opens."""
    assert address.startswith("http://localhost:") and "/portal/review/" in address
    return workflow.review_link_from_token(address.rstrip("/").rsplit("/", 1)[1])


class ClickCount:
    """How many clicks each task takes: a click on a link or button, a choice in a list or
    a click into a field counts one; typing counts nothing."""

    def __init__(self):
        self.tasks = {}
        self._task = None

    @contextmanager
    def task(self, name):
        self._task = name
        self.tasks[name] = 0
        try:
            yield
        finally:
            self._task = None

    def click(self, locator, **options):
        self.tasks[self._task] += 1
        locator.click(**options)
        # A click that follows a link has started the navigation by now: let the page load.
        locator.page.wait_for_load_state()

    def select(self, locator, **choice):
        self.tasks[self._task] += 1
        locator.select_option(**choice)

    def check(self, locator):
        self.tasks[self._task] += 1
        locator.check()

    def table(self):
        width = max(len(name) for name in self.tasks)
        lines = [f"{'Staff task'.ljust(width)}  Clicks", f"{'-' * width}  ------"]
        lines += [f"{name.ljust(width)}  {count:>6}" for name, count in self.tasks.items()]
        return "\n".join(lines)
