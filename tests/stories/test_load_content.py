import io
import json
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import call_command

from cities.models import City, CityLink, Programme, ProgrammeMembership
from core import linebreaks
from projects.models import Person, ProjectMember, ResearchProject
from stories import quote_cards
from stories.management.commands.load_content import SEED_PATH
from stories.models import SeedRecord, Story, StoryPerson
from tests.pages import url_in

pytestmark = pytest.mark.django_db

SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))
TIMESTAMPED = [Programme, City, Person, ResearchProject, Story]
ALL_MODELS = [*TIMESTAMPED, ProgrammeMembership, CityLink, ProjectMember, StoryPerson]


def load(**options):
    out = io.StringIO()
    call_command("load_content", stdout=out, **options)
    return out.getvalue()


def snapshot():
    """Every row's identity and last change, plus the story–project links."""
    rows = {}
    for model in ALL_MODELS:
        fields = ["pk", "updated_at"] if model in TIMESTAMPED else ["pk"]
        rows[model._meta.label] = sorted(model.objects.values_list(*fields))
    rows["story projects"] = sorted(Story.projects.through.objects.values_list("pk"))
    return rows


@pytest.fixture
def loaded():
    load()


def learning_city_memberships():
    return ProgrammeMembership.objects.filter(programme__slug="learning-city").order_by("number")


def test_creates_the_seeds_content(loaded):
    assert City.objects.count() == 19
    assert ResearchProject.objects.count() == 21
    assert Person.objects.count() == 2
    assert Story.objects.count() == 6


def test_learning_city_has_eighteen_cities_numbered_in_source_order(loaded):
    memberships = list(learning_city_memberships().select_related("city"))
    source_order = [
        city["slug"]
        for city in SEED["cities"]
        if any(m["programme"] == "learning-city" for m in city["programmes"])
    ]

    assert [m.number for m in memberships] == list(range(1, 19))
    assert [m.city.slug for m in memberships] == source_order
    assert memberships[0].city.name_en == "Chiang Mai"
    assert memberships[-1].city.name_en == "Nakhon Sawan"


def test_learning_city_has_twenty_projects_two_in_chiang_mai_and_rayong(loaded):
    projects = ResearchProject.objects.filter(programme__slug="learning-city")
    per_city = Counter(projects.values_list("city__slug", flat=True))

    assert projects.count() == 20
    assert len(per_city) == 18
    assert {slug for slug, count in per_city.items() if count == 2} == {"chiang-mai", "rayong"}
    assert set(per_city.values()) == {1, 2}


def test_cities_with_two_projects_number_them_one_and_two(loaded):
    numbers = ResearchProject.objects.filter(city__slug="rayong").values_list("number", "slug")

    assert sorted(numbers) == [(1, "rayong-1"), (2, "rayong-2")]


def test_roi_et_is_under_ciap_not_the_learning_city_programme(loaded):
    roi_et = City.objects.get(slug="roi-et")

    assert list(roi_et.memberships.values_list("programme__slug", flat=True)) == ["ciap"]
    assert list(roi_et.projects.values_list("programme__slug", flat=True)) == ["ciap"]


def test_fields_the_seed_does_not_give_stay_empty(loaded):
    untitled = ResearchProject.objects.filter(programme__slug="learning-city")

    assert not any(project.title_th or project.title_en for project in untitled)
    assert not any(person.photo for person in Person.objects.all())


def test_people_have_romanised_english_names_and_honorifics(loaded):
    names = {person.slug: (person.honorific_en, person.name_en) for person in Person.objects.all()}

    assert names == {
        "chanyarin-somporn": ("Asst. Prof. Dr.", "Chanyarin Somporn"),
        "banchong-khositchiranan": ("Mr.", "Banchong Khositchiranan"),
    }


