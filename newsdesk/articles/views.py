"""Reader pages for articles, topics and authors, and the home page."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsdesk.comments import forms as comment_forms
from newsdesk.comments.forms import CommentForm
from newsdesk.comments.threads import comment_context, comment_state
from newsdesk.commerce.models import Offer, Product
from newsdesk.core.markup import Embed, split_body
from newsdesk.core.pagination import paginate, paginated
from newsdesk.pagecache import fragments
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys
from newsdesk.related.selectors import related_for_page

from .embeds import render_body
from .models import Article, Author, Topic

HOME_LATEST = 13
HOME_PER_KIND = 4
TOP_TOPICS = 10
TOP_TOPICS_DAYS = 90

# Section headings are plural ("Tests"), the kind labels on teasers singular ("Test").
KIND_TITLES = {
    Article.Kind.NEWS: _("News"),
    Article.Kind.REVIEW: _("Tests"),
    Article.Kind.HANDS_ON: _("Hands-On"),
    Article.Kind.GUIDE: _("Ratgeber"),
}


def record_listing(articles) -> None:
    """Tell the page cache which articles (and bylines) a teaser list shows."""
    for article in articles:
        record(article, article.ordered_authors())


def most_written_topics() -> list[Topic]:
    """Topics with the most articles of the last 90 days, counted over those articles only."""
    since = timezone.now() - timedelta(days=TOP_TOPICS_DAYS)
    recent = Article.objects.published().filter(published_at__gte=since).values("pk")
    counts = list(
        Article.topics.through.objects.filter(article__in=recent)
        .values("topic")
        .annotate(articles=Count("article"))
        .order_by("-articles", "topic")[: TOP_TOPICS * 2]
    )
    topics = Topic.objects.in_bulk([row["topic"] for row in counts])
    ranked = sorted(counts, key=lambda row: (-row["articles"], topics[row["topic"]].name))
    return [topics[row["topic"]] for row in ranked[:TOP_TOPICS]]


def home(request: HttpRequest) -> HttpResponse:
    # The lists below the live tickers are kept as a fragment while no article in them, no
    # listing and no top topic changed (newsdesk.pagecache.fragments).
    name = fragments.name_for("home")
    found = fragments.fetch([name])
    context: dict = {"home_fragment": name, "fragments": found}
    if name not in found:
        with fragments.collect() as collected:
            context.update(home_context())
        context["fragment_data"] = collected
    return render(request, "articles/home.html", context)


def home_context() -> dict:
    published = Article.objects.published().for_listing()
    latest = list(published[:HOME_LATEST])
    shown = [article.pk for article in latest]
    by_kind = []
    for kind in (Article.Kind.REVIEW, Article.Kind.HANDS_ON, Article.Kind.GUIDE):
        articles = list(published.filter(kind=kind).exclude(pk__in=shown)[:HOME_PER_KIND])
        if articles:
            url = reverse("articles:kind", kwargs={"kind_path": Article.KIND_PATHS[kind]})
            by_kind.append({"title": KIND_TITLES[kind], "url": url, "articles": articles})
    top_topics = most_written_topics()
    record(keys.HOME, top_topics)
    record_listing(latest)
    for section in by_kind:
        record_listing(section["articles"])
    return {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "by_kind": by_kind,
        "top_topics": top_topics,
    }


# Words a reader reads per minute, for "Lesezeit" (German non-fiction, on screen).
WORDS_PER_MINUTE = 200


def reading_minutes(body: str) -> int:
    from newsdesk.search.indexing import plain_text

    return max(1, round(len(plain_text(body).split()) / WORDS_PER_MINUTE))


# Tests and guides with at least this many sections get a table of contents ("Inhalt").
TOC_MIN_SECTIONS = 3
SECTION_HEADING = re.compile(r"<h2>(.*?)</h2>", re.S)


def table_of_contents(article: Article, blocks: list) -> list[dict]:
    """For tests and guides with enough h2 sections: give the headings anchors and return
    their list (else an empty list, and the body stays as it is). The HTML is the sanitised
    body's, so the heading text is safe."""
    entries: list[dict] = []
    used: set[str] = set()

    def anchor(match: re.Match) -> str:
        label = strip_tags(match.group(1)).strip()
        base = "abschnitt-" + (slugify(label) or str(len(entries) + 1))
        slug, number = base, 2
        while slug in used:
            slug, number = f"{base}-{number}", number + 1
        used.add(slug)
        entries.append({"id": slug, "label": label})
        return f'<h2 id="{slug}">{match.group(1)}</h2>'

    if article.kind not in (Article.Kind.REVIEW, Article.Kind.GUIDE):
        return []
    texts = [block for block in blocks if block.html and not block.embed]
    if sum(len(SECTION_HEADING.findall(block.html)) for block in texts) < TOC_MIN_SECTIONS:
        return []
    for block in texts:
        block.html = SECTION_HEADING.sub(anchor, block.html)
    return entries


