from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, connections


@register(Tags.database)
def check_utf8_ctype(app_configs, databases=None, **kwargs):
    """pg_trgm makes no trigrams for Thai letters unless the database's LC_CTYPE is UTF-8."""
    problems = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT datctype FROM pg_database WHERE datname = current_database()"
                )
                ctype = cursor.fetchone()[0]
        except DatabaseError:
            continue
        if "utf8" not in ctype.lower().replace("-", ""):
            problems.append(
                Warning(
                    f"Database '{alias}' has LC_CTYPE {ctype!r}: trigram search cannot see "
                    "Thai letters, so Thai words inside compounds will not be found.",
                    hint="Create the database with a UTF-8 locale, e.g. "
                    "CREATE DATABASE … LC_CTYPE 'C.UTF-8' TEMPLATE template0.",
                    id="search.W001",
                )
            )
    return problems


@register()
def check_search_kinds(app_configs, **kwargs):
    """Every content model that declares a search kind declares one search knows, and which of
    its fields readers search."""
    from core.content import content_models, content_role
    from search.models import ResultKind

    known = {str(kind) for kind in ResultKind}
    errors = []
    for model in content_models():
        role = content_role(model)
        if not role.search_kind:
            continue
        if role.search_kind not in known:
            errors.append(
                Error(
                    f"{model._meta.label} declares search_kind {role.search_kind!r}, "
                    "which search does not know.",
                    hint=f"Use one of: {', '.join(sorted(known))}.",
                    obj=model,
                    id="search.E001",
                )
            )
        errors.extend(
            Error(
                f"{model._meta.label} declares search_kind {role.search_kind!r}: {problem}",
                obj=model,
                id="search.E002",
            )
            for problem in _search_fields_problems(model, role.search_fields)
        )
    return errors


def _search_fields_problems(model, fields):
    if fields is None or not fields.title:
        return ["its search_fields must name at least a title field."]
    problems = []
    for path in (*fields.title, *fields.excerpt, *fields.body):
        relation, _, name = path.rpartition("__")
        owner = model
        if relation:
            field = _field(model, relation)
            if (
                field is None
                or not field.is_relation
                or not (field.many_to_many or field.one_to_many)
            ):
                problems.append(f"search field {path!r}: {relation!r} is no many relation.")
                continue
            owner = field.related_model
        if _field(owner, name) is None:
            problems.append(f"search field {path!r} is no field of {owner._meta.label}.")
    problems.extend(
        f"html field {path!r} is none of its search fields."
        for path in fields.html
        if path not in (*fields.title, *fields.excerpt, *fields.body)
    )
    for name in fields.select_related:
        field = _field(model, name)
        if field is None or not (field.many_to_one or field.one_to_one):
            problems.append(f"select_related {name!r} is no foreign key.")
    return problems


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
