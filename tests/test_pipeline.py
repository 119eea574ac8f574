"""End to end: the seed corpus through the whole pipeline, checked by the shared scorer (accuracy gate)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.preprocess import tables
from dashboard.preprocess.__main__ import main as preprocess_main
from dashboard.preprocess.pipeline import build_corpus, corpus_status
from dashboard.preprocess.tables import COLUMNS

SCORING = Path(__file__).parent / "scoring"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
FLOORS = {"entity_f1": 0.95, "boilerplate_leaks": 0, "category_f1": 0.85, "kind_accuracy": 0.85,
          "speaker_f1": 0.85, "target_f1": 0.95, "verbatim_rate": 1.0, "metadata_accuracy": 0.9}


def _score(tables: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(SCORING / "score.py"), "--gold", str(SCORING / "seeds.toml"), "--tables", str(tables),
         "--inputs", str(RAW), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.JSONDecoder().raw_decode(out.stdout)[0]  # the JSON object, then a summary line


def test_seed_accuracy_floors(seed_tables_dir: Path) -> None:
    result = _score(seed_tables_dir)
    for metric, floor in FLOORS.items():
        if metric == "boilerplate_leaks":
            assert result[metric] == 0, result
        else:
            assert result[metric] >= floor, f"{metric} = {result[metric]:.3f} < {floor}"
    assert result["statements_missed"] == 0 and result["statements_spurious"] == 0


# The hand-written articles in other outlets' styles (tests/scoring/probes): floors a little under what the
# pipeline scored when they were added (set A: speaker 0.87, kind 0.91, metadata 0.92; set B: speaker 0.95,
# kind 0.94, metadata 0.88), so that a rule that breaks another outlet's style fails here.
PROBE_FLOORS = {
    "set_a": {"entity_f1": 0.96, "category_f1": 0.74, "kind_accuracy": 0.91, "speaker_f1": 0.85, "target_f1": 0.55,
              "verbatim_rate": 1.0, "metadata_accuracy": 0.93},
    "set_b": {"entity_f1": 0.96, "category_f1": 0.76, "kind_accuracy": 0.93, "speaker_f1": 0.93, "target_f1": 0.81,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.86},
    "set_c": {"entity_f1": 0.92, "category_f1": 0.83, "kind_accuracy": 0.91, "speaker_f1": 0.83, "target_f1": 0.64,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.91},
    "set_d": {"entity_f1": 0.93, "category_f1": 0.80, "kind_accuracy": 0.95, "speaker_f1": 0.89, "target_f1": 0.74,
              "verbatim_rate": 0.96, "metadata_accuracy": 0.88},
    # sets E and F: held out until their first run (E entity 0.95, category 0.75, kind 0.93, speaker 0.82,
    # target 0.72, metadata 0.76; F 0.92, 0.70, 0.86, 0.82, 0.70, 0.70), now fixed on
    "set_e": {"entity_f1": 0.94, "category_f1": 0.79, "kind_accuracy": 0.92, "speaker_f1": 0.84, "target_f1": 0.70,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.87},
    "set_f": {"entity_f1": 0.90, "category_f1": 0.76, "kind_accuracy": 0.86, "speaker_f1": 0.85, "target_f1": 0.72,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.76},
    # sets G and H: held out until their first run (G entity 0.98, category 0.82, kind 0.84, speaker 0.83, target
    # 0.71, metadata 0.84; H 0.96, 0.81, 0.92, 0.83, 0.56, 0.71), now fixed on
    "set_g": {"entity_f1": 0.96, "category_f1": 0.83, "kind_accuracy": 0.95, "speaker_f1": 0.93, "target_f1": 0.75,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.94},
    "set_h": {"entity_f1": 0.95, "category_f1": 0.84, "kind_accuracy": 0.91, "speaker_f1": 0.88, "target_f1": 0.62,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.93},
    # sets I and J: held out until their first run (I entity 0.91, category 0.77, kind 0.90, speaker 0.93, target
    # 0.67, metadata 0.81, leaks 11; J 0.85, 0.77, 0.89, 0.78, 0.58, 0.74, leaks 29), now fixed on
    "set_i": {"entity_f1": 0.93, "category_f1": 0.80, "kind_accuracy": 0.91, "speaker_f1": 0.92, "target_f1": 0.67,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.88},
    "set_j": {"entity_f1": 0.88, "category_f1": 0.78, "kind_accuracy": 0.89, "speaker_f1": 0.83, "target_f1": 0.58,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.86},
    # sets K and L: held out until their first run (K entity 0.90, category 0.84, kind 0.93, speaker 0.81, target
    # 0.44, metadata 0.72, leaks 12; L 0.92, 0.72, 0.93, 0.59, 0.35, 0.73, leaks 6), now fixed on. L's meetings are
    # of other blocs (G20, BRICS, SCO, the Quad) whose references name the bloc alone as the speaker
    "set_k": {"entity_f1": 0.94, "category_f1": 0.84, "kind_accuracy": 0.92, "speaker_f1": 0.81, "target_f1": 0.46,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.85},
    "set_l": {"entity_f1": 0.94, "category_f1": 0.72, "kind_accuracy": 0.92, "speaker_f1": 0.68, "target_f1": 0.40,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.80},
    # set M: held out until its first run (entity 0.86, category 0.75, kind 0.95, speaker 0.87, target 0.65, metadata
    # 0.77, verbatim 0.95, leaks 20), now fixed on; its HTML page's entities ("&rdquo;") are no verbatim quotes to the
    # scorer, which compares quotes with the raw file
    "set_m": {"entity_f1": 0.91, "category_f1": 0.76, "kind_accuracy": 0.92, "speaker_f1": 0.85, "target_f1": 0.63,
              "verbatim_rate": 0.94, "metadata_accuracy": 0.85},
    # set N (bilateral aid: who gives what to whom): held out until its first run (entity 0.90, category 0.75, kind
    # 0.91, speaker 0.77, target 0.74, metadata 0.76, verbatim 1.00, leaks 3), now fixed on
    "set_n": {"entity_f1": 0.89, "category_f1": 0.73, "kind_accuracy": 0.89, "speaker_f1": 0.75, "target_f1": 0.72,
              "verbatim_rate": 0.99, "metadata_accuracy": 0.85},
    # set O (ASEAN's own pandemic instruments): held out until its first run (entity 0.88, category 0.70, kind 0.89,
    # speaker 0.83, target 0.60, metadata 0.82, verbatim 1.00, leaks 11), now fixed on
    "set_o": {"entity_f1": 0.93, "category_f1": 0.70, "kind_accuracy": 0.87, "speaker_f1": 0.84, "target_f1": 0.57,
              "verbatim_rate": 0.99, "metadata_accuracy": 0.90},
    # set P (leaders' summits, several speakers a story): held out until its first run (entity 0.96, category 0.80,
    # kind 0.93, speaker 0.86, target 0.56, metadata 0.75, verbatim 0.97, leaks 8), now fixed on; its news API's HTML
    # body and its semicolon export's doubled quotes are no verbatim quotes to the scorer, which reads the raw file
    "set_p": {"entity_f1": 0.97, "category_f1": 0.85, "kind_accuracy": 0.94, "speaker_f1": 0.95, "target_f1": 0.59,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.93},
    # set Q (sectoral ministers: trade and health): held out until its first run (entity 0.90, category 0.75, kind
    # 0.90, speaker 0.70, target 0.57, metadata 0.76, verbatim 0.98, leaks 5), now fixed on (ministers' portfolios,
    # a download's cover page, the trade ministers in people.toml, agreements no meeting's parties, a PDF's letterhead)
    "set_q": {"entity_f1": 0.96, "category_f1": 0.73, "kind_accuracy": 0.89, "speaker_f1": 0.85, "target_f1": 0.62,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.90},
    # set R (newer partners, 2021-2023): held out until its first run (entity 0.88, category 0.78, kind 0.90, speaker
    # 0.84, target 0.58, metadata 0.77, verbatim 0.93, leaks 11), now fixed on (footnote markers, endnotes, a wire's
    # correction note, a parliament's related questions, a title before a name, a social post's header and comments);
    # its HTML's inline tags ("<strong>Name</strong>, a former negotiator, said") and a text's character references are
    # no verbatim quotes to the scorer
    "set_r": {"entity_f1": 0.91, "category_f1": 0.78, "kind_accuracy": 0.89, "speaker_f1": 0.83, "target_f1": 0.58,
              "verbatim_rate": 0.95, "metadata_accuracy": 0.79},
    # set S (the UN system and the development banks at ASEAN's meetings, organisations speaking): held out until its
    # first run (entity 0.84, category 0.78, kind 0.83, speaker 0.69, target 0.57, metadata 0.75, verbatim 0.98,
    # leaks 10), now fixed on (a record's text as a list of paragraphs, the banks' facilities and the bodies'
    # officials in the gazetteer, a bio's bold label)
    "set_s": {"entity_f1": 0.92, "category_f1": 0.79, "kind_accuracy": 0.83, "speaker_f1": 0.70, "target_f1": 0.55,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.75},
    # set T (pages where the meeting is one story among several: a live blog, a newsletter, a channel's export, a
    # print page, a caption list, a bulletin's transcript): held out until its first run (entity 0.62, category
    # 0.75, kind 0.94, speaker 0.84, target 0.75, metadata 0.81, verbatim 0.99, leaks 127), now fixed on (stories.py
    # cuts a page at its stories' and entries' starts)
    "set_t": {"entity_f1": 0.86, "category_f1": 0.79, "kind_accuracy": 0.91, "speaker_f1": 0.84, "target_f1": 0.74,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.78},
    # set U (damaged text: stripped punctuation, lower case, speech-to-text, hard wraps, NFD, mojibake, OCR): its
    # first run (entity 0.95, category 0.76, kind 0.88, speaker 0.82, target 0.63, metadata 0.64, verbatim 0.99,
    # leaks 0) is its only held-out measurement; its mojibake page's quotes, repaired, are not the raw file's bytes
    # the scorer compares them with (verbatim 0.987 -> 0.955)
    "set_u": {"entity_f1": 0.92, "category_f1": 0.73, "kind_accuracy": 0.85, "speaker_f1": 0.82, "target_f1": 0.64,
              "verbatim_rate": 0.94, "metadata_accuracy": 0.63},
    # set V (a realistic mix of 2020-2022 reports: a wire story, a ministry's page, Xinhua, a Korean outlet, a
    # truncated news-API record, a government release, an op-ed, VNA, the EEAS, a database export, Lavrov's news
    # conference, a bulleted joint statement): held out until its first run (entity 0.95, category 0.80, kind 0.97,
    # speaker 0.94, target 0.68, metadata 0.87, verbatim 0.99, leaks 1; the session's first code: target 0.65)
    "set_v": {"entity_f1": 0.93, "category_f1": 0.78, "kind_accuracy": 0.95, "speaker_f1": 0.91, "target_f1": 0.66,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.85},
    # set W (who speaks and to whom, and hard kinds, in ASEAN's meetings of 2021-2024 on Myanmar, the sea, energy, the
    # digital economy): held out until its first run (entity 0.94, category 0.70, kind 0.89, speaker 0.77, target 0.62,
    # metadata 0.83, verbatim 1.00, leaks 6), now fixed on (the topics of those years, what was held back or asked)
    "set_w": {"entity_f1": 0.92, "category_f1": 0.75, "kind_accuracy": 0.88, "speaker_f1": 0.75, "target_f1": 0.59,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.81},
    # set X (an analyst's folder on ASEAN's meetings with its partners in 2022-2025): held out until its first run
    # (entity 0.945, category 0.833, kind 0.922, speaker 0.897, target 0.671, metadata 0.836, verbatim 0.987, leaks 4)
    "set_x": {"entity_f1": 0.92, "category_f1": 0.84, "kind_accuracy": 0.90, "speaker_f1": 0.87, "target_f1": 0.64,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.81},
    # set Y (web page furniture inside the story: embedded posts, captions, pull quotes, mid-article links): held out
    # until its first run (entity 0.964, category 0.886, kind 0.975, speaker 0.897, target 0.667, metadata 0.918,
    # verbatim 0.986, leaks 2), now fixed on (an embedded post's action bar ends no story)
    "set_y": {"entity_f1": 0.94, "category_f1": 0.88, "kind_accuracy": 0.95, "speaker_f1": 0.90, "target_f1": 0.64,
              "verbatim_rate": 0.97, "metadata_accuracy": 0.91},
    # set Z (official documents: joint and chairman's statements, a declaration, a plan of action): held out until its
    # first run (entity 0.946, category 0.883, kind 0.899, speaker 0.972, target 0.647, metadata 0.945, verbatim 1.00,
    # leaks 9), now fixed on (an issuer's "About ASEAN:" paragraph, headings in capitals)
    "set_z": {"entity_f1": 0.95, "category_f1": 0.86, "kind_accuracy": 0.87, "speaker_f1": 0.94, "target_f1": 0.62,
              "verbatim_rate": 0.98, "metadata_accuracy": 0.92},
    # set AA (the most recent meetings, 2024-2025): held out until its first run (entity 0.903, category 0.780, kind
    # 0.950, speaker 0.827, target 0.695, metadata 0.859, verbatim 0.981, leaks 10), now fixed on
    "set_aa": {"entity_f1": 0.90, "category_f1": 0.76, "kind_accuracy": 0.93, "speaker_f1": 0.80, "target_f1": 0.67,
               "verbatim_rate": 0.97, "metadata_accuracy": 0.84},
    # set AB (Vietnam's 2020 chair year as Vietnamese and regional outlets covered it: diacritics, a page stripped of
    # its punctuation, an export): held out until its first run (entity 0.986, category 0.840, kind 0.951, speaker
    # 0.882, target 0.771, metadata 0.883, verbatim 0.992, leaks 0)
    "set_ab": {"entity_f1": 0.96, "category_f1": 0.81, "kind_accuracy": 0.93, "speaker_f1": 0.86, "target_f1": 0.74,
               "verbatim_rate": 0.97, "metadata_accuracy": 0.86},
    # set AC (pages pasted whole from the browser: boxes of other stories between the paragraphs, two stories in one
    # file, a wire's write-through): held out until its first run (entity 0.860, category 0.712, kind 0.946, speaker
    # 0.899, target 0.733, metadata 0.781, verbatim 1.000, leaks 2)
    "set_ac": {"entity_f1": 0.83, "category_f1": 0.68, "kind_accuracy": 0.92, "speaker_f1": 0.87, "target_f1": 0.70,
               "verbatim_rate": 0.97, "metadata_accuracy": 0.75},
    # set AD (ASEAN-Russia relations 2022-2024: Lavrov in Phnom Penh, Jakarta and Vientiane, the East Asia Summit's
    # clashes over Ukraine; a ministry transcript, pages, an export): held out until its first run (entity 0.939,
    # category 0.723, kind 0.921, speaker 0.871, target 0.727, metadata 0.935, verbatim 0.897, leaks 3)
    "set_ad": {"entity_f1": 0.91, "category_f1": 0.69, "kind_accuracy": 0.89, "speaker_f1": 0.84, "target_f1": 0.70,
               "verbatim_rate": 0.87, "metadata_accuracy": 0.90},
}
# Set F's TV transcript (set J's newsletter of the EU's own news, set M's Telegram channel's next post without a
# post's head and an interview's links, set N's briefing's other questions asked by one "Q:", set O's live blog's
# other entries and a social-media thread's replies and sidebars, set Q's Nexis story's related titles, set S's
# forwarded e-mail's signatures and an op-ed's author bio, set T's news-API record with a sidebar glued to its last
# sentence, a live blog's first entry under no time, a round-up's summary over its items, items under headings that
# label no entity) name
# people and countries in their other stories and trailers, which the references count as boilerplate: stories.py
# cuts a page only where a story or entry plainly starts (headings that label no entity cut nothing alone).
PROBE_MAX_LEAKS = {"set_f": 1, "set_j": 7, "set_m": 7, "set_n": 3, "set_o": 11, "set_q": 2, "set_s": 8, "set_t": 22,
                   "set_v": 1, "set_w": 3, "set_x": 1,
                   "set_y": 2, "set_z": 1, "set_aa": 0, "set_ab": 0, "set_ac": 2, "set_ad": 3}


@pytest.mark.parametrize("probe", sorted(PROBE_FLOORS))
def test_hand_written_articles_keep_their_accuracy(probe: str, tmp_path: Path) -> None:
    inputs = SCORING / "probes" / probe
    build_corpus([inputs], tmp_path / "out", prepare_dashboard=False)
    out = subprocess.run(
        [sys.executable, str(SCORING / "score.py"), "--gold", str(SCORING / "probes" / f"{probe}.toml"),
         "--tables", str(tmp_path / "out"), "--inputs", str(inputs), "--json"],
        capture_output=True, text=True, check=True,
    )
    result = json.JSONDecoder().raw_decode(out.stdout)[0]
    assert result["boilerplate_leaks"] <= PROBE_MAX_LEAKS.get(probe, 0), result
    for metric, floor in PROBE_FLOORS[probe].items():
        assert result[metric] >= floor, f"{probe}: {metric} = {result[metric]:.3f} < {floor}"


def test_every_table_has_its_columns(seed_tables: dict[str, pd.DataFrame], seed_tables_dir: Path) -> None:
    for name, columns in COLUMNS.items():
        assert list(seed_tables[name].columns) == columns, name
        assert (seed_tables_dir / f"{name}.csv").is_file()
    run = json.loads((seed_tables_dir / "run.json").read_text(encoding="utf-8"))
    assert run["counts"]["articles"] == 2 and run["errors"] == []
    assert {"pipeline_version", "vocab_version", "input_fingerprint"} <= set(run)


def test_csv_and_parquet_hold_the_same_values(seed_tables_dir: Path) -> None:
    for name in COLUMNS:
        parquet = pd.read_parquet(seed_tables_dir / f"{name}.parquet")
        csv = pd.read_csv(seed_tables_dir / f"{name}.csv", keep_default_na=False, dtype=str)
        assert list(csv.columns) == list(parquet.columns), name
        for column in parquet.columns:
            values = parquet[column].map({True: "true", False: "false"}) if parquet[column].dtype == bool \
                else parquet[column].astype(str)  # Arrow writes booleans as true / false
            assert csv[column].tolist() == values.tolist(), (name, column)


def test_offsets_point_into_the_clean_text(seed_tables: dict[str, pd.DataFrame]) -> None:
    texts = dict(zip(seed_tables["articles"]["article_id"], seed_tables["articles"]["text"], strict=True))
    for row in seed_tables["sentences"].itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in seed_tables["mentions"].itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface
    for row in seed_tables["pledges"].itertuples():
        assert texts[row.article_id][row.start : row.end] == row.quote


def test_people_speak_for_their_country(seed_tables: dict[str, pd.DataFrame]) -> None:
    pledges, actors = seed_tables["pledges"], seed_tables["pledge_actors"]
    lauded = pledges[pledges["quote"].str.contains("lauded the efforts of ASEAN")]["pledge_id"]
    rows = actors[actors["pledge_id"].isin(lauded)]
    assert set(zip(rows["entity_id"], rows["role"], rows["via"], strict=True)) == {
        ("country:RUS", "speaker", "person:sergey-lavrov"), ("bloc:asean", "target", "")}


def test_a_minister_counts_for_their_country_in_the_event(seed_tables: dict[str, pd.DataFrame]) -> None:
    """Lavrov's mentions also count for Russia among the event's main actors (the entities table gives a
    person's country in `country`)."""
    events = seed_tables["events"]
    assert len(events) == 1 and events["actors"].iloc[0].split("|")[:2] == ["country:RUS", "bloc:asean"]


def test_same_input_same_ids(seed_tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    build_corpus([RAW], tmp_path / "again")
    again = pd.read_parquet(tmp_path / "again" / "pledges.parquet")
    assert again["pledge_id"].tolist() == seed_tables["pledges"]["pledge_id"].tolist()


def test_corpus_status(seed_tables_dir: Path, raw_copy: Path, tmp_path: Path) -> None:
    assert corpus_status([raw_copy], tmp_path / "nothing") == "missing"
    out = tmp_path / "built"
    build_corpus([raw_copy], out)
    assert corpus_status([raw_copy], out) == "fresh"
    (raw_copy / "new.txt").write_text("Russia pledged vaccines to ASEAN.", encoding="utf-8")
    assert corpus_status([raw_copy], out) == "stale: input files changed"


def test_failed_run_leaves_previous_tables_intact(raw_copy: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    build_corpus([raw_copy], out)
    before = sorted(p.name for p in out.iterdir())

    def explode(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(tables.pcsv, "CSVWriter", explode)
    with pytest.raises(OSError, match="disk full"):
        build_corpus([raw_copy], out)
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_command_line_exit_codes_and_summary(tmp_path: Path, raw_copy: Path, capsys) -> None:
    (raw_copy / "broken.jsonl").write_text("{nope\n", encoding="utf-8")
    assert preprocess_main([str(raw_copy), "--out", str(tmp_path / "a")]) == 0
    err = capsys.readouterr().err
    assert "broken.jsonl (line 1): not valid JSON" in err
    assert "Processed 2 articles from 2 outlets (1 skipped" in err
    errors = pd.read_csv(tmp_path / "a" / "errors.csv")
    assert errors["record"].tolist() == ["line 1"]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("   ", encoding="utf-8")
    assert preprocess_main([str(empty), "--out", str(tmp_path / "b"), "--quiet"]) == 2
    assert preprocess_main(["--out", str(tmp_path / "c")]) == 1
    assert preprocess_main([str(raw_copy), "--out", str(tmp_path / "d"), "--jobs", "0"]) == 1


def test_parallel_run_gives_the_same_tables(tmp_path: Path, raw_copy: Path) -> None:
    for i in range(6):
        (raw_copy / f"copy{i}.txt").write_text(
            f"Russia pledged {i + 2} million doses of vaccine to ASEAN on Wednesday, the minister said.",
            encoding="utf-8")
    """Every table, Parquet and CSV, is the same whichever process built each article (run.json says how)."""
    one, two = tmp_path / "one", tmp_path / "two"
    build_corpus([raw_copy], one, jobs=1)
    build_corpus([raw_copy], two, jobs=2)
    files = sorted(p.name for p in one.iterdir())
    assert files == sorted(p.name for p in two.iterdir())
    assert files == sorted([*(f"{name}.{ext}" for name in COLUMNS for ext in ("csv", "parquet")), "run.json"])
    for name in COLUMNS:
        pd.testing.assert_frame_equal(pd.read_parquet(one / f"{name}.parquet"),
                                      pd.read_parquet(two / f"{name}.parquet"), obj=name)
        assert (one / f"{name}.csv").read_bytes() == (two / f"{name}.csv").read_bytes(), name
    assert pd.read_parquet(two / "articles.parquet")["article_id"].nunique() == 8
    assert pd.read_parquet(two / "claims.parquet")["n_articles"].max() > 1  # the copies were grouped together
    runs = [json.loads((folder / "run.json").read_text(encoding="utf-8")) for folder in (one, two)]
    assert [run.pop("jobs") for run in runs] == [1, 2]
    assert runs[0] == runs[1]


def test_preprocessing_prepares_the_dashboard_cache(seed_tables_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookups and the search index are built with the tables: the first page load only reads them."""
    from dashboard import store, word_index

    cached = sorted(p.name.split("-", 1)[1] for p in (seed_tables_dir / store.LOOKUPS_DIR).glob("*.arrow"))
    assert cached == ["entries.arrow", "quotes.arrow", "rows.arrow", "words.arrow"]

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built at load although prepared by the pipeline")

    monkeypatch.setattr(store, "build_lookups", no_build)
    monkeypatch.setattr(word_index, "build_word_index", no_build)
    corpus = store.load_corpus(seed_tables_dir)
    assert corpus.text_search.mask(["vaccine"]).any()


def test_failed_dashboard_preparation_keeps_the_tables(raw_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The preparation runs in a child process: its failure must not throw the finished tables away."""
    from dashboard.preprocess import pipeline

    monkeypatch.setattr(pipeline, "call_in_child", lambda func, *args: False)
    run = build_corpus([raw_copy], tmp_path / "out", prepare_dashboard=True)
    assert run["counts"]["articles"] == 2 and (tmp_path / "out" / "pledges.parquet").is_file()
    assert "lookups were not prepared" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_with_an_estimated_total_ends_at_the_number_done(jobs: int) -> None:
    """The total is counted before the files are read (a bad JSON line still counts, a file changed
    since may hold more): only the last call says every article is done, and no call passes its total."""
    from dashboard.preprocess.pipeline import process_batches
    from dashboard.preprocess.records import RawDocument

    docs = [RawDocument(f"a{i}.txt", "", f"Story {i}.", {}, (), False) for i in range(6)]
    calls: list[tuple[int, int]] = []
    out = list(process_batches(iter(docs), list, jobs=jobs, total=8, progress=lambda *c: calls.append(c)))
    assert [doc for batch in out for doc in batch] == docs
    assert calls == [(k, 8) for k in range(1, 6)] + [(6, 6)]  # a document a batch: 8 // 8
    calls.clear()
    list(process_batches(docs, list, jobs=jobs, total=6, progress=lambda *c: calls.append(c)))
    assert calls == [(k, 6) for k in range(1, 7)]  # an exact total
    calls.clear()
    list(process_batches(iter(docs), list, jobs=jobs, total=3, progress=lambda *c: calls.append(c)))
    assert calls == [(1, 3), (2, 3), (3, 4), (4, 5), (5, 6), (6, 6)]  # too low: only the last call ends it


def test_a_step_returning_no_batch_fails_loudly() -> None:
    """A step that returns None breaks its contract: the run fails there instead of stopping as if done."""
    from dashboard.preprocess.pipeline import process_batches
    from dashboard.preprocess.records import RawDocument

    docs = [RawDocument(f"a{i}.txt", "", f"Story {i}.", {}, (), False) for i in range(3)]
    with pytest.raises(TypeError):
        list(process_batches(iter(docs), lambda batch: None if batch[0].source_file == "a1.txt" else batch,
                             jobs=1, total=3, progress=None))


def test_a_text_of_over_a_million_characters_is_processed() -> None:
    """spaCy's tokenizer refuses texts over 1 M characters unless told otherwise (its guard is for parsers we do
    not run): a long article must still be processed, not skipped."""
    from dashboard.preprocess.pipeline import process_document
    from dashboard.preprocess.records import RawDocument

    paragraph = "Russia pledged to supply test kits to ASEAN member states on Wednesday. "
    result = process_document(RawDocument("long.txt", "", "Long report\n" + paragraph * 14_000))
    assert len(result.article.text) > 1_000_000 and len(result.statements) == 14_000
