"""Each kind's frame, and the reader that finds them all in a document.

A trigger opens a frame; what fills it depends on the kind: a meeting needs two
participants, an agreement its sides and what they signed, an acceptance or a
stance (a proposal, rejection or demand) its agents and a topic. A meeting "spoken
separately" with several is one meeting with each; a speaker's "Y must do Z" is a
demand whatever the words. ``Reader.read`` runs them over the trigger candidates,
then links responses to proposals and merges what is said twice (``links``).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from .. import lexicon
from ..lexicon import Trigger
from ..records import Frame, Mention
from .links import link_proposals_in_clause, merge_duplicates
from .status import Status
from .topics import Topics
from ..doctext import token_indices
from .triggers import lemma_candidates, speech_candidates
from ..deps import CLAUSAL_MODIFIERS, THEMES


class Reader(Topics, Status):
    """Reads the frames of one parsed document."""

    def read(self) -> list[Frame]:
        """Every frame of the document, linked and merged."""
        frames: list[Frame] = []
        for i in self.trigger_candidates():
            token = self.doc[i]
            if self.in_quote[token.i]:
                continue
            trig = self.trigger_of(token)
            if trig is not None and trig.pos == "VERB" and token.dep_ == "amod":
                # "the EU-brokered plan": the plan is the event, its modifier the agent;
                # "Egypt's proposed truce": a proposal of the possessor's.
                frames.extend(f for f in [self.proposed_by_possessor(token, trig)] if f is not None)
                continue
            if trig is None:
                continue
            if trig.kind in ("Meeting", "Agreement") and trig.pos == "NOUN" and self.is_topic_of_trigger(token, trig.kind):
                continue  # "proposing talks", "seeking a deal": what is proposed or sought
            frame = self.frame(token, trig)
            if frame is not None:
                frames.extend(self.one_by_one(token, frame))
        frames.extend(self.modal_demands())
        frames.extend(self.desired_acts())
        frames.extend(self.conditions_set())
        link_proposals_in_clause(self.doc, frames)
        rejected = {id(f.answers) for f in frames if f.answers}
        # A proposal of nothing ("officials suggest thousands may die") is no proposal,
        # unless a rejection in the sentence points at it ("rejected Washington's calls").
        frames = [f for f in frames if f.kind != "Proposal" or f.topics or id(f) in rejected]
        for frame in frames:
            if frame.kind == "Proposal" and not frame.topics and frame.token_index >= 0 \
                    and self.doc[frame.token_index].pos_ in ("NOUN", "PROPN") \
                    and self.doc[frame.token_index].lemma_.lower() in lexicon.words("self_naming_proposals") - {"proposal"}:
                # "support for Egypt's initiative": answered, a plan is known by its own
                # name ("a proposal" alone says nothing of what).
                frame.topics = [label] if (label := self.topic_label(self.doc[frame.token_index])) else []
        return merge_duplicates(frames)

    def frame(self, token: Token, trig: Trigger) -> Frame | None:
        """The frame ``token``, a trigger of ``trig``, opens, if its sentence fills it."""
        sent = token.sent
        frame = Frame(kind=trig.kind, trigger=token.text, trigger_char=token.idx,
                      evidence=sent.text.strip(), subclass=trig.subclass, cameo=trig.cameo,
                      status=self.status(token, trig), sentence_start=sent.start_char, token_index=token.i)
        if frame.status != "Actual" and trig.pos == "NOUN" and trig.kind in ("Proposal", "Demand") \
                and (self.possessor(token) or self.modifier_actors(token)):
            # "willing to support China's proposal": the proposal was made; what is only
            # hoped for is the support.
            frame.status = "Actual"
        if frame.status == "Hypothetical":
            return None  # hoped for, possible, conditional: not a reported event
        if trig.kind == "Meeting":
            filled = self.meeting(token, trig, frame)
        elif trig.kind in ("Agreement", "Acceptance") and trig.pos == "VERB" and any(
                c.dep_ == "ccomp" for c in token.children):
            return None  # "accept that ...", "agreed with Bolton that ...": a view, not a deal
        elif trig.kind == "Agreement" or trig.kind == "Acceptance" and self.agreed_together(token):
            return self.agreement(token, trig, frame)
        elif trig.kind == "Acceptance":
            filled = self.acceptance(token, trig, frame)
        else:
            filled = self.stance(token, trig, frame)
        return self.finished(token, trig, filled) if filled is not None else None

    def proposed_by_possessor(self, token: Token, trig: Trigger) -> Frame | None:
        """"Egypt's proposed truce", "the UN's suggested amendments": the noun the
        participle modifies is a proposal of its possessor."""
        noun = token.head
        agents = self.possessor(noun) if trig.kind == "Proposal" and noun.pos_ in ("NOUN", "PROPN") else []
        label = self.topic_label(noun) if agents else None
        if not label:
            return None
        frame = Frame(kind="Proposal", trigger=token.text, trigger_char=token.idx, evidence=token.sent.text.strip(),
                      agents=agents, topics=[label], subclass=trig.subclass, cameo=trig.cameo,
                      sentence_start=token.sent.start_char, token_index=token.i)
        return self.located(token, frame)

    def meeting(self, token: Token, trig: Trigger, frame: Frame) -> Frame | None:
        """A meeting: its participants, at least two."""
        frame.participants = self.participants(token, trig)
        if len({m.name for m in frame.participants}) < 2:
            return None
        if trig.pos == "VERB" and token.lemma_.lower() in lexicon.words("party_object_verbs") and any(
                c.dep_ == "dobj" and c.pos_ in ("NOUN", "PRON") and c.ent_type_ != "DATE"
                and not self.is_actor_token(c) and self.trigger_of(c) is None for c in token.children):
            return None  # "they met informants", "met the press": whom they met is no party we know
        if trig.pos == "VERB" and any(c.dep_ in ("nsubj", "dobj") and c.lemma_.lower() in lexicon.words("combatant_heads")
                                      for c in token.children):
            return None  # "US-backed troops met government forces": a clash or a front line
        return frame

    def acceptance(self, token: Token, trig: Trigger, frame: Frame) -> Frame | None:
        """One side's acceptance of a proposal or demand: who accepted what, and whether
        only part of it."""
        frame.agents = self.agents(token, trig)
        frame.topics = self.topics(token, trig)
        frame.partial = self.partial(token)
        if any(c.dep_ == "dobj" and self.is_actor_token(c) for c in token.children):
            return None  # "embraced the Syrian president": a person, not a proposal
        accepted = [c for c in token.children if c.dep_ in THEMES]
        if token.dep_ in CLAUSAL_MODIFIERS and token.head.pos_ in ("NOUN", "PROPN"):
            accepted.append(token.head)  # "the revamped delegation, endorsed by X": what was endorsed
        accepted += [target for c in token.children if c.dep_ == "prep" and (target := self.pobj(c)) is not None]
        if trig.pos == "VERB" and accepted and not any(self.names_a_proposal(a) for a in accepted) \
                and not any(c.dep_ == "xcomp" for c in token.children):
            return None  # "accepted 11 refugees", "accepts prejudice": nothing anyone proposed
        if not frame.agents or not frame.topics or \
                self.about_no_proposal(frame.topics) and not self.rejects_a_proposal(token):
            return None  # "accepted responsibility", "accepted the results": no proposal taken
        if trig.pos == "VERB" and self.attempts(token):
            return None
        return frame

    def stance(self, token: Token, trig: Trigger, frame: Frame) -> Frame | None:
        """A proposal, rejection or demand: who took the stance, on what."""
        frame.agents = self.agents(token, trig)
        frame.topics = self.topics(token, trig)
        if not frame.agents and trig.pos == "NOUN":
            return None
        if trig.kind in ("Proposal", "Demand"):
            frame.addressees = self.addressees(token, trig, frame.agents)
        if trig.pos == "NOUN" and token.lemma_.lower() in lexicon.words("intention_nouns") and any(
                c.dep_ in ("acl", "xcomp") and any(g.lower_ == "to" for g in c.children) for c in token.children):
            return None  # "her plan to join", "Turkish plans to unleash forces": an intention
        if trig.kind == "Rejection" and self.about_no_proposal(frame.topics) \
                and not self.rejects_a_proposal(token):
            return None  # "dismissed the accusations": a denial, not a rejected proposal
        if trig.kind == "Demand" and any(c.dep_ == "ccomp" and self.negated(c) for c in token.children):
            return None  # "insisting that Belgrade would never recognise Kosovo": a stance, not a demand
        if trig.kind in ("Rejection", "Demand") and not frame.topics and not self.rejects_a_proposal(token):
            return None  # a rejection or demand is about something: "insisted that he..." is not one
        if trig.pos == "VERB" and trig.kind != "Proposal" and self.attempts(token):
            return None  # "sought to exploit", "refusing to go": an attempt, not a stance on a proposal
        return frame

    def finished(self, token: Token, trig: Trigger, frame: Frame) -> Frame | None:
        """A meeting, acceptance or stance with its agents checked, dated and placed."""
        frame.agents = [m for m in frame.agents if m.kind != "news_outlet"]
        if frame.agents and all(self.judicial(m) for m in frame.agents):
            return None  # "the court rejected the appeal": a ruling, not diplomacy
        if trig.kind != "Meeting" and not frame.agents and trig.pos != "NOUN":
            return None
        return self.located(token, frame)

    def located(self, token: Token, frame: Frame) -> Frame:
        """``frame`` with the date and place its trigger's sentence gives it."""
        frame.date_text = self.date_text(token, token.sent)
        frame.place = self.place(token)
        return frame

    def agreed_together(self, token: Token) -> bool:
        """"Peru and Chile agreed to ...", "Peru agreed with Chile on ...": two sides."""
        return token.lemma_.lower() == "agree" and len(self.sides(token)) >= 2

    def agreement(self, token: Token, trig: Trigger, frame: Frame) -> Frame | None:
        """An agreement: its sides and what they agreed on or signed, dated and placed."""
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
        return self.located(token, frame)

    def one_by_one(self, token: Token, frame: Frame) -> list[Frame]:
        """"X spoke separately with A and B": one meeting of X with each."""
        if frame.kind != "Meeting" or not any(c.lower_ in lexicon.words("separately") for c in token.children):
            return [frame]
        hosts = self.subject(token) if token.pos_ == "VERB" else self.governing_agents(token)
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
            for clause in self.said_clauses(speech):
                act = self.obliged_act(clause, modals)
                if act is None or self.negated(act) or self.negated(clause):
                    continue
                speakers = self.subject(speech)
                obliged = [m for m in self.subject(clause) if m not in speakers]
                if not obliged and act is clause and self.settlement_subject(clause) \
                        and any(c.dep_ == "dobj" for c in act.children):
                    obliged = speakers  # "any solution must ensure X": what a settlement needs
                if not speakers or not obliged or speech.sent != clause.sent:
                    continue
                label = self.topic_label(act)
                if not label:
                    continue
                found.append(self.demand(speech, act, speakers, label, obliged))
        return found

    def demand(self, cue: Token, act: Token, agents: list[Mention], label: str, asked: list[Mention],
               dated_by: Token | None = None) -> Frame:
        """A demand read from a clause rather than a trigger word: ``cue`` is the word
        that says so ("said", "wants", "unless"), ``act`` the act demanded (its offset
        names the event), ``dated_by`` the verb whose date it takes (the cue's)."""
        sent = cue.sent
        frame = Frame(kind="Demand", trigger=cue.text, trigger_char=act.idx, evidence=sent.text.strip(),
                      agents=agents, topics=[label], addressees=asked, sentence_start=sent.start_char,
                      cameo=lexicon.cameo_default("Demand"), token_index=act.i)
        frame.date_text = self.date_text(dated_by if dated_by is not None else cue, sent)
        return frame

    def desired_acts(self) -> list[Frame]:
        """"Iran wants the US to lift sanctions", "Kim wanted all sanctions lifted": a
        demand of the one who wants it, on whoever the clause names."""
        found = []
        for i in lemma_candidates(self.doc, "desire_verbs"):
            token = self.doc[i]
            if token.pos_ != "VERB" or self.in_quote[token.i] \
                    or self.negated(token) or self.status(token, Trigger(token.lemma_, "VERB", "Demand")) != "Actual":
                continue
            for clause in token.children:
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if clause.dep_ != "ccomp" or clause.pos_ != "VERB" or subject is None or self.negated(clause):
                    continue
                wanters = self.subject(token)
                asked = [m for m in self.actors_at(subject) if all(m.name != w.name for w in wanters)]
                label = self.topic_label(clause)
                done_to_subject = not any(c.dep_ == "dobj" or c.dep_ == "aux" and c.lower_ == "to"
                                          for c in clause.children)  # "sanctions lifted", not "X to lift"
                if not asked and subject.pos_ == "NOUN" and done_to_subject \
                        and (done_to := self.topic_label(subject)):
                    label = f"{clause.lemma_.lower()} {done_to}"  # "wanted all sanctions lifted"
                if not wanters or not label or not asked and not (subject.pos_ == "NOUN" and done_to_subject):
                    continue  # "wants her family to look after him": a wish of no one's asking
                found.append(self.demand(token, token, wanters, label, asked))
        return found

    def conditions_set(self) -> list[Frame]:
        """"Turkey said it would lift its veto only if Sweden extradites the suspects",
        "Israel will not withdraw unless Hamas frees the hostages": the act a side makes
        the condition of its own is a demand of that side on the other."""
        found = []
        marks = lexicon.lexicon()["condition_marks"]
        for i in token_indices(self.doc, [*marks["only_with"], *marks["alone"]]):
            clause = self.doc[i].head  # "if"/"unless" hangs on the clause it opens
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            if mark is None or mark.i != i or clause.dep_ != "advcl" or clause.pos_ != "VERB" \
                    or self.in_quote[clause.i] or self.negated(clause):
                continue
            # Who sets the condition: the subject of the clause it bounds, or of the verb
            # "only" marks up the chain ("will only let X meet with Y, if Y releases").
            chain, main = [clause.head], clause.head
            while main.dep_ in ("ccomp", "xcomp") and main.head.lemma_.lower() not in self.speech \
                    and len(chain) < 3:
                main = main.head
                chain.append(main)
            only = [n for n in chain if any(c.lower_ == "only" for c in n.children)]
            if any(c.lower_ == "only" for c in clause.children):
                only = only or chain[:1]
            # "will not withdraw unless", "no deal unless": a refusal until; "Isis will
            # remain unless ..." is a forecast.
            refused = self.negated(chain[0]) or any(c.lower_ == "no" for n in chain for c in n.subtree
                                                    if c.dep_ == "det")
            if not (mark.lower_ in marks["alone"] and refused or mark.lower_ in marks["only_with"] and only):
                continue
            main = only[0] if only else chain[0]
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            setters = self.subject(main)
            if not setters and main.dep_ == "ccomp" and main.head.lemma_.lower() in self.speech:
                setters = self.subject(main.head)
            asked = [m for m in (self.actors_at(subject) if subject is not None else [])
                     if all(m.name != s.name for s in setters)]
            label = self.topic_label(clause)
            if not setters or not asked or not label:
                continue
            found.append(self.demand(mark, clause, setters, label, asked, dated_by=main))
        return found

    @staticmethod
    def said_clauses(speech: Token) -> Iterator[Token]:
        """The clauses a speech verb reports: its "that" clause, or the clause of a stance
        it voices ("stressed the view that ...")."""
        stances = lexicon.words("stance_nouns")
        for child in speech.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                yield child
            elif child.dep_ == "dobj" and child.lemma_.lower() in stances:
                yield from (c for c in child.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))

    @staticmethod
    def settlement_subject(clause: Token) -> bool:
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lemma_.lower() in lexicon.words("settlement_nouns")

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
