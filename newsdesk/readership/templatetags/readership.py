from __future__ import annotations

from django import template

from newsdesk.articles.models import Article

from ..selectors import most_read

register = template.Library()


@register.inclusion_tag("readership/most_read.html")
def most_read_box(article: Article | None = None, level: int = 2) -> dict:
    """The "Meistgelesen" box; on an article page it also carries the address that counts
    the reading (site.js sends it after load; without JavaScript nothing is counted)."""
    return {"most_read": most_read(), "article": article, "level": level, "sub": level + 1}
