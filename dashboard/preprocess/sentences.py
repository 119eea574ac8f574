"""Split a clean article into paragraphs and sentences with offsets into the article text.

Each non-empty line is a paragraph. Inside a paragraph a sentence ends at . ! ? (with closing quotes
or brackets) before a capital, digit or quote, unless the word before the dot is an abbreviation
("U.S.", "Dr.", "No. 3") or an initial. Text whose punctuation was stripped still splits: each line is
then a sentence, a full stop lost between two words ("pandemicVietnamese") is a boundary, and so, in a text
without any, is an opener of language.toml's `run_on_openers` capitalised after a lower-case word ("... the
region He said ...").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from dashboard.preprocess.cues import CueSet, compile_cues
from dashboard.preprocess.records import Article, Sentence
from dashboard.preprocess.textutil import is_unpunctuated

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-ZÀ-ỹ0-9])")
_GLUED = re.compile(r"(?<![A-Za-zÀ-ỹ])[a-zà-ỹ]*[a-zà-ỹ]{3}(?=[A-ZÀ-Ỹ][a-zà-ỹ]{2,})")
_LOWER_UPPER = re.compile(r"[a-zà-ỹ][A-ZÀ-Ỹ]")  # every _GLUED match ends between these two: most lines have none
_WORD_MARKS = frozenset("_.'’")  # besides letters and digits, what a word before a full stop may hold
_CAN_END_SENTENCE = frozenset({"etc", "inc", "ltd", "co", "corp"})
_INITIALS = re.compile(r"^(?:[A-Z]\.)+[A-Z]?$|^[A-Z]$")


@dataclass(frozen=True, slots=True)
class SentenceRules:
    abbreviations: frozenset[str]
    clause_markers: tuple[str, ...]
    version: str
    clause_subjects: tuple[str, ...] = ()
    clause_verbs: tuple[str, ...] = ()  # open a second predicate of the sentence's subject: "..., and said ..."
    clause_min_words: int = 3
    heading_max_words: int = 0  # a punctuated text's line this short without a closing mark is a heading
    run_on_opener: re.Pattern[str] | None = None  # a new sentence's first word in a line without punctuation
    clause_deeds: CueSet | None = None  # what was already done: a first predicate of its own ("had sent")
    question_labels: frozenset[str] = frozenset()  # a transcript's turn labels for a reporter's question, lower case


def default_language_path() -> Path:
    return Path(str(resources.files("dashboard") / "vocab" / "language.toml"))


@lru_cache(maxsize=4)
def load_sentence_rules(path: Path | None = None) -> SentenceRules:
    """Abbreviations and clause markers from dashboard/vocab/language.toml (cached)."""
    path = Path(path) if path else default_language_path()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    section = data.get("sentences", {})
    return SentenceRules(
        abbreviations=frozenset(a.lower().rstrip(".") for a in section.get("abbreviations", [])),
        clause_markers=tuple(section.get("clause_markers", [])),
        version=str(data.get("version", "0")),
        clause_subjects=tuple(section.get("clause_subjects", [])),
        clause_verbs=tuple(section.get("clause_verbs", [])),
        clause_min_words=int(section.get("clause_min_words", 3)),
        heading_max_words=int(section.get("heading_max_words", 0)),
        run_on_opener=_run_on_opener(section.get("run_on_openers", []), section.get("run_on_subjects", [])),
        clause_deeds=compile_cues(section.get("clause_deeds", []), source=f"{path.name}: clause_deeds"),
        question_labels=frozenset(label.strip().lower() for label in section.get("question_labels", [])),
    )


def _run_on_opener(openers: list[str], subjects: list[str]) -> re.Pattern[str] | None:
    """The openers, and the subjects before a lower-case word, capitalised, after a lower-case word or a digit
    (case-sensitive)."""
    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w[:1].upper() + w[1:].lower()) for w in sorted(set(words), key=len, reverse=True))

    parts = [rf"(?:{alternation(openers)})(?=\s)" if openers else "",
             rf"(?:{alternation(subjects)})(?=\s+[a-zà-ỹ0-9])" if subjects else ""]
    body = "|".join(p for p in parts if p)
    return re.compile(rf"(?<=[a-zà-ỹ0-9]\s)(?:{body})") if body else None


def _word_before(text: str, end: int) -> str:
    """The run of word characters, dots and apostrophes that ends at `end` ("" if none).

    Read backwards from `end` a character at a time (a word's length, not the text's: an end-anchored
    regex search tries every position before it). Word characters are regex `\\w`: str.isalnum() or "_".
    """
    start = end
    while start > 0 and ((char := text[start - 1]).isalnum() or char in _WORD_MARKS):
        start -= 1
    return text[start:end]


def _is_abbreviation(word: str, rules: SentenceRules) -> bool:
    word = word.rstrip(".")
    return bool(word) and (word.lower() in rules.abbreviations or bool(_INITIALS.match(word + ".")))


def _boundaries(paragraph: str, rules: SentenceRules, run_on: bool = False) -> list[int]:
    """Offsets inside the paragraph where a new sentence starts."""
    cuts: set[int] = set()
    for match in _END.finditer(paragraph):
        dot = match.start()
        if paragraph[dot] == ".":
            word = _word_before(paragraph, dot + 1)
            if _is_abbreviation(word, rules) and word.rstrip(".").lower() not in _CAN_END_SENTENCE:
                continue
        start = match.end()
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
        cuts.add(start)
    if _LOWER_UPPER.search(paragraph):
        for match in _GLUED.finditer(paragraph):
            cuts.add(match.end())
    if run_on and rules.run_on_opener is not None:
        cuts.update(_run_on_starts(paragraph, rules))
    return sorted(cuts)


def _run_on_starts(paragraph: str, rules: SentenceRules) -> list[int]:
    """Where a new sentence starts in a line of a text stripped of its punctuation: at an opener
    (`run_on_openers`) with at least `clause_min_words` words on either side ("... with the region He said ...").
    The words are counted once along the line (a line may be a whole article)."""
    assert rules.run_on_opener is not None
    total = len(paragraph.split())
    starts: list[int] = []
    counted = before = since = 0  # words are counted up to `counted`: `before` of them; `since`: at the last start
    for match in rules.run_on_opener.finditer(paragraph):
        at = match.start()
        before += len(paragraph[counted:at].split())
        counted = at
        if before - since >= rules.clause_min_words and total - before > rules.clause_min_words:
            starts.append(at)
            since = before
    return starts


def split_sentences(article: Article, rules: SentenceRules | None = None) -> list[Sentence]:
    """Sentences of an article in reading order, numbered from 0, with paragraph numbers."""
    rules = rules or load_sentence_rules()
    text = article.text
    sentences: list[Sentence] = []
    paragraph_index = -1
    offset = 0
    run_on = is_unpunctuated(text)
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        paragraph_index += 1
        starts = [0, *_boundaries(line, rules, run_on), len(line)]
        for begin, finish in pairwise(starts):
            chunk = line[begin:finish]
            stripped = chunk.strip()
            if not stripped or not any(map(str.isalpha, stripped)):
                continue
            lead = len(chunk) - len(chunk.lstrip())
            start = line_start + begin + lead
            end = start + len(stripped)
            index = len(sentences)
            sentences.append(
                Sentence(
                    article_id=article.article_id,
                    sentence_id=f"{article.article_id}-s{index:04d}",
                    index=index,
                    paragraph=paragraph_index,
                    start=start,
                    end=end,
                    text=text[start:end],
                )
            )
    return sentences
