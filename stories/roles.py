"""The two roles of the editorial workflow, as groups created by migration 0004_issue3_roles."""

STAFF_GROUP = "Programme staff"
RESEARCHER_GROUP = "Researchers"


def is_researcher(user):
    return (
        user.is_authenticated
        and user.is_active
        and user.groups.filter(name=RESEARCHER_GROUP).exists()
    )
