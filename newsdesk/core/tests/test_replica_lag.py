"""A reader never gets a page older than the editor's change, with a real standby 3 s behind.

The test builds a PostgreSQL primary and a streaming standby of its own on spare ports
(``recovery_min_apply_delay = 3s``), runs an editor's change and the next readers against them in
a separate process configured as production is, and stops both servers afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from newsdesk.core.tests import pgcluster

PRIMARY_PORT, STANDBY_PORT = 15432, 15433

pytestmark = pgcluster.OWN_CLUSTER_MARKS


@pytest.fixture(scope="module")
def delayed_standby() -> Iterator[tuple[pgcluster.PrimaryWithStandby, dict[str, str]]]:
    with pgcluster.PrimaryWithStandby(PRIMARY_PORT, STANDBY_PORT, apply_delay="3s") as cluster:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "DATABASE_URL": cluster.url("primary"),
            "DATABASE_REPLICA_URLS": cluster.url("standby"),
            "CACHE_URL": "locmem://replica-test",
            "NEWSDESK_VAR_DIR": str(cluster.workdir / "var"),
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
        yield cluster, env


def run_scenario(env: dict, *args: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "newsdesk.core.tests.replica_scenario", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_reader_after_an_edit_gets_the_new_headline_while_the_standby_lags(delayed_standby):
    _, env = delayed_standby
    result = run_scenario(env)

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


def test_readers_get_pages_while_the_standby_is_down(delayed_standby):
    cluster, env = delayed_standby
    cluster.stop(cluster.standby)
    try:
        result = run_scenario(env, "outage")
    finally:
        cluster.start(cluster.standby)
    assert result == {"statuses": [200, 200, 200, 200], "taken_out_logged": 1}
