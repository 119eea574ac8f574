"""Readers: every supported format, and bad inputs that must name the file and the problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.preprocess.readers import (
    discover_files,
    load_field_names,
    read_file,
    read_inputs,
    repair_mojibake,
    site_in_title,
    split_front_matter,
)
from dashboard.preprocess.records import RawDocument, ReadError

HTML = """<html><head><title>Russia pledges vaccines to ASEAN | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Lan Pham">
<meta property="article:published_time" content="2020-04-15T08:00:00Z"></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<article><h1>Russia pledges vaccines to ASEAN</h1>
<p>HANOI — Russia on Tuesday pledged to share vaccine research with ASEAN member states, the foreign
ministry said in a statement after the online meeting of foreign ministers.</p>
<p>Việt Nam welcomed the offer and asked all partners to support the ASEAN COVID-19 Response Fund.</p>
<script>alert('x')</script></article>
<footer>This website uses cookies. Accept</footer></body></html>"""


def test_text_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Given\noutlet: Example\npublished: 2020-04-15\n---\nBody text here.\n",
                    encoding="utf-8")
    (doc,) = read_file(path)
    assert isinstance(doc, RawDocument)
    assert doc.meta == {"title": "Given", "outlet": "Example", "published": "2020-04-15"}
    assert doc.text.strip() == "Body text here."


def test_front_matter_absent() -> None:
    assert split_front_matter("No front matter.\n---\n") == ({}, "No front matter.\n---\n")


def test_utf8_bom_and_nfc(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    decomposed = "Vie\u0302\u0323t Nam"  # "Việt Nam" in NFD
    path.write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    (doc,) = read_file(path)
    assert doc.text == "Việt Nam" and doc.warnings == ()


def test_cp1252_is_accepted_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Ministers’ meeting in Brasília".encode("cp1252"))
    (doc,) = read_file(path)
    assert doc.text == "Ministers’ meeting in Brasília"
    assert doc.warnings and "cp1252" in doc.warnings[0]


def test_mojibake_is_repaired_with_a_warning(tmp_path: Path) -> None:
    """UTF-8 text once decoded as Windows-1252 and saved again ("Viá»‡t Nam", "Ministersâ€™") reads as written."""
    text = "HÀ NỘI — Minister Bùi Thanh Sơn said Việt Nam valued the Ministers’ “frank” talks."
    path = tmp_path / "vns.txt"
    # each byte as Windows-1252 reads it, the five it leaves undefined as Latin-1 does ("”" -> "â€\x9d")
    misread = "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
                      for b in text.encode("utf-8"))
    path.write_text(misread, encoding="utf-8")
    assert "Viá»‡t Nam" in path.read_text(encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.text == text
    assert any("mojibake repaired" in w for w in doc.warnings)


def test_mojibake_is_repaired_line_by_line() -> None:
    """A right accent on another line ("Café") does not stop the damaged lines' repair."""
    damaged = "BÃ¹i Thanh SÆ¡n said Viá»‡t Nam â€œwelcomesâ€\x9d it."
    assert repair_mojibake("Café Hanoi\n" + damaged) == ("Café Hanoi\nBùi Thanh Sơn said Việt Nam “welcomes” it.", True)


