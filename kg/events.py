"""Events read from the dependency parse: who proposed, rejected, demanded or met.

A trigger word from ``data/triggers.tsv`` (a verb or a noun) opens a frame; its roles
come from the parse around it:

- agent: the subject, the passive "by" phrase ("the truce proposed by Egypt"), a
  possessive ("Israel's rejection"), or, for a subjectless verb ("continues to call
  for", "outreaches proposing talks"), the subject of the verb that governs it;
- topic: the object, the complement of the trigger's preposition ("call for X"), or
  what a light noun is about ("the idea of talks"), followed through gerunds ("ruled
  out making concessions");
- participants of a meeting: subject, object, "with" and "between" phrases.

Negation ("did not reject") cancels a frame, except for triggers that only mean
rejection when negated ("will not accept"). Modal and future cues set the status
(kg:Planned, kg:Hypothetical). Triggers inside quotations are left to the Statement.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import cache

import numpy
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicon
from .actors import mention_index, quote_mask
from .dates import looks_like_point
from .lexicon import Trigger
from .records import ACTOR_KINDS, Frame, Mention

NEGATIONS = lexicon.words("negations")
NOT_TOPICS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "GPE", "PERSON"}
ACCEPTING = lexicon.words("accepting_verbs")
WEAK_MODALS = lexicon.words("weak_modals")
POS_GROUPS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


class Reader:
    """Reads the frames of one parsed document."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.index = mention_index(doc)
        self.in_quote = quote_mask(doc)
        self.triggers = lexicon.triggers()
        self.light = lexicon.words("light_nouns")
        self.drop_modifiers = lexicon.words("topic_drop_modifiers")
        self.speech = lexicon.words("speech_verbs")
        self.particles = lexicon.words("verb_particles")
        self._ents: list[Span] | None = None
        self._ent_starts: list[int] = []

    # -- triggers -----------------------------------------------------------------

    def trigger_of(self, token: Token) -> Trigger | None:
        pos = POS_GROUPS.get(token.pos_)
        if pos is None:
            return None
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        for trig in self.triggers.get((token.lemma_.lower(), pos), ()):
            if trig.needs and not self.has_child_word(token, trig.needs):
                continue
            if particle is not None and needed_word(trig.needs) != particle:
                continue  # "back up", "turn over", "call off": another verb than "back", "turn"
            negated = self.negated(token)
            if pos == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and self.negated(token.head):
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
            prep = needed_word(word)
            return any(c.dep_ == "prep" and c.lower_ == prep and (t := self.pobj(c)) is not None
                       and self.names_a_proposal(t) for c in token.children)
        if "@" in word:  # "on@actor": "called on Iran to ...", not "called him on the day"
            prep = needed_word(word)
            return any(c.dep_ == "prep" and c.lower_ == prep and (t := self.pobj(c)) is not None
                       and self.is_actor_token(t) for c in token.children)
        if "=" in word:  # "to=offer_acts": "ready to talk", not "ready to fall"
            acts = lexicon.words(word.split("=", 1)[1])
            prep = needed_word(word)
            for child in token.children:
                if child.dep_ == "xcomp" and child.lemma_.lower() in acts \
                        and any(g.lower_ == prep for g in child.children):
                    return True
                if child.dep_ == "prep" and child.lower_ == prep:  # "open to drafting", "open to talks"
                    target = next((g for g in child.children if g.dep_ in ("pcomp", "pobj")), None)
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
                if trig.kind in ("Proposal", "Demand", "Agreement"):
                    return True
        return False

    @staticmethod
    def stranded(prep: Token) -> bool:
        """"what they had asked for": a preposition with nothing after it."""
        return prep.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in prep.children)

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

    # -- actors ---------------------------------------------------------------------

    def actors_at(self, token: Token, *, as_agent: bool = False) -> list[Mention]:
        """The actors a noun phrase headed by ``token`` names, conjuncts included."""
        found: list[Mention] = []
        for head in [token, *token.conjuncts]:
            mention = self.actor_of_head(head, as_agent=as_agent)
            if mention is not None and mention not in found:
                found.append(mention)
        return found

    def actor_of_head(self, head: Token, *, as_agent: bool = False) -> Mention | None:
        for appos in head.children:
            if appos.dep_ == "appos":
                named = self.index.get(appos.i)
                if named is not None and named.is_actor:
                    return named.referent
        mention = self.index.get(head.i)
        if mention is None:
            return None
        referent = mention.referent
        if referent.kind in ACTOR_KINDS:
            return referent
        if referent.kind == "gpe" and as_agent:
            # An unknown geopolitical name acting as a party: resolve decides what it is.
            referent.acts = True
            return referent
        return None

    def subject(self, verb: Token) -> list[Mention]:
        raising = any(c.dep_ == "xcomp" for c in verb.children)
        for child in verb.children:
            # "X is expected to visit": the passive subject of a raising verb is the doer.
            # The parser sometimes splits a long subject ("army chief Abdel Fattah
            # al-Burhan") into several: the first that names an actor counts.
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and raising):
                found = self.actors_at(child, as_agent=True)
                if found:
                    return found
            if child.dep_ == "agent":
                return [a for pobj in child.children if pobj.dep_ == "pobj"
                        for a in self.actors_at(pobj, as_agent=True)]
        return []

    def has_subject(self, verb: Token) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)

    def has_personal_subject(self, verb: Token) -> bool:
        """"the sides had agreed", "they refused": someone, though no actor we know, did
        it; the speaker reporting it did not."""
        people = lexicon.words("group_heads") | lexicon.words("person_pronouns") | lexicon.words("collective_pronouns")
        return any(c.dep_ == "nsubj" and (c.lower_ in people or c.lemma_.lower() in people)
                   for c in verb.children)

    def governing_agents(self, token: Token) -> list[Mention]:
        """Agents for a subjectless trigger: the subject of the verb that governs it."""
        node = token
        for _ in range(6):
            if node.dep_ == "ROOT" or node.head.i == node.i:
                return []
            dep, node = node.dep_, node.head
            if dep in ("acl", "relcl") and node.pos_ in ("NOUN", "PROPN", "PRON"):
                # "Putin, following a call with Trump": the noun is the doer...
                actors = self.actors_at(node)
                if actors:
                    return actors
            if node.pos_ in ("VERB", "AUX"):
                if dep == "xcomp":
                    # "persuaded the Kurds to embrace", "urged Erdogan to seize": the one
                    # asked is the one who would act.
                    asked = [a for c in node.children if c.dep_ == "dobj" for a in self.actors_at(c)]
                    if asked:
                        return asked
                if node.lemma_.lower() in self.speech and dep == "ccomp":
                    # "Russia maintains that a solution requires ...": the speaker.
                    return self.subject(node)
                if self.has_subject(node) or any(c.dep_ == "agent" for c in node.children):
                    found = self.subject(node)
                    if found or dep not in ("ccomp",):
                        return found
        return []

    def modifier_actors(self, noun: Token) -> list[Mention]:
        """"the Egyptian proposal", "an EU-brokered plan": the modifier made it."""
        found = []
        authoring = lexicon.words("authoring_participles")
        for child in noun.children:
            if child.i < noun.i and child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                if child.pos_ == "VERB" and child.lemma_.lower() not in authoring:
                    continue  # "the Russia-led inquiry", "Australia-based plans": not its author
                for tok in child.subtree:
                    mention = self.index.get(tok.i)
                    if mention is not None and mention.referent.kind in ACTOR_KINDS and mention.referent not in found:
                        found.append(mention.referent)
        return found

    def possessor(self, noun: Token) -> list[Mention]:
        for child in noun.children:
            if child.dep_ == "poss":
                return self.actors_at(child)
        # "President Santos’ call", "Erdoğan’s calls": the parser often misses a
        # possessive written with a curly or bare apostrophe (and may even take the noun
        # for a verb); the name just before it is the possessor.
        i = noun.i - 1
        while i > 0 and self.doc[i].dep_ in ("amod", "compound") and self.doc[i].head.i == noun.i:
            i -= 1
        if i > 0 and (self.doc[i].text in ("'", "’") and self.doc[i - 1].text.endswith("s")
                      or self.doc[i].lower_ in ("'s", "’s")):
            mention = self.index.get(i - 1)
            if mention is not None and mention.referent.kind in ACTOR_KINDS:
                return [mention.referent]
        return []

    # -- topics ---------------------------------------------------------------------

    def topic_heads(self, token: Token, trig: Trigger) -> list[Token]:
        """The noun(s) a trigger is about."""
        if trig.needs and trig.pos == "VERB":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == needed_word(trig.needs):
                    target = self.pobj(child)
                    if target is not None and self.is_actor_token(target):
                        # "called on Russia to accept a truce": Russia is addressed; the
                        # infinitive, under the verb or the addressee, says what is asked.
                        for sub in [*token.children, *target.children]:
                            if sub.dep_ in ("xcomp", "acl", "relcl") and sub.pos_ == "VERB":
                                return self.topic_heads(sub, Trigger(sub.lemma_, "VERB", trig.kind))
                        break
                    return self.follow(target)
        for child in token.children:
            if child.dep_ in ("dobj", "attr") and not self.is_actor_token(child):
                if any(c.dep_ == "xcomp" for c in token.children) and child.pos_ in ("PRON", "NOUN") \
                        and not self.trigger_of(child):
                    break  # "urged both sides to stop": what is urged is the complement
                heads = self.follow(child)
                if heads and heads[0].i == child.i and self.is_light(child):
                    # "does not see the purpose in a truce": the complement hangs on the verb.
                    for prep in token.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "for", "to", "on"):
                            return self.follow(self.pobj(prep))
                return heads
        for child in token.children:
            # "suggested that fighters could..." claims; "insisted that Kyiv abandon..." demands.
            clausal = ("xcomp", "ccomp") if trig.kind != "Proposal" or token.lemma_ == "propose" else ("xcomp",)
            if trig.pos == "NOUN":
                # "plans to unleash forces", "a demand to withdraw", "the need for X to go"
                clausal = ("acl", "xcomp", "advcl")
            if child.dep_ in clausal and child.pos_ in ("VERB", "AUX"):
                inner = [c for c in child.children if c.dep_ == "dobj" and not self.is_actor_token(c)]
                if inner:
                    return self.follow(inner[0])
                for prep in child.children:
                    if prep.dep_ == "prep" and child.dep_ == "xcomp":
                        target = self.pobj(prep)
                        if target is not None and not self.is_actor_token(target):
                            return self.follow(target)
                if child.dep_ in ("xcomp", "acl") or child.dep_ == "ccomp" and not inner:
                    return [child]  # "offered to mediate", "insisted they be excluded": the act
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.pos_ == "VERB":
            return [token.head]  # "the truce proposed by Egypt"
        for child in token.children:
            # Not "with": "dismissed them with a laugh", "talks with X" say how or with whom.
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "on", "to", "in", "about", "over"):
                target = self.pobj(child)
                if target is not None and not self.is_actor_token(target):
                    return self.follow(target)
                if target is not None:
                    # "its call for Assad to stand aside": what the actor is asked to do.
                    for sub in target.children:
                        if sub.dep_ in ("acl", "relcl", "xcomp") and sub.pos_ == "VERB":
                            return [sub]
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return [token.head]  # "the truce proposed by Egypt"
        for child in token.children:
            if child.dep_ == "dobj":  # "requires Ukraine to commit to neutrality"
                for sub in child.head.children:
                    if sub.dep_ in ("xcomp", "ccomp"):
                        return self.topic_heads(sub, Trigger(sub.lemma_, "VERB", trig.kind))
        return []

    def pobj(self, prep: Token | None) -> Token | None:
        if prep is None:
            return None
        for child in prep.children:
            if child.dep_ in ("pobj", "pcomp"):
                if child.pos_ in ("VERB", "AUX"):  # "on making concessions"
                    objs = [c for c in child.children if c.dep_ == "dobj"]
                    return objs[0] if objs else child
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
                         and c.lower_ in ("of", "for", "on", "about", "to", "towards")]
                target = self.pobj(preps[0]) if preps else None
                if target is None:
                    break
                noun = target
            else:
                break
        return [noun, *[c for c in noun.conjuncts if c.pos_ in ("NOUN", "PROPN") and not self.contrasted(c)]]

    def contrasted(self, conjunct: Token) -> bool:
        """"peace rather than a truce", "talks, not a truce": the conjunct is set aside."""
        window = self.doc[max(conjunct.left_edge.i - 3, 0):conjunct.left_edge.i]
        return any(t.lower_ in ("than", "not", "instead") for t in window)

    def is_light(self, token: Token) -> bool:
        return token.lemma_.lower() in self.light or token.lower_ in self.light

    def is_actor_token(self, token: Token) -> bool:
        return self.actor_of_head(token) is not None

    def topic_label(self, head: Token) -> str | None:
        """A topic's name: the head noun with its classifying modifiers."""
        if head.pos_ not in ("NOUN", "PROPN", "VERB") or self.is_actor_token(head) \
                or head.ent_type_ in NOT_TOPICS:
            return None
        parts: list[Token] = []
        for child in head.children:
            if child.pos_ == "VERB" and child.dep_ == "amod" and any(
                    self.index.get(t.i) is not None and self.index[t.i].is_actor for t in child.subtree):
                continue  # "the Saudi-led coalition": who led it says which, not what
            if child.i < head.i and child.dep_ in ("amod", "compound", "nmod", "npadvmod") \
                    and child.lower_ not in self.drop_modifiers \
                    and not any(t.like_num for t in child.subtree) \
                    and child.pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
                parts.extend(t for t in child.subtree if t.i < head.i and (not t.is_punct or joins_words(t))
                             and t.lower_ not in self.drop_modifiers and not t.like_num)
        if head.pos_ == "VERB":
            # "demanded that the RSF withdraw from homes": the act and what it acts on.
            words = [head.lemma_.lower()] + [c.lower_ for c in head.children if c.dep_ == "prt"
                                             or c.i == head.i + 1 and c.lower_ in self.particles]
            for child in head.children:
                if child.dep_ == "dobj" and not self.is_actor_token(child):
                    words.append(self.topic_label(child) or "")
                    break
                if child.dep_ == "prep" and child.lower_ not in ("before", "after", "during", "until"):
                    target = self.pobj(child)
                    if target is not None and target.pos_ in ("NOUN", "PROPN") and not self.is_actor_token(target):
                        words += [child.lower_, self.topic_label(target) or target.lower_]
                        break
            return " ".join(w for w in words if w)
        parts.extend(c for c in head.children if c.i < head.i and joins_words(c))  # "cease-fire"
        parts.append(head)
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == head.i + 1:
                target = self.pobj(child)
                if target is not None and not self.is_actor_token(target) and target.i - head.i <= 4:
                    parts.extend(t for t in self.doc[child.i:target.i + 1]
                                 if t.pos_ not in ("DET",) and t.lower_ not in self.drop_modifiers)
        seen, words = set(), []
        for tok in sorted(parts, key=lambda t: t.i):
            mention = self.index.get(tok.i)
            if mention is not None and mention.referent.kind in ACTOR_KINDS and tok.i != head.i:
                continue  # "the EU-brokered plan": who brokered it is an actor, not the topic
            if tok.i not in seen and not tok.is_space and tok.lower_ not in ("'s", "’s", "'", "’"):
                seen.add(tok.i)
                words.append(tok.text.lower().strip("\"“”'’"))
        label = " ".join(w for w in words if w).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        return label or None

    def topics(self, token: Token, trig: Trigger) -> list[str]:
        heads = self.topic_heads(token, trig)
        if not heads and trig.pos == "NOUN" and trig.kind == "Proposal" \
                and token.lemma_.lower() in lexicon.words("self_naming_proposals") \
                and len((self.topic_label(token) or "").split()) > 1:
            heads = [token]  # "Egypt's peace plan": the plan is what is proposed
        if len(heads) == 1 and heads[0].i != token.i and self.trigger_of(heads[0]) is not None:
            # "The proposal, put forward by X, called for a truce": what the proposal
            # itself calls for (the parser hangs "called" on the verb or on the noun).
            noun = heads[0]
            verbs = [noun.head] if noun.dep_ == "nsubj" else []
            verbs += [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.i != token.i]
            for verb in verbs:
                outer = self.trigger_of(verb)
                if outer is not None and outer.kind == trig.kind and (inner := self.topic_heads(verb, outer)):
                    heads = inner
                    break
        labels = [self.topic_label(h) for h in heads]
        return list(dict.fromkeys(label for label in labels if label))

    # -- status, dates, places ---------------------------------------------------

    def status(self, token: Token, trig: Trigger) -> str:
        hypothetical = lexicon.words("modal_hypothetical") | lexicon.words("willingness")
        planned = lexicon.words("modal_planned")
        nearby = [c for c in token.children if c.dep_ in ("aux", "amod", "mark", "advmod")]
        chain, node = [], token
        for _ in range(4):
            if node.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                return "Hypothetical"  # a purpose: "a gesture to help launch talks"
            if node.head.i == node.i or node.dep_ in ("ccomp",):
                break
            node = node.head
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

    def ents_in(self, sent: Span) -> list[Span]:
        """``sent.ents``, without building every entity of the document for each
        sentence asked about."""
        if self._ents is None:
            self._ents = list(self.doc.ents)
            self._ent_starts = [ent.start for ent in self._ents]
        found = []
        for ent in self._ents[bisect_left(self._ent_starts, sent.start):]:
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
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    target = self.pobj(prep)
                    mention = self.index.get(target.i) if target is not None else None
                    if mention is not None and mention.kind in ("place", "gpe", "country") \
                            and mention.subkind not in ("adjective", "people"):
                        return mention
        return None

    # -- frames -------------------------------------------------------------------

    def frame(self, token: Token, trig: Trigger) -> Frame | None:
        sent = token.sent
        frame = Frame(kind=trig.kind, trigger=token.text, trigger_char=token.idx,
                      evidence=sent.text.strip(), subclass=trig.subclass, cameo=trig.cameo,
                      status=self.status(token, trig), sentence_start=sent.start_char)
        if frame.status != "Actual" and trig.pos == "NOUN" and trig.kind in ("Proposal", "Demand") \
                and (self.possessor(token) or self.modifier_actors(token)):
            # "willing to support China's proposal": the proposal was made; what is only
            # hoped for is the support.
            frame.status = "Actual"
        if frame.status == "Hypothetical":
            return None  # hoped for, possible, conditional: not a reported event
        if trig.kind == "Meeting":
            frame.participants = self.participants(token, trig)
            if len({m.name for m in frame.participants}) < 2:
                return None
        elif trig.kind in ("Agreement", "Acceptance") and trig.pos == "VERB" and any(
                c.dep_ == "ccomp" for c in token.children):
            return None  # "accept that ...", "agreed with Bolton that ...": a view, not a deal
        elif trig.kind == "Agreement" or trig.kind == "Acceptance" and self.agreed_together(token):
            return self.agreement(token, trig, frame)
        elif trig.kind == "Acceptance":
            frame.agents = self.agents(token, trig)
            frame.topics = self.topics(token, trig)
            frame.partial = self.partial(token)
            if any(c.dep_ == "dobj" and self.is_actor_token(c) for c in token.children):
                return None  # "embraced the Syrian president": a person, not a proposal
            if not frame.agents or not frame.topics or \
                    self.about_no_proposal(frame.topics) and not self.rejects_a_proposal(token):
                return None  # "accepted responsibility", "accepted the results": no proposal taken
            if trig.pos == "VERB" and self.attempts(token):
                return None
        else:
            frame.agents = self.agents(token, trig)
            frame.topics = self.topics(token, trig)
            if not frame.agents and trig.pos == "NOUN":
                return None
            if trig.kind == "Rejection" and self.about_no_proposal(frame.topics) \
                    and not self.rejects_a_proposal(token):
                return None  # "dismissed the accusations": a denial, not a rejected proposal
            if trig.kind == "Demand" and any(c.dep_ == "ccomp" and self.negated(c) for c in token.children):
                return None  # "insisting that Belgrade would never recognise Kosovo": a stance, not a demand
            if trig.kind in ("Rejection", "Demand") and not frame.topics and not self.rejects_a_proposal(token):
                return None  # a rejection or demand is about something: "insisted that he..." is not one
            if trig.pos == "VERB" and trig.kind != "Proposal" and self.attempts(token):
                return None  # "sought to exploit", "refusing to go": an attempt, not a stance on a proposal
        frame.agents = [m for m in frame.agents if m.kind != "news_outlet"]
        if frame.agents and all(self.judicial(m) for m in frame.agents):
            return None  # "the court rejected the appeal": a ruling, not diplomacy
        if trig.kind != "Meeting" and not frame.agents and trig.pos != "NOUN":
            return None
        frame.date_text = self.date_text(token, sent)
        frame.place = self.place(token)
        return frame

    @staticmethod
    def judicial(mention: Mention) -> bool:
        words = set(mention.referent.name.lower().split()) | set(mention.text.lower().split())
        return bool(words & lexicon.words("judicial_bodies"))

    def about_no_proposal(self, topics: list[str]) -> bool:
        """"dismissed the accusations", "accepted responsibility": words or facts, not a
        proposal, are what is rejected or accepted."""
        not_proposals = lexicon.words("not_proposals")
        return any(w in not_proposals for t in topics for w in t.split())

    def partial(self, token: Token) -> bool:
        """"accepted parts of the roadmap", "partly agreed to": only some of it."""
        markers = lexicon.words("partial_markers")
        for child in token.children:
            if child.dep_ in ("dobj", "advmod", "npadvmod") and child.lower_ in markers:
                return True
            if child.dep_ == "prep" and (target := self.pobj(child)) is not None and target.lower_ in markers:
                return True  # "agreed to parts of the plan"
        return False

    # -- agreements ---------------------------------------------------------------

    def agreed_together(self, token: Token) -> bool:
        """"Peru and Chile agreed to ...", "Peru agreed with Chile on ...": two sides."""
        return token.lemma_.lower() == "agree" and len(self.sides(token)) >= 2

    def sides(self, token: Token) -> list[Mention]:
        """The parties a verb or noun of agreement names: its subject, the doers of a
        passive, and the "with"/"between" phrases, on it or on the noun it describes."""
        found: list[Mention] = []
        nodes = [token]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ == "of" \
                and token.head.head.pos_ == "NOUN":
            nodes.append(token.head.head)  # "the signing of an accord between A and B"
        if token.dep_ in ("acl", "relcl") and token.head.pos_ == "NOUN":
            nodes.append(token.head)  # "a deal struck between A and B"
        for node in nodes:
            if node.pos_ in ("VERB", "AUX"):
                subject = self.subject(node) if self.has_subject(node) else self.governing_agents(node)
                found.extend(m for m in subject if m not in found)
                found.extend(m for m in self.agents(node, Trigger(node.lemma_, "VERB", "Agreement"))
                             if m not in found)
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "between", "among", "by"):
                    target = self.pobj(child)
                    if target is not None:
                        found.extend(m for m in self.actors_at(target, as_agent=True) if m not in found)
                elif node.pos_ == "NOUN" and child.dep_ in ("compound", "nmod", "poss"):
                    if child.lower_ == "their":
                        found.extend(m for m in self.governing_agents(node) if m not in found)
                    else:
                        found.extend(m for m in self.actors_at(child, as_agent=True) if m not in found)
        return [m for m in found if m.kind != "news_outlet"]

    def agreement_object(self, token: Token, words: str = "agreement_objects") -> Token | None:
        """What is signed, reached or struck, if it is a kind of agreement (or of what
        the lexicon list ``words`` names)."""
        objects = lexicon.words(words)
        candidates = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
            candidates.append(token.head)  # "the deal struck on Monday"
        for cand in candidates:
            for head in self.follow(cand)[:1] + [cand]:
                if head.lemma_.lower() in objects or head.lower_ in objects:
                    return head
        return None

    def agreement(self, token: Token, trig: Trigger, frame: Frame) -> Frame | None:
        if frame.kind != "Agreement":  # "A and B agreed to ...": both sides, one accord
            frame.kind, frame.cameo = "Agreement", lexicon.cameo_default("Agreement")
        frame.parties = self.sides(token)
        if trig.pos == "NOUN":
            if len({m.name for m in frame.parties}) < 2:
                return None  # "the deal" alone: which one, and whose, the sentence does not say
            frame.topics = [label] if (label := self.topic_label(token)) else []
        elif token.lemma_.lower() == "agree":
            frame.topics = self.topics(token, Trigger(trig.lemma, "VERB", "Acceptance", trig.needs))
        else:
            signed = self.agreement_object(token)
            if signed is None:
                return None  # "signed a law", "reached Kyiv", "struck targets": no agreement
            frame.topics = [label] if (label := self.topic_label(signed)) else []
        # A single signatory ("X signed the accord") is kept: resolve joins it with the
        # other sides' signatures of the same accord in the article.
        if not frame.parties:
            return None
        frame.date_text = self.date_text(token, token.sent)
        frame.place = self.place(token)
        return frame

    def agents(self, token: Token, trig: Trigger) -> list[Mention]:
        if trig.pos == "VERB" and (owner := self.possessor(token)):
            return owner  # "rejected Erdoğan’s calls for a truce", "calls" parsed as a verb
        if trig.pos == "NOUN":
            found = self.possessor(token) or self.modifier_actors(token)
            for prep in token.children:
                if not found and prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                    target = self.pobj(prep)
                    found = self.actors_at(target) if target is not None else []
            if not found and token.dep_ in ("dobj",) and token.head.pos_ == "VERB" \
                    and token.head.lemma_.lower() in lexicon.words("light_verbs"):
                found = self.subject(token.head)  # "made multiple outreaches"
            return found
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) and \
                not any(c.dep_ == "xcomp" for c in token.children):
            # "Kurds are excluded": a passive names its doer only in a "by" phrase.
            return [a for c in token.children if c.dep_ == "agent"
                    for p in c.children if p.dep_ == "pobj" for a in self.actors_at(p, as_agent=True)]
        found = self.subject(token)
        if not found:
            for child in token.children:
                if child.dep_ == "agent":
                    found = [a for p in child.children if p.dep_ == "pobj" for a in self.actors_at(p)]
        if not found and not self.has_subject(token) and not any(c.dep_ == "agent" for c in token.children) \
                and token.dep_ != "acl":
            # "continues to call for": the governing verb's subject; but a "by" phrase
            # ("a truce declared by the new president") names the doer, found or not.
            found = self.governing_agents(token)
        elif not found and token.dep_ == "ccomp" and token.head.lemma_.lower() in self.speech \
                and not self.has_personal_subject(token):
            # "Russia maintains that a solution requires ...": the claim is the speaker's.
            found = self.subject(token.head)
        return found

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

    def participants(self, token: Token, trig: Trigger) -> list[Mention]:
        found: list[Mention] = []

        def add(mentions):
            for m in mentions:
                if m not in found and m.kind != "news_outlet":
                    found.append(m)

        both_sides = False  # "talks between A and B", "among A, B and C" name every side
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "between", "among", "to"):
                target = self.pobj(child)
                if target is not None:
                    sides = self.actors_at(target)
                    add(sides)
                    both_sides = both_sides or child.lower_ in ("between", "among") and len(sides) >= 2
            elif child.dep_ in ("dobj", "nsubj", "compound", "nmod") and trig.pos == "VERB" or \
                    child.dep_ in ("compound", "nmod") and trig.pos == "NOUN":
                add(self.actors_at(child))
        if trig.pos == "VERB":
            if not self.has_subject(token):
                add(self.governing_agents(token))
            else:
                add(self.subject(token))
            return found
        poss = [c for c in token.children if c.dep_ == "poss"]
        if poss and poss[0].lower_ in ("their",):
            add(self.governing_agents(token) or [])
        elif poss:
            add(self.actors_at(poss[0]))
        # A meeting noun names its own parties ("a call with X", "their talks"), or is
        # held by the subject of a light verb ("X held talks with Y"); a noun far
        # below some other verb ("to help launch negotiations") names none.
        held = token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.words("light_verbs")
        if (found or held) and not both_sides:
            add(self.governing_agents(token))
        return found

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

    def read(self) -> list[Frame]:
        frames: list[Frame] = []
        for i in self.trigger_candidates():
            token = self.doc[i]
            if self.in_quote[token.i]:
                continue
            trig = self.trigger_of(token)
            if trig is None or trig.pos == "VERB" and token.dep_ == "amod":
                continue  # "the EU-brokered plan": the plan is the event, its modifier the agent
            if trig.kind in ("Meeting", "Agreement") and trig.pos == "NOUN" and self.is_topic_of_trigger(token, trig.kind):
                continue  # "proposing talks", "seeking a deal": what is proposed or sought
            frame = self.frame(token, trig)
            if frame is not None:
                frame.token_index = token.i
                frames.extend(self.one_by_one(token, frame))
        frames.extend(self.modal_demands())
        link_proposals_in_clause(self.doc, frames)
        rejected = {id(f.rejects or f.accepts) for f in frames if f.rejects or f.accepts}
        # A proposal of nothing ("officials suggest thousands may die") is no proposal,
        # unless a rejection in the sentence points at it ("rejected Washington's calls").
        frames = [f for f in frames if f.kind != "Proposal" or f.topics or id(f) in rejected]
        return merge_duplicates(frames)

    def one_by_one(self, token: Token, frame: Frame) -> list[Frame]:
        """"X spoke separately with A and B": one meeting of X with each."""
        if frame.kind != "Meeting" or not any(c.lower_ in lexicon.words("separately") for c in token.children):
            return [frame]
        hosts = self.subject(token) if token.pos_ == "VERB" else []
        guests = [m for m in frame.participants if m not in hosts]
        if not hosts or len(guests) < 2:
            return [frame]
        frames = []
        for n, guest in enumerate(guests):
            frames.append(replace(frame, participants=[*hosts, guest], trigger_char=frame.trigger_char + n))
        return frames

    def modal_demands(self) -> list[Frame]:
        """"X said Y must do Z", "X warned that Y had to lift the blockade": a demand of
        the speaker's, on another actor, whatever the words of the clause."""
        found = []
        modals = lexicon.words("demand_modals")
        for i in speech_candidates(self.doc):
            speech = self.doc[i]
            if self.in_quote[speech.i] or speech.pos_ != "VERB" or self.negated(speech):
                continue
            for clause in speech.children:
                if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
                    continue
                act = self.obliged_act(clause, modals)
                if act is None or self.negated(act) or self.negated(clause):
                    continue
                speakers = self.subject(speech)
                obliged = [m for m in self.subject(clause) if m not in speakers]
                if not speakers or not obliged or speech.sent != clause.sent:
                    continue
                label = self.topic_label(act)
                if not label:
                    continue
                sent = speech.sent
                frame = Frame(kind="Demand", trigger=speech.text, trigger_char=act.idx,
                              evidence=sent.text.strip(), agents=speakers, topics=[label],
                              sentence_start=sent.start_char, cameo=lexicon.cameo_default("Demand"))
                frame.date_text = self.date_text(speech, sent)
                frame.token_index = act.i
                found.append(frame)
        return found

    @staticmethod
    def obliged_act(clause: Token, modals: frozenset[str]) -> Token | None:
        """The act a clause says someone must do: "must withdraw", "should stop", "has
        to lift", "needs to end"."""
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and any(c.dep_ == "aux" and c.lower_ in modals - {"have", "has", "had", "need", "needs"}
                                       and c.i > subject.i for c in clause.children):
            return clause  # "should Russia fail", before its subject, is a condition
        if clause.lemma_.lower() in ("have", "need"):
            for child in clause.children:
                if child.dep_ == "xcomp" and child.pos_ == "VERB" \
                        and any(g.lower_ == "to" for g in child.children):
                    return child
        return None

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


def needed_word(needs: str) -> str:
    """The word of a trigger's need, without its condition: "on@actor" -> "on"."""
    return needs.split("@", 1)[0].split("=", 1)[0].split(">", 1)[0]


def joins_words(token: Token) -> bool:
    """A hyphen written between two words without spaces ("cease-fire")."""
    return token.text in ("-", "‐", "‑") and not token.whitespace_ and token.i > 0 \
        and not token.doc[token.i - 1].whitespace_


def speech_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens whose lemma is a speech verb's."""
    speech = lexicon.words("speech_verbs")
    return [t.i for t in doc if t.lemma_.lower() in speech]


@cache
def trigger_lemmas() -> frozenset[str]:
    return frozenset(lemma for lemma, _pos in lexicon.triggers())


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
