"""PostgreSQL full text in each content language's own text search configuration.

Wagtail's database backend (``modelsearch``) reads every text with one configuration per backend,
so the German stemmer would cut Arabic, Russian and Turkish text alike, and a Russian visitor's
inflected word would never meet the Russian page. Here each object is indexed with the configuration
of its locale (PostgreSQL has stemmers for de, en, ar, tr, ru, fr and ro; uk, fa, ps, ti, ku and so
are indexed word for word with ``simple``), and a query is read in every configuration the site
uses and matches where any reading matches. The query does not need to know the language: the
visitor's search, the German fallbacks shown on other languages' sites and the admin's search over
all languages find the same object by the same rule. A page nobody has translated yet (an alias of
the German page) is read as German; objects without a locale (images, documents, users) are read
in the site's source language too.
"""

import copy
from collections import defaultdict
from functools import reduce

from django.conf import settings
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

# ``SELECT cfgname FROM pg_ts_config`` on PostgreSQL 12 and later; the test suite checks each exists.
POSTGRES_CONFIGS = {
    "de": "german",
    "en": "english",
    "ar": "arabic",
    "tr": "turkish",
    "ru": "russian",
    "fr": "french",
    "ro": "romanian",
}
WORD_FOR_WORD = "simple"


def config_for(language_code):
    return POSTGRES_CONFIGS.get((language_code or "").split("-")[0].lower(), WORD_FOR_WORD)


def site_configs():
    """Every configuration the site's languages are indexed with, the source language's first."""
    codes = [settings.LANGUAGE_CODE] + [code for code, _name in settings.LANGUAGES]
    return list(dict.fromkeys(config_for(code) for code in codes))


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        from wagtail.models import Locale, Page

        objs = list(objs)
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        # A page nobody has translated yet is an alias carrying the German text: read it as German.
        aliased = {obj.alias_of_id for obj in objs if getattr(obj, "alias_of_id", None)}
        source_locales = dict(Page.objects.filter(pk__in=aliased).values_list("pk", "locale_id")) if aliased else {}
        batches = defaultdict(list)
        for obj in objs:
            locale_id = source_locales.get(getattr(obj, "alias_of_id", None)) or getattr(obj, "locale_id", None)
            batches[config_for(codes[locale_id]) if locale_id in codes else self.backend.config].append(obj)
        for config, batch in batches.items():
            PostgresIndex(self.backend.reading(config)).add_items(model, batch)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        readings = [super(LanguageQueryCompiler, self).build_tsquery(query, config=each) for each in site_configs()]
        if any(reading is None for reading in readings):
            return None
        return reduce(lambda a, b: a | b, readings)


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or config_for(settings.LANGUAGE_CODE)
        self._readings = {}

    def reading(self, config):
        """This backend indexing with ``config`` (``ObjectIndexer`` takes the configuration from its backend)."""
        if config not in self._readings:
            clone = copy.copy(self)
            clone.config = config
            self._readings[config] = clone
        return self._readings[config]
