"""The About page: what it says in each language, where staff edit it, where it is linked."""

import pytest
from django.urls import reverse
from reversion.models import Version

from about.models import AboutPage
from tests.admin_forms import form_data
from tests.factories import ProgrammeFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

OWNER = {
    "th": "หน่วยบริหารและจัดการทุนด้านการพัฒนาระดับพื้นที่ (บพท.)",
    "en": "Program Management Unit on Area Based Development (PMUA)",
}


def change_url():
    return reverse("admin:about_aboutpage_change", args=[AboutPage.objects.get().pk])


@pytest.mark.parametrize(
    ("language", "heading", "introduction"),
    [
        ("th", "เกี่ยวกับ WeCitizens", "เพจ WeCitizens ที่ทุกท่านติดตามอยู่นี้"),
        ("en", "About WeCitizens", "The WeCitizens page is the channel"),
    ],
)
def test_about_page_tells_the_seed_text_and_owner_in_each_language(
    client, language, heading, introduction
):
    response = client.get(url_in(language, "about:about"))

    assert response.status_code == 200
    text = response.content.decode()
    assert f"<h1>{heading}</h1>" in text
    assert introduction in text
    assert OWNER[language] in text


def test_about_page_lists_the_programmes_with_their_years_and_partners(client):
    ProgrammeFactory(
        name_th="โปรแกรมบ่มเพาะ",
        name_en="Incubation programme",
        start_year=2024,
        end_year=2025,
        partners_th="สมาคมเทศบาลนครและเมือง",
        partners_en="Association of City and Town Municipalities",
        funder_en="PMUA",
    )

    thai = client.get(url_in("th", "about:about")).content.decode()
    english = client.get(url_in("en", "about:about")).content.decode()

    assert "โปรแกรมบ่มเพาะ" in thai and "2567–2568" in thai
    assert "สมาคมเทศบาลนครและเมือง" in thai
    assert "Incubation programme" in english and "2024–2025" in english
    assert "Association of City and Town Municipalities" in english


def test_about_page_says_no_contact_is_published_while_the_fields_are_empty(client):
    response = client.get(url_in("en", "about:about"))

    assert "The team has not published a contact address yet." in response.content.decode()
    assert "mailto:" not in response.content.decode()


def test_about_page_shows_the_contact_staff_entered(client):
    AboutPage.objects.update(contact_email="team@example.org")

    response = client.get(url_in("th", "about:about"))

    assert 'href="mailto:team@example.org"' in response.content.decode()


def test_staff_edit_the_about_page_in_both_languages_and_keep_its_history(admin_client):
    data = form_data(admin_client.get(change_url()), "aboutpage_form")
    data["introduction_en"] = ["WeCitizens tells the stories of learning cities."]
    data["contact_email"] = ["team@example.org"]

    response = admin_client.post(change_url(), data)

    assert response.status_code == 302
    about = AboutPage.objects.get()
    assert about.introduction_en == "WeCitizens tells the stories of learning cities."
    assert about.introduction_th.startswith("เพจ WeCitizens")
    assert about.contact_email == "team@example.org"
    assert Version.objects.get_for_object(about).count() == 1


def test_the_admin_offers_no_second_about_page_and_no_delete(admin_client):
    assert admin_client.get(reverse("admin:about_aboutpage_add")).status_code == 403
    delete_url = reverse("admin:about_aboutpage_delete", args=[AboutPage.objects.get().pk])
    assert admin_client.get(delete_url).status_code == 403


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_page_footer_carries_the_logo_about_link_owner_and_contact(client, language):
    response = client.get(url_in(language, "stories:story_list"))

    footer = response.content.decode().split('<footer class="site-footer">', 1)[1]
    about = url_in(language, "about:about")
    assert "img/icons/logo.svg" in footer
    assert f'href="{about}"' in footer
    assert f'href="{about}#contact"' in footer
    assert {"th": "(บพท.)", "en": "(PMUA)"}[language] in footer


def test_sitemap_lists_the_about_page_in_both_languages(client):
    response = client.get("/sitemap-about.xml")

    assert response.status_code == 200
    assert "http://testserver/about/" in response.content.decode()
    assert "http://testserver/en/about/" in response.content.decode()
    assert "/sitemap-about.xml" in client.get("/sitemap.xml").content.decode()
