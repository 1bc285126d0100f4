"""Creating hundreds of pages and translations at once: index them once at the end, not on every save.

Each save of a page, revision, translation or directory entry makes Wagtail update its search
index and its reference index for that object; while the demo is built that is several thousand
small updates, about a third of the loading time. They are switched off while loading and both
indexes are rebuilt once afterwards, which gives the same index in a fraction of the time.
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_save
from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def indexed_once_at_the_end(stdout=None):
    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    call_command("update_index", verbosity=0, stdout=stdout)
    call_command("rebuild_references_index", verbosity=0, stdout=stdout)
