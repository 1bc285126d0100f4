"""Compare two demo databases: same tables with the same row counts, the same pages, the same translations.

A speed-up of ``load_demo_content`` must not change what the demo database holds. Load the demo
into two fresh SQLite files (one before, one after the change) and run

    python bench/compare_demo.py /tmp/demo-before.sqlite3 /tmp/demo-after.sqlite3

It prints every difference and exits 1 if there is one. Timestamps, primary keys and generated
UUIDs differ between any two loads and are not compared; what a visitor or editor sees is.
"""

import sqlite3
import sys

# Content compared row by row (ordered, without ids or timestamps).
QUERIES = {
    "pages": """
        SELECT l.language_code, p.url_path, p.title, p.draft_title, p.live, p.has_unpublished_changes,
               p.alias_of_id IS NOT NULL, ct.app_label || '.' || ct.model, p.depth, p.show_in_menus,
               (SELECT count(*) FROM wagtailcore_revision r
                 WHERE r.object_id = CAST(p.id AS TEXT) AND r.base_content_type_id = p.content_type_id
                    OR r.object_id = CAST(p.id AS TEXT) AND r.content_type_id = p.content_type_id),
               p.live_revision_id IS NOT NULL, p.latest_revision_id IS NOT NULL
        FROM wagtailcore_page p
        JOIN wagtailcore_locale l ON l.id = p.locale_id
        JOIN django_content_type ct ON ct.id = p.content_type_id
        ORDER BY l.language_code, p.url_path""",
    "string translations": """
        SELECT l.language_code, s.data, t.data, t.translation_type
        FROM wagtail_localize_stringtranslation t
        JOIN wagtail_localize_string s ON s.id = t.translation_of_id
        JOIN wagtailcore_locale l ON l.id = t.locale_id
        ORDER BY 1, 2, 3""",
    "translations": """
        SELECT ct.app_label || '.' || ct.model, src.object_repr, l.language_code, t.enabled
        FROM wagtail_localize_translation t
        JOIN wagtail_localize_translationsource src ON src.id = t.source_id
        JOIN django_content_type ct ON ct.id = src.specific_content_type_id
        JOIN wagtailcore_locale l ON l.id = t.target_locale_id
        ORDER BY 1, 2, 3""",
    "log entries": """
        SELECT action, label, count(*) FROM wagtailcore_pagelogentry GROUP BY 1, 2 ORDER BY 1, 2""",
    "model log entries": """
        SELECT action, label, count(*) FROM wagtailcore_modellogentry GROUP BY 1, 2 ORDER BY 1, 2""",
    "references": """
        SELECT ct.app_label || '.' || ct.model, tct.app_label || '.' || tct.model, r.model_path, count(*)
        FROM wagtailcore_referenceindex r
        JOIN django_content_type ct ON ct.id = r.content_type_id
        JOIN django_content_type tct ON tct.id = r.to_content_type_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
}


def tables(connection):
    names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def rows(connection, query):
    try:
        return connection.execute(query).fetchall()
    except sqlite3.OperationalError as error:
        return [("query failed", str(error))]


def compare(before_path, after_path):
    before, after = sqlite3.connect(before_path), sqlite3.connect(after_path)
    differences = []
    counts_before, counts_after = tables(before), tables(after)
    for name in sorted(set(counts_before) | set(counts_after)):
        if counts_before.get(name) != counts_after.get(name):
            differences.append(f"table {name}: {counts_before.get(name)} rows before, {counts_after.get(name)} after")
    for label, query in QUERIES.items():
        old, new = rows(before, query), rows(after, query)
        if old != new:
            gone, added = sorted(set(old) - set(new), key=str), sorted(set(new) - set(old), key=str)
            differences.append(f"{label}: {len(old)} rows before, {len(new)} after")
            differences += [f"  only before: {row}" for row in gone[:20]]
            differences += [f"  only after:  {row}" for row in added[:20]]
    print(f"{len(counts_before)} tables, {sum(counts_before.values())} rows before, {sum(counts_after.values())} after")
    for label, query in QUERIES.items():
        print(f"{label}: {len(rows(before, query))} rows compared")
    return differences


if __name__ == "__main__":
    found = compare(*sys.argv[1:3])
    print("\n".join(found) if found else "same content")
    sys.exit(1 if found else 0)
