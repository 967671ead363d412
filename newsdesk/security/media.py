"""Serving uploaded media from the app (local installs without a web server in front).

Uploads are stored under generated names with an extension taken from their content (see
``galleries.uploads`` and ``videos.uploads``), so only a short list of extensions can exist. This
view serves exactly those, each with its exact Content-Type, ``nosniff`` and a policy that lets a
browser run nothing even if a file were opened directly: anything else is a 404. Production
serves media from nginx (``deploy/nginx.conf``, the same headers) or S3.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "mp4": "video/mp4",
    "webm": "video/webm",
}
MEDIA_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
# Width renditions ("<random name>-640.webp") are written once from an original with a random
# name and never change: a browser may keep them for good. Other files (originals, crops, which
# a new focal point may rewrite) for 30 days. deploy/nginx.conf sends the same.
IMMUTABLE = re.compile(r"^renditions/.+-\d+\.(?:jpg|webp)$")
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
MEDIA_CACHE = "public, max-age=2592000"


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    extension = PurePosixPath(path).suffix.lstrip(".").lower()
    content_type = MEDIA_TYPES.get(extension)
    if content_type is None:
        raise Http404("Diese Datei gibt es nicht.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-site"
    response["Cache-Control"] = IMMUTABLE_CACHE if IMMUTABLE.match(path) else MEDIA_CACHE
    return response
