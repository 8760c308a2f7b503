"""A member of staff publishing and unpublishing stories in the admin, for the load run.

Signs in to /admin/, then every half second publishes or unpublishes the seed stories with
the admin's bulk actions, until the time is up. Prints how many actions succeeded.
"""

import argparse
import http.cookiejar
import re
import sys
import time
import urllib.parse
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def csrf_token():
        return next(cookie.value for cookie in jar if cookie.name == "csrftoken")

    def post(path, data):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf_token()}, doseq=True)
        request = urllib.request.Request(
            args.base + path, body.encode(), headers={"Referer": args.base + path}
        )
        return opener.open(request, timeout=30)

    opener.open(args.base + "/admin/login/", timeout=30).read()
    credentials = {"username": args.username, "password": args.password, "next": "/admin/"}
    post("/admin/login/", credentials).read()
    changelist = opener.open(args.base + "/admin/stories/story/", timeout=30).read().decode()
    ids = re.findall(r'name="_selected_action" value="(\d+)"', changelist)
    if not ids:
        sys.exit("publisher: could not sign in or found no stories")

    done, failed, action = 0, 0, "unpublish_selected"
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        try:
            with post("/admin/stories/story/", {"action": action, "_selected_action": ids}) as r:
                r.read()
                done += r.status == 200
        except OSError as error:
            failed += 1
            print(f"publisher: {error}", file=sys.stderr)
        action = "publish_selected" if action == "unpublish_selected" else "unpublish_selected"
        time.sleep(0.5)
    if action == "publish_selected":  # leave the stories published
        post("/admin/stories/story/", {"action": action, "_selected_action": ids}).read()
    print(f"publisher: {done} publish/unpublish actions on {len(ids)} stories, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
