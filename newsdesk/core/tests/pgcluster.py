"""A PostgreSQL primary and a streaming standby of their own, for fault tests and benchmarks.

Built with PostgreSQL 15's server binaries in a temporary folder on spare ports, run as the
``postgres`` user (the servers refuse root), and always stopped and removed afterwards. The
machine's own PostgreSQL is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def available() -> bool:
    return (
        (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None and os.geteuid() == 0
    )


# Tests that bring their own servers run once per `make test`: in the PostgreSQL run.
OWN_CLUSTER_MARKS = [
    pytest.mark.skipif(
        not available(),
        reason="needs PostgreSQL 15's server binaries and root to run them as the postgres user",
    ),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL run of the suite",
    ),
]


def _as_postgres(*command: str) -> None:
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        capture_output=True,
        text=True,
        timeout=330,
    )


def ephemeral_ports() -> range:
    """The ports the kernel hands out to outgoing connections (Linux's default if unknown)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return range(int(low), int(high) + 1)
    except (OSError, ValueError):
        return range(32768, 61000)


class PrimaryWithStandby:
    """``with PrimaryWithStandby(15432, 15433, apply_delay="3s") as cluster: ...``"""

    def __init__(self, primary_port: int, standby_port: int, apply_delay: str = "0") -> None:
        # A port in the ephemeral range may be the local end of any connection at that moment
        # (a test's HTTP client, Redis): the server then cannot bind it and the test fails by
        # chance, as one did in CI. Fixed ports below the range collide only with listeners.
        for port in (primary_port, standby_port):
            if port in ephemeral_ports():
                raise ValueError(f"port {port} is in the ephemeral range; use one below it")
        self.primary_port, self.standby_port, self.apply_delay = (
            primary_port,
            standby_port,
            apply_delay,
        )
        self.workdir = Path(tempfile.mkdtemp(prefix="newsdesk-pgcluster-"))
        self.primary, self.standby = self.workdir / "primary", self.workdir / "standby"
        self._running: set[Path] = set()

    def url(self, which: str, database: str = "newsdesk") -> str:
        port = self.primary_port if which == "primary" else self.standby_port
        return f"postgres://postgres@127.0.0.1:{port}/{database}"

    def __enter__(self) -> PrimaryWithStandby:
        shutil.chown(self.workdir, "postgres", "postgres")
        try:
            _as_postgres(
                str(PG_BIN / "initdb"), "-D", str(self.primary), "-U", "postgres", "--auth=trust"
            )
            with open(self.primary / "postgresql.conf", "a") as conf:
                conf.write(
                    f"port = {self.primary_port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.workdir}'\nwal_level = replica\n"
                    "fsync = off\nmax_wal_senders = 4\n"
                )
            self.start(self.primary)
            _as_postgres(
                str(PG_BIN / "pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.primary_port),
                "-U",
                "postgres",
                "-D",
                str(self.standby),
                "-R",
                "-X",
                "stream",
            )
            with open(self.standby / "postgresql.conf", "a") as conf:
                conf.write(
                    f"port = {self.standby_port}\nrecovery_min_apply_delay = '{self.apply_delay}'\n"
                )
            self.start(self.standby)
            _as_postgres(
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.primary_port),
                "-U",
                "postgres",
                "newsdesk",
            )
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def start(self, data_dir: Path) -> None:
        log = self.workdir / f"{data_dir.name}.log"
        # pg_ctl waits 60 s by default; a start on a loaded machine (a shared CI runner) can
        # take longer than that.
        try:
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                *("-D", str(data_dir), "-l", str(log), "-w", "-t", "300", "start"),
            )
        except subprocess.CalledProcessError as error:
            # The server's own words, before __exit__ removes the folder with its log.
            said = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
            raise RuntimeError(f"{data_dir.name} did not start: {said}") from error
        self._running.add(data_dir)

    def stop(self, data_dir: Path, mode: str = "fast") -> None:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data_dir), "-m", mode, "-w", "stop")
        self._running.discard(data_dir)

    def __exit__(self, *exc_info) -> None:
        for data_dir in list(self._running):
            try:
                self.stop(data_dir, mode="immediate")
            except subprocess.SubprocessError:
                pass
        shutil.rmtree(self.workdir, ignore_errors=True)
