"""Cleaning: boilerplate removal and metadata, on the seeds and on tricky hand-written pages."""

from __future__ import annotations

import re

import pytest

import dashboard.preprocess.clean as clean_module
from dashboard.preprocess.clean import (
    _DATELINE_OPENER,
    PlaceNames,
    _is_date_line,
    _is_navigation,
    _may_be_menu,
    clean_document,
    detect_dateline,
    join_wrapped_lines,
    load_cleaning_rules,
    load_date_words,
    parse_date,
    spaced_menus,
)
from dashboard.preprocess.pipeline import load_resources
from dashboard.preprocess.readers import read_file
from dashboard.preprocess.records import RawDocument
from dashboard.preprocess.textutil import collapse_spaces, strip_accents


@pytest.fixture(scope="module")
def places() -> PlaceNames:
    return load_resources().places


def _clean(text: str, places: PlaceNames, **meta: str):
    return clean_document(RawDocument("page.txt", "", text, dict(meta)), places)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last updated on May 7th, 2021 at 05:25 am", "2021-05-07"),
        ("7 May 2021", "2021-05-07"),
        ("2020-06-16T10:00:00Z", "2020-06-16"),
        ("Sept. 3, 2020", "2020-09-03"),
        ("Wednesday, 15 April 2020 10:00", "2020-04-15"),
        ("posted 2020/04/15", "2020-04-15"),
        # numbers only: read when one order alone (day first or month first) makes a date, else never guessed
        ("Thứ Năm, 25/11/2020 - 18:05", "2020-11-25"),
        # a language that writes the day first (day_first_words) reads either way day first
        ("Thứ ba, 7/4/2020, 21:05 (GMT+7)", "2020-04-07"),
        ("Cập nhật lúc 18:05, 05/11/2020", "2020-11-05"),
        ("25.12.2020", "2020-12-25"),
        ("11/25/2020", "2020-11-25"),
        ("12-11-2020", ""),
        ("Published: 11/12/2020 10:00 AM", ""),
        ("05/05/2020", "2020-05-05"),
        ("31/02/2020", ""),
        ("12/11/20", ""),  # a two-digit year
        ("1.2.3.2020", ""),  # a version number, not a date
        ("February 30, 2020", ""),  # not a real day: never guessed
        ("in 2020", ""),
        # a media-monitoring export's day-month-year with the month's name
        ("06-Mar-2024", "2024-03-06"),
        ("7/Sep/2023", "2023-09-07"),
        ("AB06-Mar-2024", ""),
        # months and weekdays of other languages (dates.toml)
        ("Rabu, 4 Agustus 2021 21:17 WIB", "2021-08-04"),
        ("4 Ogos 2021", "2021-08-04"),
        ("le 3 mars 2021", "2021-03-03"),
        ("Selasa, 03/08/2021", "2021-08-03"),  # an Indonesian Tuesday tells the reading
        ("June, 26/2020 - 21:05", "2020-06-26"),  # Việt Nam News: the month's name, then day/year
        # a year of the Buddhist era beside a Thai month; beside another month it is no year
        ("วันอังคารที่ 14 เมษายน 2563", "2020-04-14"),
        ("14 เม.ย. 2563", "2020-04-14"),
        ("May 5 2500 people were infected", ""),
        ("April 14, 2563", ""),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("line", ["วันอังคารที่ 14 เมษายน 2563 / Tuesday, April 14, 2020 | 20:35",
                                  "Rabu, 4 Agustus 2021 21:17 WIB", "Dimanche 3 mai 2020"])
def test_a_date_line_in_another_language_is_a_date_line(line: str) -> None:
    """Its weekday and month names are date words, not text (the line is no headline or paragraph)."""
    assert _is_date_line(line, load_cleaning_rules())


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("HÀ NỘI ASEAN foreign ministers met", "Hà Nội"),
        ("HANOI – Russia foreign minister", "Hà Nội"),
        ("Brussels, 20 March - The EU said", "Brussels"),
        ("MOSCOW (Reuters) - Russia said", "Moscow"),
        ("KUALA LUMPUR: Malaysia welcomed", "Kuala Lumpur"),
        ("VIENTIANE — Laos hosted", "Vientiane"),
        ("ULAANBAATAR — Mongolia hosted", "Ulaanbaatar"),  # unknown place in the dateline style
        ("Hanoi is where the meeting took place", ""),
        ("ASEAN foreign ministers met", ""),
    ],
)
def test_detect_dateline(first_line: str, expected: str, places: PlaceNames) -> None:
    assert detect_dateline(first_line, places) == expected


def _place_trying_every_alias(first: str, names: dict[str, str]) -> str:
    """The reference: every alias tried in turn; the longest that opens the line before a dateline's
    punctuation (or, in capitals, before a capitalised word) names the place ("" when none does)."""
    folded = strip_accents(first)
    best, place = "", ""
    for alias, canonical in names.items():
        if len(alias) > len(best) and folded[: len(alias)].lower() == alias:
            after = first[len(alias) :]
            if _DATELINE_OPENER.match(after) or (first[: len(alias)].isupper() and re.match(r"\s+[A-Z]", after)):
                best, place = alias, canonical
    return place


def test_a_dateline_place_is_the_longest_alias_that_opens_the_line_whatever_its_initial() -> None:
    """Aliases are looked up by their first character: the place found is the longest alias that opens
    the line, as when every alias is tried."""
    names = {"san jose": "San José", "san": "San", "hanoi": "Hà Nội", "ha noi": "Hà Nội", "": "Nowhere",
             "3rd district": "Third District", "ebrussels": "wrong", "brussels": "Brussels", "i̇zmir": "İzmir",
             "izmir": "Izmir", "-ville": "Dash"}
    lines = ["SAN JOSE — Costa Rica said", "SAN — a town", "HÀ NỘI — Vietnam", "Hanoi, 20 March - talks",
             "3RD DISTRICT (AP) - a vote", "BRUSSELS: the EU said", "İZMIR — Turkey", "IZMIR — Turkey",
             "-VILLE — a dash", "SAN JOSEPH Town hall", "ÉBRUSSELS — no", "", " HANOI — indented"]
    places = PlaceNames.of(names)
    found = [detect_dateline(line, places) for line in lines]
    assert found[:6] == ["San José", "San", "Hà Nội", "Hà Nội", "Third District", "Brussels"]
    expected = [_place_trying_every_alias(line, names) for line in lines]
    assert sum(bool(place) for place in expected) >= 8
    for line, place, reference in zip(lines, found, expected, strict=True):
        assert place == reference or not reference, line  # where an alias names the place, the same one
        assert detect_dateline(line, names) == place  # a plain mapping is looked up the same way


def test_seed_with_page_boilerplate(seed_files, places) -> None:
    (doc,) = read_file(seed_files[1])
    article = clean_document(doc, places)
    assert article.title == "ASEAN-Russia foreign ministers meet on on virus response"
    assert article.updated == "2021-05-07" and article.published == ""
    assert article.outlet == "The Asian Affairs"
    assert article.author == "Katherine S"
    assert article.dateline == "Hà Nội"
    assert article.text.startswith("HANOI – Russia foreign minister")
    assert article.text.rstrip().endswith("for such health emergencies.")
    for gone in ("Related News", "Katherine S", "Newswriter", "View Comments", "Recent Posts", "Reddit",
                 "cookies", "Read More", "Last updated"):
        assert gone not in article.text
        assert gone in article.boilerplate


def test_seed_without_punctuation(seed_files, places) -> None:
    (doc,) = read_file(seed_files[0])
    article = clean_document(doc, places)
    assert article.title == ""  # the first line is a long paragraph, not a headline
    assert article.dateline == "Hà Nội"
    assert article.outlet == "Viet Nam News"  # from the sign-off "VNS" on the last line
    assert article.author == "" and article.boilerplate == "VNS"
    assert article.text.count("\n") == 18 and not article.text.endswith("VNS")


def test_a_title_followed_by_a_salutation(places) -> None:
    title = "Foreign Minister Sergey Lavrov's remarks at the Special ASEAN-Russia Foreign Ministers' Meeting"
    article = _clean(f"{title}\nColleagues,\nRussia is prepared to share its experience with our ASEAN partners.",
                     places)
    assert article.title == title
    assert article.text.startswith("Colleagues,")


def test_a_signoff_set_apart_is_read_in_any_case(places) -> None:
    article = _clean("Malaysia welcomes Russia's help\n\nKUALA LUMPUR, April 22 -- Malaysia welcomed the offer of "
                     "vaccines.\n\n-- BERNAMA", places)
    assert (article.outlet, article.boilerplate) == ("Bernama", "-- BERNAMA")


def test_a_labelled_signoff(places) -> None:
    for line, outlet in (("Source: PNA", "Philippine News Agency"), ("Nguồn: VNA", "Vietnam News Agency"),
                         ("(Source: PNA)", "Philippine News Agency"), ("Sources: Reuters, AFP", "Reuters"),
                         ("Nguồn: VOV", "Voice of Vietnam"), ("Theo TTXVN", "Vietnam News Agency"),
                         ("Source: VNA/VietnamPlus", "Vietnam News Agency")):
        article = _clean(f"Talks on vaccines\nRussia offered vaccines to Laos today.\n{line}", places)
        assert (article.outlet, article.text, article.boilerplate) == (
            outlet, "Russia offered vaccines to Laos today.", line)
    article = _clean("Talks on vaccines\nRussia offered vaccines.\nSource: World Health Organization data", places)
    assert article.outlet == "" and article.text.endswith("Source: World Health Organization data")


def test_a_capitalised_code_ending_unpunctuated_text_is_its_signoff(places) -> None:
    """Punctuation stripped, the sign-off is glued to the last sentence; a code that is a word is left."""
    article = _clean("Vietnam and Thailand met\nBoth sides agreed to promote trade and investment VNS", places)
    assert (article.outlet, article.boilerplate) == ("Viet Nam News", "VNS")
    assert article.text.endswith("promote trade and investment")
    article = _clean("Vietnam and Thailand met\nThe minister said this in an interview with Reuters", places)
    assert (article.outlet, article.boilerplate) == ("", "")
    assert _clean("Vietnam and Thailand met.\nThe minister said this to VNA.", places).outlet == ""
    for text in ("The minister said this in an interview with TASS", "The talks were useful according to AFP",
                 "He thanked VTV and VOV"):
        article = _clean(f"Vietnam and Thailand met\n{text}", places)  # boilerplate.toml's signoff_not_after
        assert (article.outlet, article.text) == ("", text)
    article = _clean("Vietnam and Thailand met.\nThey expressed condolences to the families of the victims. VNA",
                     places)  # after the last sentence
    assert (article.outlet, article.boilerplate) == ("Vietnam News Agency", "VNA")
    assert article.text.endswith("families of the victims.")


def test_byline_signoff_and_noise(places) -> None:
    article = _clean(
        "Ministers pledge vaccines\nBy Jane Doe, Reuters\nJune 3, 2020\n"
        "MOSCOW (Reuters) - Russia said on Tuesday it would send vaccines to Vietnam.\n"
        "Facebook\nTwitter\nThis site uses cookies to improve your experience.\n"
        "Photo: Ministry of Foreign Affairs\nThe ministers also agreed to meet again. — VNA",
        places,
    )
    assert article.title == "Ministers pledge vaccines"
    assert (article.author, article.outlet, article.published) == ("Jane Doe", "Reuters", "2020-06-03")
    assert article.text == ("MOSCOW (Reuters) - Russia said on Tuesday it would send vaccines to Vietnam.\n"
                            "The ministers also agreed to meet again.")
    assert "Photo: Ministry" in article.boilerplate and "cookies" in article.boilerplate


def test_a_numeric_date_line_is_metadata_and_the_title_and_dateline_are_still_found(places) -> None:
    """A Vietnamese outlet's header: weekday in Vietnamese, the date in numbers, then a dateline."""
    article = _clean("ASEAN, Japan pledge closer cooperation\n\nThứ Năm, 19/11/2020 - 18:05\n\n"
                     "HÀ NỘI — Japan committed to provide loans to ASEAN member states.", places)
    assert (article.title, article.published, article.dateline) == (
        "ASEAN, Japan pledge closer cooperation", "2020-11-19", "Hà Nội")
    assert article.text.startswith("HÀ NỘI —") and "19/11/2020" in article.boilerplate
    article = _clean("Title of the page\nUpdated: 19/11/2020 18:05 GMT+7\nJapan committed to provide loans.",
                     places)
    assert (article.title, article.updated, article.published) == ("Title of the page", "2020-11-19", "")
    # labelled in Vietnamese (boilerplate.toml's date_labels and updated_labels)
    article = _clean("Title of the page\nCập nhật lúc 18:05, 25/11/2020\nJapan committed to provide loans.", places)
    assert (article.updated, article.published, article.text) == ("2020-11-25", "", "Japan committed to provide loans.")
    # a line with both dates
    for line in ("Ngày đăng: 26/11/2020 - Cập nhật: 27/11/2020", "Published: Nov 26, 2020 | Updated: Nov 27, 2020",
                 "Updated: Nov 27, 2020 | Published: Nov 26, 2020",
                 "Last updated 27/11/2020; first published 26/11/2020"):
        article = _clean(f"Title of the page\n{line}\nJapan committed to provide loans.", places)
        assert (article.published, article.updated) == ("2020-11-26", "2020-11-27")
    # day or month first? No date is guessed, but the line is still metadata, not text
    article = _clean("Title of the page\n12/11/2020 18:05\nJapan committed to provide loans.", places)
    assert (article.title, article.published) == ("Title of the page", "")
    assert article.text == "Japan committed to provide loans."


@pytest.mark.parametrize(("lines", "published"), [
    # the day the story names settles a date that reads either way
    ("Mon, 08/02/2021 - 18:52\nHanoi (VNA) – Minister Bui Thanh Son on August 2 suggested that ASEAN prioritise "
     "vaccine access.", "2021-08-02"),
    ("08/02/2021 18:52\nHanoi (VNA) – Minister Bui Thanh Son on 8 February suggested that ASEAN prioritise vaccine "
     "access.", "2021-02-08"),
    # so does the weekday it names: that day or the day before publication (1 December 2020 was a Tuesday)
    ("01/12/2020 21:36\nASEAN and the EU agreed on Tuesday to upgrade their relationship.", "2020-12-01"),
    ("02/06/2021 09:10\nASEAN and the EU agreed on Tuesday to upgrade their relationship.", "2021-06-02"),
    # a weekday that fits neither reading, or a day that fits both, settles nothing
    ("01/12/2020 21:36\nASEAN and the EU agreed on Friday to upgrade their relationship.", ""),
    ("05/05/2020 21:36\nASEAN and the EU agreed on May 5 to upgrade their relationship.", "2020-05-05"),
    ("01/12/2020 21:36\nASEAN and the EU agreed to upgrade their relationship.", ""),
])
def test_a_date_written_either_way_is_read_as_the_story_tells(places, lines: str, published: str) -> None:
    article = _clean(f"ASEAN and EU upgrade ties\n{lines}", places)
    assert article.published == published and "/20" not in article.text


def test_a_writers_name_before_the_date_on_its_line_is_the_author(places) -> None:
    article = _clean("ASEAN, EU become strategic partners\nNgọc Thủy  •  01/12/2020 21:36\n"
                     "ASEAN and the EU agreed on Tuesday to upgrade their relationship.", places)
    assert (article.author, article.published) == ("Ngọc Thủy", "2020-12-01")
    article = _clean("ASEAN, EU become strategic partners\nSoutheast Asia • 1 December 2020\n"
                     "ASEAN and the EU agreed on Tuesday to upgrade their relationship.", places)
    assert (article.author, article.published) == ("", "2020-12-01")


def test_a_menus_item_repeated_over_the_headline_is_the_sections_label(places) -> None:
    article = _clean("TASS Russian News Agency\n"
                     "Russian Politics & Diplomacy | World | Business & Economy | Military & Defense | Sports\n\n"
                     "Russian Politics & Diplomacy\nJUL 6, 16:20\n\n"
                     "Russia ready to help ASEAN countries produce Sputnik V vaccine - Lavrov\n\n"
                     "MOSCOW, July 6. /TASS/. Russia is ready to continue supplying its Sputnik V vaccine to ASEAN "
                     "countries, Russian Foreign Minister Sergey Lavrov said on Tuesday.", places)
    assert article.title == "Russia ready to help ASEAN countries produce Sputnik V vaccine - Lavrov"
    assert (article.dateline, article.text[:12]) == ("Moscow", "MOSCOW, July")
    assert "Russian Politics & Diplomacy\n" in article.boilerplate + "\n"
    article = _clean("U.S. DEPARTMENT of STATE\n"
                     "Home > Secretary's Remarks > Secretary Blinken at a Press Availability\n\n"
                     "Secretary Blinken at a Press Availability\n\nREMARKS\nAUGUST 5, 2022\n\n"
                     "SECRETARY BLINKEN: Well, good afternoon, everyone.", places)
    assert article.title == "Secretary Blinken at a Press Availability"  # a breadcrumb's last item is the page


def test_more_from_the_outlet_starts_the_pages_tail(places) -> None:
    article = _clean("Russia offered to supply test kits to ASEAN member states, Lavrov said.\n"
                     "MORE FROM THE ASEAN POST\nPhilippines, China in new South China Sea spat\n"
                     "Singapore tops global smart city ranking", places)
    assert article.text == "Russia offered to supply test kits to ASEAN member states, Lavrov said."
    assert "South China Sea spat" in article.boilerplate


def test_a_byline_with_a_date_keeps_its_author(places) -> None:
    article = _clean("Title of the page\nBy John Smith | November 25, 2020\nRussia offered vaccines to Laos.", places)
    assert article.author == "John Smith"


def test_wire_byline_is_an_outlet_not_an_author(places) -> None:
    article = _clean("By Bloomberg\nASEAN ministers agreed to share vaccine data on Monday.\nThey met online.",
                     places)
    assert (article.author, article.outlet) == ("", "Bloomberg")


