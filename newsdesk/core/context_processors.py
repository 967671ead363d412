"""What every reader page needs: site name, footer pages and follow links."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    from newsdesk.pages.footer import footer_pages

    def follow_links() -> list[tuple[str, str]]:
        links = []
        for item in settings.NEWSDESK_FOLLOW_LINKS:
            name, _sep, url = item.partition("=")
            if url:
                links.append((name.strip(), url.strip()))
        return links

    return {
        "site_name": settings.NEWSDESK_SITE_NAME,
        "base_url": settings.NEWSDESK_BASE_URL,
        # Callables: evaluated only by templates that show a footer.
        "footer_pages": footer_pages,
        "follow_links": follow_links,
    }
