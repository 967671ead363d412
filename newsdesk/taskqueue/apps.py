from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskQueueConfig(AppConfig):
    name = "newsdesk.taskqueue"
    label = "taskqueue"
    verbose_name = _("Aufgaben im Hintergrund")