def test_navigation_menu_and_language_switcher(places) -> None:
    provinces = "\n".join(["An Giang", "Bà Rịa-Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh"])
    article = _clean(
        f"English | Tiếng Việt\n{provinces}\nVietnam pledged to support the ASEAN fund, the minister said.\n"
        "Share on Facebook",
        places,
    )
    assert article.text == "Vietnam pledged to support the ASEAN fund, the minister said."
    assert "Bắc Ninh" in article.boilerplate and "Tiếng Việt" in article.boilerplate


def test_explicit_metadata_wins(places) -> None:
    article = _clean("Russia offered vaccines to ASEAN.\nThe offer was welcomed.", places,
                     title="Given title", outlet="Given Outlet", author="A. Writer", published="2020-04-15",
                     url="https://example.org/a")
    assert (article.title, article.outlet, article.author, article.published, article.url) == (
        "Given title", "Given Outlet", "A. Writer", "2020-04-15", "https://example.org/a")


def test_an_outlet_given_as_a_domain_is_the_known_outlet(places) -> None:
    for given in ("www.thestar.com.my", "https://www.thestar.com.my/news", "thestar.com.my/"):
        assert _clean("Russia offered vaccines to ASEAN.", places, outlet=given).outlet == "The Star"
    for given in ("news.example.net", "Fictonia-News.com"):  # unknown: kept as given
        assert _clean("Russia offered vaccines to ASEAN.", places, outlet=given).outlet == given


def test_outlet_from_url_domain(places) -> None:
    article = _clean("Russia offered vaccines to ASEAN.", places, url="https://www.reuters.com/world/x")
    assert article.outlet == "Reuters"
    article = _clean("Russia offered vaccines to ASEAN.", places, url="https://news.example.net/x")
    assert article.outlet == "news.example.net"


def test_article_ids_are_deterministic(places) -> None:
    one = _clean("Russia offered vaccines to ASEAN.", places)
    two = _clean("Russia offered vaccines to ASEAN.", places)
    other = _clean("Russia offered masks to ASEAN.", places)
    assert one.article_id == two.article_id != other.article_id


@pytest.mark.parametrize("gap", [" ", "  ", "\t", "\u00a0", " \t\u00a0 "])
def test_blanks_inside_lines_become_one_space(places: PlaceNames, gap: str) -> None:
    """Runs of spaces, tabs and no-break spaces read as one space, whichever of them alone a text holds
    (a text holding none is left as it is)."""
    text = (f"Russia{gap}pledged{gap}to supply test kits to the ASEAN members on Wednesday.\n"
            f"Việt Nam{gap}thanked{gap}Russia for the support it gave the region.")
    article = _clean(text, places)
    assert article.text == ("Russia pledged to supply test kits to the ASEAN members on Wednesday.\n"
                            "Việt Nam thanked Russia for the support it gave the region.")


@pytest.mark.parametrize(("text", "expected"), [
    ("a  b\tc", "a b c"), ("a b", "a b"), (" a \n b ", "a\nb"), ("Việt\u2002\u2003Nam\u00a0x", "Việt Nam x"),
    ("a\u3000b  c", "a b c"), ("one\n\n two", "one\n\ntwo")])
def test_collapse_spaces(text: str, expected: str) -> None:
    assert collapse_spaces(text) == expected


NEXIS_EXPORT = """ASEAN, Russia agree to boost cooperation against pandemic

The Vientiane Times
April 16, 2020 Thursday

Copyright 2020 Vientiane Times All Rights Reserved

Section: NEWS
Length: 312 words
Byline: Souksakhone Vaenkeo
Dateline: VIENTIANE, April 15

Body

Russian Foreign Minister Sergey Lavrov said Russia was ready to provide test kits to ASEAN countries.

The ministers also pledged to keep supply chains open.

Classification

Language: ENGLISH
Subject: PANDEMICS (90%); FOREIGN RELATIONS (89%)
Load-Date: April 17, 2020

End of Document
"""

FACTIVA_EXPORT = """Singapore pledges support for ASEAN COVID-19 fund

By Tham Yuen-C
312 words
15 April 2020
The Straits Times
STIMES
English
(c) 2020 Singapore Press Holdings Limited

SINGAPORE - Singapore will contribute US$100,000 to the COVID-19 ASEAN Response Fund, the minister said.

He also called on ASEAN's partners to work together on vaccine research.

Document STIMES0020200415eg4f0001d
"""


def test_a_nexis_export_header_and_end_are_metadata_not_text(places) -> None:
    article = _clean(NEXIS_EXPORT, places)
    assert article.title == "ASEAN, Russia agree to boost cooperation against pandemic"
    assert (article.outlet, article.published, article.author, article.dateline) == (
        "Vientiane Times", "2020-04-16", "Souksakhone Vaenkeo", "Vientiane")  # not the Load-Date
    assert article.text == ("Russian Foreign Minister Sergey Lavrov said Russia was ready to provide test kits to "
                            "ASEAN countries.\nThe ministers also pledged to keep supply chains open.")


def test_a_factiva_export_header_and_document_number_are_metadata_not_text(places) -> None:
    article = _clean(FACTIVA_EXPORT, places)
    assert (article.title, article.outlet, article.published, article.author, article.dateline) == (
        "Singapore pledges support for ASEAN COVID-19 fund", "The Straits Times", "2020-04-15", "Tham Yuen-C",
        "Singapore")
    assert article.text.startswith("SINGAPORE - Singapore will contribute")
    assert article.text.endswith("to work together on vaccine research.")


def test_a_proquest_full_text_label_starts_the_body(places) -> None:
    article = _clean("Russia offers test kits\nPublication title: Bangkok Post\nPublication date: Apr 16, 2020\n"
                     "Full text: Russia will send test kits to Thailand, the embassy said.\nIt arrives next week.",
                     places)
    assert (article.outlet, article.published, article.text) == (
        "Bangkok Post", "2020-04-16",
        "Russia will send test kits to Thailand, the embassy said.\nIt arrives next week.")


def test_lines_like_an_export_header_without_its_evidence_stay_text(places) -> None:
    # a photo credit "Text: ..." after a date line and the body is no end of an export header
    text = ("Vietnam hands over medical supplies to Cambodia\nThursday, April 16, 2020 09:15\n"
            "Phnom Penh (VNA) - The Vietnamese Embassy handed over medical supplies to Cambodia.\n"
            "Ambassador Vu Quang Minh said Vietnam would continue to support Cambodia.\n"
            "Text: Minh Hung - Photo: VNA")
    article = _clean(text, places)
    assert article.text.startswith("Phnom Penh (VNA) - The Vietnamese Embassy")
    assert (article.published, article.outlet) == ("2020-04-16", "Vietnam News Agency")
    text = ("Joint statement adopted\nApril 16, 2020\nThe ministers adopted a joint statement on Tuesday.\n"
            "Full text: We, the Foreign Ministers of ASEAN, met today.")  # "Full text:" inside the article
    assert _clean(text, places).text.startswith("The ministers adopted a joint statement")
    # a short line and a "Body" line, but no word count, date or known field before it: no export header
    text = "Health ministers meet\nThe agenda of the day\nBody\nRussia will send test kits to Thailand, it said."
    assert _clean(text, places).text == \
        "The agenda of the day\nBody\nRussia will send test kits to Thailand, it said."
    # a word count inside the text is not a header
    text = "Health ministers meet\nRussia will send test kits to Thailand, the embassy said.\n500 words\nMore text."
    assert "500 words" in _clean(text, places).text


def test_a_releases_closing_block_names_its_issuer_and_date(places) -> None:
    article = _clean("Minister attends meeting\nThe minister underscored the importance of open supply chains.\n"
                     ". . . . .\nMINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\n15 APRIL 2020", places)
    assert (article.outlet, article.published) == ("Ministry of Foreign Affairs Singapore", "2020-04-15")
    assert article.text == "The minister underscored the importance of open supply chains."
    article = _clean("Minister attends meeting\nThe minister underscored the importance of open supply chains.\n"
                     "US EMBASSY HANOI\nMINISTRY OF HEALTH\n15 APRIL 2020", places)  # an issuer not in outlets.toml
    assert article.outlet == "US Embassy Hanoi, Ministry of Health"
    for ending in ("THANH HA", "EDITOR: TRAN HOANG", "ASEAN: A COHESIVE AND RESPONSIVE COMMUNITY", "WHO\nWHAT",
                   "FOR BRUNEI DARUSSALAM\nFOR THE KINGDOM OF CAMBODIA"):  # no date, no known outlet: no issuer
        article = _clean(f"Minister attends meeting\nThe minister underscored the importance of trade.\n{ending}",
                         places)
        assert article.outlet == ""
    article = _clean("Minister attends meeting\nThe minister underscored the importance of trade.\nVNA", places)
    assert (article.outlet, article.text) == (
        "Vietnam News Agency", "The minister underscored the importance of trade.")


def test_release_labels_follow_buttons_and_an_outlet_beside_the_date_line(places) -> None:
    article = _clean("Secretary's call with the Indonesian minister\nREADOUT\nOFFICE OF THE SPOKESPERSON\n"
                     "Khmer Times | 16 April 2020\nThe Secretary urged all countries to share information.\n"
                     "Follow Khmer Times on Telegram\nTags\nIndonesia\nOffice of the Spokesperson", places)
    assert (article.outlet, article.published) == ("Khmer Times", "2020-04-16")
    assert article.text == "The Secretary urged all countries to share information."


def test_the_longest_outlet_name_wins(places) -> None:
    article = _clean("Talks on vaccines\nBy Jane Doe, New Straits Times\nRussia offered vaccines to Malaysia.", places)
    assert (article.outlet, article.author) == ("New Straits Times", "Jane Doe")


def test_an_end_mark_and_a_date_opening_the_body(places) -> None:
    article = _clean("Secretary calls for vaccines\n16 April 2020 - Foreign Affairs Secretary Teodoro Locsin Jr. "
                     "called on ASEAN and Russia to work together.\n"
                     "The Philippines supports the fund, the Secretary said. END", places)
    assert (article.published, article.boilerplate) == ("2020-04-16", "END")
    assert article.text.endswith("the Secretary said.")
    assert article.text.startswith("16 April 2020 - Foreign")  # the quote keeps its words
    article = _clean("Talks on vaccines\nMANILA, April 16, 2020 -- The Philippines backed the fund. ###", places)
    assert (article.published, article.dateline, article.text, article.boilerplate) == (
        "2020-04-16", "Manila", "MANILA, April 16, 2020 -- The Philippines backed the fund.", "###")
    assert _clean("Talks on vaccines\nThe Philippines backed the fund, the minister said.\nTHE END", places).text \
        .endswith("THE END")  # an end mark only alone or after a sentence's end
    # a text that only names a date before a dash, or ends on a capitalised word, keeps it
    article = _clean("Talks on vaccines\nThe meeting of 16 April 2020 - the first online - was chaired by Vietnam.\n"
                     "Both sides thanked the WHO and the WEEKEND", places)
    assert (article.published, article.text.endswith("the WEEKEND")) == ("", True)


@pytest.mark.parametrize(("credit", "author"), [
    ("(Reporting by Humeyra Pamuk; Editing by Leslie Adler)", "Humeyra Pamuk"),
    ("Reporting by Tom Allard in Jakarta; Editing by Ed Davies", "Tom Allard"),
    ("(Additional reporting by Jane Doe; Writing by John Roe; Editing by Ed Davies)", "Jane Doe"),
])
def test_a_wires_credit_line_is_metadata(places, credit: str, author: str) -> None:
    article = _clean("Russia offers Southeast Asia help with virus tests\n"
                     f"Russia offered vaccines to Laos, the ministry said.\nThe ministers met online.\n{credit}",
                     places)
    assert (article.author, article.text) == (
        author, "Russia offered vaccines to Laos, the ministry said.\nThe ministers met online.")


def test_a_line_that_only_starts_like_a_credit_is_text(places) -> None:
    article = _clean("Russia offers Southeast Asia help with virus tests\nRussia offered vaccines to Laos.\n"
                     "Reporting by the ministry shows progress.", places)
    assert article.text.endswith("Reporting by the ministry shows progress.") and article.author == ""


def test_an_author_that_is_an_outlets_code_is_the_outlet(places) -> None:
    article = _clean("Russia offered vaccines to ASEAN.\nThe offer was welcomed.", places, author="VNA")
    assert (article.author, article.outlet) == ("", "Vietnam News Agency")
    article = _clean("Russia offered vaccines to ASEAN.\nThe offer was welcomed.", places, author="Ann Vna")
    assert article.author == "Ann Vna"


def test_a_markdown_headings_and_quotations_marks_are_not_text(places) -> None:
    text = ("# Vietnam urges vaccine sharing\n\n*April 16, 2020*\n\nVietnam urged ASEAN partners to share vaccines "
            "fairly, the ministry said.\n\n> Deputy Prime Minister Pham Binh Minh said no one must be left behind.")
    article = clean_document(RawDocument("post.md", "", text, {}), places)
    assert (article.title, article.published) == ("Vietnam urges vaccine sharing", "2020-04-16")
    assert article.text.splitlines()[-1].startswith("Deputy Prime Minister")
    # in a text file the marks are text as written
    assert _clean(text, places).title.startswith("# ")


def test_a_factiva_lede_with_a_colon_after_its_dateline_is_text(places) -> None:
    text = ("Singapore backs ASEAN fund\n312 words\n15 April 2020\nThe Straits Times\nSTIMES\nEnglish\n"
            "(c) 2020 Singapore Press Holdings Limited\nSingapore backs ASEAN fund\n"
            "SINGAPORE: Singapore will contribute US$100,000 to the COVID-19 ASEAN Response Fund, the minister said.")
    article = _clean(text, places)
    assert (article.outlet, article.published) == ("The Straits Times", "2020-04-15")
    assert article.text.endswith("SINGAPORE: Singapore will contribute US$100,000 to the COVID-19 ASEAN Response "
                                 "Fund, the minister said.")
    assert article.text.startswith("Singapore backs ASEAN fund")  # a short lede after the copyright is text


def test_a_nexis_header_without_an_outlet_line_has_no_outlet_called_body(places) -> None:
    article = _clean("Russia offers test kits\nApril 16, 2020 Thursday\nLength: 312 words\nBody\n"
                     "Russia offered test kits to Laos, the embassy said.", places)
    assert (article.outlet, article.published, article.text) == (
        "", "2020-04-16", "Russia offered test kits to Laos, the embassy said.")


def test_only_reporters_and_writers_are_credited_authors(places) -> None:
    body = "Russia offers Southeast Asia help with virus tests\nRussia offered vaccines to Laos, the ministry said.\n"
    assert _clean(body + "(Editing by Leslie Adler)", places).author == ""
    assert _clean(body + "(Reporting by Jane Doe and John Roe; Editing by Ed Davies)", places).author == "Jane Doe"


def test_labelled_credits_and_an_agency_in_capitals_in_the_dateline_are_metadata(places) -> None:
    """Antara's style: "Jakarta (ANTARA) - ..." and closing "Reporter: ..." / "Editor: ..." lines; a
    reporter's e-mail address alone on a line is no text either."""
    article = _clean("Indonesia urges vaccine cooperation\n"
                     "Jakarta (ANTARA) - Indonesia urged Russia to share vaccines.\n"
                     "Indonesia will contribute to the fund, she added.\nReporter: Yuni Arisandy Sinaga\n"
                     "Editor: Rahmad Nasution\nnews.desk@antaranews.com\nCOPYRIGHT © ANTARA 2020", places)
    assert (article.outlet, article.author, article.dateline) == ("Antara", "Yuni Arisandy Sinaga", "Jakarta")
    assert article.text.endswith("Indonesia will contribute to the fund, she added.")
    body = "Russia offers Southeast Asia help with virus tests\nRussia offered vaccines to Laos, the ministry said.\n"
    for credits in ("Reporter: Azis Kurmala, Yuni Arisandy Sinaga", "Reporter: Azis Kurmala; Editor: Rahmad Nasution",
                    "Editor: Rahmad Nasution | Reporter: Azis Kurmala"):  # several names or labels on one line
        assert (_clean(body + credits, places).author, _clean(body + credits, places).text) == (
            "Azis Kurmala", "Russia offered vaccines to Laos, the ministry said."), credits
    article = _clean(body + "Editor: Rahmad Nasution", places)  # an editor is no author
    assert (article.author, article.text) == ("", "Russia offered vaccines to Laos, the ministry said.")
    article = _clean(body + "Reporter: the ministry will publish the list on Friday.", places)
    assert article.text.endswith("Reporter: the ministry will publish the list on Friday.")  # a sentence: text


@pytest.mark.parametrize("text", [
    "Lavrov Visits Vietnam - Reuters\nRussia will help Vietnam, the minister said.",  # the title
    "Russia backs fund\nWorld News | Reuters\nRussia will help Vietnam, the minister said.",  # a section
    "Russia backs fund\nForeign Minister Sergey Lavrov - Xinhua\nRussia will help Vietnam, the minister said.",
])
def test_a_title_a_section_or_a_caption_before_an_outlet_is_no_byline(places, text: str) -> None:
    article = _clean(text, places)
    assert article.author == ""
    assert article.title == text.splitlines()[0]


def test_a_place_before_an_outlet_is_a_dateline_not_a_byline(places) -> None:
    article = _clean("Malaysia backs fund\nKuala Lumpur - Bernama\nMalaysia will contribute, the minister said.",
                     places)
    assert (article.author, article.dateline) == ("", "Kuala Lumpur")