def test_every_english_field_of_the_seed_is_free_of_thai_script():
    def english_texts(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                yield from english_texts(item, name)
        elif isinstance(value, list):
            for item in value:
                yield from english_texts(item, key)
        elif key.endswith("_en") and value:
            yield value

    texts = list(english_texts(SEED))

    assert texts
    assert [text for text in texts if any("\u0e00" <= char <= "\u0e7f" for char in text)] == []


def test_every_story_opening_has_its_english_title_and_excerpt(loaded):
    stories = Story.objects.all()

    assert all(story.title_en and story.excerpt_en for story in stories)
    assert len(stories) == 6


def test_the_roi_et_project_has_its_formal_title_from_the_source(loaded):
    project = ResearchProject.objects.get(slug="roi-et-smart-livable-city")

    # The source quotes it in a post that is cut off after ทันสมัย: the ellipsis says so.
    assert project.title_th == (
        "โครงการเทศบาลเมืองร้อยเอ็ด ร้อยเอ็ดคนดี เชื่อมโยงโครงข่ายเศรษฐกิจ ด้วยการเดินบนความปลอดภัยและทันสมัย…"
    )
    assert project.title_en.startswith("Roi Et Town Municipality project")


def test_seeded_content_is_public(loaded):
    assert City.objects.published().count() == 19
    assert ResearchProject.objects.published().count() == 21
    assert Story.objects.published().count() == 6


def test_a_load_reads_the_names_and_redraws_each_storys_cards_once_it_commits(
    django_capture_on_commit_callbacks, monkeypatch, media_root
):
    names_reads, redrawn = [], []
    site_names, refresh = linebreaks.site_names, quote_cards.quote_cards_refresh
    monkeypatch.setattr(linebreaks, "site_names", lambda: names_reads.append(1) or site_names())
    monkeypatch.setattr(
        quote_cards,
        "quote_cards_refresh",
        lambda *, story_id: redrawn.append(story_id) or refresh(story_id=story_id),
    )

    with django_capture_on_commit_callbacks(execute=True):
        load()
        assert (names_reads, redrawn) == ([], [])  # nothing before the commit

    assert len(names_reads) == 1
    assert sorted(redrawn) == sorted(Story.objects.values_list("pk", flat=True))
    _digest, names = cache.get(linebreaks.NAMES_KEY)
    assert set(City.objects.values_list("name_th", flat=True)) <= set(names)


def test_second_run_creates_and_updates_nothing(loaded):
    assert "0 created, 0 updated" in load()


def test_second_run_leaves_every_row_untouched(loaded):
    before = snapshot()

    load()

    assert snapshot() == before


def test_second_run_keeps_a_staff_edit(loaded):
    City.objects.filter(slug="chiang-mai").update(name_en="Chiang Mai (edited)")

    load()

    assert City.objects.get(slug="chiang-mai").name_en == "Chiang Mai (edited)"


def test_refresh_restores_the_fields_the_seed_gives(loaded):
    City.objects.filter(slug="chiang-mai").update(name_en="Chiang Mai (edited)")
    Story.objects.filter(slug=SEED["stories"][0]["slug"]).update(title_th="แก้ไข")

    load(refresh=True)

    assert City.objects.get(slug="chiang-mai").name_en == "Chiang Mai"
    assert (
        Story.objects.get(slug=SEED["stories"][0]["slug"]).title_th
        == SEED["stories"][0]["title_th"]
    )


def test_refresh_keeps_fields_the_seed_does_not_give(loaded):
    ResearchProject.objects.filter(slug="rayong-1").update(title_en="Rayong's own title")

    load(refresh=True)

    assert ResearchProject.objects.get(slug="rayong-1").title_en == "Rayong's own title"


def test_refresh_of_an_unchanged_seed_leaves_every_row_untouched(loaded):
    before = snapshot()

    output = load(refresh=True)

    assert "0 created, 0 updated" in output
    assert snapshot() == before


def test_refresh_creates_nothing(loaded):
    before = {model: model.objects.count() for model in ALL_MODELS}

    load(refresh=True)

    assert {model: model.objects.count() for model in ALL_MODELS} == before


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_seeded_page_renders(client, loaded, language):
    pages = [url_in(language, "home"), url_in(language, "cities:city_list")]
    pages += [url_in(language, "cities:city_detail", slug=slug) for slug in _slugs(City)]
    pages += [
        url_in(language, "projects:project_detail", slug=slug) for slug in _slugs(ResearchProject)
    ]
    pages += [url_in(language, "projects:person_detail", slug=slug) for slug in _slugs(Person)]
    pages += [url_in(language, "stories:story_detail", slug=slug) for slug in _slugs(Story)]

    failures = {page: status for page in pages if (status := client.get(page).status_code) != 200}

    assert failures == {}


def _slugs(model):
    return model.objects.values_list("slug", flat=True)


# Thai text of the seed is stored in one form


def stored_texts():
    for model in ALL_MODELS:
        text_fields = [
            field.attname
            for field in model._meta.concrete_fields
            if field.get_internal_type() in {"CharField", "TextField"}
        ]
        if not text_fields:
            continue
        for row in model.objects.values_list(*text_fields):
            yield from (value for value in row if value)


def test_the_seed_is_stored_with_sara_am_composed(loaded):
    texts = list(stored_texts())

    assert not [text for text in texts if "\u0e4d\u0e32" in text]
    assert any("ผู้อำนวยการ" in text for text in texts)


def test_a_seed_with_decomposed_sara_am_loads_composed_and_refreshes_to_nothing(tmp_path):
    seed = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    seed["stories"][0]["title_th"] = "ผู้อ\u0e4d\u0e32นวยการเมือง"
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")

    load(path=str(path))
    before = snapshot()
    output = load(path=str(path), refresh=True)

    assert Story.objects.get(slug=seed["stories"][0]["slug"]).title_th == "ผู้อำนวยการเมือง"
    assert "0 updated" in output
    assert snapshot() == before


def test_the_seed_has_its_source_typos_corrected():
    text = SEED_PATH.read_text(encoding="utf-8")

    assert "สรุปทเรียน" not in text and "บูรณการ" not in text
    assert "สรุปบทเรียน" in text and "บูรณาการ" in text


# Loading again: the seed's corrections arrive, staff's changes stay


def seed_with(tmp_path, change):
    seed = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    change(seed)
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    return str(path)


def corrected_chiang_mai(seed):
    seed["cities"][0]["research_area_en"] = "Chiang Mai old city"
    seed["cities"][0]["name_en"] = "Chiang Mai (corrected)"


def test_a_corrected_seed_updates_the_fields_staff_left_alone(loaded, tmp_path):
    output = load(path=seed_with(tmp_path, corrected_chiang_mai))

    city = City.objects.get(slug="chiang-mai")
    assert (city.name_en, city.research_area_en) == (
        "Chiang Mai (corrected)",
        "Chiang Mai old city",
    )
    assert "0 created, 1 updated, staff changes kept: 0" in output


def test_a_corrected_seed_keeps_what_staff_changed_in_the_admin(loaded, tmp_path):
    city = City.objects.get(slug="chiang-mai")
    city.name_en = "Chiang Mai, Rose of the North"
    city.save()

    output = load(path=seed_with(tmp_path, corrected_chiang_mai))

    city.refresh_from_db()
    assert city.name_en == "Chiang Mai, Rose of the North"
    assert city.research_area_en == "Chiang Mai old city"
    assert "staff changes kept: 1" in output


def test_a_field_staff_changed_stays_theirs_through_later_loads(loaded, tmp_path):
    Person.objects.filter(slug="chanyarin-somporn").update(name_en="Chanyarin S.")

    load()
    load(path=seed_with(tmp_path, lambda seed: seed["people"][0].update(name_en="C. Somporn")))

    assert Person.objects.get(slug="chanyarin-somporn").name_en == "Chanyarin S."


def test_a_field_staff_set_back_to_the_loaded_value_follows_the_seed_again(loaded, tmp_path):
    person = Person.objects.get(slug="chanyarin-somporn")
    Person.objects.filter(pk=person.pk).update(name_en="Chanyarin S.")
    load()
    Person.objects.filter(pk=person.pk).update(name_en=person.name_en)

    load(path=seed_with(tmp_path, lambda seed: seed["people"][0].update(name_en="C. Somporn")))

    assert Person.objects.get(pk=person.pk).name_en == "C. Somporn"


def test_a_database_loaded_before_records_were_kept_gets_empty_fields_filled(loaded):
    SeedRecord.objects.all().delete()
    Story.objects.update(excerpt_en="")
    Person.objects.filter(slug="banchong-khositchiranan").update(name_en="Banchong K.")

    output = load()

    assert all(story.excerpt_en for story in Story.objects.all())
    assert Person.objects.get(slug="banchong-khositchiranan").name_en == "Banchong K."
    assert "staff changes kept: 1" in output


def test_refresh_overwrites_what_staff_changed(loaded):
    Person.objects.filter(slug="chanyarin-somporn").update(name_en="Chanyarin S.")

    load(refresh=True)

    assert Person.objects.get(slug="chanyarin-somporn").name_en == "Chanyarin Somporn"
