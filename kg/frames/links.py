"""What the frames of one document say together: a response linked to the proposal its
own clause names, and one frame for what a verb and its noun say twice.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import Frame


def link_proposals_in_clause(doc: Doc, frames: list[Frame]) -> None:
    """Give every rejection or acceptance the proposal its own clause names.

    When the rejected or accepted object is itself a proposal frame of the sentence
    ("rejected Washington's calls", "accepted Egypt's offer"), that frame; resolve
    links the others to a proposal of the article or to a new one.
    """
    by_token = {f.token_index: f for f in frames if f.kind in ("Proposal", "Demand")}
    for frame in frames:
        if frame.kind not in ("Rejection", "Acceptance"):
            continue
        token = doc[frame.token_index]
        objects = [c for c in token.children if c.dep_ in ("dobj", "prep", "xcomp", "attr", "pobj")]
        inside = [t for c in objects for t in c.subtree]
        if token.pos_ in ("NOUN", "PROPN"):
            inside = [t for t in token.subtree if t.i != token.i]
        for child in inside:
            if child.i in by_token:
                proposal = by_token[child.i]
                if frame.kind == "Rejection" and proposal.kind == "Proposal":
                    frame.rejects = proposal
                elif frame.kind == "Acceptance":
                    frame.accepts = proposal  # a proposal or a demand is accepted
                # "rejected Israel's proposal for a truce" / "Israeli demands for a buffer
                # zone": the truce, the buffer zone is what is rejected.
                frame.topics = proposal.topics or frame.topics
                break


def merge_duplicates(frames: list[Frame]) -> list[Frame]:
    """One frame per (sentence, kind, actors): a verb and its noun say one thing once."""
    merged: dict[tuple, Frame] = {}
    for frame in frames:
        key = (frame.sentence_start, frame.kind, tuple(sorted({m.name for m in frame.actors})))
        kept = merged.get(key)
        if kept is None:
            merged[key] = frame
            continue
        for topic in frame.topics:
            if topic not in kept.topics:
                kept.topics.append(topic)
        kept.rejects = kept.rejects or frame.rejects
        kept.accepts = kept.accepts or frame.accepts
        kept.date_text = kept.date_text or frame.date_text
        kept.place = kept.place or frame.place
    return list(merged.values())