@pytest.mark.parametrize(("byline", "author", "outlet"), [
    ("Pia Lee-Brago - The Philippine Star", "Pia Lee-Brago", "The Philippine Star"),
    ("Jane Doe | Reuters", "Jane Doe", "Reuters"),
])
def test_a_byline_without_by_names_the_author_and_the_outlet(places, byline: str, author: str, outlet: str) -> None:
    article = _clean(f"Philippines to get ADB loan\n{byline}\nApril 24, 2020 | 12:00am\n"
                     "MANILA — The Philippines will receive a loan, the DFA said.\n"
                     "Philstar.com | Follow us on Facebook", places)
    assert (article.author, article.outlet, article.published) == (author, outlet, "2020-04-24")
    assert article.text == "MANILA — The Philippines will receive a loan, the DFA said."
    article = _clean("Philippines to get ADB loan\nVietnam and Laos agreed, Reuters said.\nThe DFA said so.", places)
    assert (article.author, article.text.splitlines()[0]) == ("", "Vietnam and Laos agreed, Reuters said.")


def test_a_date_line_that_credits_its_source_and_editor_gives_outlet_and_date(places) -> None:
    article = _clean("China, ASEAN vow to fight the virus\nSource: Xinhua| 2020-02-20 23:45:11|Editor: huaxia\n"
                     "VIENTIANE, Feb. 20 (Xinhua) -- China will share its experience with ASEAN, Wang said.", places)
    assert (article.outlet, article.published, article.dateline) == ("Xinhua", "2020-02-20", "Vientiane")
    assert article.text.startswith("VIENTIANE")
    article = _clean("China, ASEAN vow to fight the virus\nSource: a senior official | 2020-02-20\n"
                     "China will share its experience with ASEAN, Wang said.", places)
    assert article.text.startswith("Source: a senior official")  # words that credit no outlet: text


@pytest.mark.parametrize(("opening", "outlet"), [("VOV.VN", "Voice of Vietnam"), ("VNA", "Vietnam News Agency"),
                                                 ("NDO/VNA", "Nhân Dân")])  # the paper, then the agency it quotes
def test_an_outlet_opening_the_body_like_a_dateline_is_the_outlet_not_a_place(places, opening: str,
                                                                               outlet: str) -> None:
    article = _clean(f"Vietnam, Japan agree to cooperate\n{opening} - Minister Minh held talks with Japan.", places)
    assert (article.outlet, article.dateline) == (outlet, "")


def test_the_code_opening_the_body_names_the_outlet_over_a_source_credited_at_the_end(places) -> None:
    article = _clean("ASEAN, Japan vow to step up cooperation\nNDO/VNA – Japan will continue to stand by ASEAN in its "
                     "fight against COVID-19, Japanese Prime Minister Yoshihide Suga said.\n" + STORY
                     + "Source: VNA\nShare: Facebook | Twitter | Email | Print\n", places)
    assert article.outlet == "Nhân Dân" and not article.text.endswith("VNA")


def test_an_end_mark_before_a_releases_issuer_is_none_of_its_lines(places) -> None:
    article = _clean("Minister attends meeting\nThe minister underscored the importance of open supply chains.\n"
                     "END\nMINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\n15 APRIL 2020", places)
    assert (article.outlet, article.text) == (
        "Ministry of Foreign Affairs Singapore", "The minister underscored the importance of open supply chains.")
    article = _clean("Minister attends meeting\nThe minister underscored the importance of trade.\n"
                     "NEW ZEALAND HIGH COMMISSION\nLAO PDR\n15 APRIL 2020", places)
    assert article.outlet == "New Zealand High Commission, Lao PDR"


def test_a_byline_that_names_no_one_is_no_author(places) -> None:
    for given in ("Staff writer", "ADMIN", "Web Desk"):
        assert _clean("Russia offered vaccines to ASEAN.\nThe offer was welcomed.", places, author=given).author == ""
    article = _clean("Talks on vaccines\nBy Staff Reporter\nRussia offered vaccines to Laos.", places)
    assert article.author == "" and article.text == "Russia offered vaccines to Laos."


@pytest.mark.parametrize(("byline", "author", "outlet", "published"), [
    ("By Dewi Kartika and Jonathan Hale", "Dewi Kartika", "", ""),  # the first of several, as in a credit line
    ("By ELAINE KURTENBACH and DAVID RISING Associated Press", "Elaine Kurtenbach", "Associated Press", ""),
    ("By Viet Anh   August 25, 2021 | 05:10 pm GMT+7", "Viet Anh", "", "2021-08-25"),
    ("By Jane Doe, Tuesday, August 24, 2021", "Jane Doe", "", "2021-08-24"),
    ("By Jane Doe, June 5, 2021, Reuters", "Jane Doe", "Reuters", "2021-06-05"),  # the outlet after the date
])
def test_a_byline_of_several_authors_an_outlet_or_a_date_names_its_first_author(
        places, byline: str, author: str, outlet: str, published: str) -> None:
    article = _clean(f"China pledges vaccines\n{byline}\nChina will provide vaccines to Laos, Wang Yi said.", places)
    assert (article.author, article.outlet, article.published) == (author, outlet, published)
    assert article.text == "China will provide vaccines to Laos, Wang Yi said."


def test_an_outlets_name_alone_near_the_top_or_before_a_dateline_dash_is_the_outlet(places) -> None:
    article = _clean("Thailand vows to share Mekong data\nBangkok Post\nPublished: 25 Aug 2021 at 04:00\n"
                     "Thailand will share data with the Mekong River Commission, Don said.", places)
    assert (article.outlet, article.published) == ("Bangkok Post", "2021-08-25")
    assert article.text == "Thailand will share data with the Mekong River Commission, Don said."
    article = _clean("Japan to send doses to Vietnam\nTOKYO, July 1 Kyodo - Japan will send vaccines to Vietnam, "
                     "Motegi said.\n==Kyodo", places)
    assert (article.outlet, article.dateline) == ("Kyodo News", "Tokyo")
    assert article.text == "TOKYO, July 1 Kyodo - Japan will send vaccines to Vietnam, Motegi said."
    article = _clean("Japan to send doses to Vietnam\nTOKYO, July 1 Minister Motegi - Japan will send vaccines.",
                     places)
    assert article.outlet == ""  # a word before the dash that names no outlet


def test_an_outlet_alone_on_a_line_gives_way_to_the_datelines_agency(places) -> None:
    """A photo's credit ("AFP") above a Reuters dateline: the dateline's agency is the outlet."""
    article = _clean("Cambodia gets vaccines\nAFP\nPHNOM PENH (Reuters) - China will send vaccines to Cambodia.",
                     places)
    assert article.outlet == "Reuters"


@pytest.mark.parametrize(("lines", "dateline", "published", "author"), [
    ("Vientiane, Lao PDR, 20 February 2020", "Vientiane", "2020-02-20", ""),  # a chairman's statement
    ("Dian Paramita (The Jakarta Post)\nJakarta \u25cf Wed, August 4, 2021", "Jakarta", "2021-08-04",
     "Dian Paramita"),
])
def test_a_line_of_places_and_a_date_gives_dateline_and_date(places, lines: str, dateline: str, published: str,
                                                             author: str) -> None:
    article = _clean(f"ASEAN and China meet on COVID-19\n{lines}\n"
                     "1. The Meeting agreed to enhance cooperation in early warning.", places)
    assert (article.dateline, article.published, article.author) == (dateline, published, author)
    assert article.text == "1. The Meeting agreed to enhance cooperation in early warning."


@pytest.mark.parametrize(("lines", "author", "outlet"), [
    ("Sok Rathana\nKhmer Times", "Sok Rathana", "Khmer Times"),  # a byline on two lines
    ("AYA KOSAKA, Nikkei staff writer", "Aya Kosaka", "Nikkei Asia"),  # the outlet with the writer's role
    ("Government Public Relations Department", "", "Government Public Relations Department"),
])
def test_a_reporters_name_over_or_before_the_outlets_name_is_the_author(places, lines: str, author: str,
                                                                        outlet: str) -> None:
    article = _clean(f"Cambodia urges South Korea to speed up vaccine support\n{lines}\n"
                     "Prak Sokhonn urged South Korea to speed up the delivery of vaccines.", places)
    assert (article.author, article.outlet) == (author, outlet)
    assert article.text == "Prak Sokhonn urged South Korea to speed up the delivery of vaccines."
    article = _clean("Cambodia urges South Korea\nForeign Affairs\nKhmer Times\nPrak Sokhonn urged Korea.", places)
    assert article.author == ""  # a section's name over the outlet is no reporter


def test_an_issuers_block_may_end_with_a_date_in_lower_case(places) -> None:
    article = _clean("Minister attends meeting\nThe minister underscored the importance of open supply chains.\n"
                     "WISMA PUTRA\nKUALA LUMPUR\n3 August 2021", places)
    assert (article.outlet, article.published, article.text) == (
        "Ministry of Foreign Affairs of Malaysia", "2021-08-03",
        "The minister underscored the importance of open supply chains.")


def test_a_pages_furniture_above_the_headline_is_no_headline(places) -> None:
    # the site's name (in any case), a navigation line, a section's label, then the headline
    article = _clean("GLOBAL TIMES\nHOME | CHINA | SOURCE | OPINION | WORLD\nWORLD / ASIA-PACIFIC\n"
                     "Japan courts Mekong countries with new aid\nBy Lin Xiaoyi\n"
                     "Japan pledged new aid to the five Mekong countries on Friday, officials said.", places)
    assert (article.title, article.outlet, article.author) == (
        "Japan courts Mekong countries with new aid", "Global Times", "Lin Xiaoyi")
    assert article.text.startswith("Japan pledged new aid")
    # a wire's slug and an editor's note, then the headline and a dateline with the agency
    article = _clean("ASEAN-CHINA/VACCINES (UPDATE 2)\nUPDATE 2-China offers more vaccines to Southeast Asia\n"
                     "(Adds analyst comment in paragraph 9)\nBy Liz Tran\n"
                     "HANOI, June 7 (Reuters) - China will provide more vaccines to Southeast Asian nations.", places)
    assert (article.title, article.outlet, article.dateline) == (
        "UPDATE 2-China offers more vaccines to Southeast Asia", "Reuters", "Hà Nội")
    # a section's label over the headline, a byline under it
    article = _clean("Politics\nVietnam urges US to keep sharing vaccines\nBy Duc Trung\n"
                     "Minister Son called on the United States to keep sharing vaccines.", places)
    assert (article.title, article.author) == ("Vietnam urges US to keep sharing vaccines", "Duc Trung")
    # a ministry's name over two lines in capitals
    article = _clean("MINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\nMinister attends meeting with ASEAN partners\n"
                     "The minister underscored the importance of open supply chains.", places)
    assert (article.outlet, article.title) == (
        "Ministry of Foreign Affairs Singapore", "Minister attends meeting with ASEAN partners")


@pytest.mark.parametrize(("text", "title", "published"), [
    # a date line between slashes is no navigation
    ("The Jakarta Post\nTuesday, June 8, 2021 / 10:45 AM / Updated\nChina pledges more vaccines to ASEAN\n"
     "China will give 10 million doses to ASEAN, Wang Yi said.", "China pledges more vaccines to ASEAN", "2021-06-08"),
    # a section's name before a headline is no path of two parts
    ("The Jakarta Post\nOpinion / Why ASEAN needs China\nJAKARTA - China will give 10 million doses to ASEAN.",
     "Opinion / Why ASEAN needs China", ""),
])
def test_a_date_line_or_a_headline_with_slashes_is_no_navigation(places, text: str, title: str,
                                                                  published: str) -> None:
    article = _clean(text, places)
    assert (article.title, article.published) == (title, published)


@pytest.mark.parametrize(("text", "title", "outlet"), [
    # the site's address alone, then a breadcrumb of two parts
    ("chinadaily.com.cn\nWorld > Asia-Pacific\nChina, ASEAN wrap up talks on upgraded free trade pact\n"
     "Premier Li Qiang said China would open its market wider to Southeast Asian goods.",
     "China, ASEAN wrap up talks on upgraded free trade pact", "China Daily"),
    # the site's name and its address with the edition, a section's label
    ("THE WORLD & VIETNAM REPORT\nbaoquocte.vn | English edition\nDIPLOMACY\n"
     "Viet Nam, RoK co-chair Mekong-Republic of Korea Foreign Ministers' Meeting\n"
     "Minister Bui Thanh Son and Cho Tae-yul co-chaired the meeting on July 26.",
     "Viet Nam, RoK co-chair Mekong-Republic of Korea Foreign Ministers' Meeting", "World & Vietnam Report"),
    # a site's name with a dash in it, a navigation line, a note in square brackets
    ("Báo Quốc tế - World & Vietnam Report\nASEAN | Politics | Diplomacy\n[Translated automatically from Vietnamese]\n"
     "Minister Son attends Mekong - US Partnership Foreign Ministers' Meeting\n"
     "On the afternoon of 13/7 Minister Son attended the meeting in Jakarta.",
     "Minister Son attends Mekong - US Partnership Foreign Ministers' Meeting", "World & Vietnam Report"),
    # a ministry's name and its government's over a breadcrumb
    ("Ministry of External Affairs\nGovernment of India\nMedia Center > Briefings\n"
     "Transcript of Special Briefing on Prime Minister's visit to Lao PDR\nMODERATOR: Good evening, friends.",
     "Transcript of Special Briefing on Prime Minister's visit to Lao PDR",
     "Ministry of External Affairs, Government of India"),
    # a section's label over the headline and a byline without "By"
    ("Philstar.com\nHeadlines\nManalo to ARF: Philippines 'will not be deterred' in West Philippine Sea\n"
     "Patricia Lao-Ocampo - The Philippine Star\nVIENTIANE – The Philippines will continue to assert its rights.",
     "Manalo to ARF: Philippines 'will not be deterred' in West Philippine Sea", "The Philippine Star"),
    # a section path with "/" in mixed case; a kicker with "|" stays in the headline
    ("South China Morning Post\nThis Week in Asia / Politics\n"
     "Analysis | Rubio's Asean debut brings reassurance, but no tariff relief\n"
     "The US secretary of state insisted Washington was not going anywhere.",
     "Analysis | Rubio's Asean debut brings reassurance, but no tariff relief", "South China Morning Post"),
])
def test_a_sites_address_paths_and_notes_above_the_headline_are_furniture(places, text: str, title: str,
                                                                          outlet: str) -> None:
    article = _clean(text, places)
    assert (article.title, article.outlet) == (title, outlet)


def test_a_short_first_line_stays_the_headline_of_text_without_punctuation(places) -> None:
    # every line of punctuation-stripped text reads as a headline: a short first line is no section's label
    article = _clean("Health talks\nRussia will send test kits to Thailand the embassy said\n"
                     "It will arrive next week officials said", places)
    assert article.title == "Health talks"


def test_a_tail_marker_above_the_body_goes_alone(places) -> None:
    # and the byline without "By" under it: a name, then a reporter's role
    article = _clean("Mahuta announces climate package for Southeast Asia\n13 July 2023 9:18 pm\nShare this\n"
                     "Facebook Twitter Email\nMihi Tautahi, Political Reporter\n@mihitautahi\n"
                     "New Zealand will provide $20 million to help Southeast Asian countries, Mahuta said.\n"
                     "She said New Zealand remained concerned about Myanmar.\nRelated\n"
                     "Hipkins to lead trade mission to China next month", places)
    assert article.text == ("New Zealand will provide $20 million to help Southeast Asian countries, Mahuta said.\n"
                            "She said New Zealand remained concerned about Myanmar.")
    assert "Hipkins to lead trade mission" in article.boilerplate
    assert article.author == "Mihi Tautahi"
    article = _clean("Jokowi urges US to invest in ASEAN\nReporter: Sinta Ambarwati\nEditor: Bayu Prasetyo\n"
                     "Jakarta (ANTARA) - President Joko Widodo urged the United States to invest more.", places)
    assert (article.author, article.outlet, article.dateline) == ("Sinta Ambarwati", "Antara", "Jakarta")


@pytest.mark.parametrize("line", [
    "Read more Vietnam receives 1 million AstraZeneca doses from Japan",  # punctuation stripped
    ">> Related: Hun Sen receives Japanese Foreign Minister Hayashi on sidelines",
    "READ: Wang Yi assures Manila of priority access to Chinese vaccines",
    "Related coverage:",
])
def test_links_to_other_articles_are_boilerplate(places, line: str) -> None:
    article = _clean(f"Ministers meet online\nThe ministers agreed to share vaccines, officials said.\n{line}\n"
                     "Japan will also donate syringes to Laos, the minister said.", places)
    assert line not in article.text


def test_an_outlets_code_before_the_dateline(places) -> None:
    article = _clean("ASEAN, Japan agree to lift ties\nNDO – Phnom Penh – Minister Son on August 4 joined his "
                     "ASEAN counterparts at the meeting.", places)
    assert (article.outlet, article.dateline) == ("Nhân Dân", "Phnom Penh")


@pytest.mark.parametrize(("text", "expected"), [
    ("Tuesday, 21:10, 03/08/2021", "2021-08-03"),  # 3 August 2021 was a Tuesday, 8 March a Monday
    ("Mon 03/08/2021", "2021-03-08"),
    ("Sunday 12/11/2020", ""),  # neither reading is a Sunday
    ("monthly report 03/08/2021", ""),  # no weekday
])
def test_a_weekday_tells_the_order_of_a_numeric_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("first", "expected"), [
    ("CHONGQING, China, June 7 (Reuters) - China will provide vaccines", "Chongqing"),  # no vocabulary knows it
    ("Jakarta, July 13 (Jiji Press)--Japanese Foreign Minister Yoshimasa Hayashi agreed", "Jakarta"),
    ("NAYPYITAW, Myanmar, Aug. 2 -- The junta said", "Naypyidaw"),
    ("ASEAN, China, Japan and Korea - the four agreed", ""),  # a list, not a dateline
    ("Hanoi, Jakarta and Manila—Officials agreed", ""),
    ("UPDATE, BREAKING - China said", ""),
])
def test_datelines_with_a_country_a_date_and_an_agency(places, first: str, expected: str) -> None:
    assert detect_dateline(first, places) == expected


