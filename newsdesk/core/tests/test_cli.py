"""The ``newsdesk`` command accepts command names the way operators type them."""

import subprocess
import sys

from newsdesk.cli import command_name


def test_hyphenated_command_names_map_to_django_commands():
    assert command_name(["newsdesk", "publish-due", "-v2"]) == ["newsdesk", "publish_due", "-v2"]
    assert command_name(["newsdesk", "--help"]) == ["newsdesk", "--help"]
    assert command_name(["newsdesk"]) == ["newsdesk"]


def test_publish_due_help_runs_under_its_cron_name():
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "publish-due", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "cron" in result.stdout
