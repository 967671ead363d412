"""The newsroom is Django's admin site under /newsroom/, branded and in German."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from .options import NewsroomTemplates

admin.site.site_header = _("newsdesk Newsroom")
admin.site.site_title = _("newsdesk Newsroom")
admin.site.index_title = _("Redaktion: Übersicht")
admin.site.site_url = "/"
admin.site.index_template = "newsroom/index.html"
admin.site.app_index_template = "newsroom/app_index.html"
# The list pages need the width: the start page already lists every section.
admin.site.enable_nav_sidebar = False


# Accounts get the newsroom's page chrome too.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class NewsroomUserAdmin(NewsroomTemplates, UserAdmin):
    pass


@admin.register(Group)
class NewsroomGroupAdmin(NewsroomTemplates, GroupAdmin):
    pass
