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


LIVE_BLOG = (
    "LIVE: Asia today\n"
    "Follow our rolling coverage of the day's news. Newest entries appear at the top.\n"
    "17:40 GMT+7\n"
    "Fire destroys Greece's largest migrant camp\n"
    "Greek Prime Minister Kyriakos Mitsotakis declared a state of emergency, and the EU pledged to finance the "
    "transfer of 400 children to the Greek mainland.\n"
    "16:15 GMT+7\n"
    "Retno to ASEAN: stay united\n"
    "Foreign Minister Retno Marsudi called on ASEAN to work together to secure access to COVID-19 vaccines.\n"
    "15:02 GMT+7\n"
    "Suga pledges continuity\n"
    "Japan's Yoshihide Suga said he would keep the US-Japan alliance at the heart of his diplomacy.\n"
    "08:25 GMT+7\n"
    "ASEAN foreign ministers meet online\n"
    "Vietnamese Prime Minister Nguyen Xuan Phuc urged ASEAN to make good use of the COVID-19 ASEAN Response Fund.\n"
)


def test_a_live_blogs_entries_on_other_news_are_removed() -> None:
    """The entries under their times: the Greek fire and Suga's race are not the ASEAN meeting's; the first
    entry's time, at the top, is an entry's, not the page's (clean.py keeps it)."""
    result = _process(LIVE_BLOG, "liveblog.txt")
    entities = _entities(result)
    assert {"bloc:asean", "person:retno-marsudi", "person:nguyen-xuan-phuc"} <= entities
    assert not entities & {"country:GRC", "bloc:eu", "person:yoshihide-suga", "country:JPN"}
    assert "Greek mainland" in result.article.boilerplate and "17:40 GMT+7" in result.article.boilerplate
    assert any(w.startswith("several stories: 2 of its") for w in result.article.warnings)
    assert all("Greek" not in s.quote and "alliance" not in s.quote for s in result.statements)


def test_a_channels_posts_and_a_newsletters_numbered_items_are_stories() -> None:
    """A post under its date and time opens a story; on a page cut at a dateline after another story's text, so do
    headlines numbered from 1 ("3. CANADA: ..."); the meeting's are kept, and the page's head that names nothing."""
    posts = ("Exported from Telegram Desktop\n"
             "[16.06.2020 22:47] Eurasia Digest:\n"
             "Jaishankar and Wang Yi spoke by phone after the clash in the Galwan valley.\n"
             "[17.06.2020 12:05] Eurasia Digest:\n"
             "Starting now: Sergey Lavrov and the ASEAN foreign ministers hold a video conference.\n"
             "[17.06.2020 19:50] Eurasia Digest:\n"
             "Lavrov said Russia was ready to share its experience in developing vaccines with ASEAN countries.\n"
             "[18.06.2020 07:30] Eurasia Digest:\n"
             "Donald Trump said John Bolton had broken the law.\n")
    result = _process(posts, "channel.txt")
    assert {"bloc:asean", "person:sergey-lavrov"} <= _entities(result)
    assert not _entities(result) & {"person:subrahmanyam-jaishankar", "person:wang-yi", "person:donald-trump"}
    brief = ("Good morning. Three stories to start your day.\n"
             "1. BRAZIL: Lula's tax overhaul clears lower house\n"
             "Brazil's lower house approved the overhaul, handing President Luiz Inacio Lula da Silva a victory.\n"
             "2. UK pledges GBP25 million for ASEAN health security\n"
             "JAKARTA - British Foreign Secretary James Cleverly announced 25 million pounds for ASEAN's health "
             "security.\n"
             "3. CANADA: Trudeau promises wildfire relief\n"
             "Prime Minister Justin Trudeau pledged 400 million Canadian dollars to rebuild after the fires.\n")
    result = _process(brief, "brief.txt")
    assert "bloc:asean" in _entities(result)
    assert not _entities(result) & {"country:BRA", "country:CAN", "person:justin-trudeau"}
    assert "25 million pounds for ASEAN's health security" in result.article.text
    assert "400 million Canadian dollars" in result.article.boilerplate


