"""Admin hooks: the editor's start page opens with their working group (editorial/panels.py); fonts for every script;
the German editors' guide (editorial/guide.py) instead of Wagtail's English one in the help menu."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("construct_homepage_panels")
def add_my_working_group_panel(request, panels):
    from editorial.panels import MyWorkingGroupPanel

    panels.insert(0, MyWorkingGroupPanel(request))


@hooks.register("construct_homepage_panels")
def list_only_reviews_the_user_may_approve(request, panels):
    """Wagtail's „Warten auf Ihre Prüfung“ without other working groups' directory entries (editorial/panels.py)."""
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    from editorial.panels import ObjectsToModerateThisUserMayApprovePanel

    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = ObjectsToModerateThisUserMayApprovePanel()


@hooks.register("insert_global_admin_css")
def admin_fonts_for_every_script():
    return format_html('<link rel="stylesheet" href="{}">', static("editorial/admin-fonts.css"))


@hooks.register("register_admin_urls")
def editors_guide_url():
    from django.urls import path

    from editorial.guide import editors_guide

    return [path("anleitung/", editors_guide, name="editors_guide")]


@hooks.register("register_admin_urls")
def review_screen_url():
    from django.urls import path

    from editorial.review_screen import ReviewScreen

    return [path("pruefung/<int:task_state_id>/", ReviewScreen.as_view(), name="editorial_review")]


@hooks.register("construct_help_menu")
def german_editors_guide(request, menu_items):
    """The help menu's English items that lead to wagtail.org (the editor guide, „What's new in Wagtail“)
    are replaced by the site's German guide."""
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    menu_items[:] = [
        item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.append(
        MenuItem("Anleitung für die Redaktion", reverse("editors_guide"), name="editors-guide", icon_name="help", order=1100)
    )


@hooks.register("before_create_page")
def continue_on_the_autosaved_page(request, parent_page, page_class):
    from editorial.autosaved import continue_on_the_autosaved_page as send_on

    return send_on(request, parent_page, page_class)
