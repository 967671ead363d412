"""WSGI entry point: ``gunicorn newsdesk.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")

application = get_wsgi_application()

# A server imports its whole URLconf as it starts, the content API's deferred part included
# (``core.deferred_urls``): otherwise each worker's first request waits for it (the first API
# request 0.4 s more). Shell commands and task workers never import this module.
from newsdesk.core.deferred_urls import import_all  # noqa: E402

import_all()
