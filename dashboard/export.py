"""CSV, manifest and zip downloads: formula-safe, Excel-friendly, self-describing.

CSVs are UTF-8 with a byte-order mark, which is what makes Excel read "Phạm Bình Minh" correctly;
pandas reads them back with encoding="utf-8-sig". A text cell that starts with =, +, -, @ (or a tab
or carriage return) gets a leading apostrophe so that a spreadsheet shows it instead of running it.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlencode

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.filters import Filter, describe_filter, to_query_params
from dashboard.store import Corpus, arrow_text, fold_text

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = r"^[=+\-@\t\r]"
CSV_ENCODING = "utf-8-sig"


def neutralise_cell(value: object) -> object:
    """'=1+2' -> "'=1+2"; numbers and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells cannot run as spreadsheet formulas (headers included)."""
    out = {}
    for col in frame.columns:
        values = frame[col].reset_index(drop=True)
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
                or pd.api.types.is_datetime64_any_dtype(values)):
            values = _neutralise_text(values)
        out[str(neutralise_cell(str(col)))] = values
    return pd.DataFrame(out, columns=list(out), index=range(len(frame)))


def _neutralise_text(values: pd.Series) -> pd.Series:
    """Vectorised neutralise_cell for a text or categorical column."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        if not pc.any(_formula_risk(arrow_text(pd.Series(values.cat.categories)))).as_py():
            return values  # the common case, checked in Arrow: a million distinct quotes make no Python strings
        categories = [neutralise_cell(str(c)) for c in values.cat.categories]
        if len(set(categories)) == len(categories):
            return values.cat.rename_categories(categories)
        values = values.astype(str)
    if values.dtype == object:
        return values.map(neutralise_cell)
    text = arrow_text(values)
    risky = _formula_risk(text)
    prefixed = pc.binary_join_element_wise(pa.scalar("'", pa.large_string()), text, pa.scalar("", pa.large_string()))
    return pd.Series(pc.if_else(risky, prefixed, text).to_pandas(), dtype="str")


def _formula_risk(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Per cell: does this text start like a spreadsheet formula (what neutralise_cell prefixes)?"""
    return pc.match_substring_regex(text, FORMULA_PATTERN).fill_null(False)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes, neutralised, UTF-8 with BOM."""
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode(CSV_ENCODING)


def read_csv_bytes(data: bytes) -> pd.DataFrame:
    """Read an export back (what a test or a script would do)."""
    return pd.read_csv(io.BytesIO(data), encoding=CSV_ENCODING, dtype=str, keep_default_na=False)


def manifest(f: Filter, corpus: Corpus, tables: Mapping[str, int], now: datetime | None = None) -> dict:
    """What a download holds: the filters in words and as a query string, the corpus and pipeline, when."""
    return {
        "contents": dict(tables),
        "filters": describe_filter(f, corpus),
        "query_string": urlencode(to_query_params(f), doseq=True),
        "corpus": {
            "folder": corpus.folder.name,
            "input_fingerprint": corpus.fingerprint,
            "pipeline_version": corpus.pipeline_version,
            "vocab_version": str(corpus.run.get("vocab_version", "")),
            "taxonomy_version": str(corpus.run.get("taxonomy_version", "")),
        },
        "generated": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "notes": "CSV files are UTF-8 with BOM; text cells starting with = + - @ are prefixed with an apostrophe.",
    }


def manifest_bytes(meta: dict) -> bytes:
    return json.dumps(meta, indent=2, ensure_ascii=False).encode("utf-8")


def zip_bytes(tables: Mapping[str, pd.DataFrame], meta: dict) -> bytes:
    """Every table as <name>.csv plus manifest.json in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", csv_bytes(frame))
        archive.writestr("manifest.json", manifest_bytes(meta))
    return buffer.getvalue()


def export_name(what: str, f: Filter, corpus: Corpus, ext: str = "csv") -> str:
    """A file name that says what is inside: evidence_russia_vaccines-and-treatment.csv."""
    parts = [what]
    parts += [corpus.name(e) for e in f.actor_ids[:3]]
    parts += [corpus.topic_label(t) for t in f.topics[:2]]
    parts += list(f.kinds[:2]) + list(f.outlets[:1])
    if f.text.strip():
        parts.append(f.text)
    slug = "_".join(s for s in (_slug(p) for p in parts) if s)
    return f"{slug[:120].rstrip('_-')}.{ext}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_text(text)).strip("-")
