"""A new page's form that arrives after the admin's autosave has already created that page.

Autosave creates a new page with its first save and then tells the browser to continue on the page's edit view.
A click on „Zur Prüfung einreichen“ (or a second autosave) sent before the browser switched over still goes to the
add view, which would try to create the page a second time and fail on the taken address. The request is sent on
to the page autosave created, with a 307 so the browser repeats the same POST there: nothing typed is lost and the
page is submitted as the editor asked.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.pages import create
from wagtail.models import Page

# Only a page this user created moments ago is „the same page“; an older draft with the same address is another
# page, and the form says the address is taken.
RECENT = timedelta(minutes=10)


class RepeatPost(HttpResponseRedirect):
    status_code = 307


def page_autosave_created(request, parent_page, page_class):
    slug = request.POST.get("slug", "").strip()
    if not slug or not request.user.is_authenticated:
        return None
    return (
        Page.objects.child_of(parent_page)
        .filter(
            slug=slug,
            owner=request.user,
            live=False,
            first_published_at__isnull=True,
            content_type__model=page_class._meta.model_name,
            content_type__app_label=page_class._meta.app_label,
            latest_revision_created_at__gte=timezone.now() - RECENT,
        )
        .order_by("-pk")
        .first()
    )


def continue_on_the_autosaved_page(request, parent_page, page_class):
    """``before_create_page`` hook: POSTs for a page that already exists go to its edit view."""
    if request.method != "POST" or "application/json" in request.headers.get("Accept", ""):
        return None  # autosave's own requests: Wagtail answers those as JSON, a redirect would be read as an error
    page = page_autosave_created(request, parent_page, page_class)
    if page is None:
        return None
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    return RepeatPost(url)


class CreatePageView(create.CreateView):
    """Wagtail's add view, for the case the hook above cannot see: autosave's request creating the page is still
    running when the submit arrives, so both pass the form's address check and the second one's ``add_child``
    finds the address taken (Wagtail lets that ``ValidationError`` through as a 500). By then the first page is
    saved, so the submit goes on to it like above; any other clash of addresses comes back as a form error."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            messages = getattr(error, "message_dict", {}).get("slug")
            if not messages:
                raise
            page = page_autosave_created(self.request, self.parent_page, self.page_class)
            if page is not None and not self.expects_json_response:
                return RepeatPost(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            form.add_error("slug", messages)
            return self.form_invalid(form)
