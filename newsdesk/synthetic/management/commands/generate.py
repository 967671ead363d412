"""``newsdesk generate --articles N``: a synthetic newsroom for benchmarks and search tests."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from newsdesk.synthetic.generator import SyntheticNewsroom


class Command(BaseCommand):
    help = (
        "Writes a synthetic newsroom of N published articles (German-like text with compounds "
        "and model names, products with offers, topics, authors) in bulk. Repeating it with a "
        "larger N adds articles up to N. For benchmarks and search relevance, not for real sites."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, required=True, help="How many articles.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--images",
            type=int,
            default=12,
            help="How many distinct lead images to draw (default 12).",
        )

    def handle(self, *args, articles: int, seed: int, images: int, **options) -> None:
        if articles < 1 or articles > 5_000_000:
            raise CommandError("--articles must be between 1 and 5,000,000.")
        if images < 0 or images > 500:
            raise CommandError("--images must be between 0 and 500.")
        started = time.perf_counter()
        with tqdm(total=articles, unit="article", disable=options["verbosity"] == 0) as bar:
            counts = SyntheticNewsroom(
                articles, seed=seed, images=images, progress=bar.update
            ).build()
        # Fresh statistics, as autovacuum would gather later: right after a bulk load the
        # planner would otherwise think the tables nearly empty and choose slow plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.articles} articles, {counts.products} products, {counts.topics} topics, "
                f"{counts.authors} authors, {counts.images} images in {seconds:.1f} s "
                f"({counts.articles / seconds:.0f} articles/s)."
            )
        )