def test_a_section_and_a_time_between_the_byline_and_the_body(places) -> None:
    article = _clean("Nation\nSaifuddin urges Britain to speed up vaccine sharing\nBy ZULKIFLI HAMZAH\nNation\n"
                     "Thursday, 05 Aug 2021\n9:12 PM MYT\nPUTRAJAYA: Malaysia has called on the United Kingdom to "
                     "speed up vaccine deliveries.", places)
    assert (article.author, article.published, article.dateline) == ("Zulkifli Hamzah", "2021-08-05", "Putrajaya")
    assert article.text.startswith("PUTRAJAYA: Malaysia has called")


@pytest.mark.parametrize("opening", ["Mr Chairman,", "Your Excellencies,", "Nguyen Hoa |", "Hanoi Times /"])
def test_a_salutation_or_a_bare_name_at_the_top_is_no_credit(places, opening: str) -> None:
    # a name-like line with a separator and nothing after it once crashed the credit reader
    article = _clean(f"Statement by Vietnam at the ASEAN Regional Forum\n{opening}\n"
                     "Viet Nam supports the early conclusion of an effective Code of Conduct.", places)
    assert article.text.endswith("Viet Nam supports the early conclusion of an effective Code of Conduct.")


def test_a_box_of_links_inside_the_article_keeps_the_text_after_it(places) -> None:
    article = _clean("ASEAN leaders bar Myanmar junta chief from summit\n"
                     "Leaders of Southeast Asian nations agreed to exclude Myanmar's military leader.\nRead more\n"
                     "Myanmar military rejects ASEAN decision\nUN envoy warns of civil war in Myanmar\n"
                     "The decision was taken at an emergency meeting of foreign ministers.\n"
                     "The United States welcomed the move and promised $5 million in humanitarian aid.", places)
    assert article.text == ("Leaders of Southeast Asian nations agreed to exclude Myanmar's military leader.\n"
                            "The decision was taken at an emergency meeting of foreign ministers.\n"
                            "The United States welcomed the move and promised $5 million in humanitarian aid.")


@pytest.mark.parametrize("sentence", [
    "Also read at the opening ceremony was a message from Emperor Naruhito welcoming the leaders.",
    "Read more carefully, however, the document commits the bloc to a review of the consensus.",
    "(Japan has provided Vietnam with six patrol boats since 2014 under a yen loan agreement.)",
    "Reporter: Any update on Myanmar?",
])
def test_sentences_like_links_notes_or_credits_stay_text(places, sentence: str) -> None:
    article = _clean(f"Vietnam, Japan agree to boost maritime cooperation\nHANOI, Dec 5 (Reuters) - Vietnam and "
                     f"Japan agreed to step up maritime cooperation.\n{sentence}\nThe ministers met in Hanoi.", places)
    assert sentence in article.text


def test_teasers_after_a_tail_marker_stay_out_when_the_body_has_no_sentence(places) -> None:
    article = _clean("Japan offers ASEAN $5bn for infrastructure\nKishida to unveil package at Tokyo summit\n"
                     "Subscribe to read the full article\nRelated stories\n"
                     "China pledges $10 billion in loans to Cambodia. Beijing said on Monday.\n"
                     "South Korea and Vietnam agree to double trade by 2030. Seoul said.", places)
    assert "China pledges" not in article.text and "South Korea" not in article.text


@pytest.mark.parametrize(("text", "title"), [
    ("ASEAN, CHINA AGREE 24/7 MARITIME HOTLINE\nHANOI, Dec 5 (VNA) - ASEAN and China agreed on a hotline.",
     "ASEAN, CHINA AGREE 24/7 MARITIME HOTLINE"),  # capitals and a slash, but a headline
    ("Blinken Visits Jakarta\nSecretary of State to attend ASEAN foreign ministers' meetings this week\n"
     "By Humeyra Pamuk\nJAKARTA, July 12 (Reuters) - Blinken arrived in Jakarta.", "Blinken Visits Jakarta"),
    ("Tuoi Tre News\nASEAN Japan Summit\nJapan pledged 35 billion yen for ASEAN on Saturday in Tokyo\n"
     "The leaders also agreed to boost cooperation in maritime security", "ASEAN Japan Summit"),
])
def test_headlines_that_look_like_a_pages_furniture(places, text: str, title: str) -> None:
    assert _clean(text, places).title == title


def test_share_under_a_question_headline_and_an_editors_credit(places) -> None:
    article = _clean("Will ASEAN finally act on Myanmar?\nShare this\nBy Sebastian Strangio\n"
                     "Indonesia's foreign minister said that ASEAN would review its Myanmar policy.", places)
    assert article.text == "Indonesia's foreign minister said that ASEAN would review its Myanmar policy."
    article = _clean("New Zealand pledges $20m to ASEAN\nMihi Tautahi, Political Reporter\nJo Moir, Political Editor\n"
                     "New Zealand will give $20 million to ASEAN for climate resilience, Hipkins said.", places)
    assert (article.author, article.text) == (
        "Mihi Tautahi", "New Zealand will give $20 million to ASEAN for climate resilience, Hipkins said.")


PDF_PAGE = ("MINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\n\nCO-CHAIRS' STATEMENT OF THE SPECIAL ASEAN-INDIA MEETING\n\n"
            "New Delhi, 16-17 June 2022\n\n"
            "1. The Ministers reaffirmed their commitment to ASEAN centrality and unity in\n"
            "the evolving regional architecture. India reiterated its support for the ASEAN\n"
            "Outlook on the Indo-Pacific and its synergy with India's Indo-Pacific Oceans\n"
            "Initiative.\n\nPage 1 of 3\n\nMINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\n\n"
            "2. The Ministers agreed to strengthen cooperation to support the ASEAN Centre\n"
            "for Public Health Emergencies and to enhance the resilience of regional medi-\n"
            "cal supply chains.\n\nPage 2 of 3\n\nMINISTRY OF FOREIGN AFFAIRS\nSINGAPORE\n\n"
            "3. The Ministers looked forward to the ASEAN-India Commemorative Summit, to be\n"
            "held in Phnom Penh in November 2022, and tasked their senior officials to prepare\n"
            "the summit's joint statement on the comprehensive strategic partnership.\n\nPage 3 of 3\n")


def test_a_pdfs_wrapped_lines_pages_and_running_heads(places) -> None:
    article = _clean(PDF_PAGE, places)
    assert (article.outlet, article.dateline, article.published) == (
        "Ministry of Foreign Affairs Singapore", "New Delhi", "2022-06-17")
    assert article.text.split("\n") == [
        "1. The Ministers reaffirmed their commitment to ASEAN centrality and unity in the evolving regional "
        "architecture. India reiterated its support for the ASEAN Outlook on the Indo-Pacific and its synergy with "
        "India's Indo-Pacific Oceans Initiative.",
        "2. The Ministers agreed to strengthen cooperation to support the ASEAN Centre for Public Health Emergencies "
        "and to enhance the resilience of regional medi- cal supply chains.",
        "3. The Ministers looked forward to the ASEAN-India Commemorative Summit, to be held in Phnom Penh in "
        "November 2022, and tasked their senior officials to prepare the summit's joint statement on the "
        "comprehensive strategic partnership.",
    ]  # only the breaks became spaces: a quote still reads as the source's words


def test_a_pdfs_table_of_contents_is_no_text(places) -> None:
    """A document copied from a PDF: its table of contents, entries in capitals with dot leaders and page numbers,
    each its own line (they used to be joined as a heading in capitals over two lines is, and the body's first
    line to the last of them)."""
    contents = ("TABLE OF CONTENTS\nI. INTRODUCTION ............................................. 1\n"
                "II. COVID-19 RESPONSE AND RECOVERY ............................ 1\n"
                "III. EXTERNAL RELATIONS ........................................... 9\n")
    article = _clean(contents + PDF_PAGE, places)
    assert article.text.split("\n")[0].startswith("1. The Ministers reaffirmed their commitment")
    assert "CONTENTS" not in article.text and "....." not in article.text
    removed = article.boilerplate.split("\n")
    assert "II. COVID-19 RESPONSE AND RECOVERY ............................ 1" in removed
    assert "III. EXTERNAL RELATIONS ........................................... 9" in removed


def test_a_pdfs_heading_in_capitals_over_two_lines_under_its_logo_and_motto_is_the_title(places) -> None:
    """A chairman's statement copied from a PDF: the logo's word and the motto over a heading whose second line
    goes on with "OF THE ...", then its date. The heading's first line is no section label."""
    article = _clean("ASEAN\nONE VISION ONE IDENTITY ONE COMMUNITY\n\nCHAIRMAN'S STATEMENT\n"
                     "OF THE 38TH AND 39TH ASEAN SUMMITS\n26 October 2021\n\n"
                     "1. The 38th and 39th ASEAN Summits were held on 26 October 2021 by video conference.\n"
                     "2. We remained deeply concerned over the resurgence of infections in the region.\n", places)
    assert article.title == "CHAIRMAN'S STATEMENT OF THE 38TH AND 39TH ASEAN SUMMITS"
    assert article.text.startswith("1. The 38th") and "ONE VISION" in article.boilerplate
    assert article.published == "2021-10-26"
    news = _clean("RUSSIA SENDS TEST KITS\nTO LAOS AND CAMBODIA\nMOSCOW, April 5 (TASS) - Russia sent test kits "
                  "to Laos.\nMore will follow, the ministry said.\n", places)
    assert news.title == "RUSSIA SENDS TEST KITS TO LAOS AND CAMBODIA"


@pytest.mark.parametrize("text", [
    "Japan will send doses\nThe minister said so on Monday\nChina will send masks",  # punctuation stripped
    "Vietnam thanked Japan.\nJapan will send doses.\nChina will send masks.",
    "A headline\n\nThe first paragraph of the article, on one line.\nThe second paragraph, on one line.",
])
def test_text_with_a_paragraph_or_a_sentence_a_line_is_not_wrapped(text: str) -> None:
    assert join_wrapped_lines(text) == text


@pytest.mark.parametrize("text", [
    # a paragraph a line, punctuation stripped, some lines in lower case: long lines, no page's width
    "hanoi nov 27 vietnamese prime minister pham minh chinh held talks with japanese prime minister fumio kishida "
    "in tokyo on monday\nthe two leaders agreed to boost cooperation in semiconductors digital transformation and "
    "green energy and japan pledged new official development assistance\njapan will provide 50 billion yen in loans "
    "for infrastructure projects in vietnam kishida said",
])
def test_a_paragraph_a_line_in_lower_case_is_not_wrapped(text: str) -> None:
    assert join_wrapped_lines(text) == text


def test_a_heading_in_capitals_and_a_date_line_are_not_joined_to_the_text(places) -> None:
    article = _clean("JOINT STATEMENT OF THE ASEAN-INDIA FOREIGN MINISTERS MEETING ON MARITIME COOPERATION\n"
                     "New Delhi, 16-17 June 2022\n"
                     "1. The foreign ministers of ASEAN and India agreed to expand maritime cooperation and to work\n"
                     "together on the blue economy and on fisheries and on disaster relief in the region, and they\n"
                     "pledged to support the ASEAN Outlook on the Indo-Pacific and connectivity projects in the\n"
                     "Mekong subregion and in the northeast of India.", places)
    assert (article.dateline, article.title) == (
        "New Delhi", "JOINT STATEMENT OF THE ASEAN-INDIA FOREIGN MINISTERS MEETING ON MARITIME COOPERATION")


def test_a_label_twice_in_capitals_is_no_running_head(places) -> None:
    article = _clean("Transcript: Secretary Blinken and Foreign Minister Marsudi\nJAKARTA, July 14 - Remarks.\n"
                     "SECRETARY BLINKEN\nWe will invest 500 million dollars in Indonesia's energy transition.\n"
                     "QUESTION\nWill the US support ASEAN on Myanmar?\nSECRETARY BLINKEN\n"
                     "We will continue to support ASEAN's Five-Point Consensus on Myanmar.", places)
    assert article.text.count("SECRETARY BLINKEN") == 2


def test_a_datelines_day_takes_its_year_from_a_full_date_of_that_day(places) -> None:
    text = ("S. Korea offers to share virus testing know-how\nBy Park Min-ji\n"
            "SEOUL, April 7 (Yonhap) -- South Korea's health minister on Tuesday offered to share its experience.\n"
            "The minister took part in a video conference in Sejong on April 7, 2020. (PHOTO NOT FOR SALE)")
    assert _clean(text, places).published == "2020-04-07"
    # no full date of that day: no year is guessed
    assert _clean(text.replace("on April 7, 2020", "in 2020"), places).published == ""


@pytest.mark.parametrize(("text", "title", "published", "dateline"), [
    # a menu copied from the page with its items set apart by spaces, over the site's breadcrumb
    ("Bangkok Post\nNational  North Korea  Economy  Market  Industry  Sci/Tech  Culture\n\nNews > General\n\n"
     "Don seeks US help for stranded Thais\n\nPUBLISHED : 24 Apr 2020 at 17:21\n\n"
     "Foreign Minister Don Pramudwinai has asked the United States to look after Thai nationals, the ministry said.",
     "Don seeks US help for stranded Thais", "2020-04-24", ""),
    # a section in capitals over a date line with a relative time, over the headline; two places in the dateline
    ("WORLD NEWS\nAPRIL 22, 2020 / 9:58 PM / UPDATED 2 HOURS AGO\n\nPompeo says China exploiting virus distraction\n\n"
     "WASHINGTON/HANOI (Reuters) - U.S. Secretary of State Mike Pompeo on Wednesday accused China of exploiting "
     "the pandemic.", "Pompeo says China exploiting virus distraction", "2020-04-22", "Washington/Hanoi"),
    # a menu's run ends at a date line; the deck over the dateline's paragraph is no body
    ("TASS\nWorld\nBusiness & Economy\nMilitary & Defense\nScience & Space\nSociety & Culture\nWorld\n"
     "10 JUN 2020, 15:42\n\nLavrov offers ASEAN Russian test systems\n\n"
     "Russia's top diplomat says Moscow is prepared to share its experience with Southeast Asian countries\n\n"
     "MOSCOW, June 10. /TASS/. Russia is ready to share its experience in combating the coronavirus, Lavrov said.",
     "Lavrov offers ASEAN Russian test systems", "2020-06-10", "Moscow"),
    # an outlet's date line that lists the story's sections; a wire photo's caption is no dateline
    ("KYODO NEWS - Apr 14, 2020 - 22:31 | Japan, Politics, Coronavirus, All\n\n"
     "Abe proposes ASEAN infectious disease center\n\n"
     "FILE - Prime Minister Shinzo Abe speaks at a news conference in Tokyo, April 7, 2020.\n\n"
     "TOKYO (Kyodo) -- Prime Minister Shinzo Abe on Tuesday proposed setting up a center in Southeast Asia.",
     "Abe proposes ASEAN infectious disease center", "2020-04-14", "Tokyo"),
    # a video player's leftovers over the dateline's paragraph
    ("China, ASEAN vow to jointly fight COVID-19\nSource: Xinhua| 2020-02-20 23:52:16|Editor: huaxia\n"
     "Video PlayerClose\n\nVIENTIANE, Feb. 20 (Xinhua) -- China and ASEAN on Thursday pledged to step up "
     "cooperation.", "China, ASEAN vow to jointly fight COVID-19", "2020-02-20", "Vientiane"),
])
def test_a_browser_copy_of_a_pages_head_is_no_headline(places, text: str, title: str, published: str,
                                                        dateline: str) -> None:
    article = _clean(text, places)
    assert (article.title, article.published, article.dateline) == (title, published, dateline)
    assert article.text.startswith(("Foreign Minister", "WASHINGTON", "MOSCOW", "TOKYO", "VIENTIANE"))


def test_a_spaced_menu_is_only_found_in_the_pages_head(places) -> None:
    head = "Home  News  Business  Opinion\nHeadline of the story"
    assert spaced_menus(head) == {"Home News Business Opinion"}
    body = "\n".join(["A line of the body."] * 20 + ["Rice  Maize  Wheat  Soybeans"])
    assert spaced_menus(body) == frozenset()  # past the page's head
    # a headline or a quote from a justified PDF is no menu, and keeps its words
    pdf = ("Vietnam  pledges  support  for  Laos\n\n"
           "\u201cWe  stand  ready  to  help  Laos  fight  the  pandemic,\u201d  Minh  said.")
    assert spaced_menus(pdf) == frozenset()
    article = _clean(pdf, places)
    assert (article.title, article.text) == ("Vietnam pledges support for Laos",
                                             "\u201cWe stand ready to help Laos fight the pandemic,\u201d Minh said.")


def test_wire_credits_with_places_related_news_without_a_colon_hashtags_and_a_reporters_bio_are_boilerplate(
        places) -> None:
    text = ("Pompeo pledges support to ASEAN\n\nWASHINGTON (Reuters) - Pompeo said the United States would stand by "
            "Southeast Asia.\n\nRelated news Indonesia Japan discuss resumption of essential business travel\n\n"
            "He spoke after a videoconference with ASEAN ministers.\n\n"
            "#Kang Kyung-wha #ASEAN #COVID-19 #response fund\n\nKim Seo-yeon\n"
            "Kim Seo-yeon covers the presidential office. She joined Yonhap in 2011 and previously covered the "
            "foreign ministry under Kang Kyung-wha.\n\n"
            "(Reporting by Laura Pennington in Washington and Hieu Nguyen in Hanoi; Additional reporting by Siti "
            "Rahmawati in Jakarta; Editing by Grant Mercer)")
    article = _clean(text, places)
    assert article.text.splitlines() == [
        "WASHINGTON (Reuters) - Pompeo said the United States would stand by Southeast Asia.",
        "He spoke after a videoconference with ASEAN ministers."]
    assert article.author == "Laura Pennington"


