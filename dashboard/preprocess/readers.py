"""Read articles from disk: txt/md (with optional front matter), html, jsonl and csv exports.

Every problem becomes a `ReadError` naming the file (and record) so the rest of the batch goes on.
Text is decoded as UTF-8 (BOM allowed); cp1252 is accepted with a warning; the result is NFC.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import io
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from dashboard.preprocess.clean import load_cleaning_rules
from dashboard.preprocess.records import RawDocument, ReadError
from dashboard.preprocess.textutil import strip_accents

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # per file; --max-mb and the upload limit in .streamlit/config.toml match it
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *RECORD_SUFFIXES)
META_KEYS = ("title", "url", "outlet", "author", "published", "updated")
_KEY_SPACES = re.compile(r"[\s-]+")
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # a news API's cut: "... [+2345 chars]"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def field_key(name: object) -> str:
    """A field's or a column's name as the readers compare it: "Source Title", "full-text" and "Full Text" are
    source_title, full_text and full_text; "Überschrift" and "Título" are uberschrift and titulo."""
    return _KEY_SPACES.sub("_", strip_accents(str(name).strip().lower()))


@dataclass(frozen=True, slots=True)
class FieldNames:
    """What the columns of an export hold (fields.toml): the text's names in order, and metadata's other names."""

    text: tuple[str, ...]
    aliases: dict[str, str]  # folded other name -> metadata key
    rank: dict[str, int]  # folded other name -> its place in its key's list (the earlier wins)
    lede_classes: tuple[str, ...] = ()  # a web page's elements that hold the story's opening paragraph


def default_fields_path() -> Path:
    return Path(str(resources.files("dashboard") / "vocab" / "fields.toml"))


@lru_cache(maxsize=4)
def load_field_names(path: Path | None = None) -> FieldNames:
    """The export field names of fields.toml (or `path`), folded as field_key folds a column's name."""
    path = path or default_fields_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from exc
    text = tuple(dict.fromkeys(field_key(name) for name in _names(data.get("text", []), "text", path)))
    aliases: dict[str, str] = {}
    rank: dict[str, int] = {}
    for key, names in data.get("aliases", {}).items():
        if key not in META_KEYS:
            raise ValueError(f"{path}: [aliases] {key!r} is no metadata field; expected one of {', '.join(META_KEYS)}")
        for place, name in enumerate(_names(names, f"aliases.{key}", path)):
            aliases.setdefault(field_key(name), key)
            rank.setdefault(field_key(name), place)
    if not text:
        raise ValueError(f"{path}: no text field names")
    ledes = tuple(_names(data.get("html", {}).get("lede_classes", []), "html.lede_classes", path))
    if any(not re.fullmatch(r"[\w-]+", name) for name in ledes):
        raise ValueError(f"{path}: html.lede_classes must be class names (letters, digits, - and _)")
    return FieldNames(text, aliases, rank, ledes)


