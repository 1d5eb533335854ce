"""Where Decidim's open data comes from, up to the bytes of its CSV files.

A source is the ZIP a Decidim instance serves at `/open-data/download` (a path
or its bytes), a folder of the CSV files in it, one of those CSV files, or an
`http(s)://` URL of the ZIP (or of one CSV file). Decidim names the files
`<host>-open-data-<entity>.csv` (decidim-core, `Decidim::OpenDataExporter::
FILE_NAME_PATTERN`, 0.27 to 0.30); the ZIP also holds other entities, a
README.md and a LICENSE.md, which are not read.

Nothing is written anywhere. A ZIP is checked before any member is unpacked:
every member name must stay inside the archive (no absolute path, no «..»),
and the declared unpacked sizes may not add up to more than the limit; while
unpacking, the bytes actually produced are counted too, so a member that lies
about its size is stopped at the limit. Bad data raises `DecidimRefused` (a
list of FileProblem, exit code 1); a URL that cannot be fetched, or a path
that does not exist, raises `DecidimUnavailable` (exit code 2).
"""

from __future__ import annotations

import http.client
import io
import re
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portfolio.ingest.reading import FileProblem, Source
from portfolio.texts import decidim as T

R = T.REFUSED
U = T.UNAVAILABLE
ENTITIES = ("results", "projects", "proposals", "meetings")
FILE_NAME = re.compile(r"^(?P<host>.+)-open-data-(?P<entity>[a-z_]+)\.csv$", re.IGNORECASE)
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP with members, an empty ZIP
HTML_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<?xml")
CHUNK = 1 << 16
# A whole download may take this many times the wait for one answer (a server that sends a
# byte now and then never makes a single wait time out)
DOWNLOAD_WAITS = 12
SNIFF_BYTES = 1 << 16


