"""Pledge Explorer dashboard: `streamlit run dashboard/streamlit_app.py`.

The router: page config, the shared sidebar (title, corpus picker, global filters mirrored in the
URL query string), then the chosen page from dashboard/app_pages/.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

# `streamlit run dashboard/streamlit_app.py` puts dashboard/ on sys.path, not the repository root.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from dashboard.app_pages import common  # noqa: E402
from dashboard.filters import (  # noqa: E402
    ROLE_CHOICES,
    ROLE_LABELS,
    Filter,
    apply_filter,
    describe_filter,
    from_query_params,
    to_query_params,
)
from dashboard.store import (  # noqa: E402
    ENV_DATA,
    GROUP_TYPES,
    REPO_ROOT,
    Corpus,
    corpus_stamp,
    default_corpus_dir,
    default_raw_dir,
    empty_corpus,
    ensure_corpus,
    has_corpus,
    list_uploaded_corpora,
)
from dashboard.views import describe_result  # noqa: E402

PAGES_DIR = Path(__file__).parent / "app_pages"
PAGES = [  # file, title, icon
    ("overview.py", "Overview", ":material/dashboard:"),
    ("evidence.py", "Evidence", ":material/format_quote:"),
    ("actors.py", "Actors", ":material/groups:"),
    ("sources.py", "Sources", ":material/newspaper:"),
    ("compare.py", "Compare sources", ":material/compare_arrows:"),
    ("data.py", "Data", ":material/upload_file:"),
]
BUNDLED = "bundled"
CORPUS_KEY = "corpus_choice"
SWITCH_KEY = "pe_switch_to"  # set by the Data page; applied before the picker is drawn
INIT_KEY = "pe_filters_from_url"


def main() -> None:
    st.set_page_config(page_title="Pledge Explorer", page_icon="🤝", layout="wide")
    page = st.navigation([st.Page(PAGES_DIR / file, title=title, icon=icon, default=i == 0)
                          for i, (file, title, icon) in enumerate(PAGES)])
    with st.sidebar:
        st.title("Pledge Explorer")
        corpus, label = corpus_picker()
        f = filter_widgets(corpus)
    mirror_to_url(f)
    rows = apply_filter(corpus, f)
    st.session_state[common.CONTEXT_KEY] = common.Context(
        corpus=corpus, filter=f, rows=rows, description=describe_filter(f, corpus),
        summary=describe_result(rows), corpus_label=label)
    page.run()


# ---------------------------------------------------------------- corpus


def corpus_choices() -> dict[str, str]:
    """Picker value -> label: the bundled (or configured) corpus, then uploaded ones."""
    folder = default_corpus_dir()
    bundled = folder.resolve() == (REPO_ROOT / "data" / "processed").resolve()
    label = "Bundled articles (data/processed)" if bundled else f"Configured: {folder.name}"
    return {BUNDLED: label, **{name: f"Uploaded: {name}" for name in list_uploaded_corpora()}}


def corpus_picker() -> tuple[Corpus, str]:
    choices = corpus_choices()
    if SWITCH_KEY in st.session_state:
        st.session_state[CORPUS_KEY] = st.session_state.pop(SWITCH_KEY)
    elif CORPUS_KEY not in st.session_state:
        st.session_state[CORPUS_KEY] = st.query_params.get("corpus", BUNDLED)
    common.keep_valid(CORPUS_KEY, list(choices))
    choice = st.selectbox("Corpus", list(choices), format_func=lambda c: choices.get(c, c), key=CORPUS_KEY) or BUNDLED
    folder = default_corpus_dir() if choice == BUNDLED else list_uploaded_corpora()[choice]
    if choice == BUNDLED:
        refresh_bundled(folder)
    if not has_corpus(folder):
        st.error(f"No processed corpus in {folder}. Run `python -m dashboard.preprocess data/raw --out {folder}`.")
        return empty_corpus(folder), choices[choice]
    corpus = common.cached_corpus(str(folder), corpus_stamp(folder))
    counts = f"{len(corpus.articles)} articles · {corpus.pledges['stmt'].nunique()} statements"
    st.caption(counts)
    return corpus, choices[choice]


def refresh_bundled(folder: Path) -> None:
    """Build data/processed from data/raw when missing or stale (once per session; not for $PLEDGE_EXPLORER_DATA)."""
    if os.environ.get(ENV_DATA) or st.session_state.get("pe_checked_bundled"):
        return
    st.session_state["pe_checked_bundled"] = True
    raw = default_raw_dir()
    if not raw.is_dir():
        return
    try:
        with st.spinner("Building the tables from data/raw…"):
            ensure_corpus(raw, folder)
    except Exception as exc:  # a failed rebuild must leave the app usable
        st.error(f"Could not rebuild the tables from {raw}: {exc}")


# ---------------------------------------------------------------- filters


def filter_widgets(corpus: Corpus) -> Filter:
    """The global filters; their state starts from the URL and lives in session state."""
    keys = common.FILTER_STATE_KEYS
    if INIT_KEY not in st.session_state:
        st.session_state[INIT_KEY] = True
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        st.session_state.update(common.filter_state(from_query_params(params)))
    options = filter_options(corpus)
    st.header("Filters", divider="gray")
    for name in ("countries", "blocs", "people", "topics", "kinds", "outlets"):
        common.keep_valid(keys[name], options[name], multi=True)
    name_of = corpus.name
    countries = st.multiselect("Country", options["countries"], format_func=name_of, key=keys["countries"],
                               placeholder="Any country")
    include_blocs = st.toggle("Include statements made through blocs it belongs to", key=keys["include_blocs"],
                              help="E.g. count ASEAN's statements for Việt Nam.")
    blocs = st.multiselect("Bloc or organisation", options["blocs"], format_func=name_of, key=keys["blocs"],
                           placeholder="Any bloc or organisation")
    people = st.multiselect("Person", options["people"], format_func=name_of, key=keys["people"],
                            placeholder="Anyone")
    role = st.radio("Actor role", ROLE_CHOICES, format_func=ROLE_LABELS.get, key=keys["role"], horizontal=True,
                    help="Whether the selected actors must be the speaker, the target, or just mentioned.")
    topics = st.multiselect("Topic", options["topics"], format_func=corpus.topic_label, key=keys["topics"],
                            placeholder="Any topic")
    kinds = st.multiselect("Kind", options["kinds"], format_func=corpus.kind_label, key=keys["kinds"],
                           placeholder="Any kind")
    outlets = st.multiselect("Outlet", options["outlets"], key=keys["outlets"], placeholder="Any outlet")
    date_from, date_to = date_widgets(corpus)
    text = st.text_input("Search in quotes", key=keys["text"], placeholder="e.g. vaccine",
                         help='Every word must appear; use "double quotes" for a phrase. Accents are optional.')
    top = max(1, int(corpus.pledges["n_outlets"].max()) if len(corpus.pledges) else 1)
    if not 1 <= int(st.session_state.get(keys["min_outlets"], 1) or 1) <= top:
        st.session_state[keys["min_outlets"]] = 1
    min_outlets = st.number_input("Reported by at least N outlets", min_value=1, max_value=top, step=1,
                                  key=keys["min_outlets"])
    st.button("Reset filters", on_click=common.set_filter, args=(Filter(),), type="tertiary")
    return Filter(countries=tuple(countries), include_blocs=bool(include_blocs), blocs=tuple(blocs),
                  people=tuple(people), topics=tuple(topics), kinds=tuple(kinds), role=role or "any",
                  outlets=tuple(outlets), date_from=date_from, date_to=date_to, text=text or "",
                  min_outlets=int(min_outlets or 1))


def filter_options(corpus: Corpus) -> dict[str, list[str]]:
    """Values each multiselect offers, in a stable readable order."""
    ent = corpus.entities
    types = dict(zip(ent["entity_id"].astype(str), ent["type"].astype(str), strict=True))
    keys = corpus.actors.present_keys()
    by_name = lambda ids: sorted(ids, key=lambda e: corpus.name(e).casefold())  # noqa: E731
    return {
        "countries": by_name([k for k in keys if k.startswith("country:")]),
        "blocs": by_name([k for k in keys if types.get(k) in GROUP_TYPES]),
        "people": by_name([k for k in keys if types.get(k) == "person"]),
        "topics": [t for t in corpus.topic_labels],
        "kinds": [k for k in corpus.kind_labels],
        "outlets": sorted({str(o) for o in corpus.articles["outlet"].astype(str) if o}),
    }


def date_widgets(corpus: Corpus) -> tuple[date | None, date | None]:
    keys = common.FILTER_STATE_KEYS
    dates = corpus.pledges["date"].dropna()
    lo = dates.min().date() if len(dates) else date(1990, 1, 1)
    hi = dates.max().date() if len(dates) else date.today()
    for key in (keys["date_from"], keys["date_to"]):
        common.clamp_date(key, lo, hi)
    left, right = st.columns(2)
    date_from = left.date_input("From", min_value=lo, max_value=hi, key=keys["date_from"], format="YYYY-MM-DD")
    date_to = right.date_input("To", min_value=lo, max_value=hi, key=keys["date_to"], format="YYYY-MM-DD")
    return (date_from if isinstance(date_from, date) else None, date_to if isinstance(date_to, date) else None)


def mirror_to_url(f: Filter) -> None:
    """Keep the address bar in step with the filters (and the corpus), so a view can be shared."""
    wanted: dict[str, str | list[str]] = dict(to_query_params(f))
    choice = st.session_state.get(CORPUS_KEY, BUNDLED)
    if choice != BUNDLED:
        wanted["corpus"] = choice
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)


if __name__ == "__main__":
    main()
