from django import template

from stories.models import Story, StoryStatus

register = template.Library()


@register.simple_tag
def awaiting_review_count():
    """How many stories researchers have submitted and staff have not yet handled."""
    return Story.objects.filter(status=StoryStatus.SUBMITTED).count()