class DecidimRefused(Exception):
    """The data is not a Decidim open-data export that can be read (exit code 1)."""

    def __init__(self, problems: list[FileProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DecidimUnavailable(Exception):
    """The source cannot be reached: a URL that times out, refuses or does not
    answer 200, or a path that does not exist (exit code 2)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class RawFile:
    """One CSV file's bytes and the name a user knows it by."""

    name: str
    data: bytes



def host_entity(name: str) -> tuple[str | None, str | None]:
    """(host, entity) from Decidim's file name `<host>-open-data-<entity>.csv`, or (None, None)."""
    match = FILE_NAME.match(Path(name.replace("\\", "/")).name)
    if not match:
        return None, None
    return match["host"], match["entity"].lower()


@dataclass(frozen=True)
class Loaded:
    files: tuple[RawFile, ...]
    url_host: str | None  # the host of a URL source


def load(source: str | Path | bytes, *, name: str | None, timeout_s: float, max_bytes: int,
         download_s: float | None = None) -> Loaded:
    """The CSV files of `source`; raises DecidimRefused or DecidimUnavailable."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return Loaded(_from_bytes(bytes(source), name or T.UNNAMED_SOURCE, max_bytes), None)
    text = str(source)
    if re.match(r"^https?://", text, re.IGNORECASE):
        data, file_name = fetch(text, timeout_s=timeout_s, max_bytes=max_bytes, download_s=download_s)
        return Loaded(_from_bytes(data, name or file_name or text, max_bytes, url=text), urlsplit(text).hostname)
    path = Path(source)
    if not path.exists():
        raise DecidimUnavailable(U["missing_path"].format(path=path))
    if path.is_dir():
        return Loaded(_from_folder(path, max_bytes), None)
    return Loaded(_from_bytes(_read_file(path, max_bytes), name or path.name, max_bytes), None)


def refused(message: str, file: str) -> DecidimRefused:
    return DecidimRefused([FileProblem(message, Source("file", file=file))])


def megabytes(n: int) -> str:
    tenths = -(-n * 10 // (1024 * 1024))
    return T.SIZE_MB.format(size=f"{tenths // 10},{tenths % 10}")


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        if path.stat().st_size > max_bytes:
            raise refused(R["too_big"].format(limit=megabytes(max_bytes)), path.name)
        return path.read_bytes()
    except OSError as err:
        raise DecidimUnavailable(U["unreadable_path"].format(path=path)) from err


def _from_folder(folder: Path, max_bytes: int) -> tuple[RawFile, ...]:
    files, total = [], 0
    for path in sorted(folder.iterdir()):
        if not (path.is_file() and host_entity(path.name)[1] in ENTITIES):
            continue
        data = _read_file(path, max_bytes)
        total += len(data)
        if total > max_bytes:
            raise refused(R["too_big"].format(limit=megabytes(max_bytes)), str(folder))
        files.append(RawFile(path.name, data))
    if not files:
        raise refused(R["no_entities"], str(folder))
    return tuple(files)


def looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(HTML_STARTS)


def _from_bytes(data: bytes, display: str, max_bytes: int, url: str | None = None) -> tuple[RawFile, ...]:
    if data.startswith(ZIP_MAGICS):
        return unzip(data, display, max_bytes)
    if looks_like_html(data):
        raise refused(R["html"], url or display)
    if len(data) > max_bytes:
        raise refused(R["too_big"].format(limit=megabytes(max_bytes)), display)
    if b"\x00" in data[:SNIFF_BYTES]:
        raise refused(R["not_export"], display)
    return (RawFile(display, data),)


def unsafe_member(name: str) -> bool:
    """A member name that would land outside the folder it is unpacked into."""
    parts = re.split(r"[\\/]", name)
    return name.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts


def unzip(data: bytes, display: str, max_bytes: int) -> tuple[RawFile, ...]:
    """The Decidim CSV members of a ZIP, after its names and sizes are checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as err:
        raise refused(R["bad_zip"], display) from err
    with archive:
        infos = archive.infolist()
        unsafe = [i.filename for i in infos if unsafe_member(i.filename)]
        if unsafe:
            raise DecidimRefused([FileProblem(R["unsafe_member"].format(member=m), Source("file", file=display))
                                  for m in unsafe])
        if sum(i.file_size for i in infos) > max_bytes:
            raise refused(R["too_big_unpacked"].format(limit=megabytes(max_bytes)), display)
        wanted = [i for i in infos if not i.is_dir() and host_entity(i.filename)[1] in ENTITIES]
        names = [i.filename for i in wanted]
        duplicate = next((n for n in names if names.count(n) > 1), None)
        if duplicate:
            raise refused(R["duplicate_member"].format(member=duplicate), display)
        files, budget = [], max_bytes
        for info in wanted:
            content = _unpack(archive, info, budget, display)
            budget -= len(content)
            files.append(RawFile(info.filename, content))
    if not files:
        raise refused(R["no_entities"], display)
    return tuple(files)


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, display: str) -> bytes:
    """A member's bytes, stopped as soon as they pass `budget`."""
    out = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                out += chunk
                if len(out) > budget:
                    raise refused(R["too_big_unpacked"].format(limit=megabytes(budget)), display)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as err:
        raise refused(R["bad_zip"], display) from err
    return bytes(out)


def fetch(url: str, *, timeout_s: float, max_bytes: int, download_s: float | None = None) -> tuple[bytes, str | None]:
    """The body of `url` and the file name it gives (or its path's last part).
    Every wait on the network is bounded by `timeout_s`."""
    request = urllib.request.Request(url, headers={"User-Agent": "portfolio-decidim-reader",
                                                   "Accept": "application/zip, text/csv, */*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            if response.status != 200:
                raise DecidimUnavailable(U["status"].format(url=url, status=response.status))
            if response.headers.get_content_type() == "text/html":
                raise refused(R["html"], url)
            data = _download(response, url, max_bytes, DOWNLOAD_WAITS * timeout_s if download_s is None else download_s)
            file_name = response.headers.get_filename() or unquote(Path(urlsplit(response.url).path).name)
    except urllib.error.HTTPError as err:
        raise DecidimUnavailable(U["status"].format(url=url, status=err.code)) from err
    except urllib.error.URLError as err:
        raise _network_problem(url, err.reason, timeout_s) from err
    except (TimeoutError, ConnectionError, http.client.HTTPException, OSError) as err:
        raise _network_problem(url, err, timeout_s) from err
    return data, file_name or None


def _download(response, url: str, max_bytes: int, download_s: float) -> bytes:
    """The body, read in chunks: refused past `max_bytes`, given up after `download_s` seconds."""
    deadline = time.monotonic() + download_s
    out = bytearray()
    while chunk := response.read1(CHUNK):
        out += chunk
        if len(out) > max_bytes:
            raise refused(R["too_big"].format(limit=megabytes(max_bytes)), url)
        if time.monotonic() > deadline:
            seconds = f"{download_s:g}".replace(".", ",")
            raise DecidimUnavailable(U["slow"].format(url=url, seconds=seconds))
    return bytes(out)


def _network_problem(url: str, reason: object, timeout_s: float) -> DecidimUnavailable:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        seconds = f"{timeout_s:g}".replace(".", ",")
        return DecidimUnavailable(U["timeout"].format(url=url, seconds=seconds))
    return DecidimUnavailable(U["refused"].format(url=url))
