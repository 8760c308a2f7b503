"""The OpenAPI schema at /api/schema/ describes what the API really answers: its error
bodies (400, 404, 405, 406), each with a shape of its own, and the CSV files."""

import jsonschema
import pytest
import yaml

from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

LISTS = ["programmes", "cities", "projects", "subprojects", "people", "stories"]


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def documented(schema, path, status, content_type="application/json"):
    """The JSON schema the OpenAPI document gives for `status` of GET `path`."""
    responses = schema["paths"][path]["get"]["responses"]
    assert str(status) in responses, f"{path} documents no {status}"
    media = responses[str(status)]["content"]
    assert content_type in media, f"{path} {status} documents {list(media)}"
    return media[content_type]["schema"]


def component(schema, name):
    return {"$ref": f"#/components/schemas/{name}"}


def is_valid(schema, body, body_schema):
    document = {**body_schema, "components": schema["components"]}
    return jsonschema.Draft7Validator(document).is_valid(body)


def assert_matches(schema, response, body_schema):
    assert response["Content-Type"] == "application/json"
    body = response.json()
    document = {**body_schema, "components": schema["components"]}
    jsonschema.Draft7Validator(document).validate(body)
    return body


@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize(
    "params",
    [{"page": "0"}, {"page_size": "ten"}, {"page": "x", "page_size": "0"}],
)
def test_a_malformed_page_is_a_400_as_documented(client, schema, resource, params):
    response = client.get(f"/api/{resource}/", params)

    assert response.status_code == 400
    body = assert_matches(schema, response, documented(schema, f"/api/{resource}/", 400))
    assert set(body) == set(params)
    assert not is_valid(schema, body, documented(schema, f"/api/{resource}/", 404))


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/stories/", {"region": "atlantis"}),
        ("/api/stories/", {"kind": "poem", "city": "not a slug"}),
        ("/api/cities/", {"programme": "x" * 200}),
        ("/api/stories.csv", {"region": "atlantis"}),
        ("/api/subprojects.csv", {"project": "ไม่ใช่"}),
    ],
)
def test_a_malformed_filter_is_a_400_as_documented(client, schema, path, params):
    response = client.get(path, params)

    assert response.status_code == 400
    body = assert_matches(schema, response, documented(schema, path, 400))
    assert set(body) == set(params)


@pytest.mark.parametrize("resource", LISTS)
def test_a_page_past_the_end_is_a_404_as_documented(client, schema, resource):
    response = client.get(f"/api/{resource}/", {"page": "2"})

    assert response.status_code == 404
    body = assert_matches(schema, response, documented(schema, f"/api/{resource}/", 404))
    assert body["detail"]
    assert not is_valid(schema, body, documented(schema, f"/api/{resource}/", 400))


