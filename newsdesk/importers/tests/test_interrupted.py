"""``kill -9`` during an import, then a second run, gives the same result as one clean run.

The import runs as a real process against its own SQLite file, so the kill is a real one: no
cleanup code of ours runs, only what SQLite committed survives.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsdesk.importers.synthetic_wxr import write_export

# Enough posts that the kill (after the first 100) lands well before the end.
POSTS = 750
QUERIES = {
    "articles": "SELECT slug, headline, body, status, published_at FROM articles_article",
    "comments": "SELECT a.slug, c.author_name, c.body, c.status, c.created_at, p.body "
    "FROM comments_comment c JOIN articles_article a ON a.id = c.article_id "
    "LEFT JOIN comments_comment p ON p.id = c.parent_id",
    "topics": "SELECT a.slug, t.slug FROM articles_article_topics x "
    "JOIN articles_article a ON a.id = x.article_id JOIN articles_topic t ON t.id = x.topic_id",
    "authors": "SELECT a.slug, u.slug FROM articles_articleauthor x "
    "JOIN articles_article a ON a.id = x.article_id JOIN articles_author u ON u.id = x.author_id",
    "redirects": "SELECT old_path, new_path FROM django_redirect",
    "mapping": "SELECT source, kind, external_id FROM importers_importedobject",
}


def environment(var: Path) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base"}
    env.update(
        NEWSDESK_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
        CACHE_URL="locmem://",
        SECRET_KEY="test-only-secret-key-for-the-interrupted-import-test",
    )
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def newsdesk(var: Path, *args: str) -> subprocess.Popen:
    code = "from newsdesk.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=environment(var),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen) -> None:
    _out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode()[-2000:]


def contents(database: Path) -> dict[str, list]:
    with sqlite3.connect(database) as connection:
        return {name: sorted(connection.execute(sql).fetchall()) for name, sql in QUERIES.items()}


def imported_posts(database: Path) -> int:
    try:
        with sqlite3.connect(database, timeout=1) as connection:
            row = connection.execute(
                "SELECT count(*) FROM importers_importedobject WHERE kind = 'post'"
            ).fetchone()
            return row[0]
    except sqlite3.OperationalError:
        return 0


def test_kill_9_then_rerun_equals_one_clean_run(tmp_path):
    export = write_export(tmp_path / "export.xml", POSTS, comments_per_post=3)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    clean.mkdir()
    finish(newsdesk(clean, "migrate", "-v0"))
    # Both start from the same migrated database: one migrate, copied, costs half of two.
    shutil.copytree(clean, killed)

    finish(newsdesk(clean, "import-wordpress", str(export), "--batch-size", "50", "-v0"))

    process = newsdesk(killed, "import-wordpress", str(export), "--batch-size", "50", "-v0")
    deadline = time.monotonic() + 300
    while imported_posts(killed / "db.sqlite3") < 100 and time.monotonic() < deadline:
        assert process.poll() is None, "the import ended before it could be interrupted"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    interrupted = imported_posts(killed / "db.sqlite3")
    assert 0 < interrupted < POSTS, "the kill must land in the middle of the posts"
    # Whole batches only: the mapping and the articles agree row for row.
    with sqlite3.connect(killed / "db.sqlite3") as connection:
        articles = connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    assert articles == interrupted and interrupted % 50 == 0

    finish(newsdesk(killed, "import-wordpress", str(export), "--batch-size", "50", "-v0"))
    assert contents(killed / "db.sqlite3") == contents(clean / "db.sqlite3")
