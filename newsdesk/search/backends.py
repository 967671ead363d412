"""The two full-text backends behind one interface, chosen by the database in use.

Both receive the same analysed terms (``analysis``), so a query means the same on both; they
differ only in how they store and rank. Terms are ``[a-z0-9]+`` by construction, so the query
strings built here cannot carry syntax of their own (TRUST.md F1).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from newsdesk.articles.models import Article

from .analysis import Query
from .models import SearchEntry

ENTRY_TABLE = SearchEntry._meta.db_table
ARTICLE_TABLE = Article._meta.db_table
TOPICS_TABLE = Article.topics.through._meta.db_table
AUTHORS_TABLE = Article.authors.through._meta.db_table


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the search to; everything optional."""

    article_kind: str = ""
    topic_id: int | None = None
    author_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __bool__(self) -> bool:
        return bool(
            self.article_kind or self.topic_id or self.author_id or self.date_from or self.date_to
        )


@dataclass(frozen=True)
class Hit:
    entry_id: int
    kind: str
    object_id: int
    published_at: dt.datetime | None
    product_ids: tuple[int, ...]
    relevance: float  # higher is better, > 0
    # The entry's title, extra and teaser terms, where the backend read them with the match
    # (PostgreSQL reads the best rows again anyway); the ranking reads them itself otherwise.
    field_terms: tuple[str, str, str] | None = None


def _datetime(value) -> dt.datetime | None:
    if value is None:
        return None
    # SQLite answers naive UTC datetimes (or text), PostgreSQL aware ones.
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=dt.UTC)


def _ids(value) -> tuple[int, ...]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return tuple(int(v) for v in value or ())


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def prefix_terms(prefix: Query) -> list[str]:
    """The typed words as whole terms and, last, the word being typed (a prefix)."""
    return [term for group in prefix.groups for term in group.alternatives[0]]


class Backend:
    """SQL shared by both backends: the entry table, visibility and filters."""

    vendor = ""

    def where(self, kind: str, filters: Filters) -> tuple[list[str], list]:
        clauses, params = ["e.kind = %s"], [kind]
        if kind == SearchEntry.Kind.ARTICLE:
            # Scheduled articles wait in the index until their time has come.
            clauses.append("e.published_at IS NOT NULL AND e.published_at <= %s")
            params.append(self.adapt(timezone.now()))
        if filters.article_kind:
            clauses.append("e.article_kind = %s")
            params.append(filters.article_kind)
        if filters.topic_id:
            clauses.append(
                f"e.object_id IN (SELECT article_id FROM {TOPICS_TABLE} WHERE topic_id = %s)"
            )
            params.append(filters.topic_id)
        if filters.author_id:
            clauses.append(
                f"e.object_id IN (SELECT article_id FROM {AUTHORS_TABLE} WHERE author_id = %s)"
            )
            params.append(filters.author_id)
        if filters.date_from:
            clauses.append("e.published_at >= %s")
            params.append(self.adapt(_day_start(filters.date_from)))
        if filters.date_to:
            clauses.append("e.published_at < %s")
            params.append(self.adapt(_day_start(filters.date_to + dt.timedelta(days=1))))
        return clauses, params

    @staticmethod
    def adapt(value: dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)

    def _hits(self, rows) -> list[Hit]:
        return [
            Hit(
                row[0],
                row[1],
                row[2],
                _datetime(row[3]),
                _ids(row[4]),
                self.relevance(row[5]),
                tuple(row[6:9]) if len(row) > 6 else None,
            )
            for row in rows
        ]

    def relevance(self, rank: float) -> float:
        return float(rank)

    # Interface

    def match(self, query: Query, kind: str, filters: Filters, limit: int) -> list[Hit]:
        raise NotImplementedError

    def match_titles(self, terms: list[str], limit: int) -> list[Hit]:
        """Visible articles whose headline has any of ``terms``, best first."""
        raise NotImplementedError

    def suggest(self, prefix: Query, limit: int) -> list[tuple[int, str, str, str]]:
        """(id, headline, kind, slug) of published articles whose headline starts so."""
        raise NotImplementedError

    def write(self, entries: list[SearchEntry]) -> None:
        """Bring the full-text structure in line with these saved entries."""

    def delete(self, entry_ids: list[int]) -> None:
        """Forget these entries in the full-text structure (before the rows go)."""

    def clear(self) -> None:
        pass


