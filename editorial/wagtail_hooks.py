"""Admin hooks: the editor's start page opens with their working group (editorial/panels.py); fonts for every script."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("construct_homepage_panels")
def add_my_working_group_panel(request, panels):
    from editorial.panels import MyWorkingGroupPanel

    panels.insert(0, MyWorkingGroupPanel(request))


@hooks.register("insert_global_admin_css")
def admin_fonts_for_every_script():
    return format_html('<link rel="stylesheet" href="{}">', static("editorial/admin-fonts.css"))

