"""``newsdesk search-reindex``: rebuild the search index from the content."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from newsdesk.search import indexing


class Command(BaseCommand):
    help = (
        "Rebuilds the search index (every type search carries) from the content. "
        "Run it after a bulk import, after editing the compound parts list, or when the index "
        "is suspected to be out of step; search keeps working meanwhile on what is committed."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        total = indexing.indexable_count()
        with tqdm(total=total, unit="object", disable=options["verbosity"] == 0) as bar:
            entries = indexing.rebuild(progress=bar.update)
        # Fresh statistics for the planner, as autovacuum would gather later: right after a
        # rebuild PostgreSQL would otherwise plan full-text queries for an empty table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{entries} entries indexed in {seconds:.1f} s."))
