"""`pledge-explorer`: one command for the pipeline and the dashboard.

    pledge-explorer preprocess INPUT... --out DIR   same as `python -m dashboard.preprocess`
    pledge-explorer serve [--raw DIR] [--data DIR]   (re)build the bundled corpus when stale, open the dashboard
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_RAW = Path("data/raw")
DEFAULT_PROCESSED = Path("data/processed")
APP = Path(__file__).with_name("streamlit_app.py")


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pledge-explorer serve",
                                     description="Build the corpus when missing or stale, then start the dashboard.")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="articles to build from (default data/raw)")
    parser.add_argument("--data", type=Path, default=None,
                        help="tables folder (default $PLEDGE_EXPLORER_DATA or data/processed)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--no-build", action="store_true", help="serve the tables as they are")
    args = parser.parse_args(argv)
    data = args.data or Path(os.environ.get("PLEDGE_EXPLORER_DATA") or DEFAULT_PROCESSED)
    if not args.no_build and args.raw.is_dir():
        from dashboard.preprocess.pipeline import build_corpus, corpus_status

        status = corpus_status([args.raw], data)
        if status != "fresh":
            print(f"Building tables in {data} from {args.raw} ({status})...", file=sys.stderr)
            run = build_corpus([args.raw], data, prepare_dashboard=True)
            print(f"Built {run['counts'].get('articles', 0)} articles.", file=sys.stderr)
    env = {**os.environ, "PLEDGE_EXPLORER_DATA": str(data.resolve())}
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(args.port)]
    print(f"Pledge Explorer at http://localhost:{args.port}", file=sys.stderr)
    os.execvpe(command[0], command, env)
    return 0  # not reached


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: pledge-explorer {preprocess,serve} ...  (pledge-explorer COMMAND --help for details)"
    if not argv or argv[0] in {"-h", "--help"}:
        print(usage, file=sys.stderr if not argv else sys.stdout)
        return 1 if not argv else 0
    command, rest = argv[0], argv[1:]
    if command == "preprocess":
        from dashboard.preprocess.__main__ import main as preprocess_main

        return preprocess_main(rest)
    if command == "serve":
        return serve(rest)
    print(f"unknown command {command!r}\n{usage}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