def test_a_dateline_and_its_agency_in_text_stripped_of_punctuation(places) -> None:
    text = ("RI Russia cochair ASEAN foreign ministers meeting on COVID19 response\n10th June 2020 2118 WIB\n"
            "Reporter Dewi Kurniasari Editor Hendra Wibisono\n\n"
            "Jakarta ANTARA Indonesian Foreign Minister Retno Marsudi on Wednesday urged Russia to share vaccines\n"
            "The minister said Indonesia had put forward three proposals at the meeting")
    article = _clean(text, places)
    assert (article.dateline, article.outlet) == ("Jakarta", "Antara")
    assert article.text.startswith("Jakarta ANTARA")  # the credits over it went with the deck
    # an acronym after a place, then lower case, opens no dateline
    assert _clean("Talks end\n\nHanoi ASEAN ministers met on Monday and agreed to act", places).dateline == ""


@pytest.mark.parametrize("text", [
    "Vietnam pledges aid\n\nVietnam on Monday pledged US$1 million to Laos for vaccines.\n\n"
    "Washington, for its part \u2014 under pressure from Congress \u2014 said it would act.",
    "Donors meet\n\nThe meeting drew many pledges.\n\n"
    "Singapore, Malaysia and Indonesia - the three largest donors - will give more.",
    "Motegi visits\n\nJapan will give more doses to Laos, the ministry said.\n\n"
    "UPDATE - Motegi said Japan would also help Cambodia.",
])
def test_a_lede_over_a_place_that_opens_a_sentence_is_no_deck(places, text: str) -> None:
    article = _clean(text, places)
    assert article.dateline == "" and article.text.splitlines()[0] == text.split("\n\n")[1]


def test_review_mends_of_the_page_head_and_bios(places) -> None:
    # a headline in capitals over a date line in text stripped of punctuation is the headline, not a section
    article = _clean("VIETNAM AIDS LAOS\nApril 14 2020\nVietnam pledged 1 million USD to Laos for vaccines today\n"
                     "Laos thanked Vietnam for the vaccines", places)
    assert article.title == "VIETNAM AIDS LAOS"
    # "covers ... joined ... in 2018" in a body paragraph is no bio
    article = _clean("Trade Pact\n\nThe CPTPP covers 11 economies, and Vietnam joined the pact in 2018, Minister Dien "
                     "said, pledging to open markets further.", places)
    assert article.text.startswith("The CPTPP covers")


STORY = ("Chinese President Xi Jinping told Southeast Asian leaders on Monday that Beijing would not bully its "
         "smaller neighbours in the region.\n"
         "Xi pledged to donate another 150 million doses of vaccines to ASEAN countries this year.\n")
MORE = ("He said China hoped to import $150 billion worth of agricultural products from ASEAN over five years.\n"
        "China has already supplied more than 300 million vaccine doses to ASEAN members, officials said.\n")


def test_a_read_also_box_inside_the_story_goes_and_the_story_after_it_stays(places) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + STORY
                     + "Read also\nPeng Shuai video call fails to quell concern\n" + MORE, places)
    assert "agricultural products" in article.text and "300 million" in article.text
    assert "Peng Shuai" not in article.text and "Read also" not in article.text


@pytest.mark.parametrize("box", [
    "Most read\n1 Anutin: 'Sandbox' scheme to cover 17 more provinces\n2 Pattaya bars set to reopen\n",
    "MOST READ\nMoscow Mayor Sobyanin lifts self-isolation regime\nOil prices climb as Saudi Arabia cuts output\n",
    "Trending\nPeng Shuai video call fails to quell concern\n",
    "Related Story\nPeng Shuai video call fails to quell concern\nRelated Story\nZemmour draws crowds\n",
    "Related News\nNation\nPeng Shuai video call fails to quell concern\n",
])
def test_a_box_of_other_stories_pasted_between_the_paragraphs_goes_and_the_story_stays(places, box: str) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + STORY + box + MORE, places)
    assert "agricultural products" in article.text and "300 million" in article.text
    assert not any(line in article.text for line in box.splitlines())


def test_a_pages_comments_tags_and_paywall_lines_are_no_story(places) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + STORY + MORE
                     + "Thank you for reading our articles. Get unlimited access to The Star's premium content.\n"
                     "Found a mistake in this article?\nReport it to us.\n"
                     "Tags / Keywords: Asean, China, Xi\nSport\nZii Jia crashes out in first round of French Open\n"
                     "PARIS: Former All-England champion Lee Zii Jia made a shock first-round exit at the French Open "
                     "after losing to Japan's Kanta Tsuneyama in three games.\n", places)
    assert article.text.endswith("officials said.") and "Zii Jia" in article.boilerplate
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + STORY + MORE
                     + "Comments (3)\nDave from Hua Hin 27 Oct 2021 at 21:05\n"
                     "Scomo should sort out his own borders first. Sydney is still half shut and the flights are few.\n"
                     "Write a comment\n", places)
    assert article.text.endswith("officials said.") and "Hua Hin" not in article.text


def test_a_share_bar_with_its_label_on_one_line_under_a_deck_keeps_the_story(places) -> None:
    deck = ("The Russian foreign minister noted that the Year of Scientific and Technical Cooperation had already "
            "brought joint projects in biotechnology and artificial intelligence")
    article = _clean(f"AUG 4, 15:47\nRussia ready to boost grain supplies to Southeast Asia\n{deck}\n"
                     "Share: Telegram  VK  Twitter  Facebook\n" + STORY + MORE, places)
    assert "300 million" in article.text and "Telegram" not in article.text


def test_a_share_bar_under_a_long_deck_is_the_pages_head_when_the_story_follows(places) -> None:
    deck = ("The Russian top diplomat took part in a special videoconference of the foreign ministers of Russia and "
            "the ASEAN member states devoted to the coronavirus pandemic")
    head = f"World\n17 JUN, 17:42\nRussia ready to help ASEAN countries counter epidemics\n{deck}\nShare\nTelegram\n"
    article = _clean(head + STORY + MORE, places)
    assert "300 million" in article.text and "Telegram" not in article.text
    # after the story, with no story under it, the bar is the page's tail
    article = _clean("Russia ready to help ASEAN countries counter epidemics\n" + STORY + MORE
                     + "Share\nTelegram\nKremlin denies talks\n", places)
    assert article.text.endswith("officials said.") and "Kremlin" not in article.text


def test_an_update_time_a_deck_and_a_caption_over_the_dateline_are_no_story(places) -> None:
    article = _clean("World\n17 JUN, 17:42\nUpdated at 18:05\n"
                     "Russia ready to help ASEAN countries build up capacity to counter epidemics — Lavrov\n"
                     "The Russian top diplomat took part in a special videoconference of the foreign ministers\n"
                     "Share\nTelegram\nVK\nTwitter\nRussian Foreign Minister Sergey Lavrov\n"
                     "MOSCOW, June 17. /TASS/. Russia is ready to help the member states of ASEAN strengthen their "
                     "capacity to prevent epidemics, Lavrov said on Wednesday.\n" + STORY + MORE, places)
    assert article.title == "Russia ready to help ASEAN countries build up capacity to counter epidemics — Lavrov"
    assert (article.dateline, article.text[:20]) == ("Moscow", "MOSCOW, June 17. /TA")
    assert "Updated at 18:05" in article.boilerplate and "VK" not in article.text


def test_a_pages_head_of_writer_role_date_and_caption_over_the_dateline(places) -> None:
    article = _clean("Asean and EU upgrade ties to strategic partnership\n"
                     "The two blocs pledge closer cooperation on the pandemic, trade and maritime security\n"
                     "Goh Yan Ting\nRegional Correspondent\nPUBLISHED DEC 1, 2020, 9:57 PM SGT\n"
                     "SINGAPORE - Asean and the European Union agreed on Tuesday to upgrade their relationship.\n"
                     + STORY, places)
    assert (article.author, article.published, article.dateline) == ("Goh Yan Ting", "2020-12-01", "Singapore")
    article = _clean("Duterte tells Xi he abhorred the shoal incident\n"
                     "ONLINE SUMMIT. President Rodrigo Duterte attends the ASEAN-China Special Summit via video "
                     "conference on November 22, 2021. Malacañang photo\n"
                     "MANILA, Philippines – President Rodrigo Duterte on Monday told Chinese President Xi Jinping that "
                     "he abhorred the incident.\n" + STORY, places)
    assert article.dateline == "Manila"
    article = _clean("Tuesday, 26 Oct 2021\n11:48 PM MYT\nby farah zamira hashim\n"
                     "Biden pledges US$102mil for Asean\nPETALING JAYA: The United States will provide up to "
                     "US$102mil in new initiatives.\n" + STORY, places)
    assert (article.title, article.author) == ("Biden pledges US$102mil for Asean", "Farah Zamira Hashim")
    article = _clean("KYODO NEWS - Nov 12, 2020 - 17:06 | World, All\n"
                     "Suga pledges support for ASEAN infectious disease center\n" + STORY, places)
    assert (article.title, article.published) == ("Suga pledges support for ASEAN infectious disease center",
                                                  "2020-11-12")
    assert _clean("Talks on trade\nby next tuesday\n" + STORY, places).author == ""


def test_read_also_and_headlines_at_the_end_are_the_pages_tail(places) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + STORY + MORE
                     + "Read also\nPeng Shuai video call fails to quell concern\nZemmour draws crowds\n", places)
    assert "Peng Shuai" not in article.text and "300 million" in article.text


def test_an_issued_date_and_a_modified_date_on_one_line(places) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n"
                     "Issued on: 22/11/2021 - 10:18 Modified: 23/11/2021 - 12:45\n3 min\n" + STORY, places)
    assert (article.published, article.updated) == ("2021-11-22", "2021-11-23")
    assert article.text.startswith("Chinese President")


def test_a_sites_name_with_its_tagline_and_a_motto_under_it_are_no_headline(places) -> None:
    article = _clean("FRANCE 24 - International breaking news, top stories and headlines\n"
                     "Xi tells ASEAN China will not bully neighbours\n" + STORY, places)
    assert (article.outlet, article.title) == ("France 24", "Xi tells ASEAN China will not bully neighbours")
    article = _clean("Khmer Times\nInsight into Cambodia\n"
                     "National   Politics   Business   Asia-Pacific   World   Opinion\n"
                     "Cambodia takes over coordination of ASEAN-Russia ties\n" + STORY, places)
    assert (article.outlet, article.title) == ("Khmer Times", "Cambodia takes over coordination of ASEAN-Russia ties")


def test_a_language_switcher_and_a_long_menu_set_apart_by_spaces_are_navigation(places) -> None:
    article = _clean("TASS Russian News Agency\n"
                     "Russian politics & diplomacy   World   Business & Economy   Military   Sports   Society\n"
                     "EN   RU   DE   ES   FR   中文\n"
                     "Lavrov: Russia ready to supply Sputnik V vaccine to ASEAN nations\n" + STORY, places)
    assert article.title == "Lavrov: Russia ready to supply Sputnik V vaccine to ASEAN nations"


def test_a_writers_name_over_the_date_line_is_the_author_and_a_headline_there_is_not(places) -> None:
    article = _clean("REGIONAL RELATIONS\nASEAN-Russia at 30: Vaccines Opened a Door, but Not Very Wide\n"
                     "Rachel Ong Hui Min\nPublished: 27 Oct 2021\n" + STORY, places)
    assert (article.title, article.author) == ("ASEAN-Russia at 30: Vaccines Opened a Door, but Not Very Wide",
                                               "Rachel Ong Hui Min")
    article = _clean("Lavrov Visits Hanoi\nPublished: 27 Oct 2021\n" + STORY, places)
    assert (article.title, article.author) == ("Lavrov Visits Hanoi", "")
    article = _clean("Cambodia urges Korea to help\nSok Rathana\nKhmer Times\nThursday, 17 June 2021\n" + STORY, places)
    assert (article.author, article.outlet) == ("Sok Rathana", "Khmer Times")


def test_an_e_mails_header_gives_the_title_and_the_date(places) -> None:
    article = _clean("From: EURACTIV Global Europe Brief <newsletter@euractiv.com>\nTo: subscriber@example.org\n"
                     "Date: Thu, 3 Dec 2020 16:04:37 +0100\nSubject: Fwd: The Global Europe Brief: Strategic partners\n"
                     "View this email in your browser | Forward to a friend\n" + STORY, places)
    assert (article.title, article.published) == ("The Global Europe Brief: Strategic partners", "2020-12-03")
    assert article.text.startswith("Chinese President") and "newsletter@" not in article.text


@pytest.mark.parametrize("caption", [
    "Chinese President Xi Jinping speaks by video link from Beijing. © Handout, XINHUA/AFP",
    "A photo released by Xinhua shows the special summit held by video link. Photo: AFP",
])
def test_a_captions_credit_at_its_end_makes_it_a_caption(places, caption: str) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + caption + "\n" + STORY, places)
    assert "video link" not in article.text


@pytest.mark.parametrize("marker", ["Related materials", "Related Information", "Recommended",
                                    "Tin liên quan / Related news", "Share this:   Facebook   Twitter   LinkedIn",
                                    "Follow the topics in this article"])
def test_a_pages_lists_after_the_story_are_its_tail(places, marker: str) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\n" + STORY + MORE + marker + "\n"
                     "Foreign Minister Sergey Lavrov's talks with Foreign Minister of Finland Pekka Haavisto\n"
                     "Comment by Foreign Ministry Spokeswoman Maria Zakharova on the Open Skies Treaty\n", places)
    assert "Finland" not in article.text and "300 million" in article.text


def test_share_buttons_under_the_byline_do_not_cut_the_story_after_a_cookie_notice(places) -> None:
    article = _clean("Khmer Times\n"
                     "We use cookies to ensure that we give you the best experience on our website, if you agree.\n"
                     "Cambodia takes over coordination of ASEAN-Russia ties\nMom Sophal / Khmer Times\n"
                     "Share   Facebook   Twitter   Telegram   Email\n" + STORY, places)
    assert "150 million doses" in article.text and "Telegram" not in article.text


def test_share_buttons_under_a_deck_and_a_byline_in_brackets_keep_the_story_and_its_labelled_headline(places) -> None:
    """A column's page: two labels over the headline, a deck, the writer with the outlet in brackets, then the
    share bar over the story. The deck and the byline are no body, so the bar is no end of the story."""
    article = _clean("Skip to main content\nThe Jakarta Post\n"
                     "Indonesia   Business   Opinion   Asia & Pacific   World   Culture   Multimedia\n"
                     "Opinion\nPremium\nXi's vaccine diplomacy reaches its limits\n"
                     "Beijing's doses won friends early. Two years on, the region wants more than vials.\n"
                     "Ardhana Pramesti (The Jakarta Post)\nJakarta   ●   Fri, February 4, 2022\n"
                     "Share   Facebook   Twitter   LinkedIn   WhatsApp   Copy link\n" + STORY
                     + "Topics: ASEAN, China, vaccines\nRelated Articles\nPrabowo to visit France as jet deal nears\n",
                     places)
    assert "150 million doses" in article.text and "LinkedIn" not in article.text
    assert article.title == "Xi's vaccine diplomacy reaches its limits"
    assert "Premium" not in article.text and "Topics:" not in article.text and "Topics:" in article.boilerplate
    assert (article.author, article.published) == ("Ardhana Pramesti", "2022-02-04")
    # the strip's label alone, its tags on the next line
    article = _clean("Xi's vaccine diplomacy reaches its limits\n" + STORY
                     + "Topics :\nASEAN   South-China-Sea   Retno-Marsudi   US-China-relations\n", places)
    assert "South-China-Sea" not in article.text and "South-China-Sea" in article.boilerplate


@pytest.mark.parametrize("byline", ["Ardhana Pramesti (The Jakarta Post)", "Đỗ Minh Đức (Viet Nam News)"])
def test_a_share_bar_under_a_byline_in_brackets_keeps_the_story_whatever_the_names_letters(places,
                                                                                         byline: str) -> None:
    article = _clean("Opinion\nXi's vaccine diplomacy reaches its limits\n"
                     "Beijing's doses won friends early. Two years on, the region wants more than vials.\n"
                     f"{byline}\nShare   Facebook   Twitter   Email\n" + STORY, places)
    assert "150 million doses" in article.text and "Twitter" not in article.text


def test_a_share_bar_after_a_one_paragraph_brief_still_ends_it(places) -> None:
    """A brief of one paragraph, no byline or date under it: the paragraph is the story, not a deck, and the
    related stories after its share bar are no text."""
    article = _clean("Vietnam News\nJapan to send 3 million doses to Viet Nam\n"
                     "Japan will send three million more doses of vaccine to Viet Nam this month, the embassy said.\n"
                     "Share   Facebook   Twitter   Email\nSingapore pledges supplies to regional reserve\n"
                     "Singapore will give S$7.9 million worth of supplies to the reserve, the ministry said.\n",
                     places)
    assert "three million more doses" in article.text and "Singapore" not in article.text


def test_a_topic_strip_goes_alone_and_a_sentence_of_topics_is_text(places) -> None:
    """"Topics: ..." at the top is a strip of links (the story follows it); a sentence that opens so is text."""
    top = _clean("Japan to send doses to Viet Nam\nTopics: COVID-19, ASEAN, Japan\n" + STORY + MORE, places)
    assert "150 million doses" in top.text and "$150 billion" in top.text and "Topics" not in top.text
    inside = _clean("ASEAN health ministers meet\n" + STORY
                    + "Topics: vaccine security, the regional reserve and the new centre were discussed.\n" + MORE,
                    places)
    assert "Topics: vaccine security" in inside.text and "$150 billion" in inside.text


def test_a_name_under_a_two_word_headline_is_no_stacked_label(places) -> None:
    """Only `stacked_labels` ("Opinion", "Premium") are read past over a headline; a writer's name is not one."""
    article = _clean("Vaccine Nationalism\nArdhana Pramesti\nSenior Fellow at CSIS Jakarta\nFebruary 4, 2022\n"
                     + STORY, places)
    assert article.title == "Vaccine Nationalism"


