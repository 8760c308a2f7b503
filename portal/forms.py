import secrets

from django import forms
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.widgets import RichTextarea
from projects.models import Person, ResearchProject
from stories.models import ReviewDecision, Story, StoryImage, StoryKind, StoryPerson
from tags.forms import TagNamesField


class CityChoiceLabels:
    """Labels naming each option's city, so the plain list (without JavaScript) can be read."""

    def label_from_instance(self, obj):
        city = obj.city.name if obj.city_id else ""
        return f"{obj} ({city})" if city else str(obj)


class PeopleChoiceField(CityChoiceLabels, forms.ModelMultipleChoiceField):
    pass


class ProjectsChoiceField(CityChoiceLabels, forms.ModelMultipleChoiceField):
    pass


def searchable_select(url_name):
    """A plain multiple select that static/js/portal-story-form.js makes searchable, asking
    `url_name` for the options of the chosen city."""
    return forms.SelectMultiple(
        attrs={"data-searchable": "", "data-autocomplete-url": reverse_lazy(url_name)}
    )


class StoryDraftForm(forms.ModelForm):
    """What a researcher writes: Thai required, English optional; no status, no dates.

    People and projects must belong to the story's city (when it has one); people must also be
    visible to the researcher (PersonQuerySet.visible_to).
    """

    people = PeopleChoiceField(
        label=_("People featured"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("People already on the site, from the story's city. Type to search."),
        widget=searchable_select("portal:autocomplete_people"),
    )
    new_people = forms.CharField(
        label=_("New people"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Someone not on the list yet: one name a line. Staff confirm them."),
    )

    class Meta:
        model = Story
        fields = [
            "city",
            "kind",
            "title_th",
            "title_en",
            "excerpt_th",
            "excerpt_en",
            "body_th",
            "body_en",
            "projects",
            "tags",
            "hero_image",
            "hero_image_alt_th",
            "hero_image_alt_en",
            "hero_image_caption_th",
            "hero_image_credit_th",
        ]
        labels = {
            "title_th": _("Title (Thai)"),
            "title_en": _("Title (English, optional)"),
            "excerpt_th": _("Excerpt (Thai)"),
            "excerpt_en": _("Excerpt (English, optional)"),
            "body_th": _("Story (Thai)"),
            "body_en": _("Story (English, optional)"),
            "hero_image_alt_th": _("Describe the photo (Thai)"),
            "hero_image_alt_en": _("Describe the photo (English, optional)"),
            "hero_image_caption_th": _("Caption"),
            "hero_image_credit_th": _("Photo credit"),
            "projects": _("Research projects"),
        }
        help_texts = {"projects": _("Projects of the story's city. Type to search.")}
        field_classes = {"tags": TagNamesField, "projects": ProjectsChoiceField}
        widgets = {
            "excerpt_th": forms.Textarea(attrs={"rows": 3}),
            "excerpt_en": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "body_th": RichTextarea(),
            "body_en": RichTextarea(attrs={"lang": "en"}),
            "hero_image_alt_en": forms.TextInput(attrs={"lang": "en"}),
            "hero_image": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp"}
            ),
            "projects": searchable_select("portal:autocomplete_projects"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["title_th"].required = True
        self.fields["body_th"].help_text = self.fields["body_en"].help_text = ""
        if not self.instance.pk:
            self.initial.setdefault("kind", StoryKind.INTERVIEW)
        self.fields["excerpt_th"].required = True
        self.fields["city"].queryset = City.objects.order_by_name()
        self.fields["city"].help_text = _(
            "Choose the city first: people and projects are then offered from it. "
            "Leave empty for a story about the programme as a whole."
        )
        self.fields["projects"].queryset = ResearchProject.objects.select_related(
            "city"
        ).order_by_name()
        # Only people this user may see can be offered, or chosen by a crafted POST.
        self.visible_people = Person.objects.visible_to(user)
        self.fields["people"].queryset = self.visible_people.select_related("city").order_by_name()
        if self.instance.pk:
            self.fields["people"].initial = list(
                self.instance.featured_people.filter(person__in=self.visible_people).values_list(
                    "person", flat=True
                )
            )

    def clean(self):
        cleaned = super().clean()
        city = cleaned.get("city")
        if city is None:
            return cleaned
        for field, items in (
            ("people", cleaned.get("people")),
            ("projects", cleaned.get("projects")),
        ):
            # A person with no city (say, programme staff) may appear in a story of any city.
            others = [item for item in items or () if item.city_id not in (None, city.pk)]
            if others:
                self.add_error(
                    field,
                    _(
                        "Not of %(city)s: %(names)s. Choose from the story's city, "
                        "or change the city."
                    )
                    % {"city": city.name, "names": ", ".join(str(item) for item in others)},
                )
        return cleaned

    def clean_new_people(self):
        names = [line.strip() for line in self.cleaned_data["new_people"].splitlines()]
        names = [name[:200] for name in names if name]
        if len(names) > 20:
            raise forms.ValidationError(_("Name at most 20 new people at once."))
        return names

    def save(self, commit=True):
        story = super().save(commit=False)
        if not story.slug:
            base = slugify(story.title_en or "")[:80] or "story"
            story.slug = f"{base}-{secrets.token_hex(3)}"
        story.save()
        self.save_m2m()
        people = list(self.cleaned_data["people"])
        for name in self.cleaned_data["new_people"]:
            # Unpublished until staff confirm the person in the admin.
            people.append(
                Person.objects.create(
                    name_th=name,
                    slug=f"person-{secrets.token_hex(4)}",
                    city=story.city,
                    is_published=False,
                    created_by=self.user,
                )
            )
        # People the user cannot see (e.g. added by staff) are neither shown nor removed.
        story.featured_people.filter(person__in=self.visible_people).exclude(
            person__in=people
        ).delete()
        existing = set(story.featured_people.values_list("person_id", flat=True))
        for order, person in enumerate(people):
            if person.pk not in existing:
                StoryPerson.objects.create(story=story, person=person, order=order)
        return story


class ReviewAnswerForm(forms.Form):
    """What the person holding a review link answers; stories.workflow checks it again."""

    decision = forms.ChoiceField(
        label=_("Your answer"), choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required if you ask for corrections: say what should change."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == ReviewDecision.CORRECT and not cleaned.get("comment", ""):
            self.add_error("comment", _("Say what should be corrected."))
        return cleaned


class StoryImageForm(forms.ModelForm):
    """A picture for a story's text, from the editor's uploader; core.images checks the file."""

    class Meta:
        model = StoryImage
        fields = ["image", "alt"]
        labels = {"image": _("Picture"), "alt": _("Describe the picture")}
        error_messages = {
            "image": {"required": _("Choose a picture to upload.")},
            "alt": {"required": _("Describe the picture for readers who cannot see it.")},
        }
