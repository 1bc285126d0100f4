"""Wagtail's database search backend, safe for whatever a visitor types.

The SQLite FTS5 backend passes double quotes through to FTS5's query syntax, so a search for
``"`` or ``"><svg>`` raised a database error (a 500 on every page with a search box), and
PostgreSQL refuses NUL characters. Search text is cleaned once here, for every caller
(directory, calendar, admin): quotes, control characters and NUL become spaces, and very long
input is cut, before the backend that fits the database sees it: Wagtail's database backend
(FTS5 on SQLite), on PostgreSQL with each language's own text configuration
(``translations.fulltext``). ``WAGTAILSEARCH_BACKENDS`` points here.
"""

import re

from django.db import connection
from wagtail.search.backends.database import SearchBackend as database_search_backend

MAX_QUERY_LENGTH = 200
UNSAFE = re.compile(r'["\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')


def clean_query(text):
    return " ".join(UNSAFE.sub(" ", text[:MAX_QUERY_LENGTH]).split())


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from translations.fulltext import LanguageSearchBackend

        backend = LanguageSearchBackend(params)
    else:
        backend = database_search_backend(params)
    search = backend._search

    def _search(query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = clean_query(query)
        return search(query_compiler_class, query, model_or_queryset, **kwargs)

    backend._search = _search
    return backend