def test_share_buttons_after_the_story_still_end_it(places) -> None:
    """The head's allowance is the headline and its deck: a share bar after the body's first sentences ends the
    story, however short the labels over it."""
    article = _clean("News\nASEAN and China agree on vaccines\n" + STORY
                     + "Share   Facebook   Twitter   Email\nAnalysts said the summit would be followed by another.\n",
                     places)
    assert "150 million doses" in article.text and "Analysts" not in article.text


def test_a_wire_copy_with_desk_fields_and_an_agency_story_signed_off_with_a_byline(places) -> None:
    """A wire's desk fields ("Slug:", "Priority: 3 Words: 560") are no text, so its dateline opens the body; an
    agency's story dated in its dateline beside its code, signed off "--AKP--" and then "By LIM Nary"."""
    wire = _clean("US PLEDGES $500,000 TO ASEAN FUND\nSlug: US-ASEAN-diplomacy-health\nPriority: 3    Words: 560\n"
                  "WASHINGTON, Aug 3, 2021 (AFP) - The United States will contribute $500,000 to the fund, "
                  "Blinken told ministers.\nHe said more would follow.\n", places)
    assert wire.text.startswith("WASHINGTON") and "Slug" in wire.boilerplate and "Words: 560" in wire.boilerplate
    assert wire.dateline == "Washington"
    paragraphs = "".join(f"The leaders discussed item {n} of the agenda at length.\n" for n in range(1, 10))
    agency = _clean("Hun Sen Opens the Summits\nPhnom Penh, November 11, 2022 AKP -- Samdech Techo Hun Sen declared "
                    "this morning that ASEAN has weathered the pandemic.\n" + paragraphs
                    + "He urged vigilance against new variants.\n--AKP--\nBy LIM Nary\n", places)
    assert (agency.published, agency.author, agency.outlet) == ("2022-11-11", "LIM Nary", "Agence Kampuchea Presse")
    assert agency.text.endswith("new variants.")


@pytest.mark.parametrize("last", ["By The Numbers", "By Friday the fund had grown", "By December"])
def test_a_last_line_opening_with_by_is_no_byline_without_a_sign_off_over_it(places, last: str) -> None:
    """Only under a sign-off ("--AKP--") is a closing "By ..." line the writer's: else it is the story's."""
    paragraphs = "".join(f"The leaders discussed item {n} of the agenda at length.\n" for n in range(1, 10))
    article = _clean("ASEAN Sets Vaccine Goal\nLeaders met online on Tuesday to set a goal for the region.\n"
                     + paragraphs + "Officials listed the next steps.\n" + last + "\n", places)
    assert article.text.endswith(last) and article.author == ""


@pytest.mark.parametrize("ending", ["By Chea Vannak\n--AKP--\n", "By Sok Sreyleak\n\nTags: Hun Sen, ASEAN\n"])
def test_a_writers_byline_ending_the_story_over_or_without_a_sign_off_is_its_author(places, ending: str) -> None:
    paragraphs = "".join(f"The leaders discussed item {n} of the agenda at length.\n" for n in range(1, 10))
    article = _clean("ASEAN Sets Vaccine Goal\nLeaders met online on Tuesday to set a goal for the region.\n"
                     + paragraphs + "Officials listed the next steps.\n" + ending, places)
    assert article.author == ending.split("\n")[0].removeprefix("By ")
    assert article.text.endswith("next steps.")


def test_a_long_title_over_punctuated_text_is_the_title_and_not_over_stripped_text(places) -> None:
    title = ("Foreign Minister Sergey Lavrov's remarks and answers to media questions at a joint news conference "
             "with Minister for Foreign Affairs of the Republic of Indonesia Retno Marsudi, Jakarta, July 6, 2021")
    article = _clean(f"{title}\nLadies and gentlemen,\nWe have held substantive talks with my colleague today.\n"
                     "We are ready to supply the Sputnik V vaccine to Indonesia.\n", places)
    assert article.title == title
    stripped = ("Russian Foreign Minister Sergey Lavrov said on Wednesday that Moscow was ready to supply its vaccine "
                "to the countries of Southeast Asia and to share its experience in fighting the pandemic with them")
    article = _clean(f"{stripped}\nHe said Russia had delivered test systems to five ASEAN members\n", places)
    assert article.title == ""


def test_a_long_paragraph_ending_in_a_photo_credit_is_kept(places) -> None:
    paragraph = ("Cambodia's Prime Minister Hun Sen said on Tuesday that Cambodia would buy ten million more doses of "
                 "vaccines from China this year, and that the first of them would reach Phnom Penh before the end of "
                 "the month, when the country's second wave is expected to peak. Photo: AFP")
    article = _clean("Cambodia to buy more vaccines\n" + paragraph + "\n" + STORY, places)
    assert "ten million more doses" in article.text


@pytest.mark.parametrize("line", ["A Gift From Beijing", "Phnom Penh"])
def test_a_deck_or_a_place_over_the_date_line_is_no_author(places, line: str) -> None:
    article = _clean(f"China delivers one million vaccine doses to Cambodia\n{line}\nPublished: 27 Oct 2021\n" + STORY,
                     places)
    assert article.author == ""


def test_a_sites_name_before_a_headline_is_no_tagline(places) -> None:
    article = _clean("Khmer Times - Cambodia receives latest batch of Sinovac vaccines from China\n" + STORY, places)
    assert article.title == "Khmer Times - Cambodia receives latest batch of Sinovac vaccines from China"


def test_a_date_of_eight_digits_in_stripped_text(places) -> None:
    article = _clean("Moon unveils New Southern Policy Plus at virtual summit with ASEAN\nBy Yoon Hajin\n"
                     "Posted 20201112 1835 Updated 20201113 2110\n"
                     "President Moon Jaein unveiled an upgraded version of his signature policy on Thursday\n", places)
    assert (article.published, article.updated) == ("2020-11-12", "2020-11-13")
    assert parse_date("US$20201112 was raised") == "" and parse_date("20201399") == ""


def test_a_long_lede_ending_in_a_quotation_is_no_title(places) -> None:
    lede = ("JAKARTA - Indonesian Foreign Minister Retno Marsudi said on Tuesday that ASEAN and China had agreed to "
            'speed up vaccine deliveries to the region, adding that "no country is safe until every country is safe."')
    article = _clean(lede + "\nShe spoke after a video call with her Chinese counterpart Wang Yi on Tuesday.\n", places)
    assert article.title == "" and article.text.startswith("JAKARTA")


def test_a_hotline_number_is_no_date() -> None:
    assert parse_date("Hotline: 19001231") == "" and parse_date("Posted 20201112 1835") == "2020-11-12"


BODY = ("Today I joined my ASEAN counterparts for a special meeting on COVID-19, which I co-chaired with Malaysia's "
        "Foreign Minister.\n\nAustralia will stand with the region through the pandemic and the recovery.\n")


@pytest.mark.parametrize(("head", "title"), [
    ("Skip to main content\nSenator the Hon Marise Payne\nMinister for Foreign Affairs | Minister for Women\n"
     "Home | Media releases | Speeches | Transcripts\n\nMedia release\n30 June 2020\n\n"
     "Special ASEAN-Australia Foreign Ministers' Meeting on COVID-19\n\n",
     "Special ASEAN-Australia Foreign Ministers' Meeting on COVID-19"),
    ("Agence Kampuchea Presse (AKP)\nHome | National | International | Economy | Sport\n"
     "[This article has been translated automatically from Khmer. Translated by Google. Show original]\n\n"
     "Hun Sen Proposes ASEAN Plus Three To Strengthen Cooperation\n\nTuesday, 14 April 2020 20:35\n\n",
     "Hun Sen Proposes ASEAN Plus Three To Strengthen Cooperation"),
    ("KPL Lao News Agency - Khaosan Pathet Lao\n[ Print this page ]   [ Close window ]\n\n"
     "Laos hosts Special ASEAN-China Foreign Ministers' Meeting on COVID-19\n\nPosted: 20/02/2020 17:25\n\n",
     "Laos hosts Special ASEAN-China Foreign Ministers' Meeting on COVID-19"),
    ("VnExpress International\nTin tức | Thời sự | Thế giới | Sức khỏe\nThứ ba, 7/4/2020, 21:05 (GMT+7)\n\n"
     "Sức khỏe > Coronavirus\n\nASEAN+3 health ministers agree to share Covid-19 data in real time\n\n",
     "ASEAN+3 health ministers agree to share Covid-19 data in real time"),
])
def test_an_unknown_sites_name_over_its_menu_and_a_breadcrumb_are_no_headline(places, head: str, title: str) -> None:
    article = _clean(head + BODY, places)
    assert article.title == title
    assert article.text.startswith("Today I joined")


@pytest.mark.parametrize("head", [
    # a headline and its writer over the story's share buttons: no site's furniture
    "Cambodia takes over ASEAN-Russia ties\nMom Sophal / Khmer Times\nShare   Facebook   Twitter   Telegram   Email\n",
    # a source line of a date's parts between bars is no menu
    "China ready to deepen Lancang-Mekong cooperation\n\nSource: Xinhua | 2021-06-08 22:14:05 | Editor: huaxia\n\n",
    # a share bar, the page's address or a breadcrumb between the headline and its standfirst
    "Russia pledges vaccines to ASEAN\nShare | Tweet | Email\nMoscow to supply Sputnik V doses to the region\n\n",
    "Russia pledges vaccines to ASEAN\nhttps://example.com/news/russia-asean\n"
    "Moscow to supply Sputnik V doses to the region\n\n",
    "Russia pledges vaccines to ASEAN\nWorld > Asia\nMoscow to supply Sputnik V doses to the region\n\n",
    "Russia pledges vaccines to ASEAN\nJane Doe\nShare | Tweet | Email\n"
    "Moscow to supply Sputnik V doses to the region\n\n",
])
def test_a_headline_over_share_buttons_or_a_source_line_stays_the_headline(places, head: str) -> None:
    assert _clean(head + BODY, places).title == head.split("\n")[0]


def test_a_known_outlet_named_in_an_unknown_sites_head_is_the_outlet(places) -> None:
    article = _clean("KPL Lao News Agency - Khaosan Pathet Lao\n[ Print this page ]   [ Close window ]\n\n"
                     "Laos hosts Special ASEAN-China Foreign Ministers' Meeting on COVID-19\n\n" + BODY, places)
    assert (article.outlet, article.title) == ("Lao News Agency", "Laos hosts Special ASEAN-China Foreign Ministers' "
                                                                 "Meeting on COVID-19")


@pytest.mark.parametrize("tail", [
    "Other news:\n- Japan funds rehabilitation of rural roads in Xayaboury province\n",
    "-- END --\n\nFor media enquiries:\nMinister's office: (02) 6277 7500\n\nRelated media releases\n"
    "- Joint statement with New Zealand Foreign Minister Winston Peters (26 June 2020)\n",
    "Press contacts\nPeter Stano, Lead Spokesperson for Foreign Affairs and Security Policy\n",
    "Sign up now for our 5-minute China Briefing newsletter.\n\nElise Moreau is the Post's Europe correspondent, "
    "based in Brussels. She previously worked for the Geneva daily Le Temps and covered the WTO.\n",
])
def test_other_news_a_contacts_block_and_a_bio_after_the_story_are_boilerplate(places, tail: str) -> None:
    article = _clean("Russia pledges vaccines to ASEAN\n\n" + BODY + "\n" + tail, places)
    assert article.text.endswith("pandemic and the recovery.")
    for name in ("Japan", "Winston Peters", "Peter Stano", "Geneva"):
        assert name not in article.text


STRIPPED_BODY = ("MANILA The Philippines and China on Thursday cochaired a special meeting of the foreign ministers\n\n"
                 "Locsin said the outbreak was a test of the partnership between China and Southeast Asia\n")


def test_a_menu_stripped_of_its_separators_is_no_headline_but_a_headline_of_section_words_is(places) -> None:
    article = _clean("Philippine News Agency\nHome National Provincial Business Foreign Sports Features Opinion\n\n"
                     "Locsin cochairs ASEANChina special meeting on COVID19\n\n" + STRIPPED_BODY, places)
    assert (article.title, article.dateline) == ("Locsin cochairs ASEANChina special meeting on COVID19", "Manila")
    headline = "World Health Ministers Meet Online Amid Outbreak"
    assert _clean(f"Philippine News Agency\n{headline}\n\n" + STRIPPED_BODY, places).title == headline


@pytest.mark.parametrize(("site", "outlet"), [
    ("EEAS - European External Action Service - European Commission", "European External Action Service"),
    ("The Mekong Review | Independent journalism", "The Mekong Review | Independent journalism"),  # unknown: as given
])
def test_a_site_name_in_the_metadata_names_the_outlet_it_holds(places, site: str, outlet: str) -> None:
    assert _clean("Russia pledges vaccines to ASEAN\n\n" + BODY, places, outlet=site).outlet == outlet


WIRE_BODY = ("The Quad leaders on Friday agreed to pool their financial resources to supply COVID-19 vaccines to "
             "countries in the Indo-Pacific, Foreign Secretary Harsh Vardhan Shringla said.\n\n"
             "Prime Minister Narendra Modi told the summit that India would continue to make vaccines available.\n")


def test_a_desk_slug_and_a_date_without_year_are_no_headline(places) -> None:
    article = _clean("FGN47 QUAD-MODI-VACCINE\n\nQuad vaccine initiative to boost India's production capacity\n\n"
                     "NEW DELHI, Mar 12 (PTI) " + WIRE_BODY, places)
    assert (article.title, article.dateline, article.outlet) == (
        "Quad vaccine initiative to boost India's production capacity", "New Delhi", "Press Trust of India")
    article = _clean("TASS\nWorld | Politics | Economy | Sport\n\n28 APR, 21:05\n\n"
                     "BRICS to set up $15 bln anti-crisis credit line - Lavrov\n\n"
                     "MOSCOW, April 28. /TASS/. " + WIRE_BODY, places)
    assert (article.title, article.dateline) == ("BRICS to set up $15 bln anti-crisis credit line - Lavrov", "Moscow")
    # a headline in capitals over the body is still the headline
    capitals = "ASEAN-CHINA SUMMIT OPENS IN HANOI"
    assert _clean(f"{capitals}\n\n" + WIRE_BODY, places).title == capitals


@pytest.mark.parametrize("headline", ["ASEAN-RUSSIA VACCINE DEAL SIGNED", "World Health Organization Praises Asia"])
def test_a_headline_in_capitals_or_of_section_words_over_a_standfirst_stays_the_headline(places, headline) -> None:
    article = _clean(f"{headline}\nMoscow to supply Sputnik V doses to the region\n\n" + BODY, places)
    assert article.title == headline


def test_an_experts_paragraph_late_in_the_story_is_no_bio(places) -> None:
    expert = ("Huong Le Thu is the institute's senior analyst and she said Japan will fund more vaccines for the "
              "region.")
    article = _clean("Russia pledges vaccines to ASEAN\n\n" + BODY + "\n" + expert + "\n", places)
    assert expert in article.text


def test_a_teleprinter_messages_header_and_the_next_message_are_boilerplate(places) -> None:
    article = _clean(
        "ZCZC\nKYD0417 4 FGN 0512\nASEAN-CHINA/VACCINE (KYODO)\n\nLI SAYS CHINA TO GIVE ASEAN PRIORITY FOR VACCINES\n\n"
        "HANOI, NOV. 12 KYODO - CHINESE PREMIER LI KEQIANG SAID THURSDAY THAT CHINA WILL GIVE PRIORITY TO SOUTHEAST "
        "ASIAN COUNTRIES WHEN ITS VACCINES BECOME AVAILABLE.\n\nLI SAID CHINA WILL CONTRIBUTE TO THE FUND.\n\n"
        "ENDS\nNNNN\n\nZCZC\nKYD0418 4 FGN 0498\nJAPAN-U.S./SUGA-BIDEN (KYODO)\n"
        "SUGA, BIDEN AGREE IN PHONE TALKS TO STRENGTHEN ALLIANCE\n", places)
    assert (article.title, article.outlet) == ("LI SAYS CHINA TO GIVE ASEAN PRIORITY FOR VACCINES", "Kyodo News")
    assert article.text.startswith("HANOI, NOV. 12 KYODO") and "SUGA" not in article.text


def test_markdown_links_alone_on_their_lines_are_boilerplate(places) -> None:
    article = _clean("Russia pledges vaccines to ASEAN\n\n" + BODY + "\n## Read next\n\n"
                     "- [Sri Lanka turns to India for fuel credit line](https://asia.nikkei.com/Economy/sri-lanka)\n"
                     "- [Tesla's Shanghai plant ramps up exports](https://asia.nikkei.com/Business/tesla)\n", places)
    assert "Sri Lanka" not in article.text and "Tesla" not in article.text


RUNNING_HEAD_PDF = (
    "Ministry of Foreign Affairs of Japan                                      Press Release\n"
    "________________________________________________________________________________\n\n"
    "                    The 23rd ASEAN-Japan Summit Meeting\n\n"
    "                                                              November 12, 2020\n\n"
    "1. On November 12, commencing at 7:35 p.m. for approximately 75 minutes, Mr. SUGA\n"
    "Yoshihide, Prime Minister of Japan, attended the 23rd ASEAN-Japan Summit Meeting,\n"
    "which was held via video conference. The meeting was chaired by H.E. Mr. Nguyen\n"
    "Xuan Phuc, Prime Minister of the Socialist Republic of Viet Nam, the ASEAN Chair.\n\n"
    "2. Prime Minister Suga stated that Japan will strongly support the establishment\n"
    "of the ASEAN Centre for Public Health Emergencies and Emerging Diseases, for which\n"
    "Japan has provided approximately 50 million US dollars through the integration\n"
    "fund, and that Japan will continue training health workers in the region.\n"
)


def test_a_pdfs_running_head_and_its_rule_are_no_title(places) -> None:
    article = _clean(RUNNING_HEAD_PDF, places)
    assert (article.title, article.published) == ("The 23rd ASEAN-Japan Summit Meeting", "2020-11-12")
    assert article.text.startswith("1. On November 12")


