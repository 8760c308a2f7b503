"""Random and hostile strings in every public query parameter, path slug and form.

Never a 500; what a form accepts is stored as typed (HTML sanitized, Thai text normalised),
what it refuses is shown back to the person who typed it.
"""

import itertools
from urllib.parse import quote, quote_from_bytes

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.thai import normalize_text
from privacy.models import DeletionRequest
from stories.models import Story

pytestmark = pytest.mark.django_db


def stored_form(typed):
    """What a text field keeps of `typed`: trimmed, then normalised (NFC reorders a tone mark
    typed before a vowel mark, e.g. "\u0e48\u0e38" is stored as "\u0e38\u0e48")."""
    return normalize_text(typed.strip())


BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FRAGMENTS = [
    "' OR 1=1 --",
    "'; DROP TABLE stories_story; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "%00",
    "\x00",
    "../../etc/passwd",
    "่้๊๋็์",  # Thai tone and vowel marks with no consonant to sit on
    "\ud800",  # a lone surrogate
    "ก" * 5000,
    "{{ 7*7 }}{% debug %}",
    "\u202e\u200b\ufeff",
]
hostile = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None), max_size=50),  # surrogates included
    st.text(alphabet="กขคงจ่้๊๋็์ะาิีึืุู<>'\"&%;\\/\x00", min_size=1, max_size=2000),
)

PUBLIC_PAGES = [
    "/",
    "/cities/",
    "/cities/chiang-mai/",
    "/projects/chiang-mai-1/",
    "/people/lead-researcher/",
    "/stories/",
    "/stories/old-town-interview/",
    "/privacy/",
    "/account/login/",
    "/healthz",
]
PARAMETERS = ["region", "programme", "city", "kind", "tag", "page", "q", "next", "lang"]
SLUGGED_PATHS = ["/cities/{}/", "/projects/{}/", "/people/{}/", "/stories/{}/", "/tags/{}/"]


def as_bytes(text):
    return text.encode("utf-8", "surrogatepass")


def query_string(pairs):
    return "&".join(
        f"{quote_from_bytes(as_bytes(key))}={quote_from_bytes(as_bytes(value))}"
        for key, value in pairs
    )


def form_body(data):
    return query_string(data.items())


@BOUNDED
@given(
    page=st.sampled_from(PUBLIC_PAGES),
    prefix=st.sampled_from(["", "/en"]),
    pairs=st.lists(st.tuples(st.sampled_from(PARAMETERS) | hostile, hostile), max_size=4),
)
def test_hostile_query_parameters_never_cause_a_server_error(client, site, page, prefix, pairs):
    path = page if page == "/healthz" else prefix + page

    response = client.get(path, QUERY_STRING=query_string(pairs))

    assert response.status_code < 500


@BOUNDED
@given(page=st.sampled_from(PUBLIC_PAGES), raw=st.binary(max_size=200))
def test_invalid_utf8_in_the_query_string_never_causes_a_server_error(client, site, page, raw):
    encoded = quote_from_bytes(raw)

    response = client.get(page, QUERY_STRING=f"tag={encoded}&page={encoded}&{encoded}")

    assert response.status_code < 500


@BOUNDED
@given(template=st.sampled_from(SLUGGED_PATHS), slug=hostile, prefix=st.sampled_from(["", "/en"]))
def test_hostile_path_slugs_never_cause_a_server_error(client, site, template, slug, prefix):
    path = prefix + template.format(quote_from_bytes(as_bytes(slug), safe=""))

    assert client.get(path).status_code in (200, 301, 302, 404)


_slugs = (f"hostile-{n}" for n in itertools.count())


def empty_inline_forms(client, add_url):
    """Management-form data saying "no rows" for every inline the admin page shows."""
    data = {}
    for inline in client.get(add_url).context["inline_admin_formsets"]:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = "0"
        data[f"{inline.formset.prefix}-INITIAL_FORMS"] = "0"
    return data


