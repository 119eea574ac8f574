"""Data: the corpus in use, uploading and processing new articles, per-file errors, all tables as a zip."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import export
from dashboard.app_pages import common
from dashboard.filters import Filter
from dashboard.store import load_full_tables, save_uploads
from dashboard.views import escape_markdown

UPLOAD_TYPES = ["txt", "md", "html", "htm", "jsonl", "csv"]
SWITCH_KEY = "pe_switch_to"  # read by the sidebar's corpus picker on the next run
FLASH_KEY = "pe_data_flash"  # a message that survives the rerun after processing


def render() -> None:
    ctx = common.context()
    common.page_title("Data", ctx)
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
    corpus_summary(ctx)
    st.subheader("Problems while reading")
    common.caption(ctx, "Files or records that could not be turned into articles")
    errors = ctx.corpus.errors
    if errors.empty:
        st.caption("Every input file was read.")
    else:
        common.show_table(errors)
    upload_form()


def corpus_summary(ctx: common.Context) -> None:
    run = ctx.corpus.run
    st.subheader("Corpus in use")
    counts = {name: ctx.corpus.tables.n_rows(name) for name in ctx.corpus.tables}
    st.dataframe(pd.DataFrame({"table": list(counts), "rows": list(counts.values())}), hide_index=True)
    st.caption(escape_markdown(f"{ctx.corpus_label} · folder {ctx.corpus.folder} · pipeline "
                            f"{run.get('pipeline_version', '?')} · inputs {run.get('input_fingerprint', '?')}"))
    folder = ctx.corpus.folder
    meta = export.manifest(Filter(), ctx.corpus, counts)
    st.download_button("⬇ Download all tables (zip)", key="dl_all_zip", on_click="ignore", mime="application/zip",
                       file_name=f"{ctx.corpus.folder.name or 'corpus'}-tables.zip",
                       data=lambda: export.zip_bytes(load_full_tables(folder), meta),
                       disabled=ctx.corpus.is_empty)


def upload_form() -> None:
    from dashboard.preprocess.readers import DEFAULT_MAX_BYTES

    st.subheader("Add articles")
    st.caption(f"Text, Markdown, HTML, JSON Lines or CSV; up to {DEFAULT_MAX_BYTES / 1_000_000:.0f} MB per file. "
               "They become a new corpus you can switch to in the sidebar; uploading again under the same name "
               "adds to that corpus.")
    files = st.file_uploader("Articles", type=UPLOAD_TYPES, accept_multiple_files=True, key="upload_files",
                             max_upload_size=max(1, math.ceil(DEFAULT_MAX_BYTES / 2**20)))
    name = st.text_input("Name of the new corpus", value="my-articles", key="upload_name")
    if st.button("Process", type="primary", disabled=not files, key="upload_go"):
        process(name, [(f.name, f.getvalue()) for f in files or []], DEFAULT_MAX_BYTES)


def process(name: str, files: list[tuple[str, bytes]], max_bytes: int) -> None:
    """Save the uploads, run the pipeline with a progress bar, then switch the dashboard to the result."""
    from dashboard.preprocess.pipeline import build_corpus

    saved = save_uploads(name, files, max_bytes)
    for file_name, reason in saved.refused:
        st.warning(escape_markdown(f"Skipped {file_name}: {reason}"))
    if not saved.saved:
        st.error("None of the files can be processed.")
        return
    bar = st.progress(0.0, text="Processing…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Processed {done} of {total} articles")

    try:
        run = build_corpus([saved.raw_dir], saved.corpus_dir, progress=progress)
    except Exception as exc:  # show the failure, keep the app running
        st.error(f"Processing failed: {exc}")
        return
    bar.progress(1.0, text="Done")
    n = run.get("counts", {}).get("articles", 0)
    skipped = "".join(f" Skipped {name}: {reason}." for name, reason in saved.refused)
    st.session_state[FLASH_KEY] = escape_markdown(f"Processed {n} articles into {saved.corpus_dir.parent.name}; "
                                                  f"the dashboard now shows them.{skipped}")
    st.session_state[SWITCH_KEY] = saved.corpus_dir.parent.name
    st.rerun()


render()