def test_an_outlets_name_with_its_code_in_brackets_is_the_outlet_not_the_headline(places) -> None:
    article = _clean("Agence Kampuchea Presse (AKP)\n\nCambodia Receives First Doses of Vaccine Donated by China\n\n"
                     "Phnom Penh, February 07, 2021 AKP -- Prime Minister Hun Sen received the first doses of "
                     "the vaccine donated by China.\n", places)
    assert (article.title, article.outlet) == ("Cambodia Receives First Doses of Vaccine Donated by China",
                                               "Agence Kampuchea Presse")
    for bracket in ("Updated", "UPDATED"):  # no code of the outlet's, nor its initials
        guard = _clean(f"Reuters ({bracket})\n\nChina sends vaccines to Laos\n\nChina sent doses to Laos.\n", places)
        assert guard.title == f"Reuters ({bracket})"


def test_a_weather_widget_and_a_ticker_in_a_pages_head_are_no_headline(places) -> None:
    article = _clean("Skip to content\nThe Fiji Times\nFriday, August 13, 2021   Suva 23°C Partly cloudy\n"
                     "Home  News  Sports  Business  Opinion  Features  World\n\n"
                     "BREAKING: Curfew hours remain unchanged for Viti Levu this weekend\n\nNews\n\n"
                     "COVID-19: Another 100,000 Australian doses land in Nadi\n\nBy Siteri Vakacegu\n"
                     "August 13, 2021 6:00 am\n\n"
                     "ANOTHER 100,000 doses of the vaccine donated by Australia arrived at Nadi last night.\n", places)
    assert (article.title, article.outlet) == ("COVID-19: Another 100,000 Australian doses land in Nadi",
                                               "The Fiji Times")


def test_a_menu_and_a_section_under_the_date_line_are_no_headline(places) -> None:
    article = _clean("VietnamPlus\nThứ Hai, 25/10/2021 17:42 (GMT+7)\n"
                     "Trang chủ | Thời sự | Thế giới | Kinh tế | Xã hội\n"
                     "Politics   Business   Society   Culture   Sports   Travel   Videos\n\nPolitics\n\n"
                     "Việt Nam gives Laos 2.15 million USD for COVID-19 fight\n\n"
                     "Hà Nội (VNA) – Việt Nam has decided to provide 2.15 million USD in cash to Laos.\n", places)
    assert (article.title, article.published) == ("Việt Nam gives Laos 2.15 million USD for COVID-19 fight",
                                                  "2021-10-25")


@pytest.mark.parametrize(("line", "navigation"), [
    ("Newsroom > Press Statements, Transcripts & Photos", True),  # a section's name after an arrow
    ("Analysis > Why ASEAN needs China now", False),  # a headline after its kicker
    ("News > Japan Donates One Million Vaccine Doses To Vietnam Today", False),  # too long for a section
    ("Opinion > Japan Pledges More Vaccines to Vietnam", False),  # a headline: no list of sections
])
def test_a_sections_name_after_an_arrow_is_a_breadcrumb(line: str, navigation: bool) -> None:
    assert _is_navigation(line) is navigation


@pytest.mark.parametrize("text", [
    "BREAKING: Japan to donate 1 million vaccine doses to Vietnam\nBy Jane Doe\nMay 5, 2021\n"
    "Japan will donate doses to Vietnam, the ministry said.\n",
    "Pfizer doses must be stored at -70°C, experts warn\nBy Jane Doe\nMay 5, 2021\n"
    "The freezers can store vaccines at -70°C\nJapan will donate doses to Vietnam.\n",
])
def test_a_headline_like_a_ticker_or_a_weather_line_over_its_own_story_stays(places, text: str) -> None:
    """A ticker or a weather widget is furniture only in a page's head, over another headline."""
    article = _clean(text, places)
    assert article.title == text.split("\n")[0] and article.author == "Jane Doe"
    assert "-70°C\nJapan" in article.text or "-70" not in text


@pytest.mark.parametrize(("byline", "author", "outlet"), [
    ("By Katrina Domingo | May 5, 2021", "Katrina Domingo", ""),  # a Spanish Sunday, and her name
    ("By Abdul Ahad | May 5, 2021", "Abdul Ahad", ""),  # a Malay Sunday
    ("By Dawn Chan | May 5, 2021", "Dawn Chan", ""),  # no outlet "Dawn"
    ("Fiji Sun | August 13, 2021", "", "Fiji Sun"),  # an outlet, not an English Sunday
])
def test_a_weekday_that_is_also_a_name_stays_in_a_byline(places, byline: str, author: str, outlet: str) -> None:
    article = _clean(f"Japan sends doses to Vietnam\n{byline}\nJapan donated doses to Vietnam on Monday.\n", places)
    assert (article.author, article.outlet, article.published[:4]) == (author, outlet, "2021")


@pytest.mark.parametrize(("bad", "message"), [
    ({"buddhist_era_years": [2483]}, "buddhist_era_years must be two years"),
    ({"buddhist_era_offset": "543"}, "buddhist_era_offset must be a number of years"),
    ({"language": {"name": "Thai"}}, r"language must be \[\[language\]\] tables"),
    ({"weekdays_also_names": "domingo"}, "weekdays_also_names must be a list of names"),
    ({"language": [{"name": "Klingon", "months": ["jan"]}]}, "Klingon's months must be 12"),
])
def test_a_malformed_dates_vocabulary_is_refused_naming_the_file_and_field(monkeypatch, bad: dict,
                                                                           message: str) -> None:
    monkeypatch.setattr(clean_module, "_vocab", lambda name: bad)
    load_date_words.cache_clear()
    try:
        with pytest.raises(ValueError, match=rf"dates\.toml: .*{message}"):
            load_date_words()
    finally:
        monkeypatch.undo()
        load_date_words.cache_clear()


def test_a_newsletters_full_header_is_read_before_its_wrapped_lines_are_joined(places) -> None:
    """A newsletter saved with its whole header (hyphenated labels such as Reply-To and List-Unsubscribe) and
    its text wrapped at 72 characters: the header lines stay lines, the subject is the title, the sender's
    name the outlet; the other items after "2. ALSO THIS WEEK" are not the story's."""
    wrapped = ("Chinese President Xi Jinping told the leaders of Southeast Asian nations\n"
               "on Monday that China would never seek hegemony or bully smaller\n"
               "countries, and offered the region more vaccines and medical supplies.\n\n"
               "He said China would donate another 150 million doses to ASEAN countries\n"
               "over the next three years and would set up a new development fund.\n\n")
    article = _clean("From: The Diplomat <newsletter@thediplomat.com>\nTo: Asia desk <reader@example.org>\n"
                     "Subject: Diplomat Brief: Who promised what at the summit\n"
                     "Date: Mon, 16 Nov 2020 06:02:11 +0000\nReply-To: no-reply@thediplomat.com\n"
                     "List-Unsubscribe: <https://thediplomat.com/newsletter/unsubscribe?u=8f3c21a7>\n"
                     "Content-Type: text/plain; charset=\"utf-8\"\n\n" + wrapped
                     + "2. ALSO THIS WEEK\n\nKyrgyzstan: Sadyr Japarov stepped down as acting president on\n"
                     "Saturday so that he can stand in the early presidential election.\n", places)
    assert (article.title, article.outlet, article.published) == (
        "Diplomat Brief: Who promised what at the summit", "The Diplomat", "2020-11-16")
    assert article.text.startswith("Chinese President") and "Japarov" not in article.text
    assert "List-Unsubscribe" in article.boilerplate


@pytest.mark.parametrize(("sender", "outlet"), [
    ("newsletter@www.asia-brief.org", ""),  # a domain the outlets do not know (a webmail's too): no outlet
    ("newsletter@vietnamnews.vn", "Viet Nam News"),  # a known outlet's domain: its name
    ("=?UTF-8?Q?The_Diplomat?= <n@thediplomat.com>", "The Diplomat"),  # an encoded word
    ('"newsletter@thediplomat.com" <newsletter@thediplomat.com>', "The Diplomat"),  # an address for a name
    ("Jakarta Post", "Jakarta Post"),  # a name without an address
])
def test_an_e_mail_senders_address_gives_the_outlet_without_a_name(places, sender: str, outlet: str) -> None:
    article = _clean(f"From: {sender}\nSubject: Morning brief\nDate: 3 Dec 2020\n\n" + STORY, places)
    assert (article.title, article.outlet) == ("Morning brief", outlet)


def test_a_video_pages_next_clips_are_its_tail(places) -> None:
    article = _clean("ASEAN+3 leaders unite against COVID-19\n" + STORY + MORE
                     + "Watch next:\n▶ US President Donald Trump halts funding to the WHO\n", places)
    assert "Trump" not in article.text and "300 million" in article.text


def test_an_unknown_sites_head_with_a_long_breadcrumb_and_a_menu_item_with_digits(places) -> None:
    """A government site the outlets do not know: its name over a language switch, a menu with "COVID-19
    Information" and a breadcrumb whose middle part has five words. The headline under them is the title, and the
    site's name the outlet."""
    article = _clean("Prime Minister of Japan and His Cabinet\n日本語 | English\n"
                     "Prime Minister | Cabinet | Headquarters | Press Conferences | Policies | COVID-19 Information\n"
                     "Home > The Prime Minister in Action > Statements and Speeches\n"
                     "Statement by Prime Minister Abe at the Special ASEAN Plus Three Summit on COVID-19\n"
                     "April 14, 2020\n" + STORY, places)
    assert (article.title, article.outlet, article.published) == (
        "Statement by Prime Minister Abe at the Special ASEAN Plus Three Summit on COVID-19",
        "Prime Minister of Japan and His Cabinet", "2020-04-14")
    assert article.text.startswith("Chinese President")


def test_a_sites_long_motto_over_its_menu_is_no_title(places) -> None:
    """"East Asia Forum" / its motto of eleven words / a menu that the noise lines take ("Home | ..."): the
    headline under the menu is the title, not the motto."""
    article = _clean("East Asia Forum\nEconomics, Politics and Public Policy in East Asia and the Pacific\n"
                     "Home | Regions | Topics | EAF Quarterly | Contributors | About\n"
                     "The pandemic summits were long on pledges and short on receipts\n8 November 2021\n" + STORY,
                     places)
    assert (article.title, article.outlet) == ("The pandemic summits were long on pledges and short on receipts",
                                               "East Asia Forum")
    assert "Economics, Politics" in article.boilerplate


def test_a_date_lines_parts_between_bars_are_no_site_menu(places) -> None:
    article = _clean("Xi tells ASEAN China will not bully neighbours\nSource: Xinhua | 2021-06-08 | Editor: huaxia\n"
                     + STORY, places)
    assert article.published == "2021-06-08"


def test_an_author_label_with_the_authors_institution_gives_the_author(places) -> None:
    article = _clean("The pandemic summits were long on pledges and short on receipts\n8 November 2021\n"
                     "Author: Ratri Handayani, CSIS\n" + STORY + MORE + MORE.replace("He said", "Li said")
                     + "Xi also said China would open its markets wider to the region's exporters.\n", places)
    assert (article.author, article.published) == ("Ratri Handayani", "2021-11-08")
    assert "CSIS" not in article.text


def test_a_video_pages_site_over_its_headline_and_a_date_line_with_views(places) -> None:
    """"VTV World · Transcript" over "<headline> | VTV World News": the first line is the site's, whose name the
    headline's bar gives; "Published on Apr 14, 2020 · 12,408 views" is a date line."""
    article = _clean("VTV World · Transcript\nASEAN+3 leaders unite against COVID-19 | VTV World News\n"
                     "Published on Apr 14, 2020 · 12,408 views\n" + STORY, places)
    assert (article.outlet, article.published) == ("VTV World News", "2020-04-14")
    assert article.title.startswith("ASEAN+3 leaders unite against COVID-19")
    assert article.text.startswith("Chinese President")


def test_a_first_line_unlike_the_site_after_the_headlines_bar_is_kept(places) -> None:
    article = _clean("Leaders meet online\nASEAN+3 leaders unite against COVID-19 | VTV World News\n" + STORY, places)
    assert article.title == "Leaders meet online"


def test_a_forwarded_or_personal_e_mails_sender_is_no_outlet_before_the_storys_own(places) -> None:
    """The agency in the body's dateline is the outlet, not whoever sent or forwarded the e-mail."""
    for sender, subject in (("Jane Doe <jane.doe@gmail.com>", "Xi tells ASEAN"), ("The Diplomat <n@x.org>",
                                                                                   "Fwd: Xi tells ASEAN")):
        article = _clean(f"From: {sender}\nTo: Team <team@example.org>\nSubject: {subject}\nDate: 23 Nov 2021\n\n"
                         "HANOI (Reuters) - " + STORY, places)
        assert (article.title, article.outlet) == ("Xi tells ASEAN", "Reuters")
    article = _clean("From: Jane Doe <jane.doe@gmail.com>\nSubject: Fwd: Xi tells ASEAN\nDate: 23 Nov 2021\n\n"
                     + STORY, places)
    assert article.outlet == ""  # a forward's sender is whoever forwarded it


def test_an_e_mail_headers_folded_subject_is_read_whole_and_indented_prose_is_no_header(places) -> None:
    article = _clean("From: The Diplomat <newsletter@thediplomat.com>\n"
                     "Subject: Diplomat Brief: Who promised what at the ASEAN summit and\n what it will cost\n"
                     "Date: 16 Nov 2020\n\n" + STORY, places)
    assert article.title == "Diplomat Brief: Who promised what at the ASEAN summit and what it will cost"
    article = _clean("Subject: Morning brief\nFrom: The Diplomat <newsletter@thediplomat.com>\n"
                     + "".join(f"    {line}\n" for line in STORY.splitlines()), places)
    assert article.text.startswith("Chinese President") and "150 million" in article.text


def test_a_headline_over_a_sections_menu_or_its_tags_is_no_motto(places) -> None:
    """A known site's name, a headline, then a menu or the story's tags with the body under them: the headline is
    the title (a long motto needs a headline under the menu)."""
    for head in ("Khmer Times\nXi pledges another 150 million doses to ASEAN neighbours\n"
                 "National | Asia | World | Business\n",
                 "The Diplomat\nXi pledges another 150 million doses to ASEAN neighbours\n"
                 "ASEAN | China | Vaccines | Diplomacy\nBy Jane Doe\n"):
        article = _clean(head + STORY, places)
        assert article.title == "Xi pledges another 150 million doses to ASEAN neighbours"


@pytest.mark.parametrize("label", ["Top Stories", "Today's Paper", "English Edition", "Asia Pacific"])
def test_a_sections_label_over_a_menu_is_no_outlet(places, label: str) -> None:
    article = _clean(f"{label}\nHome | News | Politics | Business | Contact\n"
                     "Xi pledges another 150 million doses to ASEAN neighbours\n" + STORY, places)
    assert article.outlet == ""


def test_a_first_line_opening_with_only_the_sites_article_is_the_headline(places) -> None:
    article = _clean("The week ASEAN went virtual\nLeaders pledge vaccines and cash at the summit | The Diplomat\n"
                     + STORY, places)
    assert article.title == "The week ASEAN went virtual"


def test_a_long_breadcrumb_that_is_no_path_is_judged_at_once() -> None:
    """Parts between arrows with a bar or a slash at the end: no backtracking over the arrows (it was 2^arrows)."""
    assert _is_navigation(" > ".join(["Home"] * 40) + " > News | Asia")


def test_a_two_word_site_name_with_an_institutions_word_over_a_menu_is_the_outlet(places) -> None:
    article = _clean("Australian Government\nHome | About us | Visas | Media | Contact\n"
                     "Australia delivers vaccines to Timor-Leste\n" + STORY, places)
    assert article.outlet == "Australian Government"


def test_only_lines_with_a_menus_marks_are_tried_as_menus() -> None:
    """The cheap test before a motto's menu: separators or a spaced menu; a headline or a sentence has none."""
    assert _may_be_menu("Home | Regions | Topics", frozenset()) and _may_be_menu("Home > World", frozenset())
    assert _may_be_menu("News   World   Sport", frozenset({"News   World   Sport"}))
    assert not _may_be_menu("The pandemic summits were long on pledges and short on receipts", frozenset())


@pytest.mark.parametrize(("line", "expected"), [
    ("Last update 27102021 2241", "2021-10-27"),  # day first: 2710 is no year, 27 no month
    ("Published 20211027", "2021-10-27"),  # year first
    ("Updated 01022021", ""),  # 1 February or 2 January: never guessed
    ("He said 27102021 things", ""),  # no date's label before the digits
])
def test_a_dates_eight_digits_after_its_label_are_read_when_one_order_alone_makes_a_date(line: str,
                                                                                       expected: str) -> None:
    """Text stripped of its punctuation: "27/10/2021 22:41" becomes "27102021 2241"."""
    assert parse_date(line) == expected


def test_a_page_stripped_of_its_punctuation_keeps_its_title_date_and_dateline(places) -> None:
    article = _clean("Bernama\nHome General Politics World Business Sports Features Videos\nWorld\n"
                     "Malaysia calls for fair vaccine access at East Asia Summit\nLast update 27102021 2241\n\n"
                     "KUALA LUMPUR Oct 27 Bernama Prime Minister Datuk Seri Ismail Sabri Yaakob today urged East Asia "
                     "Summit participating countries to ensure fair and equitable access to COVID19 vaccines saying "
                     "no country would be safe until all were\n\nHe said Malaysia had fully vaccinated more than 90 "
                     "per cent of its adult population and was reopening its economy in stages\n", places)
    assert (article.title, article.published, article.dateline) == (
        "Malaysia calls for fair vaccine access at East Asia Summit", "2021-10-27", "Kuala Lumpur")