def test_an_unsupported_accept_header_is_a_406_as_documented(client, schema):
    response = client.get("/api/stories/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert_matches(schema, response, documented(schema, "/api/stories/", 406))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_another_method_is_a_405_with_the_documented_error_body(client, schema, method):
    response = getattr(client, method)("/api/stories/")

    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert_matches(schema, response, component(schema, "Error"))


@pytest.mark.parametrize("resource", LISTS)
def test_the_web_servers_414_for_a_too_long_address_is_documented(schema, resource):
    # gunicorn refuses a request line over 4094 bytes before Django sees it.
    for path in (f"/api/{resource}/", f"/api/{resource}.csv"):
        assert "414" in schema["paths"][path]["get"]["responses"]


@pytest.mark.parametrize("resource", LISTS)
def test_the_csv_files_are_in_the_schema(schema, resource):
    operation = schema["paths"][f"/api/{resource}.csv"]["get"]

    assert list(operation["responses"]["200"]["content"]) == ["text/csv"]
    assert "page" not in [parameter["name"] for parameter in operation.get("parameters", [])]


@pytest.mark.parametrize("accept", ["text/csv", "text/csv, application/json;q=0.5", "*/*"])
def test_a_csv_file_is_served_to_a_client_asking_for_csv(client, accept):
    StoryFactory()

    response = client.get("/api/stories.csv", HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_malformed_filter_on_a_csv_file_answers_json_even_to_a_csv_client(client, schema):
    response = client.get("/api/stories.csv", {"region": "x"}, HTTP_ACCEPT="text/csv")

    assert response.status_code == 400
    assert_matches(schema, response, documented(schema, "/api/stories.csv", 400))


# Every list's query filters: their values are strings in the schema, one each.
FILTERS = {
    "programmes": {},
    "cities": {"region": "north", "programme": "learning-city"},
    "projects": {
        "region": "north",
        "programme": "learning-city",
        "city": "chiang-mai",
        "tag": "chiang-mai",
    },
    "subprojects": {
        "region": "north",
        "programme": "learning-city",
        "city": "chiang-mai",
        "project": "chiang-mai-1",
    },
    "people": {"city": "chiang-mai"},
    "stories": {
        "region": "north",
        "programme": "learning-city",
        "city": "chiang-mai",
        "kind": "news",
        "tag": "chiang-mai",
    },
}
SLUG_FILTERS = [
    (resource, name)
    for resource, filters in FILTERS.items()
    for name in filters
    if name not in ("region", "kind")
]
# Whitespace and control characters that DRF would trim away, leaving a value the schema's
# pattern refuses to be read as a slug, an empty filter, or a line end `$` lets through.
UNTRIMMED = ["\x1f", "chiang-mai\x1f", "\x1cchiang-mai", "chiang-mai\n", "\n", "\t", " "]
UNTRIMMED += ["chiang-mai\xa0", " chiang-mai", "\x85"]


def filter_names(schema, path):
    parameters = schema["paths"][path]["get"].get("parameters", [])
    return {parameter["name"] for parameter in parameters} - {"page", "page_size"}


@pytest.mark.parametrize("resource", LISTS)
def test_the_filters_tested_here_are_those_the_schema_declares(schema, resource):
    for path in (f"/api/{resource}/", f"/api/{resource}.csv"):
        assert filter_names(schema, path) == set(FILTERS[resource])


@pytest.mark.parametrize("suffix", ["/", ".csv"])
@pytest.mark.parametrize(("resource", "name"), SLUG_FILTERS)
def test_whitespace_or_a_control_character_in_a_slug_filter_is_a_400(
    client, schema, site, suffix, resource, name
):
    path = f"/api/{resource}{suffix}"
    for value in UNTRIMMED:
        response = client.get(path, {name: value})

        assert response.status_code == 400, repr(value)
        assert set(assert_matches(schema, response, documented(schema, path, 400))) == {name}


@pytest.mark.parametrize("value", [" north", "north\n", "\x1f"])
def test_whitespace_or_a_control_character_in_a_choice_filter_is_a_400(client, schema, value):
    for name in ("region", "kind"):
        response = client.get("/api/stories/", {name: value})

        assert response.status_code == 400
        body = assert_matches(schema, response, documented(schema, "/api/stories/", 400))
        assert set(body) == {name}


@pytest.mark.parametrize("resource", LISTS)
def test_a_page_parameter_given_more_than_once_is_a_400(client, schema, site, resource):
    path = f"/api/{resource}/"
    for name in ("page", "page_size"):
        for values in (["1", "2"], ["2", "1"], ["1", "1"]):
            response = client.get(path, {name: values})

            assert response.status_code == 400, (name, values)
            body = assert_matches(schema, response, documented(schema, path, 400))
            assert set(body) == {name}


@pytest.mark.parametrize("suffix", ["/", ".csv"])
@pytest.mark.parametrize("resource", LISTS)
def test_a_filter_given_more_than_once_is_a_400(client, schema, site, suffix, resource):
    path = f"/api/{resource}{suffix}"
    for name, value in FILTERS[resource].items():
        response = client.get(path, {name: [value, value], "page": ["1", "2"]})

        assert response.status_code == 400, name
        # The CSV file has no pages: `page` is no parameter of it, and is ignored.
        expected = {name, "page"} if suffix == "/" else {name}
        assert set(assert_matches(schema, response, documented(schema, path, 400))) == expected


@pytest.mark.parametrize(
    "path", ["/api/projects/", "/api/projects.csv", "/api/stories/", "/api/stories.csv"]
)
def test_an_empty_tag_is_valid_in_the_schema_and_answered(client, schema, site, path):
    (tag,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "tag"]

    assert jsonschema.Draft7Validator(tag["schema"]).is_valid("")
    assert client.get(path, {"tag": ""}).status_code == 200


@pytest.mark.parametrize("resource", LISTS)
def test_each_parameter_given_once_with_a_value_the_schema_allows_is_answered(
    client, site, resource
):
    params = {**FILTERS[resource], "page": "1", "page_size": "10"}

    assert client.get(f"/api/{resource}/", params).status_code == 200
    assert client.get(f"/api/{resource}.csv", FILTERS[resource]).status_code == 200
