"""A press briefing's answers on other subjects are not the meeting's (dashboard/preprocess/stories.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.preprocess.pipeline import load_resources, process_document
from dashboard.preprocess.readers import read_inputs
from dashboard.preprocess.records import RawDocument
from dashboard.preprocess.stories import question_starts, text_lines

PROBES = Path(__file__).parent / "scoring" / "probes"

BRIEFING = (
    "Foreign Ministry Spokesperson's Regular Press Conference on April 15, 2020\n\n"
    "CCTV: The Special ASEAN Plus Three Summit on COVID-19 was held yesterday. Can you share more details?\n\n"
    "Spokesperson: Premier Li Keqiang attended the Special ASEAN Plus Three Summit on COVID-19 by video link. "
    "He said China will provide more medical supplies to ASEAN countries and will support the COVID-19 ASEAN "
    "Response Fund. Premier Li called on the ASEAN Plus Three countries to keep supply chains open.\n\n"
    "Bloomberg: The Brazilian president said Brazil will ban imports of Chinese cars. What is your comment?\n\n"
    "Spokesperson: We hope Brazil will provide a fair business environment. China will take measures to "
    "protect its companies.\n\n"
    "Reuters: A follow-up on the summit. Did Premier Li say when the supplies will reach ASEAN?\n\n"
    "Spokesperson: China will deliver the supplies to ASEAN countries as soon as possible.\n\n"
    "AFP: Kenyan President William Ruto said developed countries must pay for climate damage. Any comment?\n\n"
    "Spokesperson: China supports Kenya. Developed countries should honour their commitments.\n"
)


def _process(text: str, name: str = "briefing.txt"):
    return process_document(RawDocument(name, "", text), load_resources())


def _entities(result) -> set[str]:
    return {m.entity_id for m in result.mentions}


def test_a_briefings_questions_from_several_outlets_start_its_items() -> None:
    lines = text_lines(BRIEFING)
    starts = question_starts(lines)
    assert [BRIEFING[s : s + 8] for s in starts] == ["CCTV: Th", "Bloomber", "Reuters:", "AFP: Ken"]


@pytest.mark.parametrize("text", [
    # one interviewer: an interview is one story, whatever it asks about
    "Q: What does the partnership mean?\nA: It is a commitment.\nQ: And the South China Sea?\nA: Freedom of "
    "navigation matters.\nQ: Will the EU share doses?\nA: Member states decide.",
    # one host, with timestamps; an interviewer's "Q:" and "Question:" are one asker
    "[00:00:05] HOST: What did the ministers agree?\n[00:00:09] RETNO MARSUDI: Indonesia will share doses.\n"
    "[00:01:10] HOST: And Laos?\n[00:01:12] RETNO MARSUDI: Vietnam will send 100,000 doses to Laos.",
    "Q: What did the ministers agree?\nA: Indonesia will share doses.\nQuestion: And Laos?\nA: Vietnam will send "
    "doses to Laos.",
    # a question mark inside a quoted question, in a round-up under each country's label, asks nothing
    "China: Li asked \"who else will help?\" and pledged doses.\nJapan: Suga said Japan would give $1 million.\n"
    "Korea: Moon asked \"why wait?\" and offered test kits.\nIndia: Modi said India would help.",
    # a single question
    "Reuters: Did the leaders discuss the Mekong?\nWang Wenbin: Yes, they did.",
])
def test_an_interview_or_a_single_question_is_not_a_briefing(text: str) -> None:
    assert question_starts(text_lines(text)) == []


def test_a_briefings_answers_on_other_subjects_are_removed() -> None:
    """Brazil's and Kenya's answers share nothing with the summit's; the follow-up names ASEAN."""
    result = _process(BRIEFING)
    entities = _entities(result)
    assert {"bloc:asean-plus-three", "person:li-keqiang", "bloc:asean"} <= entities
    assert not entities & {"country:BRA", "country:KEN", "person:william-ruto"}
    assert "China will deliver the supplies to ASEAN countries" in result.article.text
    assert "Brazilian president" not in result.article.text
    assert "Brazilian president" in result.article.boilerplate and "William Ruto" in result.article.boilerplate
    assert any("2 of its 4 items are about other subjects" in w for w in result.article.warnings)
    quotes = " ".join(s.quote for s in result.statements)
    assert "medical supplies" in quotes and "fair business environment" not in quotes


def test_a_briefing_about_one_meeting_is_kept_whole() -> None:
    text = BRIEFING.split("AFP:")[0].replace(
        "Bloomberg: The Brazilian president said Brazil will ban imports of Chinese cars. What is your comment?",
        "Bloomberg: Will the ASEAN Plus Three countries meet again this year?").replace(
        "We hope Brazil will provide a fair business environment. China will take measures to protect its "
        "companies.", "The ASEAN Plus Three countries will meet in November.")
    assert question_starts(text_lines(text))  # a briefing, cut at its questions, with nothing to remove
    result = _process(text)
    assert result.article.text.count("Spokesperson:") == 3
    assert not any("items are about other subjects" in w for w in result.article.warnings)


def test_a_ministrys_press_conference_keeps_the_mekong_leaders_meeting() -> None:
    """The probe's press conference: TikTok, Navalny, India, Belarus and Japan are other subjects; the
    follow-up on the meeting stays."""
    docs, _errors = read_inputs([PROBES / "set_j" / "05_fmprc_press_conference_lmc.txt"])
    result = process_document(docs[0], load_resources())
    entities = _entities(result)
    assert not entities & {"country:DEU", "country:IND", "country:BLR", "country:JPN", "bloc:nato"}
    assert {"bloc:mekong-lancang", "country:LAO", "person:li-keqiang"} <= entities
    assert "the data will be shared with the Mekong countries" in result.article.text


def test_an_answerers_rhetorical_question_starts_no_item() -> None:
    """The spokesperson's "Why would China wait?" answers the question before it: the supplies stay."""
    text = BRIEFING.replace("Spokesperson: China will deliver the supplies to ASEAN countries as soon as possible.",
                            "Spokesperson: Why would China wait? China will deliver the supplies to ASEAN "
                            "countries as soon as possible.")
    starts = question_starts(text_lines(text))
    assert len(starts) == 4 and all(not text[s:].startswith("Spokesperson") for s in starts)
    assert "China will deliver the supplies" in _process(text).article.text


def test_without_a_clear_main_item_every_answer_stays() -> None:
    """A bilateral briefing's aside on the WHO names as many organisations as the meeting's answer: no item is
    clearly the meeting's, and nothing is removed."""
    text = ("Xinhua: Cambodia's prime minister thanked China for its vaccines. Will China send more?\n\n"
            "Spokesperson: China will send another 400,000 doses to Cambodia next month.\n\n"
            "Reuters: The WHO team has left Wuhan. What is China's comment?\n\n"
            "Spokesperson: China supports the WHO and its work.\n\n"
            "AFP: Myanmar's army says it will hold elections. Any comment?\n\n"
            "Spokesperson: China hopes all parties in Myanmar will resolve their differences.\n")
    assert question_starts(text_lines(text))
    assert "400,000 doses to Cambodia" in _process(text).article.text