def _names(value: object, field: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{path}: {field} must be a list of strings")
    return value


def normalise_meta(raw: Mapping[str, object]) -> dict[str, str]:
    """Known metadata keys (with common synonyms) as stripped strings; unknown keys dropped. A field's own
    name wins over its other names, and of those the more specific ("publishedAt" over "date")."""
    fields = load_field_names()
    found: list[tuple[int, str, str]] = []  # (rank, field, value)
    for key, value in raw.items():
        folded = field_key(key)
        name = folded if folded in META_KEYS else fields.aliases.get(folded, folded)
        if name not in META_KEYS:
            continue
        text = _meta_text(value)
        if text:
            found.append((-1 if folded == name else fields.rank[folded], name, unicodedata.normalize("NFC", text)))
    out: dict[str, str] = {}
    for _rank, name, text in sorted(found, key=lambda item: item[0]):
        out.setdefault(name, text)
    return {name: out[name] for name in META_KEYS if name in out}


def _meta_text(value: object) -> str:
    """A metadata value as text: a news API's {"id": "reuters", "name": "Reuters"} by its name, a list of
    authors joined, and the same written as Python or JSON in a CSV cell ("{'id': ..., 'name': ...}")."""
    if isinstance(value, str) and value.strip()[:1] in "{[" and value.strip()[-1:] in "}]" and len(value) <= 2000:
        with contextlib.suppress(ValueError, TypeError, SyntaxError, MemoryError, RecursionError):  # looks like one
            value = ast.literal_eval(value.strip())  # ("{[1]: 2}": TypeError, an unhashable key)
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "title", "value") if isinstance(value.get(k), str)), None)
    if isinstance(value, list):
        names = (v.get("name") if isinstance(v, dict) else v for v in value)
        value = ", ".join(str(v).strip() for v in names if v is not None and str(v).strip())
    return "" if value is None else str(value).strip()


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 (BOM stripped) or, failing that, cp1252/latin-1 with a warning; mojibake repaired; NFC-normalised."""
    warnings: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            warnings = ("not UTF-8: decoded as Windows-1252 (cp1252)",)
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            warnings = ("not UTF-8: decoded as Latin-1",)
    text, repaired = repair_mojibake(text)
    if repaired:
        warnings += ("mojibake repaired: UTF-8 text that had been decoded as Windows-1252 (\"Viá»‡t Nam\")",)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")), warnings


# a lead byte of UTF-8 read as Windows-1252 or Latin-1 ("Ã", "Â", "â", "á", "Ä", "Å", "Æ", "Ð", "Ñ") followed by a
# continuation byte read so ("\x80"-"\xbf" but a no-break space, or Windows-1252's "€", "™", "œ", curly quotes and
# dashes): "Viá»‡t", "â€œ", "BÃ¹i", "Ä‘". Not "Pelé’s", "été\xa0»" or "IRMÃ\xa0": such a lead is rare before such a
# character in text that is right.
_MOJIBAKE = re.compile("[\u00c2-\u00c6\u00d0\u00d1\u00e1\u00e2][\u0080-\u009f\u00a1-\u00bf\u0152\u0153\u0160\u0161"
                       "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
                       "\u203a\u20ac\u2122]")


def repair_mojibake(text: str) -> tuple[str, bool]:
    """UTF-8 text once decoded as Windows-1252 ("Viá»‡t Nam", "Ministersâ€™") decoded right, line by line (ftfy's
    fix_encoding: a right accent elsewhere in the file does not stop it), and whether any line was. A line is
    given to ftfy only when it holds such a byte pair, and its repair kept only when it holds fewer of them."""
    if _MOJIBAKE.search(text) is None:
        return text, False
    import ftfy  # imported on the first text that needs it

    lines = text.split("\n")
    repaired = False
    for i, line in enumerate(lines):
        if (found := len(_MOJIBAKE.findall(line))) and \
                len(_MOJIBAKE.findall(fixed := ftfy.fix_encoding(line))) < found:
            lines[i], repaired = fixed, True
    return ("\n".join(lines), True) if repaired else (text, False)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`---` block of `key: value` lines at the top of a text file -> (metadata, body)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip("\"'")
    return normalise_meta(meta), text[match.end():]


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:4096]


def discover_files(inputs: Sequence[str | Path]) -> tuple[list[Path], list[ReadError]]:
    """Supported files under the inputs (folders recursed, hidden files skipped), in a stable order."""
    files: list[Path] = []
    errors: list[ReadError] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            files += found
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                errors.append(ReadError(str(path), "", f"unsupported file type {path.suffix or '(none)'!r}; "
                                        f"expected one of {', '.join(SUPPORTED_SUFFIXES)}"))
        else:
            errors.append(ReadError(str(path), "", "no such file or folder"))
    return list(dict.fromkeys(files)), errors


_PAGE_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•]\s+")


def _page_title(html: str) -> str:
    import html as html_entities

    match = _PAGE_TITLE.search(html[:100_000])
    return " ".join(html_entities.unescape(match.group(1)).split()) if match else ""


def site_in_title(page_title: str, headline: str) -> str:
    """The site's name a page's <title> adds to the headline ("Malaysia, Russia talk vaccines | Nation | The
    Star" -> "The Star": the last part), when the rest of the <title> is the headline; "" otherwise."""
    headline = " ".join(headline.split())
    if not headline or not page_title.startswith(headline) or not _TITLE_SEPARATOR.match(page_title[len(headline):]):
        return ""
    site = _TITLE_SEPARATOR.split(page_title[len(headline):])[-1].strip()
    if not 0 < len(site.split()) <= 6 or any(c.isdigit() for c in site) or site.casefold().startswith("page"):
        return ""  # "| Page 2", "| 25/11/2020": no site's name
    return site


def read_html(data: str, source_file: str, record: str = "") -> RawDocument | ReadError:
    """Body text and metadata of a saved web page via trafilatura (comments and navigation dropped)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(data, include_comments=False, include_tables=False,
                                            favor_recall=True, with_metadata=True)
    if extracted is None:
        return ReadError(source_file, record, "HTML page holds no article text")
    found = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = found.get("text") or ""
    if not text.strip():
        return ReadError(source_file, record, "HTML page holds no article text")
    title = found.get("title") or ""
    sitename = found.get("sitename") or ""
    if not sitename or sitename == found.get("hostname"):  # none, or only the domain: the <title>'s name first
        sitename = site_in_title(_page_title(data), title) or sitename
    meta = normalise_meta({"title": title, "url": found.get("url"), "outlet": sitename,
                           "author": found.get("author"), "published": found.get("date")})
    lede = _lede_outside_body(data, text)
    text = f"{lede}\n\n{text}" if lede else text
    return RawDocument(source_file, record, unicodedata.normalize("NFC", text), meta, (), True)


_LEDE_MIN_CHARS = 40  # a sentence at least: not a label or a date


def _lede_outside_body(data: str, text: str) -> str:
    """The story's opening paragraph when the page keeps it apart from the body and the extractor left it out: a
    Vietnamese news site's "sapo" ("VOV.VN - ASEAN foreign ministers on September 9 agreed ...": fields.toml
    `[html] lede_classes`); "" when there is none or the text holds it already."""
    classes = load_field_names().lede_classes
    if not classes or not any(name in data for name in classes):  # most pages: no such class, no second parse
        return ""
    import lxml.html  # trafilatura's own parser

    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return ""
    test = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in classes)
    for element in tree.xpath(f"//*[{test}]"):
        lede = " ".join(element.text_content().split())
        if len(lede) >= _LEDE_MIN_CHARS and " ".join(lede.split()[:8]) not in " ".join(text.split()):
            return lede
    return ""


def _document(text: str, meta: dict[str, str], source_file: str, record: str,
              warnings: tuple[str, ...]) -> RawDocument | ReadError:
    if "<" in text and re.search(r"<(html|body|p|div|article)\b", text[:5000], re.I):
        doc = read_html(text, source_file, record)
        if isinstance(doc, ReadError):
            return doc
        return RawDocument(source_file, record, doc.text, {**doc.meta, **meta}, warnings, True)
    if not text.strip():
        return ReadError(source_file, record, "empty text")
    return RawDocument(source_file, record, text, meta, warnings)


def _record_document(body: str, row: Mapping[str, object], source_file: str, record: str,
                     warnings: tuple[str, ...]) -> RawDocument | ReadError:
    """One JSON line's or CSV row's document: its text without a news API's cut marker, its metadata."""
    body, cut = _without_truncation_marker(body)
    return _document(unicodedata.normalize("NFC", body), normalise_meta(row), source_file, record,
                     (*warnings, cut) if cut else warnings)


