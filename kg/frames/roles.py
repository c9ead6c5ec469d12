"""Who does what: the actors a trigger's parse names in each role.

- agents: the subject, the passive "by" phrase ("the truce proposed by Egypt"), a
  possessive ("Israel's rejection"), a modifier ("the Egyptian proposal"), or, for a
  subjectless verb ("continues to call for"), the subject of the verb that governs it;
- participants of a meeting: subject, object, "with" and "between" phrases;
- sides of an agreement: its subject and every "with", "between" or "by" phrase;
- addressees of a proposal or demand: the one asked ("urged Peru to", "called on Peru
  to", "demanded that Peru", "proposed to Peru", "the need for Peru to").

Each is a list of ``Mention`` records from the actors component, conjuncts included.
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon
from ..lexicon import Trigger
from ..records import ACTOR_KINDS, Mention
from .context import Context
from ..deps import ADJECTIVAL, CLAUSAL_MODIFIERS, NOMINAL_MODIFIERS, PRENOMINAL, SUBJECT_SLOTS


class Roles(Context):
    """The actors at a token, and in each role of a trigger."""

    def actors_at(self, token: Token, *, as_agent: bool = False) -> list[Mention]:
        """The actors a noun phrase headed by ``token`` names, conjuncts included."""
        found: list[Mention] = []
        for head in [token, *token.conjuncts]:
            pair = self.index.get(head.i)
            if pair is not None and pair.members:  # "the two sides": each side
                found.extend(m for m in pair.members if m not in found)
                continue
            mention = self.actor_of_head(head, as_agent=as_agent)
            if mention is not None and mention not in found:
                found.append(mention)
            own = self.index.get(head.i)
            if mention is not None and own is not None and own.source == "representative":
                # "Israeli and Palestinian negotiators": one head, a side for each adjective.
                for modifier in head.children:
                    for other in modifier.conjuncts if modifier.dep_ in ADJECTIVAL else ():
                        side = self.index.get(other.i)
                        if side is not None and side.is_actor and side.referent not in found:
                            found.append(side.referent)
        return found

    def actor_of_head(self, head: Token, *, as_agent: bool = False) -> Mention | None:
        for appos in head.children:
            if appos.dep_ == "appos":
                named = self.index.get(appos.i)
                if named is not None and named.is_actor:
                    return named.referent
        mention = self.index.get(head.i)
        if mention is None:
            mention = self.named_after_title(head)
        if mention is None:
            return None
        referent = mention.referent
        if referent.kind in ACTOR_KINDS:
            return referent
        if referent.kind == "gpe" and as_agent:
            # An unknown geopolitical name acting as a party: resolve decides what it is.
            return referent
        return None

    def named_after_title(self, head: Token) -> Mention | None:
        """The person named right after a title that heads the phrase ("talks between Liu
        and Trade Representative Robert Lighthizer", where the parser hangs the name
        elsewhere)."""
        if head.i + 1 >= len(self.doc) or head.pos_ not in ("PROPN", "NOUN") \
                or head.lower_ not in lexicon.title_heads():
            return None
        named = self.index.get(head.i + 1)
        return named if named is not None and named.kind == "person" and named.start == head.i + 1 else None

    def is_actor_token(self, token: Token) -> bool:
        return self.actor_of_head(token) is not None

    def subject(self, verb: Token) -> list[Mention]:
        # "X is expected to visit" (not "X was urged to move": the one urged is no doer).
        raising = any(c.dep_ == "xcomp" for c in verb.children) \
            and verb.lemma_.lower() in lexicon.words("raising_verbs")
        for child in verb.children:
            # "X is expected to visit": the passive subject of a raising verb is the doer.
            # The parser sometimes splits a long subject ("army chief Abdel Fattah
            # al-Burhan") into several: the first that names an actor counts.
            if (child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and raising)) and child.pos_ == "ADJ" \
                    and getattr(self.index.get(child.i), "subkind", "") == "adjective":
                continue  # "American dithering has invited ...": the parser's subject is a modifier
            if child.dep_ == "nsubj" and verb.dep_ == "relcl" and child.tag_ in ("WDT", "WP"):
                child = verb.head  # "Kenya, which rejected the plan": the one the clause is about
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and raising) or child is verb.head:
                found = self.actors_at(child, as_agent=True)
                if not found and child.lemma_.lower() in lexicon.words("voicing_nouns") and self.voices(verb):
                    found = self.possessor(child)  # "Poroshenko's order urged ..."
                if found:
                    return found
            if child.dep_ == "agent":
                return [a for pobj in child.children if pobj.dep_ == "pobj"
                        for a in self.actors_at(pobj, as_agent=True)]
        return []

    def voices(self, verb: Token) -> bool:
        """Whether a verb says or asks something, as a statement or an order can ("Russia's
        statement called for ..."), unlike "Lavrov's statement comes days after a call"."""
        return verb.lemma_.lower() in self.speech or bool(self.verb_trigger_kinds(verb) - {"Meeting"})

    def has_subject(self, verb: Token) -> bool:
        return any(c.dep_ in SUBJECT_SLOTS for c in verb.children)

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
            if child.i < noun.i and child.dep_ in PRENOMINAL:
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
        while i > 0 and self.doc[i].dep_ in ADJECTIVAL and self.doc[i].head.i == noun.i:
            i -= 1
        if i > 0 and (self.doc[i].text in ("'", "’") and self.doc[i - 1].text.endswith("s")
                      or self.doc[i].lower_ in ("'s", "’s")):
            mention = self.index.get(i - 1)
            if mention is not None and mention.referent.kind in ACTOR_KINDS:
                return [mention.referent]
        return []

    def agents(self, token: Token, trig: Trigger) -> list[Mention]:
        if trig.pos == "VERB" and (owner := self.possessor(token)):
            return owner  # "rejected Erdoğan’s calls for a truce", "calls" parsed as a verb
        if trig.pos == "NOUN":
            found = self.possessor(token) or self.modifier_actors(token)
            for prep in token.children:
                if not found and prep.dep_ == "prep" and prep.lower_ in lexicon.prepositions("doer"):
                    target = self.pobj(prep)
                    found = self.actors_at(target) if target is not None else []
            # "made multiple outreaches"; "made clear the imperative of", where the parser
            # takes the noun after "clear" for a clause.
            if not found and token.dep_ in ("dobj", "ccomp") and token.head.pos_ == "VERB" \
                    and token.head.lemma_.lower() in lexicon.words("light_verbs"):
                found = self.subject(token.head)
                if not found and token.head.dep_ == "conj":
                    found = self.governing_agents(token.head)  # "welcomed X and stressed the need"
            return found
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) and (
                not any(c.dep_ == "xcomp" for c in token.children) or any(c.dep_ == "agent" for c in token.children)):
            # ("was invited by the UK to carry out": the "by" phrase, not the one invited)
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
                and not self.has_personal_subject(token) and trig.kind != "Proposal":
            # (a thing that "suggests" or "proposes" something indicates it: "pointed to
            # fighters crossing, which suggested resilience" is no one's proposal)
            # "Russia maintains that a solution requires ...": the claim is the speaker's.
            found = self.subject(token.head)
        return found

    def addressees(self, token: Token, trig: Trigger, agents: list[Mention]) -> list[Mention]:
        """Whom a proposal or demand asks to act, or is made to; never one of its agents."""
        found: list[Mention] = []
        asked = lexicon.prepositions("addressee")
        for child in token.children:
            if trig.pos == "VERB" and child.dep_ in ("dobj", "dative") and (
                    child.dep_ == "dative" or any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
                    or any(c.dep_ in ("acl", "relcl", "xcomp") for c in child.children)):
                found += self.actors_at(child)  # "urged Peru to", "offered Peru talks"
            elif child.dep_ in ("ccomp", "advcl", "acl", "xcomp") and child.pos_ == "VERB":
                # "demanded that Peru withdraw", "the need for Peru to withdraw"
                found += [m for c in child.children if c.dep_ == "nsubj" for m in self.actors_at(c)]
            elif child.dep_ in ("prep", "dative") and child.lower_ in asked and (
                    (target := self.pobj(child)) is not None):
                if child.lower_ == "to" or child.lower_ == "on" and child.i > token.i or any(
                        c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB" for c in target.children):
                    found += self.actors_at(target)  # "proposed to Peru", "the need for Peru to go"
        kept: list[Mention] = []
        for mention in found:
            if not any(mention is m for m in kept) and not any(mention.name == a.name for a in agents):
                kept.append(mention)
        return kept

    def participants(self, token: Token, trig: Trigger) -> list[Mention]:
        found: list[Mention] = []

        def add(mentions):
            for m in mentions:
                if m not in found and m.kind != "news_outlet":
                    found.append(m)

        both_sides = False  # "talks between A and B", "among A, B and C" name every side
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in lexicon.prepositions("with_whom"):
                target = self.pobj(child)
                if target is not None:
                    sides = self.actors_at(target)
                    add(sides)
                    both_sides = both_sides or child.lower_ in lexicon.prepositions("every_side") and len(sides) >= 2
            elif child.dep_ in ("dobj", "nsubj", "compound", "nmod") and trig.pos == "VERB":
                if child.dep_ == "dobj" and token.lemma_.lower() in lexicon.words("subject_matter_verbs"):
                    continue  # "leaders gather to discuss Syria": Syria is what, not who
                add(self.actors_at(child))
            elif child.dep_ in NOMINAL_MODIFIERS and trig.pos == "NOUN":
                # "the Warsaw summit", "the Geneva talks": a capital before the noun says
                # where, not who ("US-China talks" name the sides).
                own = self.index.get(child.i)
                if own is None or own.subkind != "capital":
                    add(self.actors_at(child))
            elif child.dep_ in ("advcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "with"
                                                          for g in child.children):
                # "spoke with A and B to consult", parsed as a clause that "with" opens:
                # its subject is who was spoken with.
                add(a for g in child.children if g.dep_ == "nsubj" for a in self.actors_at(g))
        if trig.pos == "VERB":
            if not self.has_subject(token):
                add(self.governing_agents(token))
            else:
                add(self.subject(token))
            return found
        poss = [c for c in token.children if c.dep_ == "poss"]
        if poss and poss[0].lower_ in ("their",):
            pair = self.index.get(poss[0].i)
            # "A and B ... their meeting with C": the pair; else whoever governs the noun
            add(pair.members if pair is not None and pair.members else self.governing_agents(token) or [])
        elif poss:
            add(self.actors_at(poss[0]))
            # "Erdoğan's visit", "Blinken's call with Lavrov": the owner is the party; who
            # writes of it in the main clause is not, unless the noun is what they held.
            both_sides = both_sides or not (token.dep_ == "dobj"
                                            and token.head.lemma_.lower() in lexicon.words("light_verbs"))
        # A meeting noun names its own parties ("a call with X", "their talks"), or is
        # held by the subject of a light verb ("X held talks with Y"); a noun far
        # below some other verb ("to help launch negotiations") names none.
        held = token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.words("light_verbs")
        hosted = token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.words("hosting_verbs")
        if (found or held) and (not both_sides or hosted):
            add(self.governing_agents(token))
        return found

    def sides(self, token: Token) -> list[Mention]:
        """The parties a verb or noun of agreement names: its subject, the doers of a
        passive, and the "with"/"between" phrases, on it or on the noun it describes."""
        found: list[Mention] = []
        nodes = [token]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ == "of" \
                and token.head.head.pos_ == "NOUN":
            nodes.append(token.head.head)  # "the signing of an accord between A and B"
        if token.dep_ in CLAUSAL_MODIFIERS and token.head.pos_ == "NOUN":
            nodes.append(token.head)  # "a deal struck between A and B"
        for node in nodes:
            if node.pos_ in ("VERB", "AUX"):
                subject = self.subject(node) if self.has_subject(node) else self.governing_agents(node)
                found.extend(m for m in subject if m not in found)
                found.extend(m for m in self.agents(node, Trigger(node.lemma_, "VERB", "Agreement"))
                             if m not in found)
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in lexicon.prepositions("parties"):
                    target = self.pobj(child)
                    if target is not None:
                        found.extend(m for m in self.actors_at(target, as_agent=True) if m not in found)
                elif node.pos_ == "NOUN" and child.dep_ in ("compound", "nmod", "poss"):
                    if child.lower_ == "their":
                        found.extend(m for m in self.governing_agents(node) if m not in found)
                    else:
                        found.extend(m for m in self.actors_at(child, as_agent=True) if m not in found)
        return [m for m in found if m.kind != "news_outlet"]
