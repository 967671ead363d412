from django.contrib import admin

from newsdesk.newsroom.options import NewsroomModelAdmin

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(NewsroomModelAdmin):
    list_display = ["words"]
    search_fields = ["words"]