@BOUNDED
@given(title=hostile, excerpt=hostile, body=hostile)
def test_the_story_form_stores_what_it_accepts_and_shows_back_what_it_refuses(
    admin_client, title, excerpt, body
):
    data = {
        "title_th": title,
        "slug": next(_slugs),
        "kind": "article",
        "excerpt_th": excerpt,
        "body_th": body,
        **empty_inline_forms(admin_client, "/admin/stories/story/add/"),
        "_save": "Save",
    }
    response = admin_client.post(
        "/admin/stories/story/add/",
        form_body(data),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code in (200, 302)
    sent = as_bytes(title).decode("utf-8", "replace")
    if response.status_code == 302:
        story = Story.objects.get(slug=data["slug"])
        assert story.title_th == stored_form(sent)
        assert "<script" not in story.body_th.lower()
        assert "onerror" not in story.body_th.lower()
    else:
        assert not Story.objects.filter(slug=data["slug"]).exists()
        assert response.context["adminform"].form.errors


@BOUNDED
@given(old=hostile, new=hostile)
def test_the_redirect_form_never_fails(admin_client, old, new):
    response = admin_client.post(
        "/admin/redirects/slugredirect/add/",
        form_body({"old_path": old, "new_path": new, "_save": "Save"}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code in (200, 302)


@BOUNDED
@given(username=hostile, password=hostile, agent=hostile)
def test_the_sign_in_forms_never_fail_on_hostile_names(client, username, password, agent):
    for path in ("/account/login/", "/admin/login/"):
        response = client.post(
            path,
            form_body({"username": username, "password": password}),
            content_type="application/x-www-form-urlencoded",
            HTTP_USER_AGENT=as_bytes(agent).decode("latin-1"),
        )

        assert response.status_code in (200, 302, 403, 429)


@BOUNDED
@given(reason=hostile)
def test_a_deletion_request_keeps_its_reason(client, reason):
    user = get_user_model().objects.create_user(username=next(_slugs))
    client.force_login(user)

    response = client.post(
        "/account/privacy/delete/",
        form_body({"reason": reason}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 302
    kept = as_bytes(reason).decode("utf-8", "replace").replace("\x00", "")[:5000]
    assert DeletionRequest.objects.get(user=user).reason == kept


def test_the_hostile_strings_include_what_the_issue_names():
    assert any("\x00" in f for f in FRAGMENTS) and any(len(f) > 4000 for f in FRAGMENTS)
    assert quote("\u0e48") == "%E0%B9%88"  # a lone Thai tone mark survives URL encoding


@BOUNDED
@given(extra=st.dictionaries(hostile, hostile, max_size=3))
def test_a_failed_sign_in_with_hostile_extra_fields_is_recorded_without_error(client, extra):
    data = {**extra, "username": next(_slugs), "password": "wrong"}

    response = client.post(
        "/admin/login/", form_body(data), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200


@BOUNDED
@given(
    form=st.sampled_from(
        [
            ("/admin/cities/city/add/", {"region": "north"}, "City"),
            ("/admin/projects/person/add/", {"is_published": "on"}, "Person"),
        ]
    ),
    name=hostile,
    summary=hostile,
)
def test_the_city_and_person_forms_store_what_they_accept(admin_client, form, name, summary):
    from django.apps import apps

    path, extra, model_name = form
    model = apps.get_model("cities" if model_name == "City" else "projects", model_name)
    slug = next(_slugs)
    data = {
        **extra,
        "name_th": name,
        "slug": slug,
        "summary_th" if model_name == "City" else "bio_th": summary,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "_save": "Save",
    }

    response = admin_client.post(
        path, form_body(data), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert model.objects.get(slug=slug).name_th == stored_form(
            as_bytes(name).decode("utf-8", "replace")
        )
    else:
        assert not model.objects.filter(slug=slug).exists()


@BOUNDED
@given(title=hostile, excerpt=hostile, body=hostile, tags=hostile)
def test_the_researchers_draft_form_stores_what_it_accepts_and_keeps_what_it_refuses(
    client, title, excerpt, body, tags
):
    from tests.factories import ResearcherFactory

    researcher = ResearcherFactory()
    client.force_login(researcher)
    data = {
        "title_th": title,
        "kind": "interview",
        "excerpt_th": excerpt,
        "body_th": body,
        "tags": tags,
        "save": "draft",
    }
    response = client.post(
        "/portal/stories/new/", form_body(data), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code in (302, 400)  # saved, or refused with the form shown again
    mine = Story.objects.filter(author=researcher)
    if response.status_code == 302:
        story = mine.get()
        assert story.title_th == stored_form(as_bytes(title).decode("utf-8", "replace"))
        assert "<script" not in story.body_th.lower()
    else:
        assert not mine.exists()
        # Nothing typed is lost: the refused form comes back with the text in it.
        assert response.context["form"].errors
        assert response.context["form"].data["excerpt_th"] == as_bytes(excerpt).decode(
            "utf-8", "replace"
        )