def article_context(article: Article, *, comments: bool = True) -> dict:
    """Everything the article template shows, in a fixed number of queries.

    ``comments=False``: without the comment section's part (the caller has it already).
    """
    authors = article.ordered_authors()
    # Editors' pins first, then computed suggestions (newsdesk.related), in one query.
    related = related_for_page(article)
    parts = split_body(article.body)
    embedded_slugs = {p.slug for p in parts if isinstance(p, Embed) and p.kind == "product"}
    # The article's products and the products embedded in its text, with offers, at once.
    products = list(
        Product.objects.published()
        .filter(Q(articles=article) | Q(slug__in=embedded_slugs))
        .annotate(
            linked=Exists(
                Article.products.through.objects.filter(article=article, product=OuterRef("pk"))
            )
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=Offer.objects.live().select_related("shop"),
                to_attr="active_offers",
            )
        )
    )
    blocks = render_body(
        article.body,
        known={Embed("product", p.slug): p for p in products if p.slug in embedded_slugs},
        sponsored=article.is_sponsored,
    )
    # A product whose offers already stand in the text is not listed a second time below it.
    embedded = {block.obj.pk for block in blocks if block.embed and block.embed.kind == "product"}
    # Likewise an article the text already points to ("Auch interessant" inline) is not
    # repeated in the box at the end.
    in_text = {block.obj.pk for block in blocks if block.embed and block.embed.kind == "article"}
    related = [item for item in related if item.pk not in in_text]
    linked_products = [p for p in products if p.linked]
    sources = list(article.sources.all())
    topics = list(article.topics.all())
    record(article, authors, topics, related, linked_products)
    record(block.obj for block in blocks if block.embed)
    return {
        "article": article,
        "authors": authors,
        "reading_minutes": reading_minutes(article.body),
        "toc": table_of_contents(article, blocks),
        "blocks": blocks,
        "sources": sources,
        "topics": topics,
        "related": related,
        "offer_products": [p for p in linked_products if p.active_offers and p.pk not in embedded],
        **(comment_context(article) if comments else {}),
    }


# Stands in the kept comment form for its signed render time. Derived from the secret key, so
# that no text an editor writes can contain it, and the same in every worker.
FORM_TIMESTAMP_PLACEHOLDER = (
    "ts-" + salted_hmac("newsdesk.comments.form-ts", "placeholder").hexdigest()
)


def article_detail(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    article = Article.objects.published().select_related("lead_image").filter(pk=pk).first()
    if article is None:
        if Article.objects.filter(pk=pk).exists():
            # Not public (yet, or any more): the 404 names the article, so that a cache in
            # front drops it when the article is published.
            record(keys.article(pk))
        raise Http404("No article matches the given query.")
    if request.path != article.get_absolute_url():
        # Slug or kind changed since the link was made: send readers and search engines on.
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    # Kept as fragments while nothing they show changed (newsdesk.pagecache.fragments): the
    # head's data, the article, its comments (an approved comment changes the article's key)
    # and the empty comment form. Whether comments are open depends on the clock: read each
    # time, and part of the names.
    closed = comment_state(article).closed
    version = (article.pk, article.version, int(closed))
    names = {
        "meta_fragment": fragments.name_for("article-meta", article.pk, article.version),
        "article_fragment": fragments.name_for("article", *version),
        "thread_fragment": fragments.name_for("article-comments", *version),
        "form_fragment": fragments.name_for("article-comment-form", article.pk),
    }
    found = fragments.fetch(names.values())
    context: dict = {"comments_open": not closed}
    if len(found) < len(names):
        with fragments.collect() as collected:
            context.update(comment_context(article, closed=closed))
            context.update(article_context(article, comments=False))
        context["fragment_data"] = collected
    context.update(names, fragments=found, article=article)
    # The form's signed render time differs on every render: the kept form carries a
    # placeholder, replaced in the finished page.
    form = CommentForm(article=article)
    form.fields["ts"].initial = FORM_TIMESTAMP_PLACEHOLDER
    context["comment_form"] = form
    response = render(request, "articles/article_detail.html", context)
    response.content = response.content.replace(
        FORM_TIMESTAMP_PLACEHOLDER.encode(), comment_forms.form_timestamp().encode()
    )
    return response


def listing_fragment(context: dict, page, listing: str, *parts: object) -> dict:
    """Keep a page of teasers (``includes/article_list.html``) as a fragment while neither the
    listing ``listing`` nor an article on it changed; its articles are read only to render it."""
    name = fragments.name_for("list", listing, *parts, page.number)
    found = fragments.fetch([name])
    context.update(list_fragment=name, fragments=found, page=page)
    if name not in found:
        with fragments.collect() as collected:
            record(listing)
            record_listing(page.object_list)
        context["fragment_data"] = collected
    return context


@paginated
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    page = paginate(request, Article.objects.published().filter(topics=topic).for_listing())
    record(topic)
    context = listing_fragment({"topic": topic}, page, keys.listing(topic))
    return render(request, "articles/topic_detail.html", context)


@paginated
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    page = paginate(request, Article.objects.published().filter(authors=author).for_listing())
    record(author, keys.listing(author))
    record_listing(page.object_list)
    return render(request, "articles/author_detail.html", {"author": author, "page": page})


@paginated
def kind_list(request: HttpRequest, kind_path: str) -> HttpResponse:
    kinds = {path: kind for kind, path in Article.KIND_PATHS.items()}
    kind = kinds[kind_path]
    page = paginate(request, Article.objects.published().filter(kind=kind).for_listing())
    record(keys.kind(kind))
    record_listing(page.object_list)
    return render(
        request, "articles/kind_list.html", {"kind": kind, "title": KIND_TITLES[kind], "page": page}
    )
