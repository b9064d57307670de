"""A throwaway PostgreSQL cluster of its own: initdb + pg_ctl in a temporary folder.

Used by the PostgreSQL parity tests and by ``benchmarks/engines.py``. It needs the server
binaries (Debian: ``postgresql-15``) and nothing else: no system service, no fixed port.
PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres``
system user (``runuser``); as anyone else it runs as that user. It listens on 127.0.0.1
only, with password (SCRAM) authentication, so wrong credentials are tested for real.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ADMIN = "objectif_admin"
READER = "objectif_reader"
DATABASE = "objectif"


def find_bindir() -> Path | None:
    """The server binaries: ``$OBJECTIF_PG_BINDIR``, Debian's newest, or ``pg_ctl`` on PATH."""
    if os.environ.get("OBJECTIF_PG_BINDIR"):
        return Path(os.environ["OBJECTIF_PG_BINDIR"])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """A running cluster: its port, data folder and how to stop it."""

    port: int
    folder: Path
    admin_password: str
    reader_password: str
    _prefix: tuple[str, ...]
    _bindir: Path

    def url(self, user: str = READER, database: str = DATABASE) -> str:
        """A URL without password (it is given apart, as the app does)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin_connection(self):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=ADMIN,
            password=self.admin_password,
            dbname=DATABASE,
            autocommit=True,
        )

    def stop(self) -> None:
        pg_ctl = str(self._bindir / "pg_ctl")
        subprocess.run(
            [*self._prefix, pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(settings: dict[str, str] | None = None) -> Cluster:
    """Start a fresh cluster with a database, an admin and a read-only role.

    Raises
    ------
    RuntimeError
        When the server binaries are not installed, or the server does not start (the
        message carries its log).
    """
    bindir = find_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        raise RuntimeError(
            "PostgreSQL server binaries not found (Debian: apt-get install postgresql)"
        )
    folder = Path(tempfile.mkdtemp(prefix="objectif-pg-"))
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # the server will not run as root
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        prefix = ("runuser", "-u", "postgres", "--")
    admin_password, reader_password = os.urandom(9).hex(), os.urandom(9).hex()
    pwfile = folder / "pwfile"
    pwfile.write_text(admin_password + "\n")
    if prefix:
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, *args], capture_output=True, text=True, check=True)

    run(
        str(bindir / "initdb"),
        "-D",
        str(folder / "data"),
        "-U",
        ADMIN,
        f"--pwfile={pwfile}",
        "--auth=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C",
    )
    port = _free_port()
    options = {
        "listen_addresses": "127.0.0.1",
        "port": str(port),
        "unix_socket_directories": str(folder),
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        **(settings or {}),
    }
    flags = " ".join(f"-c {k}={v}" for k, v in options.items())
    try:
        run(
            str(bindir / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-l",
            str(folder / "log"),
            "-o",
            flags,
            "-w",
            "-t",
            "60",
            "start",
        )
    except subprocess.CalledProcessError as error:
        log = (folder / "log").read_text() if (folder / "log").exists() else error.stderr
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {log}") from error
    cluster = Cluster(port, folder, admin_password, reader_password, prefix, bindir)
    _create_roles(cluster)
    return cluster


def _create_roles(cluster: Cluster) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1",
        port=cluster.port,
        user=ADMIN,
        password=cluster.admin_password,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f"CREATE DATABASE {DATABASE}")
        admin.execute(f"CREATE ROLE {READER} LOGIN PASSWORD '{cluster.reader_password}'")
    with cluster.admin_connection() as admin:
        # what the docs ask of a real server: a role that can read and nothing else
        admin.execute(f"GRANT USAGE ON SCHEMA public TO {READER}")
        admin.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {READER}"
        )
