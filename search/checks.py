from django.core.checks import Error, Tags, Warning, register
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
    """Every content model that declares a search kind declares one search knows how to index."""
    from core.content import content_models, content_role
    from search.indexing import INDEXING

    known = {str(kind) for kind in INDEXING}
    return [
        Error(
            f"{model._meta.label} declares search_kind {content_role(model).search_kind!r}, "
            "which search.indexing does not know.",
            hint=f"Use one of: {', '.join(sorted(known))}.",
            obj=model,
            id="search.E001",
        )
        for model in content_models()
        if content_role(model).search_kind and content_role(model).search_kind not in known
    ]
