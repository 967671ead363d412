"""``newsdesk related-refresh``: recompute every published article's suggestions."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from newsdesk.articles.models import Article
from newsdesk.related import scoring


class Command(BaseCommand):
    help = (
        'Recomputes the "Auch interessant" suggestions of every published article (or the '
        "newest N with --limit). Run it after a bulk import or `newsdesk search-reindex`; "
        "edits in the newsroom keep suggestions current by themselves."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=0, help="Only the newest N articles.")

    def handle(self, *args, limit: int, **options) -> None:
        started = time.perf_counter()
        ids = Article.objects.published().order_by("-published_at").values_list("pk", flat=True)
        ids = list(ids[:limit] if limit > 0 else ids)
        for article_id in tqdm(ids, unit="article", disable=options["verbosity"] == 0):
            scoring.refresh(article_id)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{len(ids)} articles refreshed in {seconds:.1f} s."))
