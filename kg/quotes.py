"""Quoted statements and who said them.

A quotation is attributed to the subject of the speech verb that frames it ("...,"
Lavrov said; Lavrov emphasized: "..."). Without a frame, a quotation that fills its
own sentence continues the previous quotation's speaker, so that a quote split
across sentences belongs to one speaker. Titles of concepts in quotation marks
("the principle of 'first a ceasefire'") have no speaker and are left out.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicon
from .actors import Mention, mention_index, quotation_spans

#: Quotes shorter than this many words are kept only when a speech verb frames them.
MIN_WORDS_UNFRAMED = 4


@dataclass
class Quote:
    start_char: int
    end_char: int
    text: str
    speaker: Mention
    evidence: str
    sent_start: int  # character offset of the evidence, for ordering and ids


def speech_verbs(tokens: list[Token]) -> list[Token]:
    verbs = lexicon.words("speech_verbs")
    return [t for t in tokens if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs]


def subject_of(verb: Token, index: dict[int, Mention]) -> Mention | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            mention = index.get(child.i)
            if mention is None:
                # "the top diplomat said": the description mention covers the head.
                mention = next((index[t.i] for t in child.subtree if t.i in index), None)
            if mention is not None and mention.is_actor:
                return mention.referent
    return None


def sentences_around(doc: Doc, span: Span) -> list[Span]:
    sents = list({id(s): s for s in (doc[span.start].sent, doc[span.end - 1].sent)}.values())
    return sorted(sents, key=lambda s: s.start)


@Language.component("parley_quotes")
def find_quotes(doc: Doc) -> Doc:
    index = mention_index(doc)
    quotes: list[Quote] = []
    previous: Quote | None = None
    for start, end in quotation_spans(doc.text):
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or not inner.text.strip():
            continue
        sents = sentences_around(doc, inner)
        outside = [t for s in sents for t in s if not (inner.start <= t.i < inner.end)]
        framing = sorted(speech_verbs(outside), key=lambda t: min(abs(t.i - inner.start), abs(t.i - inner.end)))
        speaker = next((s for s in (subject_of(v, index) for v in framing) if s), None)
        words = len(inner.text.split())
        if speaker is None:
            fills_sentence = sum(1 for t in outside if not (t.is_punct or t.is_space)) <= 1
            follows = previous is not None and 0 <= start - previous.end_char <= 40
            if fills_sentence and follows:
                speaker = previous.speaker
            elif words >= MIN_WORDS_UNFRAMED and not _names_a_concept(inner):
                speaker = _clause_subject(inner, index)
        if speaker is None or speaker.kind == "news_outlet":
            continue
        if not framing and words < MIN_WORDS_UNFRAMED and speaker is not (previous and previous.speaker):
            continue
        evidence_span = doc[sents[0].start:sents[-1].end]
        quote = Quote(start, end, doc.text[start:end].strip(), speaker, evidence_span.text.strip(),
                      evidence_span.start_char)
        quotes.append(quote)
        previous = quote
    doc._.quotes = quotes
    return doc


def _names_a_concept(inner: Span) -> bool:
    """A quoted phrase hanging from a noun ("the principle of '...'") names, not says."""
    root = inner.root
    head = root.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    return head.pos_ in ("NOUN", "PROPN") and not (inner.start <= head.i < inner.end)


def _clause_subject(inner: Span, index: dict[int, Mention]) -> Mention | None:
    """The actor subject of the clause the quote sits in (a quote used as an object)."""
    head = inner.root.head
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    return subject_of(head, index) if head.pos_ in ("VERB", "AUX") else None
