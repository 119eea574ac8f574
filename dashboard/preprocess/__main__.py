"""Command line: `python -m dashboard.preprocess INPUT... --out DIR` (also `pledge-explorer preprocess`).

Exit codes: 0 when at least one article was processed, 2 when none could be, 1 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from dashboard.preprocess.readers import DEFAULT_MAX_BYTES
from dashboard.preprocess.records import ReadError

PROGRESS_MIN_ARTICLES = 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.preprocess",
        description="Turn news articles (txt, md, html, jsonl, csv) into tidy evidence-backed tables.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursed)")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder (replaced atomically)")
    parser.add_argument("--metadata", type=Path, metavar="FILE",
                        help="CSV keyed by file name (column file) with title,url,outlet,author,published,updated")
    parser.add_argument("--jobs", type=int, default=default_jobs(), metavar="N",
                        help="worker processes (default: one per usable core, at most 8; %(default)s here)")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1_000_000, metavar="MB",
                        help="skip files larger than this (default %(default)s MB)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no per-file messages")
    return parser


def default_jobs(limit: int = 8) -> int:
    """One worker per core this process may use (CPU affinity, not the host's count), at most `limit`."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(limit, cores))


class _ProgressBar:
    """A one-line progress bar on stderr for long runs."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_MIN_ARTICLES:
            return
        now = time.monotonic()
        if done != total and now - self.last < 0.2:
            return
        self.last = now
        width = 30
        filled = int(width * done / total)
        rate = done / max(now - self.started, 1e-9)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles  {rate:,.0f}/s")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def summary(run: dict) -> str:
    """One paragraph: articles read, skipped with reasons, statements, entities."""
    counts = run.get("counts", {})
    errors = run.get("errors", [])
    reasons: dict[str, int] = {}
    for e in errors:
        reasons[e["reason"].split(":")[0]] = reasons.get(e["reason"].split(":")[0], 0) + 1
    skipped = "; ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda x: -x[1]))
    return (
        f"Processed {counts.get('articles', 0)} articles from {counts.get('sources', 0)} outlets"
        f" ({len(errors)} skipped{': ' + skipped if skipped else ''}). "
        f"Found {counts.get('statements', 0)} statements ({counts.get('pledges', 0)} statement-category rows),"
        f" {counts.get('entities', 0)} entities with {counts.get('mentions', 0)} mentions,"
        f" {counts.get('claims', 0)} claims in {counts.get('events', 0)} events."
    )


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 1
    if args.jobs < 1 or args.max_mb <= 0:
        print("error: --jobs must be >= 1 and --max-mb > 0", file=sys.stderr)
        return 1
    if args.metadata is not None and not args.metadata.is_file():
        print(f"error: metadata file {args.metadata} does not exist", file=sys.stderr)
        return 1
    from dashboard.preprocess.pipeline import build_corpus

    def report(error: ReadError) -> None:
        if not args.quiet:
            where = f" ({error.record})" if error.record else ""
            print(f"skipped {error.source_file}{where}: {error.reason}", file=sys.stderr)

    progress = _ProgressBar(enabled=not args.quiet)
    run = build_corpus(args.inputs, args.out, metadata=args.metadata, jobs=args.jobs, prepare_dashboard=True,
                       max_bytes=int(args.max_mb * 1_000_000), progress=progress, on_error=report)
    if not args.quiet:
        print(summary(run), file=sys.stderr)
        print(f"Tables written to {args.out}", file=sys.stderr)
    return 0 if run["counts"].get("articles", 0) > 0 else 2


if __name__ == "__main__":
    sys.exit(main())
