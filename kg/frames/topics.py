"""What a trigger is about: its topic heads in the parse, and their labels.

The topic is the object, the complement of the trigger's preposition ("call for
X"), or what a light noun is about ("the idea of talks"), followed through gerunds
("ruled out making concessions"); a clause when what is asked is an act ("offered
to mediate"). A label is the head noun with its classifying modifiers ("territorial
concessions", "cease-fire"), or for an act the verb with what it acts on.
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon
from ..lexicon import Trigger
from ..records import ACTOR_KINDS
from .triggers import Triggers
from ..deps import CLAUSAL_MODIFIERS, PRENOMINAL, SUBJECTS

NOT_TOPICS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "GPE", "PERSON"}


class Topics(Triggers):
    """The topics of a trigger."""

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
            verbs += [c for c in noun.children if c.dep_ in CLAUSAL_MODIFIERS and c.i != token.i]
            for verb in verbs:
                outer = self.trigger_of(verb)
                if outer is not None and outer.kind == trig.kind and (inner := self.topic_heads(verb, outer)):
                    heads = inner
                    break
        labels = [self.topic_label(h) for h in heads]
        return list(dict.fromkeys(label for label in labels if label))

    def topic_heads(self, token: Token, trig: Trigger) -> list[Token]:
        """The noun(s) a trigger is about."""
        if (named := self.named_by_participle(token, trig)) is not None:
            return [named]
        if (antecedent := self.relative_antecedent(token)) is not None:
            # "a truce plan, which Israel rejected", "a demand that Somalia rejected":
            # what the relative pronoun stands for is the topic.
            return [antecedent] if antecedent.pos_ in ("VERB", "AUX") else self.follow(antecedent)
        if trig.pos == "VERB" and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in token.children):
            # "The truce was rejected by Israel": the passive subject is what was rejected
            # (not "Iran was urged to ...": an actor so placed is the one asked).
            passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if passive is not None and not self.is_actor_token(passive) and passive.pos_ in ("NOUN", "PROPN"):
                return self.follow(passive)
        if trig.needs and trig.pos == "VERB":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == lexicon.child_word(trig.needs):
                    target = self.pobj(child)
                    if target is not None and self.is_actor_token(target):
                        # "called on Russia to accept a truce": Russia is addressed; the
                        # infinitive, under the verb or the addressee, says what is asked.
                        for sub in [*token.children, *target.children]:
                            if sub.dep_ in ("xcomp", "acl", "relcl") and sub.pos_ == "VERB":
                                if (obj := self.object_of(sub)) is not None and not self.is_offered_thing(obj):
                                    return [sub]  # "called on Ankara to avoid actions": the act asked
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
                        if prep.dep_ == "prep" and prep.lower_ in lexicon.prepositions("light_complement") \
                                and prep.i > child.i:  # not "In his speech, X laid out goals"
                            return self.follow(self.pobj(prep))
                return heads
        for child in token.children:
            # "suggested that fighters could..." claims; "insisted that Kyiv abandon..." demands.
            clausal = ("xcomp", "ccomp") if trig.kind != "Proposal" or token.lemma_ == "propose" else ("xcomp",)
            if trig.pos == "NOUN":
                # "plans to unleash forces", "a demand to withdraw", "the need for X to go"
                clausal = ("acl", "xcomp", "advcl")
            if child.dep_ in clausal and child.pos_ in ("VERB", "AUX"):
                inner = self.object_of(child)
                if inner is not None and not self.is_offered_thing(inner):
                    return [child]  # "urged May to consult MPs": the act, with what it acts on
                if inner is not None:
                    return self.follow(inner)
                for prep in child.children:
                    if prep.dep_ == "prep" and child.dep_ == "xcomp" and prep.lower_ not in self.temporal:
                        target = self.pobj(prep)
                        if target is not None and not self.is_actor_token(target) and not target.ent_type_ == "DATE":
                            return self.follow(target)
                if child.dep_ in ("xcomp", "acl") or child.dep_ == "ccomp" and inner is None:
                    return [child]  # "offered to mediate", "insisted they be excluded": the act
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") and token.pos_ == "VERB":
            return [token.head]  # "the truce proposed by Egypt"
        condition = trig.pos == "NOUN" and token.lower_ in lexicon.words("condition_nouns")
        for child in token.children:
            if condition and child.lower_ == "for":
                continue  # "a condition for resuming the talks": the talks are its price
            # Not "with": "dismissed them with a laugh", "talks with X" say how or with whom.
            # "in" only after a noun ("a role in talks"); after a verb it says where or when
            # ("laid out goals in his speech", "embraced in Erbil").
            if child.dep_ == "prep" and child.lower_ in lexicon.prepositions("topic") \
                    or child.dep_ == "prep" and child.lower_ == "in" and trig.pos == "NOUN":
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
        if condition:
            return [token]  # what the condition is, the sentence does not say: the condition
        for child in token.children:
            if child.dep_ == "dobj":  # "requires Ukraine to commit to neutrality"
                for sub in child.head.children:
                    if sub.dep_ in ("xcomp", "ccomp"):
                        return self.topic_heads(sub, Trigger(sub.lemma_, "VERB", trig.kind))
        return []

    @staticmethod
    def relative_antecedent(token: Token) -> Token | None:
        """The phrase a trigger's relative clause hangs on, when the relative pronoun is
        the trigger's object ("which Israel rejected", "that Somalia could not agree to")."""
        if token.dep_ != "relcl":
            return None
        objects = [c for c in token.children if c.dep_ == "dobj"]
        objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # "which" and "that" stand for a thing; "whom" for people, who are no proposal.
        if any(o.lower_ in ("which", "that") for o in objects):
            return token.head
        return None

    def named_by_participle(self, token: Token, trig: Trigger) -> Token | None:
        """"The UN's proposed 30-day ceasefire": a participle between a possessive and its
        noun, which the parser may read as the possessor's verb; the noun is the topic."""
        if trig.pos != "VERB" or token.i < 2 or self.doc[token.i - 1].lower_ not in ("'s", "’s"):
            return None
        for follower in self.doc[token.i + 1:token.i + 6]:
            if follower.pos_ in ("NOUN", "PROPN") and follower.dep_ not in ("compound", "nmod", "nummod", "amod"):
                return follower
            if follower.pos_ in ("VERB", "AUX", "ADP", "PUNCT") and follower.text != "-":
                return None
        return None

    def object_of(self, verb: Token) -> Token | None:
        """What an act is done to, when that is not an actor: "withdraw its troops"."""
        return next((c for c in verb.children if c.dep_ == "dobj" and not self.is_actor_token(c)), None)

    def is_offered_thing(self, noun: Token) -> bool:
        """A noun that names what one side offers or asks of another ("accept a truce",
        "sign the deal", "hold talks"), so that it, not the verb, is the topic; of any
        other object the act is named with it ("consult MPs", "avoid actions")."""
        lemma = noun.lemma_.lower()
        return lemma in self.offered or self.is_light(noun) or any(
            t.kind != "Statement" for t in self.triggers.get((lemma, "NOUN"), ()))

    def topic_label(self, head: Token) -> str | None:
        """A topic's name: the head noun with its classifying modifiers."""
        if head.pos_ not in ("NOUN", "PROPN", "VERB") or self.is_actor_token(head) \
                or head.ent_type_ in NOT_TOPICS:
            return None
        parts: list[Token] = []
        # A noun phrase starts at its possessor: in "support Turkey’s plan" misparsed, the
        # verb before "Turkey’s" is no part of the plan's name.
        owner = next((c for c in head.children if c.dep_ == "poss"
                      or any(g.dep_ == "case" and g.lower_ in ("'s", "’s") for g in c.children)), None)
        for child in head.children:
            if owner is not None and child.i < owner.i:
                continue
            if child.pos_ == "VERB" and child.dep_ == "amod" and any(
                    self.index.get(t.i) is not None and self.index[t.i].is_actor for t in child.subtree):
                continue  # "the Saudi-led coalition": who led it says which, not what
            if child.i < head.i and child.dep_ in PRENOMINAL \
                    and child.lower_ not in self.drop_modifiers \
                    and not any(t.like_num for t in child.subtree) \
                    and child.pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
                parts.extend(t for t in child.subtree if t.i < head.i and (not t.is_punct or joins_words(t))
                             and t.lower_ not in self.drop_modifiers and not t.like_num)
        if head.pos_ == "VERB":
            catenative = lexicon.words("catenative_verbs")
            if head.lemma_.lower() in catenative:
                # "urged Erdoğan to try to seize Afrin": what is urged is the seizing.
                inner = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
                if inner is not None:
                    return self.topic_label(inner)
            # "demanded that the RSF withdraw from homes": the act and what it acts on.
            # "urged the UK not to join the action": what is asked is not to join.
            negation = ["not"] if any(c.dep_ == "neg" for c in head.children) else []
            words = negation + [verb_word(head)] + [c.lower_ for c in head.children if c.dep_ == "prt"
                                                    or c.i == head.i + 1 and c.lower_ in self.particles]
            for child in head.children:
                if child.dep_ == "dobj" and not self.is_actor_token(child):
                    words.append(self.topic_label(child) or "")
                    break
                if child.dep_ == "prep" and child.lower_ not in self.temporal:
                    target = self.pobj(child)
                    if target is not None and target.pos_ in ("NOUN", "PROPN") and not self.is_actor_token(target):
                        words += [child.lower_, self.topic_label(target) or target.lower_]
                        break
            else:
                # "urged Putin to ensure the ceasefire was implemented": what is to be
                # ensured is the subject of the clause the verb takes.
                clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
                subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None) \
                    if clause is not None else None
                if subject is not None and subject.pos_ in ("NOUN", "PROPN") and not self.is_actor_token(subject):
                    words.append(self.topic_label(subject) or "")
            return " ".join(w for w in words if w)
        parts.extend(c for c in head.children if c.i < head.i and joins_words(c))  # "cease-fire"
        parts.append(head)
        doc, end = head.doc, head.i
        while end + 2 < len(doc) and joins_words(doc[end + 1]) and doc[end + 2].is_alpha:
            parts.extend((doc[end + 1], doc[end + 2]))  # "de-escalate" the parser cut after "de"
            end += 2
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


def verb_word(verb: Token) -> str:
    """A verb's dictionary form, with the parts a hyphen joins to it ("de-escalate")."""
    doc, start, end = verb.doc, verb.i, verb.i
    while start >= 2 and joins_words(doc[start - 1]):
        start -= 2
    while end + 2 < len(doc) and joins_words(doc[end + 1]):
        end += 2
    if start == end:
        return verb.lemma_.lower()
    return "".join(t.text for t in doc[start:verb.i]).lower() + verb.lemma_.lower() + \
        "".join(t.text for t in doc[verb.i + 1:end + 1]).lower()


def joins_words(token: Token) -> bool:
    """A hyphen written between two words without spaces ("cease-fire")."""
    return token.text in ("-", "‐", "‑") and not token.whitespace_ and token.i > 0 \
        and not token.doc[token.i - 1].whitespace_
