"""Alt text is required wherever staff add a picture that is not decorative: the admin forms."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import RequestFactory

from tests.conftest import photo_bytes
from tests.factories import CityFactory, PersonFactory, StoryFactory

pytestmark = pytest.mark.django_db

IMAGE_FIELDS = [
    (CityFactory, "hero_image"),
    (PersonFactory, "photo"),
    (StoryFactory, "hero_image"),
]


def admin_form(instance, staff_user, image_field, **changes):
    request = RequestFactory().post("/")
    request.user = staff_user
    model_admin = admin.site._registry[type(instance)]
    form_class = model_admin.get_form(request, instance)
    data = {
        key: value
        for key, value in model_to_dict(instance, fields=form_class.base_fields).items()
        if value is not None
    }
    for name, field in form_class.base_fields.items():
        if hasattr(field, "queryset") and name in data:
            value = data[name]
            data[name] = [getattr(v, "pk", v) for v in value] if isinstance(value, list) else value
    data.update(changes)
    upload = SimpleUploadedFile("photo.jpg", photo_bytes((64, 48)), content_type="image/jpeg")
    return form_class(data=data, files={image_field: upload}, instance=instance)


@pytest.mark.parametrize(("factory", "image_field"), IMAGE_FIELDS)
def test_the_admin_refuses_a_picture_without_alt_text(factory, image_field, admin_user, media_root):
    form = admin_form(
        factory(),
        admin_user,
        image_field,
        **{f"{image_field}_alt_th": "", f"{image_field}_alt_en": ""},
    )

    assert not form.is_valid()
    assert f"{image_field}_alt_th" in form.errors


@pytest.mark.parametrize(("factory", "image_field"), IMAGE_FIELDS)
def test_the_admin_accepts_a_picture_with_alt_text(factory, image_field, admin_user, media_root):
    form = admin_form(factory(), admin_user, image_field, **{f"{image_field}_alt_th": "ภาพ"})

    assert form.is_valid(), form.errors
