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
from .actors import mention_index
from .doctext import doc_quotation_spans, doc_text
from .records import Mention
from .deps import SUBJECTS

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


def frames(verb: Token, inner: Span) -> bool:
    """A speech verb frames a quote when one governs the other, or when it stands in
    the sentence after it ('...it.” he stated.'); a verb of a neighbouring clause
    ("..., adding that") does not."""
    root = inner.root
    if verb.sent.start != root.sent.start and verb.sent.start != inner.doc[inner.start].sent.start:
        return True
    return any(a.i == verb.i for a in root.ancestors) or any(a.i == root.i for a in verb.ancestors)


def subject_of(verb: Token, index: dict[int, Mention]) -> Mention | None:
    # "..., arguing that": a participle's speaker is the subject of the verb it hangs on.
    while verb.dep_ in ("advcl", "xcomp", "conj") and not any(
            c.dep_ in SUBJECTS for c in verb.children):
        verb = verb.head
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" \
            and verb.head.head.lemma_.lower() in lexicon.words("quoting_verbs"):
        # "Xinhua quoted him as saying", "he was quoted as saying": the one quoted speaks.
        quoting = verb.head.head
        quoted = [index.get(c.i) for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")]
        return next((m.referent for m in quoted if m is not None and m.is_actor), None)
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            # "said the UN envoy Martin Griffiths": the name in apposition is the speaker.
            named = [index[a.i] for a in child.children if a.dep_ == "appos" and a.i in index]
            mention = named[0] if named else index.get(child.i)
            if mention is not None and mention.is_actor:
                return mention.referent
    return None


def sentences_around(doc: Doc, span: Span) -> list[Span]:
    """The sentences a quote sits in, and the next one when the quote ends a sentence
    (the parser often splits '...it.” he said.' after the closing mark)."""
    sents = {doc[span.start].sent.start: doc[span.start].sent, doc[span.end - 1].sent.start: doc[span.end - 1].sent}
    last = doc[span.end - 1].sent
    tail = [t for t in last if t.i >= span.end and not (t.is_punct or t.is_space)]
    if not tail and last.end < len(doc):
        following = doc[last.end].sent
        if following.start_char - span.end_char <= 4:
            sents[following.start] = following
    return [sents[k] for k in sorted(sents)]


@Language.component("parley_quotes")
def find_quotes(doc: Doc) -> Doc:
    index = mention_index(doc)
    quotes: list[Quote] = []
    previous: Quote | None = None
    text = doc_text(doc)
    for start, end in doc_quotation_spans(doc):
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or not inner.text.strip() or _names_a_concept(inner):
            continue
        sents = sentences_around(doc, inner)
        outside = [t for s in sents for t in s if not (inner.start <= t.i < inner.end)]
        framing = sorted((v for v in speech_verbs(outside) if frames(v, inner)),
                         key=lambda t: min(abs(t.i - inner.start), abs(t.i - inner.end)))
        speaker = next((s for s in (subject_of(v, index) for v in framing) if s), None)
        if speaker is None and not framing:
            speaker = according_to(outside, index)
        words = len(inner.text.split())
        if speaker is None:
            fills_sentence = sum(1 for t in outside if not (t.is_punct or t.is_space)) <= 1
            follows = previous is not None and 0 <= start - previous.end_char <= 40
            if fills_sentence and follows:
                speaker = previous.speaker
            elif words >= MIN_WORDS_UNFRAMED:
                speaker = _clause_subject(inner, index)
        if speaker is None or speaker.kind == "news_outlet":
            continue
        if not framing and words < MIN_WORDS_UNFRAMED and speaker is not (previous and previous.speaker):
            continue
        if words < MIN_WORDS_UNFRAMED and not any(t.pos_ in ("VERB", "AUX") for t in inner):
            continue  # a term in scare quotes ("a 'road to nowhere'", "called it 'fiction'") says nothing
        evidence_span = doc[sents[0].start:sents[-1].end]
        quote = Quote(start, end, text[start:end].strip(), speaker, evidence_span.text.strip(),
                      evidence_span.start_char)
        quotes.append(quote)
        previous = quote
    doc._.quotes = quotes
    return doc


def according_to(outside: list[Token], index: dict[int, Mention]) -> Mention | None:
    """"... 'in the coming days', according to Prime Minister X": the one the words
    are attributed to, in the quote's sentence and outside the quote."""
    for token in outside:
        if token.lower_ == "according":
            for to in token.children:
                for target in to.children if to.lower_ == "to" else ():
                    mention = index.get(target.i)
                    if target.dep_ == "pobj" and mention is not None and mention.is_actor:
                        return mention.referent
    return None


def _names_a_concept(inner: Span) -> bool:
    """A quoted phrase hanging from a noun ("the principle of '...'") names, not says."""
    before = [t for t in inner.doc[max(inner.start - 3, 0):inner.start] if not t.is_punct]
    if before and before[-1].lower_ == "of" and len(inner) <= 12:
        return True
    head = inner.root.head
    if head.pos_ != "ADP":
        return False
    return head.head.pos_ in ("NOUN", "PROPN") and not (inner.start <= head.head.i < inner.end)


def _clause_subject(inner: Span, index: dict[int, Mention]) -> Mention | None:
    """The actor subject of the clause the quote sits in (a quote used as an object)."""
    head = inner.root.head
    while (head.pos_ not in ("VERB", "AUX") or inner.start <= head.i < inner.end) and head.head.i != head.i:
        head = head.head
    if inner.start <= head.i < inner.end or head.pos_ not in ("VERB", "AUX"):
        return None  # the quote is a sentence of its own: its subject is not the speaker
    return subject_of(head, index)