@pytest.mark.parametrize("text", [
    # a summit's round-up under each country's heading: one story
    "BANDAR SERI BEGAWAN, Oct 28 - East Asia Summit leaders met online, chaired by Brunei for ASEAN.\n"
    "UNITED STATES\nPresident Joe Biden said the United States would work with ASEAN on health security.\n"
    "NEW ZEALAND\nPrime Minister Jacinda Ardern said New Zealand would support India's vaccine drive.\n"
    "VIET NAM\nPrime Minister Pham Minh Chinh proposed that the partners share vaccines with ASEAN.\n",
    # a summit's live blog: the leaders' side meetings name the summit's other parties
    "07:10\nThe ASEAN and US leaders released a joint vision statement in Washington.\n"
    "03:05\nVietnam's Pham Minh Chinh thanked the United States in Washington for its vaccines.\n"
    "01:50\nSingapore's Lee Hsien Loong said the US needed an economic agenda for ASEAN.\n",
    # a statement's running head repeated on every page is no item's heading
    "ASEAN-RUSSIA / JOINT STATEMENT\n1. We, the foreign ministers of ASEAN and Russia, met by video.\n"
    "2. Indonesia and the WHO briefed the meeting.\nASEAN-RUSSIA / JOINT STATEMENT\n3. We welcome the fund.\n"
    "ASEAN-RUSSIA / JOINT STATEMENT\n4. We support the UN.\n",
    # a round-up's items labelled by country, each a sentence: no headline, no item
    "ASEAN Plus Three leaders met online.\nCHINA: Premier Li Keqiang pledged more vaccines to ASEAN.\n"
    "JAPAN: Prime Minister Suga said Japan would give $1 million to the ASEAN fund.\n"
    "KOREA: President Moon offered test kits to ASEAN countries.\n",
    # a summit's round-up with each leader's remarks under a headline labelled by country, whom the lede names
    "HANOI, Nov 15 (VNA) - Leaders of ASEAN and China, Japan and South Korea met online for the ASEAN Plus Three "
    "Summit on Sunday.\nCHINA: Li pledges vaccines to the region\nChinese Premier Li Keqiang said China would give "
    "priority to ASEAN countries in access to its vaccines.\nJAPAN: Suga offers a new fund\nPrime Minister Yoshihide "
    "Suga said Japan would contribute 1 million dollars to a new fund for medical supplies.\nKOREA: Moon backs supply "
    "chains\nPresident Moon Jae-in said South Korea would keep supply chains open.\n",
    # a chairman's statement under its sections' headings in capitals: headings alone cut nothing
    "ASEAN leaders met by video, chaired by Viet Nam.\nPUBLIC HEALTH COOPERATION\nThe leaders welcomed the "
    "ASEAN Centre for Public Health Emergencies.\nECONOMIC RECOVERY\nThe leaders agreed to keep markets open.\n"
    "REGIONAL AND INTERNATIONAL ISSUES\nThe leaders urged the DPRK to comply with UN resolutions, and welcomed the "
    "US and Japan's support.\n",
    # a line opening with a country and a dash is no dateline ("US - China rivalry"); a place's is, after text
    "HANOI, Nov 12 (VNA) - ASEAN and Japan held their summit online.\nUS - China rivalry hung over the talks.\n"
    "Japan pledged 1 million dollars to the COVID-19 ASEAN Response Fund.\nEU - the biggest donor - said it "
    "would help too.\n",
])
def test_one_storys_parts_are_kept(text: str) -> None:
    result = _process(text, "one.txt")
    assert not any("items are about other subjects" in w for w in result.article.warnings)
    last_paragraph = text.strip("\n").rsplit("\n", 1)[-1]
    assert all(line in result.article.text for line in (text.split("\n")[1], last_paragraph))


def test_a_newsletters_items_labelled_by_whom_they_are_about_are_stories() -> None:
    """Headings that label each item by a country or bloc ("*** SINGAPORE: ..."), three or more, cut a page on
    their own, and then its other headings in capitals do ("*** OIL: ..."); the meeting's item stays, and so does
    the page's greeting."""
    text = ("Good morning. Here's what you need to know today.\n"
            "*** OIL: FROM BELOW ZERO TO A NAVAL SHOWDOWN ***\n"
            "President Donald Trump said he had told the navy to destroy any Iranian gunboats that harass US ships.\n"
            "Brent crude fell to its lowest level since 1999 before recovering some ground.\n"
            "*** SINGAPORE: DORMITORY INFECTIONS PASS 10,000 ***\n"
            "Prime Minister Lee Hsien Loong extended the circuit breaker to June 1.\n"
            "Most new cases were found among foreign workers living in dormitories.\n"
            "*** ASEAN AND THE US: PROMISES, PPE AND A SWIPE AT BEIJING ***\n"
            "Mike Pompeo said the United States had released US$35 million in health aid for ASEAN countries.\n"
            "*** INDONESIA: NO MUDIK THIS YEAR ***\n"
            "President Joko Widodo's ban on the homecoming takes effect tomorrow.\n"
            "Police will set up checkpoints on toll roads out of Jakarta.\n")
    result = _process(text, "newsletter.txt")
    assert {"bloc:asean", "person:mike-pompeo"} <= _entities(result)
    assert not _entities(result) & {"person:donald-trump", "person:lee-hsien-loong", "person:joko-widodo"}
    assert result.article.text.startswith("Good morning.")
