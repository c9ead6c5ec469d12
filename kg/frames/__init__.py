"""Events read from the dependency parse: who proposed, rejected, demanded or met.

A trigger word from ``data/triggers.tsv`` (a verb or a noun) opens a frame; its roles
come from the parse around it. The reader is built in layers, each reading one thing
and using only the layers below it:

- ``context``: the document, its actor mentions and quotes, and walks over the parse;
- ``roles``: agents, participants, the sides of an agreement;
- ``triggers``: which tokens open a frame; negation, willingness, attempts;
- ``topics``: what a trigger is about, and its label;
- ``status``: Actual, Planned or Hypothetical; the date and the place;
- ``frames``: each kind's frame, and ``Reader.read`` over a whole document;
- ``links``: responses linked to the proposal in their clause; duplicates merged.

Triggers inside quotations are left to the Statement, which this component adds for
every quote the quotes component found. The frames go on ``doc._.events``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..records import Frame
from .frames import Reader
from .links import link_proposals_in_clause, merge_duplicates
from .triggers import trigger_lemmas

__all__ = ["Frame", "Reader", "find_events", "link_proposals_in_clause", "merge_duplicates", "trigger_lemmas"]


@Language.component("parley_events")
def find_events(doc: Doc) -> Doc:
    frames = Reader(doc).read()
    for quote in doc._.quotes or []:
        frames.append(Frame(kind="Statement", trigger="", trigger_char=quote.start_char,
                            evidence=quote.evidence, agents=[quote.speaker], quote=quote.text,
                            sentence_start=quote.sent_start, cameo=lexicon.cameo_default("Statement")))
    for frame in frames:
        frame.token_index = -1  # a position in this parse only: not kept with the event
    doc._.events = sorted(frames, key=lambda f: (f.trigger_char, f.kind))
    return doc

