"""Finding triggers and checking them: which words of a sentence open a frame.

A trigger of ``data/triggers.tsv`` is a lemma with its part of speech, its event
kind, and what it may need: a child word ("call for"), an object from a word list
("declared a ceasefire", not "declared victory"), an actor after a preposition
("called on Iran"). Negation ("did not reject") cancels a trigger, except one that
only means its kind when negated ("will not accept" rejects); so does a negated
word of willingness ("is not ready to sign"). The other checks here say when a
trigger is not the event itself: an attempt ("sought to exploit"), or what another
trigger is about ("proposing talks").
"""
from __future__ import annotations

from functools import cache

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from .. import lexicon
from ..lexicon import Trigger
from .roles import Roles
from ..deps import CLAUSAL_MODIFIERS, PREPOSITION_OBJECTS, THEMES

NEGATIONS = lexicon.words("negations")
ACCEPTING = lexicon.words("accepting_verbs")
POS_GROUPS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


class Triggers(Roles):
    """Which tokens are triggers, and what their parse says about them."""

    def trigger_candidates(self) -> list[int]:
        """Indices of the tokens whose lemma is some trigger's, in order: only they can
        open a frame, and the rest need not become Python objects."""
        doc = self.doc
        if not len(doc):
            return []
        lemmas = doc.to_array(LEMMA)
        wanted = trigger_lemmas()
        strings = doc.vocab.strings
        ids = [h for h in numpy.unique(lemmas).tolist() if strings[h].lower() in wanted]
        return numpy.flatnonzero(numpy.isin(lemmas, numpy.array(ids, dtype=lemmas.dtype))).tolist()

    def trigger_of(self, token: Token) -> Trigger | None:
        pos = POS_GROUPS.get(token.pos_)
        if pos is None:
            return None
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        for trig in self.triggers.get((token.lemma_.lower(), pos), ()):
            if trig.needs and not self.has_child_word(token, trig.needs):
                continue
            if particle is not None and lexicon.child_word(trig.needs) != particle:
                continue  # "back up", "turn over", "call off": another verb than "back", "turn"
            negated = self.negated(token)
            if pos == "NOUN" and token.dep_ in THEMES and self.negated(token.head):
                negated = True  # "has not set preconditions"
            if (trig.polarity == "-") != negated:
                continue
            return trig
        return None

    def has_child_word(self, token: Token, word: str) -> bool:
        """Whether ``token`` has the child a trigger needs (see data/triggers.tsv)."""
        if word.startswith("="):
            # "=truce_objects": the object must be a word of that lexicon list
            # ("declared a ceasefire", not "declared victory").
            return self.agreement_object(token, word[1:]) is not None
        if ">" in word:  # "for>proposal": "support for Egypt's plan", not "support for Assad"
            prep = lexicon.child_word(word)
            return any(c.dep_ == "prep" and c.lower_ == prep and (t := self.pobj(c)) is not None
                       and self.names_a_proposal(t) for c in token.children)
        if "@" in word:  # "on@actor": "called on Iran to ...", not "called him on the day"
            prep = lexicon.child_word(word)
            return any(c.dep_ == "prep" and c.lower_ == prep and (t := self.pobj(c)) is not None
                       and self.is_actor_token(t) for c in token.children)
        if "=" in word:  # "to=offer_acts": "ready to talk", not "ready to fall"
            acts = lexicon.words(word.split("=", 1)[1])
            prep = lexicon.child_word(word)
            for child in token.children:
                if child.dep_ == "xcomp" and child.lemma_.lower() in acts \
                        and any(g.lower_ == prep for g in child.children):
                    return True
                if child.dep_ == "prep" and child.lower_ == prep:  # "open to drafting", "open to talks"
                    target = next((g for g in child.children if g.dep_ in PREPOSITION_OBJECTS), None)
                    if target is not None and (target.lemma_.lower() in acts or target.lemma_.lower() in trigger_lemmas()):
                        return True
            return False
        for child in token.children:
            if (child.lower_ == word or child.lemma_.lower() == word) and not self.stranded(child):
                return True
            # "ready to talk": the "to" of an infinitive complement.
            if word == "to" and child.dep_ == "xcomp" and any(g.lower_ == "to" for g in child.children):
                return True
            # "the need for Turkey to release ...": the word marks the complement clause.
            if child.dep_ in ("advcl", "acl", "xcomp") and any(
                    g.dep_ == "mark" and g.lower_ == word for g in child.children):
                return True
            # "spoke by phone", "talked over the telephone": the word a preposition down.
            if child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() == word
                                            for g in child.children):
                return True
        return False

    def names_a_proposal(self, noun: Token) -> bool:
        """A noun phrase about a proposal, demand or accord ("China's suggestion of
        talks", "the nuclear deal"), not about a person or a party."""
        objects = lexicon.words("agreement_objects")
        for tok in noun.subtree:
            if tok.lemma_.lower() in objects:
                return True
            for trig in self.triggers.get((tok.lemma_.lower(), "NOUN"), ()):
                if trig.kind in ("Proposal", "Demand", "Agreement", "Meeting"):
                    return True
        return False

    def agreement_object(self, token: Token, words: str = "agreement_objects") -> Token | None:
        """What is signed, reached or struck, if it is a kind of agreement (or of what
        the lexicon list ``words`` names)."""
        objects = lexicon.words(words)
        candidates = [c for c in token.children if c.dep_ in THEMES]
        if token.dep_ in CLAUSAL_MODIFIERS and token.head.pos_ in ("NOUN", "PROPN"):
            candidates.append(token.head)  # "the deal struck on Monday"
        for cand in candidates:
            for head in self.follow(cand)[:1] + [cand]:
                if head.lemma_.lower() in objects or head.lower_ in objects:
                    return head
        return None

    def negated(self, token: Token) -> bool:
        if token.dep_ == "pcomp" and token.head.lower_ == "without":
            return True  # "without seeking consent"
        if self.unwilling(token):
            return True  # "is not willing to accept", "no longer interested in agreeing to"
        for child in token.children:
            if child.dep_ == "neg" or child.lower_ in NEGATIONS and child.dep_ in ("advmod", "det"):
                return True
            # "see no point in": the negation sits on the object.
            if child.dep_ in ("dobj", "attr") and any(
                    g.lower_ in NEGATIONS and g.dep_ in ("det", "neg") for g in child.children):
                return True
        # "no rejection", "hopes ... remain dim" are handled by status, not here.
        return False

    def unwilling(self, token: Token) -> bool:
        """The trigger is what a negated word of willingness governs: "is not ready to
        sign", "no longer interested in agreeing to"."""
        willingness = lexicon.words("willingness")
        node = token
        for _ in range(4):
            if node.dep_ not in ("xcomp", "pcomp", "prep", "acomp") or node.head.i == node.i:
                return False
            node = node.head
            if node.lemma_.lower() in lexicon.words("unwillingness") or node.lower_ in lexicon.words("unwillingness"):
                return True  # "unwilling to accede", "failed to offer", "refusal to sign"
            if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in node.children) and node.lemma_ == "be":
                return True  # "Turkey is yet to offer"
            if node.lemma_.lower() in willingness or node.lower_ in willingness:
                holders = [node, node.head] if node.dep_ == "acomp" else [node]
                return any(c.dep_ == "neg" or c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children)
                           for h in holders for c in h.children)  # "not", "no longer"
        return False

    def attempts(self, token: Token) -> bool:
        """The trigger governs only an infinitive ("sought to exploit the vacuum")."""
        objects = [c for c in token.children if c.dep_ in ("dobj", "prt", "attr")]
        infinitives = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if objects or not infinitives:
            return False
        # "refused to accept the truce": the infinitive is itself a trigger's clause.
        return self.trigger_of(infinitives[0]) is None and infinitives[0].lemma_.lower() not in ACCEPTING

    def rejects_a_proposal(self, token: Token) -> bool:
        return any(c.i != token.i and (t := self.trigger_of(c)) is not None and t.kind == "Proposal"
                   for c in token.subtree)

    def is_topic_of_trigger(self, noun: Token, kind: str) -> bool:
        node = noun
        circumstance = lexicon.words("circumstance_prepositions")
        for _ in range(3):
            if node.i == node.head.i:
                break
            node = node.head
            if node.dep_ == "prep" and node.lower_ in circumstance:
                break  # "signed the truce after a meeting with X": the meeting is its own event
            trig = self.trigger_of(node)
            if trig is not None and trig.kind not in ("Meeting", kind):
                return True
        return False


@cache
def trigger_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _pos in lexicon.triggers())


def lemma_candidates(doc: Doc, section: str) -> list[int]:
    """Indices of the tokens whose lemma is in a word list of the lexicon."""
    words = lexicon.words(section)
    return [t.i for t in doc if t.lemma_.lower() in words]


def speech_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens whose lemma is a speech verb's."""
    return lemma_candidates(doc, "speech_verbs")
