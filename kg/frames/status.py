"""When and where, and whether it happened: an event's status, date and place.

Modal and future cues around the trigger set the status: kg:Planned ("will meet"),
kg:Hypothetical ("could propose", "a gesture to help launch talks"); a date is a
DATE entity on the trigger's path that names a point in time; a place the place or
country of an "in" or "at" phrase.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Span, Token

from .. import lexicon
from ..dates import looks_like_point
from ..lexicon import Trigger
from ..records import Mention
from .context import Context

WEAK_MODALS = lexicon.words("weak_modals")


class Status(Context):
    """The status, date and place of a trigger's event."""

    def status(self, token: Token, trig: Trigger) -> str:
        hypothetical = lexicon.words("modal_hypothetical") | lexicon.words("willingness")
        planned = lexicon.words("modal_planned")
        nearby = [c for c in token.children if c.dep_ in ("aux", "amod", "mark", "advmod")
                  or c.dep_ == "det" and c.lower_ in lexicon.words("unreal_determiners")]
        if token.dep_ in ("xcomp", "acl") and token.head.lemma_.lower() in lexicon.words("refusal_verbs"):
            return "Hypothetical"  # "refused to meet Bolton": no meeting took place
        if token.dep_ in ("ccomp", "xcomp") and self.verb_trigger_kinds(token.head) & {"Demand", "Proposal"}:
            return "Hypothetical"  # "insisted that Uganda accept the truce", "called on it to sign": asked, not done
        if trig.kind in ("Meeting", "Agreement", "Acceptance") and self.conditional(token):
            return "Hypothetical"  # "will only let them meet if ...": a condition, not a meeting
        chain, node = [], token
        for _ in range(4):
            if node.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                return "Hypothetical"  # a purpose: "a gesture to help launch talks"
            if node.head.i == node.i or node.dep_ in ("ccomp", "relcl"):
                break  # a reported or relative clause has its own status
            coordinate = node.dep_ == "conj"  # "told X to halt and urged Y": a second act, not a governor
            node = node.head
            if not coordinate:
                chain.append(node)
            nearby.extend(c for c in node.children if c.dep_ in ("aux", "mark", "acomp"))
        nearby = [t for t in nearby if t.i != token.i]
        words = {t.lower_ for t in nearby + chain} | {t.lemma_.lower() for t in nearby + chain}
        if trig.polarity == "-":
            # "would not accept", "is not willing to sign" refuse; they do not speculate.
            words -= WEAK_MODALS | lexicon.words("willingness")
        if words & hypothetical:
            return "Hypothetical"
        verbal = {t.lower_ for t in nearby + chain if t.pos_ != "NOUN"} | {
            t.lemma_.lower() for t in nearby + chain if t.pos_ != "NOUN"}
        if verbal & planned and trig.polarity == "+":  # "will not accept" refuses now
            return "Planned"
        return "Actual"

    @staticmethod
    def conditional(token: Token) -> bool:
        """Whether the trigger's clause, or the clause it completes, holds only on a
        condition ("would meet if", "will only let X meet if", "will not sign unless")."""
        marks = lexicon.lexicon()["condition_marks"]
        conditions = set(marks["only_with"]) | set(marks["alone"])
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in conditions for m in c.children)
                   for node in (token, token.head) for c in node.children)

    @cached_property
    def _entities(self) -> tuple[list[Span], list[int]]:
        """The document's entities and where each starts, listed once."""
        ents = list(self.doc.ents)
        return ents, [ent.start for ent in ents]

    def ents_in(self, sent: Span) -> list[Span]:
        """``sent.ents``, without building every entity of the document for each
        sentence asked about."""
        ents, starts = self._entities
        found = []
        for ent in ents[bisect_left(starts, sent.start):]:
            if ent.end > sent.end:
                break  # as Span.ents does: the first entity to cross the end stops it
            found.append(ent)
        return found

    def date_text(self, token: Token, sent: Span) -> str | None:
        related = {token.i, token.head.i} | {a.i for a in token.ancestors if a.sent == sent}
        for ent in self.ents_in(sent):
            if ent.label_ != "DATE" or not looks_like_point(ent.text):
                continue
            root = ent.root
            if root.head.i in related or any(a.i == token.i for a in root.ancestors) \
                    or (root.head.dep_ == "prep" and root.head.head.i in related):
                return ent.text
        return None

    def place(self, token: Token) -> Mention | None:
        for node in [token, token.head]:
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.prepositions("where"):
                    target = self.pobj(prep)
                    mention = self.index.get(target.i) if target is not None else None
                    if mention is not None and mention.kind in ("place", "gpe", "country") \
                            and mention.subkind not in ("adjective", "people"):
                        return mention
        return None