def test_a_bylines_date_of_eight_digits_after_another_label_is_read(places) -> None:
    """The date patterns read every order of eight digits (one pattern): a byline's date is found where
    parse_date found it (a separate reading had left the byline's search with no match, and cleaning failed)."""
    article = _clean("Malaysia calls for fair vaccine access at East Asia Summit\n"
                     "By Jane Doe Last update 27102021 2241\n" + STORY, places)
    assert article.published == "2021-10-27" and article.text.startswith("Chinese President")


@pytest.mark.parametrize("marker", ["Other press releases issued on November 12, 2020", "ALSO ON OUR RADAR"])
def test_a_dated_list_of_other_releases_and_a_newsletters_radar_end_the_story(places, marker: str) -> None:
    """A ministry's list of its other releases that day, and a newsletter's closing round of other news, are
    the page's tail: Peru's and NATO's items are not the story's."""
    article = _clean("Japan and ASEAN leaders met online on Thursday.\n\nPrime Minister Suga said Japan would "
                     "support the new centre for public health emergencies.\n\n" + marker + "\n\n"
                     "- Japan-Peru Foreign Ministers' Telephone Talk\n- NATO Secretary-General Jens Stoltenberg "
                     "presented the NATO 2030 report to allied foreign ministers on Tuesday.\n", places)
    assert article.text.endswith("public health emergencies.")
    assert "Peru" in article.boilerplate and "Peru" not in article.text


def test_a_nexis_downloads_cover_page_is_not_the_document(places) -> None:
    """The cover lists the search and every downloaded document's title: the document's own title, outlet and
    date come after it, and the other titles ("Tedros warns ...") are boilerplate."""
    article = _clean(
        "Nexis Uni\n\nUser Name: City Library\nDate and Time: Thursday, March 3, 2022 10:42:00 AM SGT\n"
        "Job Number: 164829317\n\nDocuments (2)\n\n 1. Tedros warns vaccine nationalism will prolong the pandemic\n"
        "   Client/Matter: -None-\n   Search Terms: RCEP\n\n 2. Singapore signs trade pact\n   Client/Matter: -None-\n"
        "   Search Terms: RCEP\n   Search Type: Terms and Connectors\n\n\n"
        "Singapore signs trade pact\n\nThe Straits Times (Singapore)\nNovember 16, 2020 Monday\n\n"
        "Section: TOP OF THE NEWS\nLength: 412 words\nByline: Jane Tan\n\nBody\n\n"
        "SINGAPORE - Singapore yesterday joined 14 other economies in signing the trade pact.\n\n"
        "Mr Chan said the signing sent a clear signal that the region would keep its markets open.\n", places)
    assert (article.title, article.outlet, article.author, article.published) == (
        "Singapore signs trade pact", "The Straits Times", "Jane Tan", "2020-11-16")
    assert "Tedros" not in article.text and "Tedros warns" in article.boilerplate
    assert article.text.startswith("Singapore yesterday joined") or article.text.startswith("SINGAPORE")


def test_a_story_opening_with_labelled_lines_is_no_cover(places) -> None:
    """Two labelled lines that are no cover's labels keep the text whole."""
    article = _clean("Search Party: volunteers find missing hikers\n\nRescuers said on Monday that all six "
                     "hikers were found alive.\n\nUser Name: the police gave no details.\n", places)
    assert "Rescuers said" in article.text


def test_a_media_advisorys_date_and_time_lines_are_no_cover(places) -> None:
    article = _clean("ASEAN economic ministers to meet online\n\nDate and Time: 27 August 2020, 3 pm\n\nThe ministers "
                     "will discuss supply chains with their Chinese counterpart.\n\nPress conference\n\nDate and "
                     "Time: 27 August 2020, 6 pm\n\nJournalists should register in advance.\n", places)
    assert "supply chains" in article.text


def test_a_cover_ending_in_its_client_matter_lines_ends_there(places) -> None:
    article = _clean("Nexis Uni\n\nJob Number: 164829317\n\nDocuments (2)\n\n 1. Tedros warns of vaccine "
                     "nationalism\n   Client/Matter: -None-\n\n 2. Singapore signs trade pact\n   Client/Matter: -None-"
                     "\n\n\nSingapore signs trade pact\n\nThe Straits Times (Singapore)\nNovember 16, 2020 Monday\n\n"
                     "Length: 412 words\nByline: Jane Tan\n\nBody\n\nSingapore yesterday joined 14 other economies in "
                     "signing the trade pact.\n", places)
    assert (article.title, article.outlet) == ("Singapore signs trade pact", "The Straits Times")
    assert "Tedros" in article.boilerplate and "Tedros" not in article.text


def test_a_sections_name_repeating_its_menu_item_is_no_headline(places) -> None:
    """"ASEAN 2020", the menu's last item, stands again over the headline as the section's name."""
    article = _clean("VietnamPlus\nPolitics | Business | Society | Culture - Sports | Travel | ASEAN 2020\n\n"
                     "ASEAN 2020\nASEAN+3 economic ministers vow to keep essential goods flowing\n"
                     "Thursday, June 04, 2020 20:41\n\nHanoi (VNA) - Economic ministers of ASEAN and their "
                     "counterparts from China, Japan and the Republic of Korea adopted a joint statement on June 4.\n",
                     places)
    assert article.title == "ASEAN+3 economic ministers vow to keep essential goods flowing"
    assert "ASEAN 2020" not in article.text


def test_a_pdf_releases_letterhead_on_every_page_is_no_headline(places) -> None:
    """A ministry's letterhead repeats over each page: its first time is no title; the issuer's closing block
    under the text (the same name over the date) gives the outlet and the date; the press contact is the tail."""
    letterhead = ("MINISTRY OF TRADE AND INDUSTRY\nREPUBLIC OF SINGAPORE\n100 High Street, #09-01, The Treasury, "
                  "Singapore 179434\nTel: +65 6225 9911  |  www.mti.gov.sg\n\n")
    article = _clean(letterhead + "PRESS RELEASE\n\nASEAN AND JAPAN ADOPT ECONOMIC RESILIENCE ACTION PLAN\n\n"
                     "1. Minister Chan Chun Sing participated in the video conference today.\n\nPage 1 of 3\n\f"
                     + letterhead + "2. The Ministers agreed to keep supply chains open.\n\nPage 2 of 3\n\f"
                     + letterhead + "3. Singapore will work with ASEAN and Japan to implement the plan.\n\n"
                     "MINISTRY OF TRADE AND INDUSTRY\n29 JULY 2020\n\nFor media queries, please contact:\n\n"
                     "Ms Tan Hui Min\nEmail: tan_hui_min@mti.gov.sg\n\nPage 3 of 3\n", places)
    assert article.title.casefold() == "asean and japan adopt economic resilience action plan"
    assert (article.outlet, article.published) == ("Ministry of Trade and Industry", "2020-07-29")
    assert "Tel:" not in article.text and "Tan Hui Min" not in article.text
    assert article.text.rstrip().endswith("implement the plan.")


def test_a_footnotes_marker_is_no_word_of_its_sentence_and_the_endnotes_are_boilerplate(places) -> None:
    """"held in Brussels.[1]": the page sets the marker apart, a quote with it is not the page's; the endnotes
    after the story ("[1] European Commission, ...") are no part of it."""
    article = _clean("The EU will mobilise EUR 10 billion for Southeast Asia, von der Leyen said in Brussels.[1][2] "
                     "Trade reached EUR 215 billion in 2021[3], she added, citing Article 5[2] of the treaty.\n\n"
                     "Notes\n\n"
                     "[1] European Commission, press release, 14 December 2022.\n[2] Eurostat figures.\n", places)
    assert article.text.split("\n")[0] == (
        "The EU will mobilise EUR 10 billion for Southeast Asia, von der Leyen said in Brussels. Trade reached EUR 215 "
        "billion in 2021, she added, citing Article 5[2] of the treaty.")  # a law's article keeps its paragraph
    assert "[1] European Commission" in article.boilerplate and "Eurostat" not in article.text


@pytest.mark.parametrize("note", ["CORRECTS paragraph 3 to show the strategy runs to 2040, not 2030",
                                  "UPDATES headline, adds quotes from Albanese in paragraphs 5-7"])
def test_a_wires_correction_note_over_the_headline_is_no_title(places, note: str) -> None:
    article = _clean(note + "\n\nAustralia to map out Southeast Asia trade push\n\nBy Daniel Okafor\n\nPHNOM PENH, Nov "
                     "12 (Reuters) - Australia will draw up a long-term plan to deepen its ties with Southeast Asia.\n",
                     places)
    assert article.title == "Australia to map out Southeast Asia trade push"
    assert note in article.boilerplate


def test_a_parliaments_related_questions_end_the_answer(places) -> None:
    article = _clean("ASEAN: Overseas Aid\n\nThe Foreign Secretary announced a new ASEAN-UK programme worth up to "
                     "25 million pounds.\n\nRelated questions\nSri Lanka: Debts - asked by Elliot Colburn, answered on "
                     "20 July 2023\nTaiwan: Trade Agreements - asked by Bob Seely, answered on 19 July 2023\n", places)
    assert "Sri Lanka" not in article.text and "Taiwan" in article.boilerplate


def test_a_social_posts_header_gives_its_author_and_its_comments_are_no_text(places) -> None:
    """An ambassador's post copied with its header (name, job title, age) and its readers' comments: she is the
    author, her job title's countries and the comments are boilerplate."""
    article = _clean("Ina Lepel\nAmbassador of the Federal Republic of Germany to Indonesia, ASEAN and Timor-Leste\n"
                     "1y • Edited • 🌐\n\nIt was a pleasure to co-chair the ASEAN-Germany Development Partnership "
                     "Committee in Jakarta.\n\nGermany will keep supporting ASEAN on climate action.\n\n#ASEAN #Germany"
                     "\n\n👍❤️ 412 · 23 comments · 17 reposts\n\nLike · Comment · Repost · Send\n\nMost relevant ▾\n\n"
                     "Maria Santos\nLecturer, University of the Philippines\n1y\nGreat to see maritime cooperation in "
                     "the Philippines on the agenda.\n", places)
    assert article.author == "Ina Lepel"
    assert "Timor-Leste" not in article.text and "Philippines" not in article.text
    assert "Germany will keep supporting ASEAN on climate action." in article.text


def test_an_embedded_posts_action_bar_inside_the_story_goes_alone(places) -> None:
    """A government's post embedded in its release ("Thai Government / 27 October at 18:30 · / ... / Like · Comment ·
    Share") with the release going on after it: the bar goes, the story after it stays."""
    article = _clean("Prime Minister attends the 24th ASEAN Plus Three Summit\n\n"
                     "The Prime Minister called on the Plus Three countries to help ensure that vaccines reach every "
                     "country in the region.\n\nThai Government\n\n27 October at 18:30 ·\n\nPrime Minister "
                     "Prayut joins ASEAN Plus Three leaders by video conference this afternoon.\n\nLike · Comment · "
                     "Share\n\nPremier Li Keqiang said China would continue to provide vaccines to ASEAN countries "
                     "this year.\n\nThe leaders agreed to strengthen ASEAN Plus Three cooperation on food security "
                     "and supply chains.\n", places)
    assert "Premier Li Keqiang said China" in article.text and "food security" in article.text
    assert "Like · Comment" not in article.text


@pytest.mark.parametrize(("author", "expected"), [
    ("Aroha Te Whāiti; Foreign Affairs Reporter", "Aroha Te Whāiti"),  # trafilatura's join of a byline's parts
    ("Foreign Affairs Reporter Claire Whitfield", "Claire Whitfield"),
    ("Hélène Côté · September 8", "Hélène Côté"),
    ("Jane Doe; John Roe", "Jane Doe; John Roe"),  # two writers stay
    ("Staff Reporter", ""),  # a role alone is no one (boilerplate.toml not_authors)
])
def test_a_pages_author_without_its_bylines_role_and_date(places, author: str, expected: str) -> None:
    article = _clean("ASEAN and New Zealand agree to upgrade ties\n" + STORY, places, author=author)
    assert article.author == expected


def test_an_issuers_paragraph_about_itself_is_no_text(places) -> None:
    about = ("About ASEAN: The Association of Southeast Asian Nations was established in 1967 in Bangkok, Thailand. "
             "Its Member States are Brunei and Malaysia.\n")
    article = _clean("ASEAN and its partners meet\n" + STORY + about, places)
    assert "Bangkok" not in article.text and "Bangkok" in article.boilerplate


def test_an_agencys_paragraph_about_itself_and_its_read_more_list_are_no_text(places) -> None:
    article = _clean("ASEAN admits Timor-Leste\n" + STORY + "-- BERNAMA\n\nBERNAMA provides up-to-date authentic and "
                     "comprehensive news and information which are disseminated via BERNAMA Radio on FM107.5 (Johor "
                     "Bahru) and FM100.9 (Kuching) frequencies.\n", places)
    assert "Kuching" not in article.text
    article = _clean("EU and ASEAN ministers meet\n" + STORY + "Read more with Euractiv\n- Mercosur deal: French "
                     "farmers prepare new protests\n- Ukraine Recovery Conference in Rome pledges 10 billion\n", places)
    assert "Mercosur" not in article.text and "Rome" not in article.text


def test_a_sections_strip_of_its_other_stories_is_no_text(places) -> None:
    article = _clean("EU and ASEAN leaders met in Brussels.\n\nSection: Global Europe · Also in this section: Scholz "
                     "courts Mercosur on farm trade; Serbia's accession talks stall again\n\nThe EU pledged EUR 10 "
                     "billion for Southeast Asia.\n", places)
    assert "Mercosur" not in article.text and "EUR 10 billion" in article.text



def test_a_notes_label_over_a_headline_ends_nothing(places) -> None:
    article = _clean("The Diplomat\nNotes\nASEAN and UK agree new partnership\n\nJAKARTA - ASEAN and the United "
                     "Kingdom agreed on Thursday to upgrade their ties.\n", places)
    assert "agreed on Thursday to upgrade their ties" in article.text


def test_a_footer_on_every_page_goes_and_a_title_repeated_on_every_page_stays_the_title(places) -> None:
    footer = "Ministry of Economy, Trade and Industry\n\n"
    pages = ["".join(f"{n}. The Ministers agreed on point {n} of page {page} on health.\n\n" for n in range(9))
             + footer for page in range(3)]
    article = _clean("".join(pages), places)
    assert "Ministry of Economy" not in article.text  # its last copy too: no date line under it
    head = "JOINT STATEMENT OF THE ASEAN-JAPAN SUMMIT\n\n"
    article = _clean("".join(head + f"{n}. The leaders agreed to deepen cooperation on health, number {n}.\n\n"
                             for n in (1, 2, 3)), places)
    assert article.title.casefold() == "joint statement of the asean-japan summit"


def test_an_agencys_name_after_an_age_is_no_social_post(places) -> None:
    article = _clean("ASEAN Summit Opens\n2h · AFP\n\nJAKARTA - Leaders of Southeast Asian nations opened their "
                     "summit on Tuesday.\n", places)
    assert article.author == "" and article.title == "ASEAN Summit Opens"


def test_a_lists_item_opening_with_adds_is_no_correction_note(places) -> None:
    article = _clean("Japan announced new support for ASEAN students.\n\nAdds 3 new scholarship programmes for "
                     "ASEAN students\n\nThe programmes start next year.\n", places)
    assert "Adds 3 new scholarship programmes" in article.text


def test_a_bio_opening_with_its_bold_label_is_no_text(places) -> None:
    article = _clean("ASEAN leaders adopted the recovery framework.\n\n**About the author:** Kavitha Ramasamy is a "
                     "senior analyst at ASEAN Briefing and a former fellow of Malaysia's Institute of Strategic and "
                     "International Studies.\n", places)
    assert article.text == "ASEAN leaders adopted the recovery framework."



def test_a_bio_under_the_byline_is_removed_and_the_story_stays(places) -> None:
    article = _clean("By Kavitha Ramasamy\n\n_About the writer: Kavitha Ramasamy covers ASEAN._\n\nJapan pledged $1 "
                     "million to the ASEAN fund on Monday.\n", places)
    assert article.text == "Japan pledged $1 million to the ASEAN fund on Monday."


@pytest.mark.parametrize(("byline", "author"), [
    ("By Rachel Goh Li Wen Senior Correspondent", "Rachel Goh Li Wen"),
    ("By Jane Tan Political Correspondent", "Jane Tan"),
    ("By Tan Hui Yee Correspondent", "Tan Hui Yee"),
])
def test_a_writers_role_after_the_name_without_a_comma_is_no_part_of_it(places, byline: str, author: str) -> None:
    article = _clean(f"Singapore signs trade pact\n\n{byline}\n\nSINGAPORE - Singapore yesterday joined 14 other "
                     "economies in signing the trade pact.\n", places)
    assert article.author == author


@pytest.mark.parametrize(("author", "expected"), [
    ("Shin Hye-rim Published : Oct 26, 2021 - 18:42", "Shin Hye-rim"),  # a page's byline and date lines run together
    ("Nguyen Van Nam Updated", "Nguyen Van Nam"),
    ("Jane Doe | Updated: 12:05", "Jane Doe"),
    ("Xinhua Updated : Oct 26, 2021", "Xinhua Updated : Oct 26, 2021"),  # no two words of a name before the label
    ("Kim Tong-hyung, updated by Hyung-jin Kim", "Kim Tong-hyung, updated by Hyung-jin Kim"),  # no date after it
    ("Tran Thi Posted", "Tran Thi"),
])
def test_a_byline_runs_into_its_date_no_further(author: str, expected: str, places: PlaceNames) -> None:
    article = _clean("ASEAN ministers met online on Monday and agreed to share vaccines.", places, author=author)
    assert article.author == expected


def test_a_bylines_line_run_into_its_date_gives_the_name(places: PlaceNames) -> None:
    article = _clean("By Shin Hye-rim Published : Oct 26, 2021 - 18:42\n\nASEAN ministers met online on Monday and "
                     "agreed to share vaccines.", places)
    assert (article.author, article.published) == ("Shin Hye-rim", "2021-10-26")