def _without_truncation_marker(body: str) -> tuple[str, str]:
    """A news API's text cut short ("... [+2345 chars]"): the text without the marker, and a warning."""
    found = _TRUNCATED.search(body) if body.rstrip().endswith(" chars]") else None  # the regex tries every space
    if found is None:
        return body, ""
    return body[: found.start()], "text cut short by the export (it ends in \"[+N chars]\"): only its start is read"


def _record_text(row: dict[str, object]) -> str:
    """A record's text: the first text field holding any, a string or a list of paragraphs (a news API's
    "content": ["JAKARTA - ...", "Each of the 10 member states ..."], or [{"text": ...}], joined one a line)."""
    lowered = {field_key(k): v for k, v in row.items()}
    for name in load_field_names().text:
        value = lowered.get(name)
        if isinstance(value, list):  # its strings, and the text of paragraph objects ({"text": ...}); not numbers
            parts = (v if isinstance(v, str) else v.get("text") if isinstance(v, dict) else None for v in value)
            value = "\n\n".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _read_jsonl(text: str, source_file: str, warnings: tuple[str, ...]) -> Iterable[RawDocument | ReadError]:
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines: JSON may hold U+2028 and the like
        record = f"line {number}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(source_file, record, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(row, dict):
            yield ReadError(source_file, record, "expected a JSON object per line")
            continue
        body = _record_text(row)
        if not body.strip():
            names = ", ".join(load_field_names().text)
            yield ReadError(source_file, record, f"no text: expected one of the fields {names}")
            continue
        yield _record_document(body, row, source_file, record, warnings)


