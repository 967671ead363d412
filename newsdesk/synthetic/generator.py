"""A synthetic newsroom of any size, written in bulk, for benchmarks and search relevance.

Everything is derived from one random seed, so two runs with the same seed and size produce the
same newsroom. Rows are written with ``bulk_create`` in batches: no signals fire, so no cache
invalidation or revision is triggered per article (a benchmark measures those separately).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from newsdesk.articles.models import Article, ArticleAuthor, ArticleSource, Author, Topic
from newsdesk.commerce.models import Offer, Product, Shop
from newsdesk.core.text import german_slugify as slugify
from newsdesk.galleries.models import Image
from newsdesk.galleries.services import create_image

from . import vocabulary as words

BATCH = 2000
SLUG_PREFIX = "syn-"  # every generated slug starts with it, so runs can be told apart and removed
KIND_WEIGHTS = [
    (Article.Kind.NEWS, 70),
    (Article.Kind.REVIEW, 12),
    (Article.Kind.HANDS_ON, 8),
    (Article.Kind.GUIDE, 10),
]
SOURCES = ["Bloomberg", "Reuters", "dpa", "The Verge", "Hersteller", "WinFuture-Leserhinweis"]


@dataclass
class GeneratedCounts:
    articles: int
    products: int
    topics: int
    authors: int
    images: int


def _picture(rng: random.Random, number: int) -> SimpleUploadedFile:
    image = PILImage.new("RGB", (1600, 900))
    draw = ImageDraw.Draw(image)
    top = (rng.randrange(40, 120), rng.randrange(60, 160), rng.randrange(120, 220))
    for y in range(0, 900, 6):
        shade = tuple(max(0, c - y // 12) for c in top)
        draw.rectangle([0, y, 1600, y + 6], fill=shade)
    draw.rounded_rectangle([650, 120, 950, 780], radius=40, fill=(25, 25, 30))
    draw.rounded_rectangle([670, 150, 930, 750], radius=24, fill=top[::-1])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(f"synthetic-{number}.jpg", buffer.getvalue())


def _products(rng: random.Random) -> list[tuple[str, str, str]]:
    """(maker, name, slug) for every product the vocabulary can name."""
    products = []
    for maker, series in words.MAKERS_AND_SERIES.items():
        for prefix, numbers in series:
            for number in numbers:
                suffix = rng.choice(words.SUFFIXES)
                name = f"{prefix}{number}{suffix}".strip()
                products.append((maker, name, SLUG_PREFIX + slugify(f"{maker}-{name}")))
    return list({slug: (m, n, slug) for m, n, slug in products}.values())


class SyntheticNewsroom:
    def __init__(
        self,
        articles: int,
        seed: int = 2026,
        images: int = 12,
        progress: Callable[[int], None] | None = None,
    ):
        self.article_count = articles
        self.seed = seed
        self.rng = random.Random(seed)
        self.image_count = images
        self.progress = progress or (lambda n: None)

    def build(self) -> GeneratedCounts:
        with transaction.atomic():
            images = self._images()
            topics = self._topics()
            authors = self._authors()
            products = self._products_with_offers(images)
        self._articles(topics, authors, products, images)
        return GeneratedCounts(
            self.article_count, len(products), len(topics), len(authors), len(images)
        )

    def _images(self) -> list[Image]:
        existing = list(Image.objects.filter(title__startswith="Synthetisch "))
        for number in range(len(existing), self.image_count):
            existing.append(
                create_image(
                    _picture(self.rng, number),
                    title=f"Synthetisch {number}",
                    credit="Grafik: newsdesk",
                    alt_text="Ein Smartphone",
                )
            )
        return existing[: self.image_count]

    def _topics(self) -> list[Topic]:
        for name in words.TOPICS:
            # By name, which is unique: newsrooms generated before a slug rule change keep theirs.
            Topic.objects.get_or_create(name=name, defaults={"slug": SLUG_PREFIX + slugify(name)})
        return list(Topic.objects.filter(name__in=words.TOPICS))

    def _authors(self) -> list[Author]:
        for first, last in zip(words.FIRST_NAMES, words.LAST_NAMES, strict=False):
            name = f"{first} {last}"
            Author.objects.get_or_create(
                slug=SLUG_PREFIX + slugify(name),
                defaults={"name": name, "bio": "Schreibt über Technik."},
            )
        return list(Author.objects.filter(slug__startswith=SLUG_PREFIX))

    def _products_with_offers(self, images: list[Image]) -> list[Product]:
        shops = [
            Shop.objects.get_or_create(name=name, defaults={"domains": domain})[0]
            for name, domain in (
                ("Amazon", "amazon.de"),
                ("MediaMarkt", "mediamarkt.de"),
                ("O2", "o2online.de"),
            )
        ]
        known = set(
            Product.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
        )
        new = [
            Product(
                maker=maker,
                name=name,
                slug=slug,
                is_published=True,
                image=self.rng.choice(images) if images else None,
                specs=f"Display: {self.rng.choice(['6,1', '6,4', '6,7'])} Zoll\n"
                f"Akku: {self.rng.randrange(3000, 5500, 100)} mAh",
            )
            # Own generator: the catalogue must not depend on what earlier steps consumed.
            for maker, name, slug in _products(random.Random(self.seed))
            if slug not in known
        ]
        Product.objects.bulk_create(new, batch_size=BATCH)
        products = list(Product.objects.filter(slug__startswith=SLUG_PREFIX))
        offers = []
        for product in products:
            if product.slug in known:
                continue
            for shop in self.rng.sample(shops, self.rng.randint(1, 3)):
                label = "mit Vertrag" if shop.name == "O2" else ""
                offers.append(
                    Offer(
                        product=product,
                        shop=shop,
                        label=label,
                        price=Decimal(self.rng.randrange(199, 1499)) + Decimal("0.99"),
                        url=f"https://www.{shop.domain_list()[0]}/p/{product.slug}",
                        # bulk_create skips Offer.save: approve the shop-list URL here.
                        approved_url=f"https://www.{shop.domain_list()[0]}/p/{product.slug}",
                    )
                )
        Offer.objects.bulk_create(offers, batch_size=BATCH)
        return products

    def _text(self, product: Product, other: Product, topic: Topic) -> tuple[str, str, str]:
        rng = self.rng
        fill = {
            "product": product.name,
            "other": other.name,
            "maker": product.maker,
            "compound": rng.choice(words.COMPOUNDS),
            "topic": topic.name,
            "price": rng.randrange(199, 1499),
            "inch": rng.choice(["6,1", "6,4", "6,7"]),
            "storage": rng.choice([128, 256, 512]),
            "years": rng.choice([3, 5, 7]),
        }
        headline = rng.choice(words.HEADLINE_PATTERNS).format(**fill)
        teaser = " ".join(rng.choice(words.SENTENCE_PATTERNS).format(**fill) for _ in range(2))
        paragraphs = []
        for section in range(rng.randint(2, 4)):
            if section:
                paragraphs.append("## " + rng.choice(words.SUBHEADINGS))
            for _ in range(rng.randint(2, 3)):
                fill["compound"] = rng.choice(words.COMPOUNDS)
                paragraphs.append(
                    " ".join(
                        rng.choice(words.SENTENCE_PATTERNS).format(**fill)
                        for _ in range(rng.randint(3, 5))
                    )
                )
        return headline[:200], teaser[:600], "\n\n".join(paragraphs)

    def _articles(self, topics, authors, products, images) -> None:
        rng = self.rng
        now = timezone.now()
        start = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
        kinds = [kind for kind, weight in KIND_WEIGHTS for _ in range(weight)]
        # Spread over time like a newsroom publishing ~50 articles a day.
        span = timedelta(days=max(30, self.article_count // 50))
        for batch_start in range(start, self.article_count, BATCH):
            batch_end = min(batch_start + BATCH, self.article_count)
            articles, picks = [], []
            for number in range(batch_start, batch_end):
                product, other = rng.sample(products, 2)
                chosen_topics = rng.sample(topics, rng.randint(1, 3))
                headline, teaser, body = self._text(product, other, chosen_topics[0])
                kind = rng.choice(kinds)
                articles.append(
                    Article(
                        kind=kind,
                        headline=headline,
                        teaser=teaser,
                        body=body,
                        slug=f"{SLUG_PREFIX}{slugify(headline)[:150]}-{number}",
                        status=Article.Status.PUBLISHED,
                        published_at=now - span * (1 - number / max(1, self.article_count)),
                        lead_image=rng.choice(images) if images else None,
                        score=Decimal(rng.randrange(50, 96)) / 10
                        if kind == Article.Kind.REVIEW
                        else None,
                    )
                )
                picks.append(
                    (
                        rng.sample(authors, rng.choice([1, 1, 1, 2])),
                        chosen_topics,
                        product,
                        rng.random() < 0.4,
                    )
                )
            with transaction.atomic():
                created = Article.objects.bulk_create(articles, batch_size=BATCH)
                if created and created[0].pk is None:  # backends that return no ids
                    slugs = [a.slug for a in articles]
                    created = list(Article.objects.filter(slug__in=slugs).order_by("pk"))
                authorships, topic_links, product_links, sources = [], [], [], []
                for article, (article_authors, article_topics, product, sourced) in zip(
                    created, picks, strict=True
                ):
                    authorships += [
                        ArticleAuthor(article=article, author=a, position=i)
                        for i, a in enumerate(article_authors)
                    ]
                    topic_links += [
                        Article.topics.through(article=article, topic=t) for t in article_topics
                    ]
                    product_links.append(Article.products.through(article=article, product=product))
                    if sourced:
                        sources.append(ArticleSource(article=article, name=rng.choice(SOURCES)))
                ArticleAuthor.objects.bulk_create(authorships, batch_size=BATCH)
                Article.topics.through.objects.bulk_create(topic_links, batch_size=BATCH)
                Article.products.through.objects.bulk_create(product_links, batch_size=BATCH)
                ArticleSource.objects.bulk_create(sources, batch_size=BATCH)
            self.progress(batch_end - batch_start)