@pytest.mark.parametrize("text", [
    "Ministers met in São Paulo and Brasília; the “Plan d’action” was adopted à l’unanimité.",
    "Thủ tướng Phạm Minh Chính dự Hội nghị Cấp cao ASEAN-Nga; Ä and Æ are letters too.",
    "Pelé’s café… olé” and été\xa0» stay as they are.",  # an accent before a curly mark or a no-break space
    "A CHANCELER ALEMÃ\xa0ANGELA MERKEL",
])
def test_text_that_only_looks_like_mojibake_is_left_alone(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fine.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.text == text and not doc.warnings


def test_html_body_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (doc,) = read_file(path)
    assert isinstance(doc, RawDocument) and doc.is_html
    assert "pledged to share vaccine research" in doc.text
    assert "alert(" not in doc.text and "Home" not in doc.text
    assert doc.meta.get("author") == "Lan Pham"
    assert doc.meta.get("published", "").startswith("2020-04-15")


SAPO_PAGE = """<html><head><title>53rd AMM: ASEAN ministers pledge unity | VOV.VN</title></head><body>
<header><nav><ul><li><a href="/politics">Politics</a></li><li><a href="/world">World</a></li></ul></nav></header>
<main><article>
<h1>53rd AMM: ASEAN ministers pledge unity</h1>
<div class="sapo"><p>VOV.VN - ASEAN foreign ministers on September 9 agreed to speed up the operation of the COVID-19
ASEAN Response Fund as they opened their 53rd annual meeting by videoconference.</p></div>
<div class="article-body">
<p>The meeting, chaired by Deputy Prime Minister and Foreign Minister Pham Binh Minh, brought together the foreign
ministers of the ten ASEAN member states, most of them connected from their capitals.</p>
<p>Opening the event, Prime Minister Nguyen Xuan Phuc said the pandemic had plunged the world into its deepest
recession in decades and had left the region's tourism and manufacturing sectors reeling.</p>
<p>He called on ASEAN to stay united and to uphold its central role in the regional architecture at a time of
intensifying competition among major powers.</p>
<p>During the meeting, the ministers reviewed the implementation of the initiatives agreed at the special summits in
April and the 36th ASEAN Summit in June.</p>
</div></article></main></body></html>"""


def test_a_vietnamese_pages_sapo_opens_its_text_once(tmp_path: Path) -> None:
    """The extractor reads the article's body only; the "sapo" above it is the story's first paragraph."""
    path = tmp_path / "page.html"
    path.write_text(SAPO_PAGE, encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.text.startswith("VOV.VN - ASEAN foreign ministers on September 9 agreed")
    assert doc.text.count("September 9") == 1 and "The meeting, chaired by" in doc.text
    repeated = "<p>VOV.VN - ASEAN foreign ministers on September 9 agreed to speed up the operation of the fund.</p>"
    path.write_text(SAPO_PAGE.replace('<div class="article-body">', f'<div class="article-body">{repeated}'),
                    encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.text.count("September 9") == 1  # the body holds it already


def test_a_page_without_a_site_name_is_named_by_its_title(tmp_path: Path) -> None:
    """No og:site_name and no canonical URL: the <title> adds the site's name after the headline."""
    path = tmp_path / "page.html"
    path.write_text(HTML.replace('<meta property="og:site_name" content="Example News">', "")
                    .replace("| Example News", "| World | Example &amp; Co News"), encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.meta.get("outlet") == "Example & Co News"
    path.write_text(HTML.replace('<meta property="og:site_name" content="Example News">',
                                 '<link rel="canonical" href="https://www.khmertimeskh.com/50812345/x">')
                    .replace("| Example News", "| Khmer Times"), encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.meta.get("outlet") == "Khmer Times"  # the <title>'s name before an unknown site's bare domain


def test_site_in_title() -> None:
    assert site_in_title("Russia pledges vaccines - VnExpress International", "Russia pledges vaccines") == \
        "VnExpress International"
    assert site_in_title("Russia pledges vaccines", "Russia pledges vaccines") == ""
    assert site_in_title("Home | Example News", "Russia pledges vaccines") == ""  # not the headline's page title
    assert site_in_title("Russia pledges vaccines: what the offer means for the region and its partners now",
                         "Russia pledges vaccines") == ""  # a subtitle, not a site
    assert site_in_title("Russia pledges vaccines | Page 2", "Russia pledges vaccines") == ""
    assert site_in_title("Russia pledges vaccines - 25/11/2020", "Russia pledges vaccines") == ""


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"body": "Russia pledged vaccines.", "source": "Wire A", "date": "2020-04-15"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "ASEAN welcomed it.", "url": "https://example.org/x"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_file(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.record for d in docs] == ["line 1", "line 5"]
    assert docs[0].meta == {"outlet": "Wire A", "published": "2020-04-15"}
    assert [(e.record, e.reason.split(":")[0]) for e in errors] == [
        ("line 2", "not valid JSON"), ("line 3", "no text"), ("line 4", "expected a JSON object per line")]
    assert all(e.source_file == str(path) for e in errors)


def test_news_api_and_scraper_exports(tmp_path: Path) -> None:
    """A news API's nested source and "publishedAt", news-please's "maintext" and "date_publish", a hostname as
    the outlet, and a text the API cut short ("... [+2345 chars]": read, with a warning)."""
    path = tmp_path / "export.jsonl"
    rows = [
        {"source": {"id": "reuters", "name": "Reuters"}, "publishedAt": "2020-04-15T08:12:00Z",
         "content": "Russia offered test kits to ASEAN. The ministers agreed to keep trade open\u2026 [+2345 chars]"},
        {"maintext": "Vietnam will share its experience with Laos.", "date_publish": "2020-04-14 10:00:00",
         "source_domain": "vietnamnews.vn", "authors": ["Nguyen Hang", "Le Minh"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, second = read_file(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.meta == {"outlet": "Reuters", "published": "2020-04-15T08:12:00Z"}
    assert first.text == "Russia offered test kits to ASEAN. The ministers agreed to keep trade open"
    assert any("cut short" in w for w in first.warnings)
    assert second.meta == {"published": "2020-04-14 10:00:00", "outlet": "vietnamnews.vn",
                           "author": "Nguyen Hang, Le Minh"}
    assert second.text == "Vietnam will share its experience with Laos." and not second.warnings


def test_a_fields_own_name_wins_over_its_other_names_and_csv_cells_may_hold_literals(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    row = {"source_url": "https://www.reuters.com", "url": "https://www.reuters.com/article/x", "date": "2020-04-01",
           "publishedAt": "2020-04-15", "source": {"name": "Reuters"}, "outlet": "Thomson Reuters",
           "authors": [{"name": None}, {"name": "Jane Doe"}], "text": "Russia offered test kits to ASEAN."}
    path.write_text(json.dumps(row), encoding="utf-8")
    (doc,) = read_file(path)
    assert isinstance(doc, RawDocument)
    assert doc.meta == {"url": "https://www.reuters.com/article/x", "outlet": "Thomson Reuters",
                        "author": "Jane Doe", "published": "2020-04-15"}
    csv_path = tmp_path / "saved_by_pandas.csv"
    csv_path.write_text('text,source,author\n"Russia offered test kits.","{\'id\': \'reuters\', \'name\': '
                        '\'Reuters\'}","[\'Jane Doe\', \'John Roe\']"\n', encoding="utf-8")
    (doc,) = read_file(csv_path)
    assert isinstance(doc, RawDocument)
    assert doc.meta == {"outlet": "Reuters", "author": "Jane Doe, John Roe"}
    odd = tmp_path / "odd.csv"  # a cell that only looks like a literal (an unhashable key) is text as written
    odd.write_text('text,source\n"Russia offered test kits.","{[1]: 2}"\n', encoding="utf-8")
    (doc,) = read_file(odd)
    assert isinstance(doc, RawDocument) and doc.meta == {"outlet": "{[1]: 2}"}


def test_a_news_database_download_of_several_articles_is_one_document_each(tmp_path: Path) -> None:
    path = tmp_path / "nexis_download.txt"
    path.write_text("Russia offers test kits\n\nThe Vientiane Times\nApril 16, 2020 Thursday\nBody\n"
                    "Russia offered test kits to Laos.\nLoad-Date: April 17, 2020\n\nEnd of Document\n\n"
                    "Japan pledges loans\n\nKhmer Times\nApril 17, 2020 Friday\nBody\nJapan pledged loans to "
                    "Cambodia.\n\nEnd of Document\n\nSingapore backs fund\n312 words\n15 April 2020\nThe Straits "
                    "Times\n\nSingapore will contribute to the fund.\n\nDocument STIMES0020200415eg4f0001d\n",
                    encoding="utf-8")
    docs = read_file(path)
    assert [d.record for d in docs if isinstance(d, RawDocument)] == ["document 1", "document 2", "document 3"]
    assert [d.text.splitlines()[0] for d in docs if isinstance(d, RawDocument)] == [
        "Russia offers test kits", "Japan pledges loans", "Singapore backs fund"]
    assert all("End of Document" not in d.text for d in docs if isinstance(d, RawDocument))
    single = tmp_path / "one.txt"  # one document ending in its end line is the file whole
    single.write_text("Russia offers test kits\n\nRussia offered test kits to Laos.\n\nEnd of Document\n",
                      encoding="utf-8")
    (doc,) = read_file(single)
    assert isinstance(doc, RawDocument) and doc.record == ""


def test_csv_records_and_missing_text_column(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text('text,outlet,author\n"Russia, ASEAN agree",Wire B,Jane Doe\n"",Wire B,\n', encoding="utf-8")
    items = read_file(good)
    assert isinstance(items[0], RawDocument) and items[0].record == "row 2"
    assert items[0].meta == {"outlet": "Wire B", "author": "Jane Doe"}
    assert isinstance(items[1], ReadError) and items[1].record == "row 3"
    bad = tmp_path / "bad.csv"
    bad.write_text("headline,outlet\nx,y\n", encoding="utf-8")
    (error,) = read_file(bad)
    assert isinstance(error, ReadError) and "no text column" in error.reason


def test_a_csv_export_separated_by_semicolons_is_read_and_counted(tmp_path: Path) -> None:
    from dashboard.preprocess.readers import count_documents

    export = tmp_path / "export.csv"
    export.write_text('id;source;tags;text\r\nkt-1;The Korea Times;"Moon Jae-in; North Korea";"SEOUL -- Moon said '
                      'Korea will give $5 million to the fund.\r\n\r\nHe said ""more"" would follow."\r\n',
                      encoding="utf-8")
    (document,) = read_file(export)
    assert isinstance(document, RawDocument) and document.meta["outlet"] == "The Korea Times"
    assert document.text.startswith("SEOUL -- Moon said") and '"more"' in document.text
    assert count_documents([export]) == 1


def test_a_press_databases_export_names_its_outlet_in_a_publication_column(tmp_path: Path) -> None:
    """Press-database exports (LexisNexis, Factiva and the like) call the outlet "Publication" or "Source Title"."""
    export = tmp_path / "export.csv"
    export.write_text('"DocumentID","Headline","Byline","Publication","Date","Body"\n"ST-1","Singapore gives supplies",'
                      '"Goh Wei Ling","The Straits Times","2021-10-26","SINGAPORE - Singapore will give supplies."\n',
                      encoding="utf-8")
    (document,) = read_file(export)
    assert isinstance(document, RawDocument)
    assert document.meta == {"title": "Singapore gives supplies", "author": "Goh Wei Ling",
                             "outlet": "The Straits Times", "published": "2021-10-26"}
    export.write_text('"Title","Source Title","Full Text"\n"A","Bangkok Post","Thailand will host the centre."\n',
                      encoding="utf-8")
    (document,) = read_file(export)
    assert isinstance(document, RawDocument) and document.meta["outlet"] == "Bangkok Post"
    assert document.text == "Thailand will host the centre."


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path, seed_files: list[Path]) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Russia pledged vaccines to ASEAN.", encoding="utf-8")
    docs, errors = read_inputs([tmp_path, tmp_path / "notes.docx", tmp_path / "missing.txt"], max_bytes=1000)
    assert [Path(d.source_file).name for d in docs] == ["ok.txt"]
    reasons = {Path(e.source_file).name: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["notes.docx"].startswith("unsupported file type '.docx'")
    assert "limit" in reasons["big.txt"]
    assert reasons["missing.txt"] == "no such file or folder"


def test_folders_are_recursed_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.htm").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    files, errors = discover_files([tmp_path])
    assert [p.name for p in files] == ["a.htm", "b.txt"] and errors == []


def test_metadata_sidecar_overrides(tmp_path: Path, seed_files: list[Path]) -> None:
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text(f"file,outlet,published\n{seed_files[0].name},Viet Nam News,2020-04-15\n", encoding="utf-8")
    docs, errors = read_inputs(seed_files, metadata=sidecar)
    assert errors == []
    assert docs[0].meta == {"outlet": "Viet Nam News", "published": "2020-04-15"}
    assert docs[1].meta == {}


def test_a_metadata_sidecar_separated_by_semicolons_is_read_as_the_exports_are(tmp_path: Path,
                                                                                   seed_files: list[Path]) -> None:
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text(f"file;outlet\n{seed_files[0].name};Viet Nam News\n", encoding="utf-8")
    docs, errors = read_inputs(seed_files, metadata=sidecar)
    assert errors == [] and docs[0].meta == {"outlet": "Viet Nam News"}


def test_documents_are_read_one_file_at_a_time(tmp_path: Path, monkeypatch) -> None:
    """A corpus is never read whole: the first document comes after reading only its own file."""
    from dashboard.preprocess import readers

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Article {name}.", encoding="utf-8")
    opened: list[str] = []
    read = readers.read_file
    monkeypatch.setattr(readers, "read_file", lambda path, **kw: opened.append(path.name) or read(path, **kw))
    documents = readers.iter_documents(discover_files([tmp_path])[0])
    assert next(documents).text == "Article a.txt." and opened == ["a.txt"]
    assert [d.text for d in documents] == ["Article b.txt.", "Article c.txt."] and opened == ["a.txt", "b.txt", "c.txt"]


def test_documents_are_counted_without_reading_them(tmp_path: Path) -> None:
    """The progress bar's total: one per text or HTML file, per non-blank JSON line, per CSV row (a quoted
    line break stays inside its row); it equals what reading finds in well-formed files."""
    from dashboard.preprocess.readers import count_documents

    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps({"text": f"Story {i}."}) for i in range(3)) + "\n\n",
                                      encoding="utf-8")
    (tmp_path / "d.csv").write_text('title,text\nOne,"First line\nsecond line"\nTwo,Second story.\n\n',
                                    encoding="utf-8")
    files, _ = discover_files([tmp_path])
    docs, errors = read_inputs([tmp_path])
    assert errors == [] and count_documents(files) == len(docs) == 7
    (tmp_path / "e.jsonl").write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")  # a bad record still counts
    assert count_documents(discover_files([tmp_path])[0]) == 9
    assert count_documents(discover_files([tmp_path])[0], max_bytes=100) == 8  # the page is too large


def test_json_lines_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    """JSON allows a raw U+2028 or form feed inside a string (json.dumps with ensure_ascii=False writes
    them): a record is a line ending in a newline only, and the count agrees."""
    from dashboard.preprocess.readers import count_documents

    path = tmp_path / "export.jsonl"
    records = [{"text": "Russia pledged vaccines.\u2028ASEAN thanked it."}, {"text": "Page one.\x0cPage two."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    docs = read_file(path)
    assert [d.record for d in docs] == ["line 1", "line 2"] and all(isinstance(d, RawDocument) for d in docs)
    assert count_documents([path]) == 2


def test_an_exports_columns_in_other_languages_are_read(tmp_path: Path) -> None:
    """A German press database's semicolon export (Quelle, Datum, Titel, Autor, Text; a byte-order mark) and an
    Indonesian and a Spanish one: fields.toml names their columns, accents and case aside."""
    export = tmp_path / "export.csv"
    export.write_text("\ufeffQuelle;Datum;Uhrzeit;Titel;Autor;Ressort;Text\n"
                      "ABC News;15.11.2020;05:48;Morrison at the summit;Lucy Harcourt;\"Politik; Ausland\";"
                      "\"Prime Minister Scott Morrison said Australia would share vaccines.\"\n", encoding="utf-8")
    (doc,) = read_file(export)
    assert isinstance(doc, RawDocument)
    assert doc.meta == {"title": "Morrison at the summit", "outlet": "ABC News", "author": "Lucy Harcourt",
                        "published": "15.11.2020"}
    assert doc.text.startswith("Prime Minister Scott Morrison")
    records = tmp_path / "berita.jsonl"
    records.write_text(json.dumps({"Judul": "RI dan ASEAN", "Sumber": "Antara", "Tanggal": "2021-10-27",
                                   "Penulis": "Ade", "Isi": "Jakarta -- Indonesia urged ASEAN to act."}) + "\n"
                       + json.dumps({"Título": "Cumbre", "Fuente": "EFE", "Fecha": "2021-10-28",
                                     "Texto": "Manila -- The Philippines urged ASEAN to act."}) + "\n",
                       encoding="utf-8")
    first, second = read_file(records)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.meta["title"], first.meta["outlet"], first.meta["author"]) == ("RI dan ASEAN", "Antara", "Ade")
    assert (second.meta["title"], second.meta["outlet"], second.text) == (
        "Cumbre", "EFE", "Manila -- The Philippines urged ASEAN to act.")


def test_a_field_names_file_naming_an_unknown_field_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "fields.toml"
    bad.write_text('text = ["body"]\n[aliases]\nheadline_text = ["titel"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="headline_text"):
        load_field_names(bad)


def test_a_field_names_file_must_hold_lists_of_strings_and_be_toml(tmp_path: Path) -> None:
    bad = tmp_path / "fields.toml"
    bad.write_text('text = "body"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="text must be a list of strings"):
        load_field_names(bad)
    bad.write_text('text = ["body"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"fields\.toml: cannot read"):
        load_field_names(bad)


def test_a_columns_specific_name_wins_over_its_general_one(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Datum;Erscheinungsdatum;Text\n01.01.2021;15.11.2020;Prime Minister Morrison spoke.\n",
                      encoding="utf-8")
    (doc,) = read_file(export)
    assert isinstance(doc, RawDocument) and doc.meta["published"] == "15.11.2020"


def test_a_records_text_as_a_list_of_paragraphs_and_its_authors_as_objects(tmp_path: Path) -> None:
    """A news API's "content": ["JAKARTA - ...", "Each of ..."] is the text, one paragraph a line; its authors
    [{"name": ...}] are names."""
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({
        "headline": "Asean to deliver vaccines bought through Unicef", "source": "The Straits Times",
        "authors": [{"name": "Clara Tan"}, {"name": "Ahmad Rahim"}],
        "content": ["JAKARTA - South-east Asia will receive its first vaccines bought with the fund.", None, 2021,
                    "  ", {"text": "Each of the 10 member states will get between 100,000 and 250,000 doses."}],
    }), encoding="utf-8")
    (doc,) = read_file(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == ("JAKARTA - South-east Asia will receive its first vaccines bought with the fund.\n\n"
                        "Each of the 10 member states will get between 100,000 and 250,000 doses.")
    assert doc.meta["author"] == "Clara Tan, Ahmad Rahim"