class SqliteBackend(Backend):
    """SQLite FTS5: a virtual table ``search_fts`` whose rowid is the entry's id; BM25 ranks."""

    vendor = "sqlite"
    # bm25() column weights in the table's column order: title, extra, teaser, body.
    WEIGHTS = "10.0, 6.0, 3.0, 1.0"

    @staticmethod
    def compile(query: Query) -> str:
        groups = []
        for group in query.groups:
            alternatives = [
                "(" + " AND ".join(f'"{term}"' for term in alternative) + ")"
                for alternative in group.alternatives
            ]
            groups.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(groups)

    def relevance(self, rank: float) -> float:
        return -float(rank)  # bm25() is negative, lower is better

    def _ranked(self, expression: str, clauses: list[str], params: list, limit: int):
        # Every match is ranked: bm25() runs inside FTS5 over the match's own doclist, and
        # SQLite keeps only the best ``limit`` rows while it sorts.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.id, e.kind, e.object_id, e.published_at, e.product_ids, "
                f"bm25(search_fts, {self.WEIGHTS}) AS score FROM search_fts "
                f"JOIN {ENTRY_TABLE} e ON e.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s AND {' AND '.join(clauses)} "
                "ORDER BY score, e.id DESC LIMIT %s",
                [expression, *params, limit],
            )
            return self._hits(cursor.fetchall())

    def match(self, query: Query, kind: str, filters: Filters, limit: int) -> list[Hit]:
        clauses, params = self.where(kind, filters)
        return self._ranked(self.compile(query), clauses, params, limit)

    def match_titles(self, terms: list[str], limit: int) -> list[Hit]:
        clauses, params = self.where(SearchEntry.Kind.ARTICLE, Filters())
        expression = "{title} : (" + " OR ".join(f'"{t}"' for t in terms) + ")"
        return self._ranked(expression, clauses, params, limit)

    def suggest(self, prefix: Query, limit: int) -> list[tuple[int, str, str, str]]:
        *whole, last = prefix_terms(prefix)
        expression = " AND ".join([*(f'"{t}"' for t in whole), f'"{last}"*'])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT a.id, a.headline, a.kind, a.slug FROM search_fts "
                f"JOIN {ENTRY_TABLE} e ON e.id = search_fts.rowid "
                f"JOIN {ARTICLE_TABLE} a ON a.id = e.object_id "
                "WHERE search_fts MATCH %s AND e.kind = 'article' "
                "AND e.published_at IS NOT NULL AND e.published_at <= %s "
                # Newest indexed first: FTS5 walks its lists backwards and stops at the
                # limit, where sorting by date would read every match of a short prefix.
                "ORDER BY search_fts.rowid DESC LIMIT %s",
                ["{title} : (" + expression + ")", self.adapt(timezone.now()), limit],
            )
            return cursor.fetchall()

    def write(self, entries: list[SearchEntry]) -> None:
        if not entries:
            return
        self.delete([e.pk for e in entries])
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, extra, teaser, body) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (e.pk, e.title_terms, e.extra_terms, e.teaser_terms, e.body_terms)
                    for e in entries
                ],
            )

    def delete(self, entry_ids: list[int]) -> None:
        if not entry_ids:
            return
        with connection.cursor() as cursor:
            for start in range(0, len(entry_ids), 500):
                chunk = entry_ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM search_fts WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")


