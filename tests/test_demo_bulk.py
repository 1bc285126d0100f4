"""The demo load's shortcuts give what Wagtail and wagtail-localize would have computed themselves."""

import pytest
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import OverridableSegment, SegmentOverride, StringTranslation, TranslationSource

from demo.bulk import site_roots_read_once, translation_sources_read_once

pytestmark = pytest.mark.django_db


def segments(source, locale):
    values = source._get_segments_for_translation(locale, fallback=True)
    return values, [value.order for value in values]


def test_each_translation_is_built_from_the_same_segments_as_wagtail_localize_reads_them():
    locales = list(Locale.objects.filter(language_code__in=["en", "ar", "ti"]))
    sources = list(TranslationSource.objects.order_by("pk"))
    overridden = OverridableSegment.objects.select_related("context", "source").first()
    assert overridden is not None, "the demo has overridable segments (images, links)"
    SegmentOverride.objects.create(
        locale=locales[0], context=overridden.context, data_json='"https://example.org/beispiel"'
    )
    expected = {(source.pk, locale.pk): segments(source, locale) for source in sources for locale in locales}

    with translation_sources_read_once():
        found = {(source.pk, locale.pk): segments(source, locale) for source in sources for locale in locales}

    assert found == expected
    overrides = [getattr(value, "data", None) for value in found[(overridden.source_id, locales[0].pk)][0]]
    assert "https://example.org/beispiel" in overrides


def test_a_string_translated_while_loading_is_used_by_the_next_target():
    source = TranslationSource.objects.filter(stringsegment__isnull=False).order_by("pk").first()
    english = Locale.objects.get(language_code="en")
    with translation_sources_read_once():
        before = segments(source, english)
        segment = source.stringsegment_set.order_by("order").first()
        translation = StringTranslation.objects.get(
            translation_of=segment.string, locale=english, context=segment.context
        )
        translation.data = "Neu übersetzt"
        translation.save()
        after = segments(source, english)
    assert before != after
    assert after == segments(source, english)


def test_site_roots_are_known_while_loading_also_after_a_new_site():
    pages = list(Page.objects.filter(depth__gt=1))
    expected = [page.is_site_root() for page in pages]
    assert any(expected)
    with site_roots_read_once():
        assert [page.is_site_root() for page in pages] == expected
        other = Page.objects.filter(depth=3).first()
        assert not other.is_site_root()
        Site.objects.create(hostname="beispiel.example.org", root_page=other)
        assert other.is_site_root()
