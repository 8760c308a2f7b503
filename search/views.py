from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from core.i18n import active_content_language
from search.models import ResultKind
from search.query import Query, find, highlight, snippet


def search(request):
    """The search page: published stories, cities, research projects and people."""
    query = Query(request.GET.get("q", ""))
    language = active_content_language()
    found = find(query, language)
    paginator = Paginator(found, settings.SEARCH_RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    labels = dict(ResultKind.choices)
    results = [
        {
            "document": document,
            "kind_label": labels.get(document.kind, ""),
            "title": highlight(document.title, query),
            "snippet": snippet(document.text, query),
        }
        for document in page.object_list
    ]
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "found": found,
            "results": results,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            "language": language,
        },
    )
