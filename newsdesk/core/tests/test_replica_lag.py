"""A reader never gets a page older than the editor's change, with a real standby 3 s behind.

The test builds a PostgreSQL primary and a streaming standby of its own on spare ports
(``recovery_min_apply_delay = 3s``), runs an editor's change and the next readers against them in
a separate process configured as production is, and stops both servers afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PRIMARY_PORT, STANDBY_PORT = 55432, 55433

pytestmark = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None or os.geteuid() != 0,
    reason="needs PostgreSQL 15's server binaries and root to run them as the postgres user",
)


def as_postgres(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


@pytest.fixture(scope="module")
def delayed_standby() -> Iterator[dict[str, str]]:
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-replica-"))
    shutil.chown(workdir, "postgres", "postgres")
    primary, standby = workdir / "primary", workdir / "standby"
    started: list[Path] = []
    try:
        as_postgres(str(PG_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust")
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{workdir}'\nwal_level = replica\n"
                "fsync = off\nmax_wal_senders = 4\n"
            )
        as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(primary), "-l", str(workdir / "p.log"), "-w", "start"
        )
        started.append(primary)
        as_postgres(
            str(PG_BIN / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(PRIMARY_PORT),
            "-U",
            "postgres",
            "-D",
            str(standby),
            "-R",
            "-X",
            "stream",
        )
        with open(standby / "postgresql.conf", "a") as conf:
            conf.write(f"port = {STANDBY_PORT}\nrecovery_min_apply_delay = '3s'\n")
        as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(standby), "-l", str(workdir / "s.log"), "-w", "start"
        )
        started.append(standby)
        as_postgres(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(PRIMARY_PORT),
            "-U",
            "postgres",
            "newsdesk",
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/newsdesk",
            "DATABASE_REPLICA_URLS": f"postgres://postgres@127.0.0.1:{STANDBY_PORT}/newsdesk",
            "CACHE_URL": "locmem://replica-test",
            "NEWSDESK_VAR_DIR": str(workdir / "var"),
            "ALLOWED_HOSTS": "testserver",
            "NEWSDESK_PAGE_CACHE": "true",
        }
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput"],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        yield env
    finally:
        for data_dir in reversed(started):
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(data_dir),
                    "-m",
                    "immediate",
                    "stop",
                ],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(workdir, ignore_errors=True)


def test_reader_after_an_edit_gets_the_new_headline_while_the_standby_lags(delayed_standby):
    run = subprocess.run(
        [sys.executable, "-m", "newsdesk.core.tests.replica_scenario"],
        env=delayed_standby,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])

    assert result["replica_caught_up"]
    # Before the change, anonymous readers are served from the standby.
    assert result["before"]["status"] == 200
    assert result["before"]["old_headline"]
    assert result["before"]["replica_queries"] > 0
    # Right after the change the standby still has the old row, yet the page that is rendered
    # (and stored in the page cache) carries the new headline: it was read from the primary.
    assert result["replica_still_old"]
    assert result["right_after_change"]["status"] == 200
    assert result["right_after_change"]["new_headline"]
    # Once the standby has replayed the change, it serves readers again.
    assert result["after_replay"]["new_headline"]
    assert result["after_replay"]["replica_queries"] > 0
    # Further behind than the lag limit: out of the rotation, readers get the primary's page.
    # (The standby still has the old headline, so the new one can only come from the primary.)
    assert result["while_lagging"]["new_headline"]
    assert not result["while_lagging"]["in_rotation"]
    # And back in once it has caught up and the retry period has passed.
    assert result["back"]["new_headline"]
    assert result["back"]["replica_queries"] > 0
