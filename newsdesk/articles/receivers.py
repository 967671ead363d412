"""Old topic and author addresses keep working after a slug change.

Articles need no redirect rows: their address carries the id, and the article view answers a
stale slug or kind with a 301 to the current address.
"""

from newsdesk.core.redirects import redirect_on_url_change

from .models import Author, Topic

redirect_on_url_change(Topic)
redirect_on_url_change(Author)
