"""What a file really is, before it is read: magic bytes, size, encoding and
the CSV delimiter.

A workbook must be a zip with `xl/workbook.xml` whose unpacked size stays
under the limit (a zip bomb is refused before openpyxl opens it); the old
.xls format is named as such. A CSV file may be UTF-8 (with or without BOM),
UTF-16 with BOM or Windows-1252, with `;`, `,` or tab between fields.
Problems are returned as Norwegian sentences, never raised.
"""

from __future__ import annotations

import io
import re
import zipfile

from portfolio.texts import update as T

P = T.PROBLEMS
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls format
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SNIFF_BYTES = 65536  # how far into a CSV file binary content is looked for


def megabytes(n: int) -> str:
    """Megabytes with one decimal, rounded up (so a file over the limit never
    looks equal to it)."""
    tenths = -(-n * 10 // (1024 * 1024))
    return T.SIZE_MB.format(size=f"{tenths // 10},{tenths % 10}")


def workbook_problem(data: bytes, max_unpacked_bytes: int) -> str | None:
    """Why `data` is not an .xlsx workbook that is safe to open; None when it is."""
    if data.startswith(OLE_MAGIC):
        return P["old_xls"]
    if not data.startswith(ZIP_MAGIC):
        return P["not_xlsx"]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        return P["not_xlsx"]
    if "xl/workbook.xml" not in names:
        return P["not_xlsx"]
    if unpacked > max_unpacked_bytes:
        return P["too_big_unpacked"].format(limit=megabytes(max_unpacked_bytes))
    return None


def csv_text(data: bytes) -> tuple[str | None, str | None]:
    """The text of a CSV file: (text, None), or (None, why it is not one)."""
    if data.startswith(ZIP_MAGIC):
        return None, P["xlsx_named_csv"]
    utf16 = data.startswith(UTF16_BOMS)
    if (b"\x00" in data[:SNIFF_BYTES] and not utf16) or data.startswith(OLE_MAGIC):
        return None, P["not_csv"]
    text = decode(data)
    if text is None:
        return None, P["encoding"]
    if BINARY_CONTROL.search(text[:SNIFF_BYTES]):
        return None, P["not_csv"]
    if not text.strip():
        return None, P["empty"]
    return text, None


def decode(data: bytes) -> str | None:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252; None if none fits."""
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM):].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def delimiter(text: str) -> str:
    """The field separator of the first line (outside quotes): `;` wins a tie."""
    first = text.split("\n", 1)[0]
    counts = {d: 0 for d in (";", ",", "\t")}
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"
