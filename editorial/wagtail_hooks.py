"""The editor's start page in the admin opens with their working group (editorial/panels.py)."""

from wagtail import hooks


@hooks.register("construct_homepage_panels")
def add_my_working_group_panel(request, panels):
    from editorial.panels import MyWorkingGroupPanel

    panels.insert(0, MyWorkingGroupPanel(request))
