"""``/gelesen/<id>/``: the beacon an article page sends once it has loaded."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import selectors
from .services import is_countable, is_first_reading, record_reading


# No CSRF token: the beacon comes from cached pages that carry none, and it sends no cookie.
# A forged request can do no more than a reader's own beacon: count one reading, within the
# per-address limits; cross-site ones are refused by Sec-Fetch-Site.
@csrf_exempt
@require_POST
def count_reading(request: HttpRequest, article_id: int) -> HttpResponse:
    """Counts one reading, or nothing; the answer is the same empty 204 either way."""
    if is_countable(request) and is_first_reading(request, article_id):
        if record_reading(article_id):
            # The box's ranking is renewed here, on a request no reader waits for.
            selectors.renew_if_older_than(selectors.REFRESH_SECONDS)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