class PostgresBackend(Backend):
    """PostgreSQL: the generated ``tsvector`` column ``document`` (GIN index), ts_rank ranks.

    Weights A–D are title, extra, teaser, body; the generated columns follow every write to
    the entry row by themselves.
    """

    vendor = "postgresql"
    WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"  # D, C, B, A

    @staticmethod
    def compile(query: Query) -> str:
        groups = []
        for group in query.groups:
            alternatives = ["(" + " & ".join(alt) + ")" for alt in group.alternatives]
            groups.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(groups)

    def _ranked(self, expression: str, clauses: list[str], params: list, limit: int):
        # Two steps, both over every match the GIN index finds (a materialised step, so the
        # planner cannot walk the primary key instead). First each match is ranked on
        # ``head_document`` (headline, names, teaser: small enough to sit in the row);
        # then only the best ``limit`` are ranked on the whole ``document``, whose body part
        # is stored out of line and costs a read of its own per row.
        # For a common word the planner prefers reading the whole table, not knowing that
        # testing each row then unpacks its out-of-line document: 560 ms instead of 167 ms with
        # the GIN index for a word in 18,000 of 100,000 entries. The planner is told to use the
        # index for this one statement (a few mid-sized queries are some ms slower with it; see
        # docs/performance.md, "Search at 100,000 articles").
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                f"WITH matches AS MATERIALIZED (SELECT e.id, "
                f"ts_rank('{self.WEIGHTS}', e.head_document, to_tsquery('simple', %s), 1) "
                f"AS head FROM {ENTRY_TABLE} e "
                f"WHERE e.document @@ to_tsquery('simple', %s) AND {' AND '.join(clauses)}), "
                "best AS (SELECT id FROM matches ORDER BY head DESC, id DESC LIMIT %s) "
                "SELECT e.id, e.kind, e.object_id, e.published_at, e.product_ids, "
                f"ts_rank('{self.WEIGHTS}', e.document, to_tsquery('simple', %s), 1) AS score, "
                # What the ranking weighs by field, read here with the row (no second query).
                "e.title_terms, e.extra_terms, e.teaser_terms "
                f"FROM best JOIN {ENTRY_TABLE} e ON e.id = best.id "
                "ORDER BY score DESC, e.id DESC",
                [expression, expression, *params, limit, expression],
            )
            rows = cursor.fetchall()
            # Back to the session's setting, in case an outer transaction goes on.
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
            return self._hits(rows)

    def match(self, query: Query, kind: str, filters: Filters, limit: int) -> list[Hit]:
        clauses, params = self.where(kind, filters)
        return self._ranked(self.compile(query), clauses, params, limit)

    def match_titles(self, terms: list[str], limit: int) -> list[Hit]:
        clauses, params = self.where(SearchEntry.Kind.ARTICLE, Filters())
        expression = " | ".join(terms)
        # Headline vectors are small: every match is ranked in one step.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.id, e.kind, e.object_id, e.published_at, e.product_ids, "
                "ts_rank(e.title_document, to_tsquery('simple', %s)) AS score "
                f"FROM {ENTRY_TABLE} e "
                "WHERE e.title_document @@ to_tsquery('simple', %s) "
                f"AND {' AND '.join(clauses)} "
                "ORDER BY score DESC, e.id DESC LIMIT %s",
                [expression, expression, *params, limit],
            )
            return self._hits(cursor.fetchall())

    # Suggest looks at this many newest entries first, walking the primary key backwards:
    # a prefix that is typed often matches within the first few rows, and the walk is bounded
    # for one that does not.
    RECENT_ENTRIES = 1000

    def suggest(self, prefix: Query, limit: int) -> list[tuple[int, str, str, str]]:
        """Newest indexed first, as on SQLite: among the newest entries, then (for a rarer
        word) among all matches, found through the GIN index."""
        *whole, last = prefix_terms(prefix)
        expression = " & ".join([*whole, f"{last}:*"])
        now = self.adapt(timezone.now())
        visible = (
            "WHERE e.title_document @@ to_tsquery('simple', %s) AND e.kind = 'article' "
            "AND e.published_at IS NOT NULL AND e.published_at <= %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.id, a.headline, a.kind, a.slug FROM (SELECT id, object_id, kind, "
                f"published_at, title_document FROM {ENTRY_TABLE} ORDER BY id DESC LIMIT %s) e "
                f"JOIN {ARTICLE_TABLE} a ON a.id = e.object_id "
                f"{visible} ORDER BY e.id DESC LIMIT %s",
                [self.RECENT_ENTRIES, expression, now, limit],
            )
            rows = cursor.fetchall()
            if len(rows) < limit:
                cursor.execute(
                    f"WITH matches AS MATERIALIZED (SELECT e.id, e.object_id "
                    f"FROM {ENTRY_TABLE} e {visible}) "
                    f"SELECT a.id, a.headline, a.kind, a.slug FROM matches m "
                    f"JOIN {ARTICLE_TABLE} a ON a.id = m.object_id ORDER BY m.id DESC LIMIT %s",
                    [expression, now, limit],
                )
                rows = cursor.fetchall()
        return rows


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise RuntimeError(f"newsdesk search supports SQLite and PostgreSQL, not {connection.vendor}")
