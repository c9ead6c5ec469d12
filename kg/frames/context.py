"""The document as every part of the event reader sees it, and the short walks over
its parse that they all take.

A ``Context`` is made once per ``Doc``: the actor mention at each token (from the
actors component), which tokens are quoted (from the quotes component), the trigger
table and the word lists of ``data/``. Its helpers step from a preposition to its
object (``pobj``) and from a light noun or gerund to what it is about (``follow``).
The parts built on it (``roles``, ``triggers``, ``topics``, ``status``) add what
they read; ``frames.Reader`` puts them together.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import lexicon
from ..actors import mention_index
from ..doctext import quote_mask
from ..deps import PREPOSITION_OBJECTS


class Context:
    """One parsed document, read by the event reader's parts."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.index = mention_index(doc)
        self.in_quote = quote_mask(doc)
        self.triggers = lexicon.triggers()
        self.light = lexicon.words("light_nouns")
        self.drop_modifiers = lexicon.words("topic_drop_modifiers")
        self.speech = lexicon.words("speech_verbs")
        self.forums = lexicon.words("forum_nouns")
        self.temporal = lexicon.words("temporal_prepositions")
        self.offered = (lexicon.words("agreement_objects") | lexicon.words("truce_objects")
                        | lexicon.words("appeal_objects") | lexicon.words("self_naming_proposals"))
        self.particles = lexicon.words("verb_particles")

    def verb_trigger_kinds(self, verb: Token) -> set[str]:
        """The kinds of event a verb's lemma can open, whatever its need ("urge": Proposal)."""
        return {t.kind for t in self.triggers.get((verb.lemma_.lower(), "VERB"), ())}

    def pobj(self, prep: Token | None) -> Token | None:
        if prep is None:
            return None
        for child in prep.children:
            if child.dep_ in PREPOSITION_OBJECTS:
                if any(g.dep_ == "mark" and g.lower_ in self.temporal for g in child.children):
                    continue  # "asking for ever since the talks opened": the clause says when
                if child.pos_ in ("VERB", "AUX"):  # "on making concessions"
                    objs = [c for c in child.children if c.dep_ == "dobj"]
                    # "spoke with Merkel ... to consult": the parser may make the name the
                    # subject of a clause under the preposition.
                    subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
                    return objs[0] if objs else subjects[0] if subjects else child
                return child
                return child
        return None

    def follow(self, noun: Token | None) -> list[Token]:
        """From a light noun or gerund to what it is about, conjuncts included."""
        if noun is None:
            return []
        for _ in range(3):
            if noun.pos_ in ("VERB", "AUX"):
                objs = [c for c in noun.children if c.dep_ == "dobj"]
                if not objs:
                    break
                noun = objs[0]
            elif noun.lemma_.lower() in self.light or noun.lower_ in self.light:
                preps = [c for c in noun.children if c.dep_ == "prep"
                         and c.lower_ in lexicon.prepositions("about")]
                target = self.pobj(preps[0]) if preps else None
                if target is None:
                    break
                noun = target
            else:
                break
        found = [noun, *[c for c in noun.conjuncts if c.pos_ in ("NOUN", "PROPN") and not self.contrasted(c)]]
        if noun.lemma_.lower() in self.forums:
            # "discussions on a roadmap and a ceasefire": the talks, and what they are about.
            for prep in noun.children:
                target = self.pobj(prep) if prep.dep_ == "prep" and prep.lower_ in lexicon.prepositions("subject_matter") else None
                if target is not None and target.pos_ == "NOUN" and target.i not in self.index:
                    found += [target, *[c for c in target.conjuncts if c.pos_ == "NOUN" and not self.contrasted(c)]]
        return found

    def contrasted(self, conjunct: Token) -> bool:
        """"peace rather than a truce", "talks, not a truce": the conjunct is set aside."""
        window = self.doc[max(conjunct.left_edge.i - 3, 0):conjunct.left_edge.i]
        return any(t.lower_ in ("than", "not", "instead") for t in window)

    def is_light(self, token: Token) -> bool:
        return token.lemma_.lower() in self.light or token.lower_ in self.light

    @staticmethod
    def stranded(prep: Token) -> bool:
        """"what they had asked for": a preposition with nothing after it."""
        return prep.dep_ == "prep" and not any(c.dep_ in PREPOSITION_OBJECTS for c in prep.children)