_CSV_DELIMITERS = ",;\t|"


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV export: of ",", ";", tab and "|", the one its header line holds most of (a European
    spreadsheet's export separates with ";"); "," on a tie."""
    end = text.find("\n")
    header = text[: end if end >= 0 else len(text)]  # not a split: an export may be tens of megabytes
    return max(_CSV_DELIMITERS, key=lambda mark: (header.count(mark), mark == ","))


def _read_csv(text: str, source_file: str, warnings: tuple[str, ...]) -> Iterable[RawDocument | ReadError]:
    csv.field_size_limit(DEFAULT_MAX_BYTES)
    reader = csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(text))
    fields = {field_key(f) for f in (reader.fieldnames or [])}
    text_fields = load_field_names().text
    if not fields & set(text_fields):
        yield ReadError(source_file, "", f"no text column: expected one of {', '.join(text_fields)}; "
                        f"found {', '.join(sorted(fields)) or 'no header'}")
        return
    try:
        for number, row in enumerate(reader, 2):
            record = f"row {number}"
            body = _record_text(row)
            if not body.strip():
                yield ReadError(source_file, record, "empty text")
                continue
            yield _record_document(body, row, source_file, record, warnings)
    except csv.Error as exc:
        yield ReadError(source_file, f"row {reader.line_num}", f"malformed CSV: {exc}")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument | ReadError]:
    """Every document in one file, or the errors that stopped it."""
    source_file = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [ReadError(source_file, "", f"file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB "
                              "limit (--max-mb)")]
        data = path.read_bytes()
    except OSError as exc:
        return [ReadError(source_file, "", f"cannot read: {exc.strerror or exc}")]
    if not data.strip():
        return [ReadError(source_file, "", "empty file")]
    if _looks_binary(data):
        return [ReadError(source_file, "", "binary file, not text (expected UTF-8 text, HTML, JSONL or CSV)")]
    text, warnings = decode_bytes(data)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return list(_read_jsonl(text, source_file, warnings))
    if suffix == ".csv":
        return list(_read_csv(text, source_file, warnings))
    if suffix in HTML_SUFFIXES:
        doc = read_html(text, source_file)
        return [doc if isinstance(doc, ReadError) else RawDocument(doc.source_file, "", doc.text, doc.meta,
                                                                   warnings, True)]
    meta, body = split_front_matter(text)
    pieces = split_export_documents(body)
    if len(pieces) > 1:  # a news-database download of several articles in one file
        return [_document(piece, {}, source_file, f"document {number}", warnings)
                for number, piece in enumerate(pieces, 1)]
    return [_document(body, meta, source_file, "", warnings)]


def split_export_documents(text: str) -> list[str]:
    """The documents of a text file that holds several, each ending in an export's end line (Nexis Uni,
    Factiva: `export_document_ends` in boilerplate.toml), without those lines; the text whole when it holds
    one or none."""
    ends = list(load_cleaning_rules().document_end.finditer(text))
    if not ends or (len(ends) == 1 and not text[ends[0].end():].strip()):
        return [text]
    pieces, start = [], 0
    for end in ends:
        pieces.append(text[start : end.start()])
        start = end.end()
    pieces.append(text[start:])
    return [piece.strip("\n") for piece in pieces if piece.strip()]


def read_metadata_sidecar(path: Path) -> dict[str, dict[str, str]]:
    """`--metadata FILE.csv`: file name -> metadata overrides (column `file` or `source_file`)."""
    text, _ = decode_bytes(Path(path).read_bytes())
    reader = csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(text))
    key = next((f for f in (reader.fieldnames or []) if field_key(f) in {"file", "source_file", "filename"}), None)
    if key is None:
        raise ValueError(f"{path}: the metadata CSV needs a 'file' column naming each article's file")
    return {Path(row[key].strip()).name: normalise_meta(row) for row in reader if (row.get(key) or "").strip()}


def iter_documents(files: Sequence[Path], *, sidecar: Mapping[str, dict[str, str]] | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadError]:
    """Every document of the files (or the error that stopped it), in order, read one file at a time: a
    corpus is never held whole. Sidecar metadata (file name -> overrides) applies to whole-file documents."""
    for path in files:
        override = (sidecar or {}).get(path.name, {})
        for item in read_file(path, max_bytes=max_bytes):
            if override and isinstance(item, RawDocument) and not item.record:
                item = RawDocument(item.source_file, item.record, item.text, {**item.meta, **override},
                                   item.warnings, item.is_html)
            yield item


def read_inputs(inputs: Sequence[str | Path], *, metadata: Path | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawDocument], list[ReadError]]:
    """All documents under the inputs, with sidecar metadata applied; errors for what could not be read."""
    files, errors = discover_files(inputs)
    sidecar = read_metadata_sidecar(metadata) if metadata else {}
    docs: list[RawDocument] = []
    for item in iter_documents(files, sidecar=sidecar, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            docs.append(item)
    return docs, errors


def count_documents(files: Sequence[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """About how many documents the files hold, without reading them as documents (a progress bar's total):
    one per text or HTML file, one per non-blank line of JSON Lines, one per row of CSV. Files that cannot
    be read or are above `max_bytes` count as none; a record that turns out unreadable is still counted."""
    total = 0
    for path in files:
        suffix = path.suffix.lower()
        try:
            if path.stat().st_size > max_bytes:
                continue
            if suffix not in RECORD_SUFFIXES:
                total += 1
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if suffix == ".csv":
            csv.field_size_limit(DEFAULT_MAX_BYTES)
            try:
                decoded = decode_bytes(data)[0]
                rows = csv.reader(io.StringIO(decoded), delimiter=csv_delimiter(decoded))
                total += max(0, sum(1 for row in rows if row) - 1)
            except csv.Error:
                continue
        else:
            total += sum(1 for line in data.split(b"\n") if line.strip())  # as _read_jsonl splits
    return total
