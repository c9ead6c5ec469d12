"""What the spaCy components share about a parsed document: its text, its quotations and
which tokens they cover, and a fast look-up of tokens by form, each computed once a Doc.

Actors, quotes and events all need the text and the quoted passages; ``Doc.text`` joins
every token anew on each call, so each is kept in ``doc.user_data``.
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc


def once_per_doc(doc: Doc, name: str, compute):
    """``compute(doc)``, kept in ``doc.user_data``: actors, quotes and events each need
    the text, the quotations and the titles, and ``Doc.text`` joins every token anew
    on each call. The key holds the length, so a retokenised Doc is read afresh."""
    key = ("parley", name, len(doc))
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute(doc)
    return value


def doc_text(doc: Doc) -> str:
    return once_per_doc(doc, "text", lambda d: d.text)


def doc_quotation_spans(doc: Doc) -> list[tuple[int, int]]:
    """``quotation_spans(doc.text)``."""
    return list(once_per_doc(doc, "quotation_spans", lambda d: quotation_spans(doc_text(d))))


def quote_mask(doc: Doc) -> list[bool]:
    """True for tokens inside quotation marks (straight or typographic)."""
    return list(once_per_doc(doc, "quote_mask", _quote_mask))


def _quote_mask(doc: Doc) -> list[bool]:
    mask = [False] * len(doc)
    for start, end in doc_quotation_spans(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            mask[span.start:span.end] = [True] * (span.end - span.start)
    return mask


def token_indices(doc: Doc, words: Iterable[str], attr: int = LOWER) -> list[int]:
    """Indices of the tokens whose ``attr`` (lower-case form by default) is one of
    ``words``, in order. Read from the token array: the many tokens that cannot match
    never become Python objects."""
    ids = [doc.vocab.strings[w] for w in words]
    if not ids or not len(doc):
        return []
    values = doc.to_array(attr)
    return numpy.flatnonzero(numpy.isin(values, numpy.array(ids, dtype=values.dtype))).tolist()


QUOTE_PATTERN = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|«[^«»\n]*»|„[^„“”\n]*[“”]"
                           # an opening double mark closed by a single one: “...,’ said X
                           r"|“[^“”\n]*?[,.!?]’(?=\s)")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages, marks excluded.

    Balanced pairs are found first; a closing mark with no opener in its paragraph
    (a quote whose opening mark was lost) opens at the start of that paragraph.
    """
    spans = [(m.start() + 1, m.end() - 1) for m in QUOTE_PATTERN.finditer(text)]
    covered = {i for m in QUOTE_PATTERN.finditer(text) for i in range(m.start(), m.end())}
    for m in re.finditer("”", text):
        if m.start() in covered:
            continue
        para_start = text.rfind("\n", 0, m.start()) + 1
        if "“" not in text[para_start:m.start()]:
            spans.append((para_start, m.start()))
    for m in re.finditer("“", text):
        if m.start() in covered:
            continue
        para_end = text.find("\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        if "”" not in text[m.end():para_end]:
            spans.append((m.end(), para_end))  # a quote running to the end of its paragraph
    return sorted(spans)
