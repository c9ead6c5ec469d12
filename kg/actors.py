"""Find actor mentions in a parsed article: who is named, as what, with which role.

Candidates come from spaCy's entities and from the gazetteer (countries, capitals,
seats of government, demonyms, organisations; matched case-insensitively, so "kyiv"
is found too). Where they overlap, the gazetteer and the longer span win. Each
mention gets a kind (person, country, organization, news_outlet, group, place), a
name (the gazetteer's canonical name, or the cleaned surface form), and for people
the title and affiliation the text gives ("Russian Foreign Minister Sergey Lavrov").
Pronouns and definite descriptions ("he", "the top diplomat") become mentions that
point to their antecedent, a named mention outside quotations.

Common nouns name actors too: "Kremlin officials" and "the Sudanese government" stand
for their country; "Gulf partners" and "Islamist militants" are groups; the generic
agents of data/agents.tsv (made from the Phoenix agents dictionary) are groups even
alone ("the rebels", "separatists", "the opposition"), one group per article; a people
in the plural acts as its state ("the Palestinians rejected") only when named whole.
Nouns that say nothing of who ("officials", "people", "members") are no actors alone.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from . import lexicon
from .doctext import once_per_doc, quote_mask, token_indices
from .lexicon import Known
from .records import ACTOR_KINDS, Mention
from .deps import NOMINAL_MODIFIERS, SUBJECTS

NER_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "gpe", "NORP": "norp",
            "LOC": "place", "FAC": "place"}
QUOTE_CHARS = "\"“”„«»"
COMMON_WORD_POS = {"NOUN", "VERB", "AUX", "ADP", "PRON", "DET", "ADV", "CCONJ", "SCONJ", "PART", "NUM"}
# Lower-case words a name may begin with ("al-Qaeda", "de Mistura", "bin Salman").
NAME_LOWER_STARTS = frozenset(lexicon.words("name_prefixes")) | frozenset(lexicon.words("name_particles"))
POSSESSIVE = re.compile(r"\s*['\u2019]s?$")


@cache
def _tokenizer():
    from spacy.lang.en import English

    return English().tokenizer


def phrase_matcher(vocab, patterns: dict[str, Iterable[str]], attr: str = "LOWER") -> PhraseMatcher:
    """A PhraseMatcher of word lists, one label each, the phrases tokenized as English."""
    matcher = PhraseMatcher(vocab, attr=attr)
    tokenizer = _tokenizer()
    for label, phrases in patterns.items():
        matcher.add(label, [tokenizer(p) for p in phrases])
    return matcher


@cache
def _phrase_matchers(vocab_id: int, vocab) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """Matchers for the gazetteer (folded and exact) and for titles, built once a vocab."""
    gaz = lexicon.gazetteer()
    folded = phrase_matcher(vocab, {"GAZ": sorted(gaz.surfaces)})
    exact = phrase_matcher(vocab, {"GAZ": sorted(gaz.case_sensitive)}, attr="ORTH")
    titles = phrase_matcher(vocab, {"TITLE": sorted(lexicon.titles())})
    return folded, exact, titles


def matchers(doc: Doc):
    return _phrase_matchers(id(doc.vocab), doc.vocab)


def clean_name(span: Span) -> str:
    text = POSSESSIVE.sub("", span.text.strip())
    text = re.sub(r"^(the|The)\s+", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:-–—" + QUOTE_CHARS)


def gazetteer_spans(doc: Doc) -> list[tuple[int, int, Known]]:
    return once_per_doc(doc, "gazetteer", _gazetteer_spans)


def _gazetteer_spans(doc: Doc) -> list[tuple[int, int, Known]]:
    folded, exact, _ = matchers(doc)
    gaz = lexicon.gazetteer()
    found = []
    for _, start, end in list(folded(doc)) + list(exact(doc)):
        span = doc[start:end]
        known = gaz.lookup(span.text)
        if known is None:
            continue
        if span.text.islower() and not (known.kind == "country" and known.subkind in ("name", "alias", "capital")
                                        and not any(t.pos_ in COMMON_WORD_POS for t in span)):
            # "fed up", "a turkey": a lower-case word is a name only for a country or
            # capital ("kyiv"), and only where the tagger does not read a common word.
            continue
        if belongs_elsewhere(doc, start, known):
            continue
        found.append((start, end, known))
    return found


def belongs_elsewhere(doc: Doc, start: int, known: Known) -> bool:
    """Whether a country's own body is named here with another country's name before it
    ("a Syrian Congress", "the Kenyan parliament"): a body of that other country, not
    the one the gazetteer knows by the bare word."""
    if known.kind != "organization" or not known.country:
        return False
    gaz = lexicon.gazetteer()
    for before in (doc[start - 1:start] if start >= 1 else None, doc[start - 2:start] if start >= 2 else None):
        if before is None:
            continue
        other = gaz.lookup(before.text)
        if other is not None and other.kind == "country":
            return other.name != known.country
    return False


def title_spans(doc: Doc) -> list[tuple[int, int]]:
    """Longest non-overlapping title matches ("secretary of state", "foreign minister")."""
    return list(once_per_doc(doc, "title_spans", _title_spans))


def _title_spans(doc: Doc) -> list[tuple[int, int]]:
    _, _, titles = matchers(doc)
    spans = sorted(((s, e) for _, s, e in titles(doc)), key=lambda se: (se[0], -(se[1] - se[0])))
    chosen, last_end = [], -1
    for start, end in spans:
        if start >= last_end:
            chosen.append((start, end))
            last_end = end
    return chosen


def extend_name(doc: Doc, start: int, end: int) -> int:
    """Extend a person's name over particles and the capitalised words after them."""
    particles = lexicon.words("name_particles")
    i = end
    while i < len(doc) and doc[i].lower_ in particles and i + 1 < len(doc) \
            and (doc[i + 1].lower_ in particles or doc[i + 1].is_title):
        i += 1
        while i < len(doc) and doc[i].lower_ in particles:
            i += 1
        while i < len(doc) and doc[i].is_title and not doc[i].is_sent_start:
            i += 1
        end = i
    if doc[end - 1].lower_ in particles and end < len(doc) and doc[end].is_title:
        end += 1
    if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PRON" and not doc[end].is_sent_start \
            and end - start == 1 and not doc[end - 1].is_punct:
        end += 1  # "Liu He", "Wang Yi": a pronoun capitalised mid-sentence is a name
    return end


def followed_by_place_head(doc: Doc, end: int) -> bool:
    heads = lexicon.words("place_heads")
    i = end
    # "Sumy and Kharkiv regions": skip a coordinated name to reach the shared head.
    while i < len(doc) and (doc[i].lower_ in ("and", ",", "&") or doc[i].ent_type_):
        i += 1
    return i < len(doc) and doc[i].lower_ in heads and doc[i].i - end <= 4


def candidate_mentions(doc: Doc) -> list[Mention]:
    """Named mentions from entities and the gazetteer, non-overlapping."""
    gaz = lexicon.gazetteer()
    titles = title_spans(doc)
    in_title = {i for s, e in titles for i in range(s, e)}
    candidates: list[tuple[int, int, int, Mention]] = []
    for start, end, known in gazetteer_spans(doc):
        span = doc[start:end]
        mention = Mention(start, end, span.text, known.kind, known.name, "gazetteer", known.subkind)
        candidates.append((end - start, 1, start, mention))
    for ent in doc.ents:
        kind = NER_KIND.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start, ent.end
        # Entities break at line ends: a credit line must not run into the next paragraph.
        for i in range(start, end):
            if "\n" in doc[i].text or (doc[i].whitespace_ == "" and "\n" in doc[i].text_with_ws):
                end = i
                break
        # Determiners ("the", "their", "this") and head counts ("850 Britons") come
        # before a name, not in it.
        while start < end and (doc[start].is_punct or doc[start].pos_ == "DET"
                               or doc[start].tag_ in ("CD", "PRP$")):
            start += 1
        for i in range(start, end):
            if doc[i].lower_ in ("'s", "’s", "(") or doc[i].text == "(":
                end = i  # "Trump’s Twitter", "Islamic State (Isis": the name ends there
                break
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'")
                               or doc[end - 1].pos_ in ("ADP", "CCONJ", "DET")):
            end -= 1  # "a Syrian Congress on": the entity ran into the next phrase
        if start >= end or all(i in in_title for i in range(start, end)) or doc[start:end].text.islower():
            continue  # "State" in "Secretary of State" is a title; lower-case "entities" are words
        if doc[start].is_lower and doc[start].lower_ not in NAME_LOWER_STARTS or (
                doc[start].lower_ in lexicon.words("stance_prefixes") and start + 1 < end
                and doc[start + 1].text == "-"):
            continue  # "pro-Assad", "anti-EU", "post-Brexit": a stance or a time, not a name
        if kind == "person":
            end = extend_name(doc, start, end)
            while start < end - 1 and start in in_title:
                start += 1  # "Ayatollah Ali Khamenei": the title is a role, not the name
        span = doc[start:end]
        known = gaz.lookup(span.text)
        if known is not None and belongs_elsewhere(doc, start, known):
            known = None
        if known is not None:
            mention = Mention(start, end, span.text, known.kind, known.name, "gazetteer", known.subkind)
        else:
            if kind == "norp" and doc[end - 1].tag_ in ("NNPS", "NNS"):
                kind = "group"  # "the Bosnian Serbs", "Kurds": a people acting together
            if kind in ("person", "organization", "gpe") and followed_by_place_head(doc, end):
                kind = "place"
            elif kind in ("person", "organization") and is_a_town_here(doc, span):
                kind = "place"  # "Jeddah", "Rafah" mislabelled as people or bodies
            elif kind in ("person", "organization", "gpe") and start > 0 \
                    and doc[start - 1].lower_ in lexicon.words("compass_adjectives"):
                kind = "place"  # "visited eastern Ghazni": a region, whatever NER said
            elif kind == "organization" and lexicon.city_country(span.text) is not None:
                kind = "place"  # a town's name read as a body ("visited Herat"); a person's
                # name may also be a town's, so people need the article's country (above)
            elif kind in ("person", "organization") and start > 0 \
                    and doc[start - 1].lower_ in lexicon.words("locative_prepositions") \
                    and not (end < len(doc) and doc[end].lower_ in ("'s", "’s")):
                kind = "place"  # "talks in Alaska", "fighting in Eastern Ghouta": places
            mention = Mention(start, end, span.text, kind, clean_name(span), "ner")
        mention.votes[ent.label_] = 1
        candidates.append((end - start, 1 if known else 0, start, mention))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    taken: set[int] = set()
    chosen: list[Mention] = []
    for _, _, _, mention in candidates:
        span = range(mention.start, mention.end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        chosen.append(mention)
    chosen.sort(key=lambda m: m.start)
    chosen = [m for m in chosen if m.name]
    chosen += titled_names(doc, titles, taken)
    return sorted(chosen + surname_mentions(doc, chosen, taken), key=lambda m: m.start)


def is_a_town_here(doc: Doc, span: Span) -> bool:
    """Whether a name the model calls a person or body is a town of a country the
    article speaks of ("Rafah" where Palestinians are named), and no part of a longer
    personal name in it ("David Cameron" ... "David"; "Andrew Jackson" ... "Jackson").
    Thousands of towns share names with people: the article's countries decide."""
    country = lexicon.city_country(span.text)
    if country is None:
        return False
    words = {t.text for t in span}
    if any(ent.label_ == "PERSON" and len(ent) > len(span) and words & {ent[0].text, ent[-1].text}
           for ent in doc.ents):
        return False
    return any(known.kind == "country" and known.name == country for _, _, known in gazetteer_spans(doc))


def titled_names(doc: Doc, titles: list[tuple[int, int]], taken: set[int]) -> list[Mention]:
    """Capitalised words right after a title are a person's name ("President Ruto"),
    where NER missed them."""
    found = []
    for _, end in titles:
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ == "PROPN":
            end += 1  # "Ukraine's Minister of Defence, Rustem Umerov, said"
        stop = end
        while stop < len(doc) and stop - end < 4 and stop not in taken and doc[stop].pos_ == "PROPN" \
                and doc[stop].is_title and not doc[stop].is_sent_start:
            stop += 1
        if stop > end:
            taken.update(range(end, stop))
            span = doc[end:stop]
            found.append(Mention(end, stop, span.text, "person", clean_name(span), "ner", votes={"TITLE": 1}))
    return found


def surname_mentions(doc: Doc, chosen: list[Mention], taken: set[int]) -> list[Mention]:
    """Surnames of people named in full, where NER missed them elsewhere in the text."""
    surnames = {m.name.split()[-1]: m for m in chosen
                if m.kind == "person" and len(m.name.split()) >= 2}
    name_words = {w for m in chosen if m.kind == "person" and len(m.name.split()) >= 2
                  for w in m.name.split()}
    for m in chosen:
        # "Chinese Vice Premier Liu He ... talks between Liu and ...": the model may take
        # one word of a name alone for a place or a people; the full name said who it is.
        if m.source == "ner" and m.kind in ("gpe", "norp", "organization") and m.end - m.start == 1 \
                and m.text in name_words:
            m.kind, m.name = "person", m.text
    found = []
    for i in token_indices(doc, surnames, ORTH):
        token = doc[i]
        if token.i in taken or not token.is_title:
            continue
        if token.pos_ not in ("PROPN", "NOUN"):
            continue
        found.append(Mention(token.i, token.i + 1, token.text, "person", token.text, "ner",
                             votes={"SURNAME": 1}))
    return found


def title_before(doc: Doc, start: int, titles: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """The title span that ends right before ``start`` (a comma between is allowed)."""
    end = start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    for i in range(end - 1, max(end - 8, -1), -1):
        span = titles.get(i)
        if span and span[1] == end:
            return span
        if not (doc[i].is_title or doc[i].is_lower or doc[i].is_upper) or doc[i].is_punct:
            break
    # Modifiers between the title and the name ("retired General Keith Kellogg").
    return None


def attach_roles(doc: Doc, mentions: list[Mention]) -> None:
    """Fill role and affiliation of people from the titles around their names."""
    title_list = title_spans(doc)
    titles_by_end = {e - 1: (s, e) for s, e in title_list}
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        if mention.kind not in ("person", "organization", "gpe"):
            continue
        title = title_of(doc, mention, titles_by_end, title_list)
        if title is None:
            continue
        mention.role = title_text(doc, *title)
        if mention.kind != "person" and mention.source == "ner":
            mention.kind = "person"  # "Foreign Minister X": a person, whatever NER said
        mention.votes["TITLE"] = mention.votes.get("TITLE", 0) + 2
        affiliation = affiliation_near(doc, title, by_token)
        if affiliation is not None:
            mention.affiliation = affiliation


def title_of(doc: Doc, mention: Mention, titles_by_end: dict[int, tuple[int, int]],
             title_list: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The title written before a name, or as an appositive after it."""
    title = title_before(doc, mention.start, titles_by_end)
    if title is None and mention.kind != "gpe":
        # "In Jeddah, the Saudi foreign minister said": a title after a place's name
        # belongs to the next person, not to the place.
        title = title_after(doc, mention.end, title_list)
    return title


def affiliate_with_groups(doc: Doc, people: list[Mention], groups: list[Mention]) -> None:
    """"Camilo, leader of the Marxist rebel faction": a person whose title is "of" a
    group the text names serves that group (groups are found after titles are read)."""
    title_list = title_spans(doc)
    titles_by_end = {e - 1: (s, e) for s, e in title_list}
    starts = {m.start: m for m in groups if m.kind == "group"}
    for mention in people:
        if mention.kind != "person" or mention.affiliation is not None or not mention.role:
            continue
        title = title_of(doc, mention, titles_by_end, title_list)
        end = title[1] if title is not None else len(doc)
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            group = starts.get(end + 1) or (starts.get(end + 2) if doc[end + 1].pos_ == "DET" else None)
            if group is not None:
                mention.affiliation = group


def title_after(doc: Doc, end: int, title_list: list[tuple[int, int]]) -> tuple[int, int] | None:
    """An appositive title after the name: "Marco Rubio, the U.S. secretary of state"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    for start, t_end in title_list:
        if end < start <= end + 5 and all(not doc[i].is_punct for i in range(end + 1, start)):
            if t_end < len(doc) and doc[t_end].pos_ == "PROPN":
                return None  # ", Foreign Minister Sergei Lavrov said": the title is the next name's
            return start, t_end
    return None


def title_text(doc: Doc, start: int, end: int) -> str:
    words = doc[start:end].text
    return words[:1].upper() + words[1:] if words.islower() else words


def affiliation_near(doc: Doc, title: tuple[int, int], by_token: dict[int, Mention]) -> Mention | None:
    """A country or organisation named just before a title, or as "X of Y" after it."""
    start, end = title
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("'s", "’s", "'"):
        i -= 1
    while i >= 0 and i not in by_token and doc[i].pos_ in ("ADJ", "DET") and doc[i].lower_ not in ("the",):
        i -= 1
    candidate = by_token.get(i)
    if candidate is None and i >= 0 and doc[i].lower_ == "the":
        candidate = by_token.get(i + 1)
    if candidate is not None and candidate.kind in ("country", "organization", "gpe", "norp"):
        return candidate
    # "ambassador to Ukraine" names where, not whom: only "of" gives an affiliation.
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        candidate = by_token.get(end + 1) or by_token.get(end + 2)
        if candidate is not None and candidate.kind in ("country", "organization"):
            return candidate
    return None


def reference_mentions(doc: Doc, named: list[Mention], in_quote: list[bool]) -> list[Mention]:
    """Pronouns and definite descriptions ("the top diplomat"), linked to antecedents."""
    person_pronouns = lexicon.words("person_pronouns")
    collective_pronouns = lexicon.words("collective_pronouns")
    titles = {s: (s, e) for s, e in title_spans(doc)}
    taken = {i for m in named for i in range(m.start, m.end)}
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    refs: list[Mention] = []
    # Only these words can start a reference; every other token is passed over.
    description_starts = lexicon.words("description_starts")
    starts = {*description_starts, *person_pronouns, *collective_pronouns, "'s", "’s"}
    resume = 0  # a description or title just taken is not read again
    for i in token_indices(doc, starts):
        if i < resume:
            continue
        token = doc[i]
        if i in taken or in_quote[i]:
            continue
        lower = token.lower_
        description = description_at(doc, i, titles, taken, by_token) if lower in description_starts else None
        if description is not None:
            # "the [Russian|US] [top] diplomat", "his Iranian counterpart"
            refs.append(description)
            resume = description.end
            continue
        if lower in person_pronouns and token.pos_ == "PRON":
            refs.append(Mention(i, i + 1, token.text, "person", token.text, "pronoun"))
        elif lower in collective_pronouns and token.pos_ == "PRON":
            refs.append(Mention(i, i + 1, token.text, "collective", token.text, "pronoun"))
        elif lower in ("'s", "’s") and i - 1 in by_token and by_token[i - 1].kind in ("country", "organization") \
                and (k := title_after_modifiers(doc, i + 1, titles)) is not None \
                and titles[k][1] < len(doc) and titles[k][1] not in taken and doc[titles[k][1]].pos_ != "PROPN":
            # "Russia's Foreign Minister said", "Ukraine's newly elected president": a
            # description, the country its affiliation.
            owner, (t_start, end) = by_token[i - 1], titles[k]
            ref = Mention(t_start, end, doc[t_start:end].text, "person", doc[t_start:end].text,
                          "description", role=title_text(doc, t_start, end))
            ref.affiliation = owner
            refs.append(ref)
            resume = end
    return refs


def title_after_modifiers(doc: Doc, i: int, titles: dict[int, tuple[int, int]]) -> int | None:
    """Where a title starts at ``i`` or after a few modifiers ("newly elected", "new",
    "outgoing"), or None."""
    for j in range(i, min(i + 3, len(doc))):
        if j in titles:
            return j
        if not (doc[j].pos_ in ("ADJ", "ADV") or doc[j].tag_ == "VBN" and doc[j].dep_ == "amod"):
            return None
    return None


def description_at(doc: Doc, i: int, titles: dict[int, tuple[int, int]], taken: set[int],
                   by_token: dict[int, Mention]) -> Mention | None:
    """A title after a determiner, standing for a person: "the Minister of Foreign
    Affairs", "the Russian diplomat", "his Iranian counterpart"."""
    j = i + 1
    affiliation = None
    while j < len(doc) and j not in titles and j - i <= 3:
        if j in by_token and by_token[j].kind in ("country", "organization"):
            affiliation = by_token[j]
            j = by_token[j].end
            continue
        if not (doc[j].pos_ in ("ADJ", "PROPN") or doc[j].lower_ in lexicon.words("rank_words")):
            break
        j += 1
    if j not in titles or titles[j][1] >= len(doc) or titles[j][1] in taken \
            or doc[titles[j][1]].pos_ == "PROPN":
        return None  # no title, or a title before a name ("the Foreign Minister Sergei Lavrov")
    end = titles[j][1]
    if affiliation is None and end + 1 < len(doc) and doc[end].lower_ == "of" and end + 1 in by_token \
            and by_token[end + 1].kind in ("country", "organization"):
        affiliation = by_token[end + 1]  # "the president of Sierra Leone"
    ref = Mention(i, end, doc[i:end].text, "person", doc[i:end].text, "description",
                  role=title_text(doc, *titles[j]))
    ref.affiliation = affiliation
    return ref


def link_antecedents(doc: Doc, mentions: list[Mention]) -> None:
    """Point each pronoun or description to the last fitting named mention before it.

    A description with no antecedent ("Russia's Foreign Minister has confirmed", in a
    lead before the name is given) looks ahead for the person who bears that title.
    """
    titles = lexicon.titles()
    named = [m for m in mentions if m.source not in ("pronoun", "description")
             and not m.in_quote and m.kind in ACTOR_KINDS]
    named_starts = [m.start for m in named]  # mentions come sorted by start
    # A pronoun points back a little way only: "it"/"they" to the sentence before its own,
    # "he"/"she" (who stay the topic of a story longer) three; further back, the nearest
    # name is more often someone else than its referent.
    sentence_starts = [s.start for s in doc.sents]
    for mention in mentions:
        if mention.source not in ("pronoun", "description"):
            continue
        reach = 0
        if mention.source == "pronoun":
            here = bisect_right(sentence_starts, mention.start) - 1
            reach = sentence_starts[max(here - (3 if mention.kind == "person" else 1), 0)]
        before = named[bisect_left(named_starts, reach):bisect_left(named_starts, mention.start)]
        if mention.source == "pronoun":
            # A subject is the likelier referent ("Kenya sent troops to Haiti. They ...").
            subjects = [m for m in before if doc[m.end - 1].dep_ in SUBJECTS
                        or doc[m.end - 1].head.dep_ in SUBJECTS and doc[m.end - 1].dep_ == "compound"]
            mention.antecedent = find_antecedent(mention, subjects, titles) or find_antecedent(mention, before, titles)
        else:
            mention.antecedent = find_antecedent(mention, before, titles)
        if mention.antecedent is None and mention.source == "description" and mention.affiliation:
            # Only an office of a named country or body ("Russia's Foreign Minister") is
            # looked for ahead; and not someone of its own sentence: in "The President spoke
            # with President Hollande" the two are different people.
            sentence = doc[mention.start].sent.start
            after = [m for m in reversed(named) if m.start > mention.start and m.kind == "person"
                     and doc[m.start].sent.start != sentence]
            mention.antecedent = next(
                (m for m in reversed(after) if (m.role or "").lower() == (mention.role or "").lower()
                 and m.affiliation_name == mention.affiliation_name), None)
        if mention.antecedent is None and mention.source == "description" and mention.affiliation:
            # An office-holder never named ("Iran's president") speaks for the office's country.
            mention.antecedent = mention.affiliation


def link_reported_subjects(doc: Doc, mentions: list[Mention]) -> None:
    """In reported speech the pronoun subject is usually the speaker: "US officials
    told the SDF that they would not accept..." -> they = US officials."""
    speech = lexicon.words("speech_verbs")
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        if mention.source != "pronoun":
            continue
        token = doc[mention.start]
        clause = token.head
        if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp" \
                or clause.head.lemma_.lower() not in speech:
            continue
        subjects = [c for c in clause.head.children if c.dep_ == "nsubj" and c.i in by_token]
        if not subjects:
            continue
        speaker = by_token[subjects[0].i]
        if speaker is mention or speaker.source == "pronoun" and speaker.antecedent is None:
            continue
        if (speaker.referent.kind == "person") == (mention.kind == "person") and speaker.is_actor:
            mention.antecedent = speaker


def find_antecedent(ref: Mention, seen: list[Mention], titles: dict[str, str]) -> Mention | None:
    wanted = "person" if ref.kind == "person" else None
    fitting = (m for m in reversed(seen)
               if (m.kind == "person") == (wanted == "person") and m.kind != "news_outlet")
    if ref.source != "description":
        return next(fitting, None)  # the nearest: no need to list a long article's every name
    pool = list(fitting)
    role = (ref.role or "").lower()
    if ref.affiliation is not None:
        # "the Russian diplomat": someone of that country, or else nobody named.
        same = [m for m in pool if m.affiliation_name == ref.affiliation_name]
        return next((m for m in same if (m.role or "").lower() == role), same[0] if same else None)
    category = titles.get(role)
    for m in pool:
        if (m.role or "").lower() == role or category and titles.get((m.role or "").lower()) == category:
            return m
    if ref.text.split()[0].lower() != "the" or category not in lexicon.words("loose_title_categories"):
        # "his counterpart" is not the person "his" refers to; and "the home secretary" or
        # "the president" whom the article never names is not whoever was named last.
        return None
    return pool[0] if pool else None


@Language.component("parley_actors")
def find_actors(doc: Doc) -> Doc:
    in_quote = quote_mask(doc)
    named = candidate_mentions(doc)
    attach_roles(doc, named)
    named = people_mentions(doc, named)
    collective = collective_mentions(doc, named)
    # A fixed group name ("the West") overrides the place or nationality NER saw in it.
    groups = {i for m in collective if m.source == "group" for i in range(m.start, m.end)}
    named = [m for m in named if m.kind in ACTOR_KINDS or not groups & set(range(m.start, m.end))]
    named += collective
    affiliate_with_groups(doc, named, collective)
    refs = reference_mentions(doc, named, in_quote)
    mentions = sorted(named + refs, key=lambda m: m.start)
    for m in mentions:
        m.in_quote = in_quote[m.start]
    link_antecedents(doc, mentions)
    link_reported_subjects(doc, mentions)
    mentions = plural_countries(doc, mentions)
    plural_pronouns_of_pairs(doc, mentions)
    doc._.mentions = sorted(mentions + pair_mentions(doc, mentions), key=lambda m: m.start)
    return doc


def plural_pronouns_of_pairs(doc: Doc, mentions: list[Mention]) -> None:
    """"I joined Donald Booth and Susan Page in their meeting with the President",
    "Kenya and Uganda said they rejected the plan": a plural pronoun stands for the
    actors coordinated before it, in its own sentence or as its antecedent's coordination."""
    plural = lexicon.words("plural_pronouns")
    by_token = {i: m for m in mentions for i in range(m.start, m.end) if m.is_actor and m.source != "pronoun"}
    for mention in mentions:
        if mention.source != "pronoun" or mention.text.lower() not in plural:
            continue
        sentence = doc[mention.start].sent.start
        members = last_coordination(doc, by_token, mention.start, exactly_two=False)
        found = mention.antecedent
        if len(members) >= 2 and (found is None and all(m.start >= sentence for m in members)
                                  or found is not None and any(m.referent is found.referent for m in members)):
            mention.members = members


def plural_countries(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The two Koreas", "both Sudans": every country of that name, as members of one
    mention, in place of whatever NER made of the plural."""
    gaz = lexicon.gazetteer()
    out = []
    for mention in mentions:
        shared = gaz.countries_sharing(mention.text) if mention.end - mention.start == 1 \
            and mention.source in ("ner", "group") else []
        if not shared:
            out.append(mention)
            continue
        members = [Mention(mention.start, mention.end, mention.text, "country", name, "gazetteer", "name")
                   for name in shared]
        out.append(Mention(mention.start, mention.end, mention.text, "collective", mention.text, "pair",
                           members=members))
    return out


@cache
def _pair_matcher(vocab_id: int, vocab) -> PhraseMatcher:
    section = lexicon.lexicon()["pair_phrases"]
    return phrase_matcher(vocab, {"PAIR": section["words"], "SET": section["sets"]})


def pair_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The two sides", "both leaders": the two actors coordinated last before the phrase
    ("talks between Sudan and the rebels", "Israeli and Palestinian negotiators"), as
    members of one mention; nothing where no such pair precedes it."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    by_token = {i: m for m in mentions for i in range(m.start, m.end) if m.is_actor}
    found = []
    matcher = _pair_matcher(id(doc.vocab), doc.vocab)
    for match_id, start, end in matcher(doc):
        if any(i in taken for i in range(start, end)):
            continue
        members = last_coordination(doc, by_token, start, exactly_two=doc.vocab.strings[match_id] == "PAIR")
        if members:
            found.append(Mention(start, end, doc[start:end].text, "collective", doc[start:end].text,
                                 "pair", members=members))
    return found


def last_coordination(doc: Doc, by_token: dict[int, Mention], before: int, *, exactly_two: bool) -> list[Mention]:
    """The actors of the last coordination of two or more named just before ``before``
    (of exactly two, for "the two sides")."""
    for i in range(before - 1, max(before - GENERIC_REACH, 0) - 1, -1):
        mention = by_token.get(i)
        if mention is None or i != mention.end - 1:
            continue
        sides: dict[str, Mention] = {}
        for token in sorted([doc[i], *doc[i].conjuncts], key=lambda t: t.i):
            side = by_token.get(token.i)
            if side is not None and token.i < before:
                sides.setdefault(side.referent.name, side.referent)
        if len(sides) == 2 or len(sides) > 2 and not exactly_two:  # three are not "the two sides"
            return list(sides.values())
    return []


def mention_index(doc: Doc) -> dict[int, Mention]:
    """Token index -> the mention covering it."""
    return {i: m for m in doc._.mentions or [] for i in range(m.start, m.end)}


def mention_of(token: Token, index: dict[int, Mention]) -> Mention | None:
    return index.get(token.i)


# -- actors named by a common noun ------------------------------------------------

@dataclass(frozen=True)
class AgentNoun:
    """A generic agent of ``data/agents.tsv`` (from the Phoenix agents dictionary):
    a noun that names an actor by what it is ("rebels", "opposition parties")."""

    form: str  # the singular
    code: str  # Phoenix code, "~REB"
    kind: str  # group | state
    alone: str  # group | country | -: what the noun is with no modifier


def agent_key(text: str) -> str:
    """How agent phrases are compared: lower case, hyphens as spaces ("anti-government")."""
    return re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()


@cache
def agent_nouns() -> dict[str, AgentNoun]:
    """Surface -> agent noun, for the rows of ``data/agents.tsv`` that name an actor: the
    plural of every noun, and the singular of collectives ("a rebel group", "the junta")."""
    found: dict[str, AgentNoun] = {}
    for row in lexicon.read_tsv("agents.tsv"):
        if row["kind"] not in ("group", "state"):
            continue
        noun = AgentNoun(row["form"], row["code"], row["kind"], row["alone"])
        surfaces = [row["plural"]] if row["plural"] else []
        if row["collective"] == "yes":
            surfaces.append(row["form"])
        for surface in surfaces:
            found.setdefault(agent_key(surface), noun)
    return found


@cache
def agent_heads() -> frozenset[str]:
    """The last words of the agent phrases: the tokens an agent phrase can end on."""
    return frozenset(key.split()[-1] for key in agent_nouns())


@cache
def government_heads() -> frozenset[str]:
    """Nouns that alone stand for the article's one government ("the government")."""
    return frozenset(key.split()[-1] for key, noun in agent_nouns().items()
                     if noun.alone == "country" and len(key.split()) == 1)


def names_a_body(word: Token) -> bool:
    """Whether a modifier names a collective of its own ("opposition", "rebel" in "the
    Syrian opposition delegation", "rebel negotiators"): a group noun of the Phoenix
    agents in the singular or plural."""
    agents = agent_nouns()
    noun = agents.get(agent_key(word.text)) or agents.get(agent_key(word.text + "s"))
    return noun is not None and noun.kind == "group" or word.lower_ in lexicon.words("body_modifiers")


def agent_body(doc: Doc, body: Token, drop: frozenset[str]) -> Mention | None:
    """"The Maoist rebel faction", "a militant group": the group of the generic agent
    before ``body``, named by its modifiers and the agent's plural, as "the Maoist
    rebels" would name it; None where no group agent comes before it."""
    if body.i == 0 or doc[body.i - 1].head.i != body.i:
        return None
    first = body.i - 1
    agent = agent_nouns().get(agent_key(doc[first].text + "s"))  # the plural names the group
    if agent is None or agent.kind != "group":
        return None
    words = [c for c in left_modifiers(body) if c.i < first and c.dep_ != "poss" and c.lower_ not in drop
             and (c.pos_ in ("ADJ", "PROPN") or c.ent_type_ == "NORP") and not c.like_num]
    if not words and not heads_alone(body, first):
        return None  # "a rebel group claimed the attack": which one, the text does not say
    start = min([modifier_start(w) for w in words], default=first)
    name = phrase_name(doc, start, body.i)
    if not name.endswith("s"):
        name += "s"
    return Mention(start, body.i + 1, doc[start:body.i + 1].text, "group", name, "group",
                   "" if words else "generic")


def agent_at(doc: Doc, head: Token) -> tuple[AgentNoun | None, int]:
    """The longest agent phrase ending on ``head`` whose words all modify it ("armed
    rebel groups" -> "armed rebel group"), and where it starts."""
    agents = agent_nouns()
    best: tuple[AgentNoun | None, int] = (None, head.i)
    start = head.i
    while start > 0 and head.i - start < 4:
        before = doc[start - 1]
        if not (before.text == "-" or before.dep_ in ("amod", "compound", "nmod", "npadvmod", "punct")
                and head.i >= before.head.i >= start - 1):
            break
        start -= 1
        if before.text == "-":
            continue
        noun = agents.get(agent_key(doc[start:head.i + 1].text))
        if noun is not None:
            best = (noun, start)
    if best[0] is None:
        return agents.get(agent_key(head.text)), head.i
    return best


def phrase_name(doc: Doc, start: int, end: int) -> str:
    """The words of a group's name as written, hyphens kept ("Pro-Russian separatists"),
    the possessor ("Turkey's"), a leading determiner and other punctuation left out, the
    first letter a capital."""
    head = doc[end - 1]
    skip = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    while start < end - 1 and doc[start].dep_ in ("det", "predet"):
        start += 1
    parts: list[str] = []
    for token in doc[start:end]:
        if token.i in skip or token.dep_ == "case" or token.is_punct and token.text not in "-–":
            if parts and not parts[-1].endswith(" "):
                parts.append(" ")
            continue
        parts.append(token.text_with_ws)
    name = re.sub(r"\s+", " ", "".join(parts)).strip(" -–")
    return name[:1].upper() + name[1:]


def heads_alone(head: Token, first: int) -> bool:
    """Whether a noun phrase is only its head (from ``first``) and "the" or a
    demonstrative: "the rebels", "separatists", "these militants"; not "some rebels",
    "two sides", "a rebel group", "rebel commanders" as a modifier of something else."""
    if head.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return False
    for child in head.children:
        if child.i >= first or child.is_punct:
            continue
        if child.dep_ == "det" and child.lower_ in ("the", "these", "those"):
            continue
        return False
    return True


def owner_of(token: Token, modifiers: list[Token], by_token: dict[int, Mention],
             kinds: tuple[str, ...] = ("country", "organization")) -> Mention | None:
    """The country or body a noun stands for: its modifier ("Kremlin officials",
    "Khartoum's negotiators") or, after it, "of" ("the government of Sudan")."""
    owner = next((by_token[c.i] for c in modifiers if c.i in by_token and by_token[c.i].kind in kinds), None)
    if owner is None:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == token.i + 1:
                target = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if target is not None and target.i in by_token and by_token[target.i].kind in kinds:
                    owner = by_token[target.i]
    return owner


def modifier_start(word: Token) -> int:
    """Where a modifier begins, its own parts included ("Islamic State fighters",
    "al-Qaida-linked militants"), not its degree or count ("most senior", "a few")."""
    start = word.i
    while start > 0:
        before = word.doc[start - 1]
        if not start <= before.head.i <= word.i or before.like_num or before.dep_ in (
                "advmod", "det", "predet", "preconj", "quantmod", "nummod", "cc", "poss", "case"):
            break
        start -= 1
    while start < word.i and word.doc[start].is_punct:
        start += 1
    return start


def hyphened_participle(token: Token) -> bool:
    """"Iranian-backed", "al-Qaida-linked": a participle joined to who backs or leads."""
    doc = token.doc
    return token.dep_ == "amod" and token.tag_ in ("VBN", "VBG") and token.i > 1 \
        and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ \
        and doc[token.i - 2:token.i + 1].text.lower() not in lexicon.words("topic_drop_modifiers")


def left_modifiers(token: Token) -> list[Token]:
    return [c for c in token.children if c.i < token.i and c.dep_ in ("amod", "compound", "nmod", "poss")]


def governing_country(doc: Doc, by_token: dict[int, Mention], word: str) -> Mention | None:
    """The country whose government (``word``: government, regime, administration) the
    article speaks of, if it speaks of one more than twice as often as of all others
    together ("the Sudanese government", "Sudan's government", "the government of
    Sudan"): what a bare "the government" stands for."""
    counts: dict[str, list[Mention]] = {}
    for i in token_indices(doc, {word}):
        token = doc[i]
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        owner = owner_of(token, left_modifiers(token), by_token, ("country",))
        if owner is None and token.dep_ == "compound":  # "Sudan's government delegation"
            owner = owner_of(token.head, left_modifiers(token.head), by_token, ("country",))
        if owner is not None:
            counts.setdefault(owner.name, []).append(owner)
    if not counts:
        return None
    ranked = sorted(counts.values(), key=len, reverse=True)
    top, rest = ranked[0], sum(len(r) for r in ranked[1:])
    return top[0] if len(top) > 2 * rest else None


def bare_government(token: Token, lower: str, representative: frozenset[str]) -> str | None:
    """"the government" heading its phrase, or "government" modifying a representative
    noun ("government negotiators", "government forces"), with no other owner: the word
    for the government, or None."""
    heads = government_heads()
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None  # "the government of Canada's ...", "the regime of Assad": someone's, unread
    if lower in heads:
        return lower if heads_alone(token, token.i) else None
    if lower in representative:
        words = [c for c in token.children if c.i < token.i and not c.is_punct and c.dep_ != "det"]
        if len(words) == 1 and words[0].lower_ in heads and words[0].dep_ in NOMINAL_MODIFIERS \
                and not any(c.dep_ != "det" for c in words[0].children) \
                and all(c.lower_ in ("the",) for c in token.children if c.dep_ == "det"):
            return words[0].lower_
    return None


def collective_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Actors named by a common noun phrase.

    "Kremlin officials", "the Russian government", "Russian forces" stand for the
    country or body that modifies them; "European partners", "Western backers",
    "Islamist militants" name a group without a name of its own. The generic agents
    of ``data/agents.tsv`` are groups even alone ("the rebels", "separatists",
    "rebel groups"): a group of their article, the same as the last group of the
    article with that head and a modifier ("Pro-Russian separatists ... the
    separatists"), where there is just one. A bare "the government" or "government
    negotiators" stands for the article's one government, if it has one, else for
    nobody. A noun alone that says nothing of who ("officials", "people", "members",
    "leaders") is no actor.
    """
    representative = lexicon.words("representative_nouns")
    group_heads = lexicon.words("group_heads")
    drop = lexicon.words("topic_drop_modifiers")
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    governments: dict[str, Mention | None] = {}  # word -> the article's one government, on first need
    found: list[Mention] = []
    claimed: set[int] = set()  # heads of phrases read here, kept or left out
    body_suffixes = frozenset(lexicon.lexicon()["group_heads"]["body_suffixes"])
    for i in token_indices(doc, representative | group_heads | agent_heads() | body_suffixes):
        token = doc[i]
        lower = token.lower_
        if token.i in by_token or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if lower in body_suffixes:
            # "the Maoist rebel faction": the Maoist rebels, named as the plural is
            group = agent_body(doc, token, drop)
            if group is not None:
                found.append(group)
                claimed.add(token.i)
            continue
        modifiers = left_modifiers(token)
        owner = owner_of(token, modifiers, by_token)
        body = next((c for c in modifiers if names_a_body(c)), None)
        if owner is not None and lower in representative and body is not None:
            # "the Syrian opposition delegation": the opposition's envoys, not Syria's.
            start = min(modifier_start(c) for c in modifiers if c.i <= body.i)
            name = phrase_name(doc, start, body.i + 1)
            if agent_nouns().get(agent_key(body.text + "s")) is not None:
                name += "s"  # "rebel negotiators": the rebels'
            found.append(Mention(start, token.i + 1, doc[start:token.i + 1].text, "group", name, "group"))
            claimed.add(token.i)
            continue
        if owner is not None and lower in representative:
            found.append(Mention(token.i, token.i + 1, token.text, owner.kind, owner.name,
                                 "representative", antecedent=owner))
            claimed.add(token.i)
            continue
        word = bare_government(token, lower, representative) if owner is None else None
        if word is not None:
            claimed.add(token.i)
            if word not in governments:
                governments[word] = governing_country(doc, by_token, word)
            government = governments[word]
            if government is not None:
                found.append(Mention(token.i, token.i + 1, token.text, government.kind, government.name,
                                     "representative", antecedent=government))
            continue
        agent, first = agent_at(doc, token)
        if agent is not None and agent.kind != "group":
            agent = None
        if lower not in group_heads and agent is None:
            continue
        first = first if agent is not None else token.i
        if token.tag_ == "NN" and any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in token.children):
            continue  # "opposition to the plan", "resistance against it": a stance, not a body
        words = [c for c in modifiers if c.i < first and c.dep_ != "poss" and c.lower_ not in drop
                 and (c.pos_ in ("ADJ", "PROPN") or c.ent_type_ == "NORP" or hyphened_participle(c))
                 and not c.like_num and c.ent_type_ not in NOT_NAME_ENTITIES]
        if words:
            start = min([modifier_start(w) for w in words] + [by_token[w.i].start for w in words if w.i in by_token])
            found.append(Mention(start, token.i + 1, doc[start:token.i + 1].text, "group",
                                 phrase_name(doc, start, token.i + 1), "group"))
            claimed.add(token.i)
        elif agent is not None and agent.alone == "group" and heads_alone(token, first):
            found.append(Mention(first, token.i + 1, doc[first:token.i + 1].text, "group",
                                 phrase_name(doc, first, token.i + 1), "group", "generic"))
            claimed.add(token.i)
    found.extend(named_group_mentions(doc, by_token, claimed))
    link_generic_groups(doc, sorted(found, key=lambda m: m.start))
    return found


#: How far back (in tokens) a generic group looks for the group it repeats: a few sentences.
GENERIC_REACH = 150


def link_generic_groups(doc: Doc, groups: list[Mention]) -> None:
    """"Pro-Russian separatists ... the separatists": a generic group is the group
    named shortly before it with the same head word, where only one such group was
    named in the article so far."""
    named_before: dict[str, list[Mention]] = {}
    represented: list[Mention] = []  # "Afghanistan's negotiating team", "Kremlin officials"
    representative_heads = lexicon.words("representative_nouns")
    for m in groups:
        if m.source == "representative" and m.referent.kind in ACTOR_KINDS:
            represented.append(m)
        if m.kind != "group":
            continue
        head = doc[m.end - 1].lemma_.lower()
        if m.subkind != "generic":
            named_before.setdefault(head, []).append(m)
        elif len({g.name for g in named_before.get(head, ())}) == 1 \
                and m.start - named_before[head][-1].end <= GENERIC_REACH:
            m.antecedent = named_before[head][-1]
        elif doc[m.end - 1].lower_ in representative_heads and (
                near := [r for r in represented if m.start - r.end <= GENERIC_REACH]) \
                and len({r.referent.name for r in near}) == 1:
            # "... met Afghanistan's negotiating team. Pompeo and the negotiators discussed":
            # the envoys are the only side whose envoys were named just before.
            m.antecedent = near[-1]


PEOPLE_LEAD = ("the", "these", "those")
# Entities that say when or how many, not who: "Friday campaigners", "2,000 fighters".
NOT_NAME_ENTITIES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")


def people_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """A people named in the plural acts as its country ("the Palestinians rejected")
    only as a whole. Counted or described ("many Israelis", "two Russians", "ordinary
    Russians") it is no actor; a community of it ("ethnic Serbs", "Kosovo Serbs",
    "Serbs in Kosovo") is a group of its own."""
    people_modifiers = frozenset(w.lower() for w in lexicon.lexicon()["group_heads"].get("people_modifiers", ()))
    by_token = {i: m for m in named for i in range(m.start, m.end)}
    out = []
    for m in named:
        if m.kind != "country" or m.subkind != "people":
            out.append(m)
            continue
        head = doc[m.end - 1]
        lead = [c for c in head.children if c.i < m.start and not c.is_punct
                and not (c.dep_ == "det" and c.lower_ in PEOPLE_LEAD)]
        place = next((by_token.get(p.i) for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "in"
                      for p in prep.children if p.dep_ == "pobj"), None)
        community = [c for c in lead if c.lower_ in people_modifiers or c.ent_type_ in ("NORP", "GPE", "LOC")
                     or c.i in by_token and by_token[c.i].kind in ("country", "gpe", "place")
                     and by_token[c.i].name != m.name]
        if lead and len(community) == len(lead):
            start = min(c.i for c in lead)
            out.append(Mention(start, m.end, doc[start:m.end].text, "group", phrase_name(doc, start, m.end),
                               "group", votes=dict(m.votes)))
        elif lead or head.dep_ in ("compound", "amod") or head.tag_ not in ("NNPS", "NNS", "NNP"):
            m.kind = "norp"  # "many Israelis", "two Russians": people, no party
            out.append(m)
        elif place is not None and place.kind == "country" and place.name != m.name:
            end = place.end
            out.append(Mention(m.start, end, doc[m.start:end].text, "group", phrase_name(doc, m.start, end),
                               "group", votes=dict(m.votes)))
        else:
            out.append(m)
    return out


@cache
def _named_group_matcher(vocab_id: int, vocab) -> tuple[PhraseMatcher, frozenset[str]]:
    """Fixed names of collectives ("the West") and phrases for a group of the article
    ("the mediators", "the two sides"), from lexicon.toml [named_groups]."""
    section = lexicon.lexicon()["named_groups"]
    generic = frozenset(w.lower() for w in section.get("generic", ()))
    return phrase_matcher(vocab, {"GROUP": [*section["words"], *sorted(generic)]}), generic


def named_group_mentions(doc: Doc, by_token: dict[int, Mention], claimed: set[int] = frozenset()) -> list[Mention]:
    matcher, generic = _named_group_matcher(id(doc.vocab), doc.vocab)
    found = []
    for _, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        phrase = doc[start:end].text.lower()
        if found and start < found[-1].end:
            continue  # "the two sides" and "sides": the longer, found first
        if doc[start].lower_ == "the" and start + 1 < end:
            start += 1
        if any(i in by_token and by_token[i].kind in ACTOR_KINDS or i in claimed for i in range(start, end)):
            continue
        is_generic = re.sub(r"\s+", " ", phrase) in generic
        if is_generic and not heads_alone(doc[end - 1], start):
            continue  # "some negotiators", "two negotiators": people, not a party
        text = doc[start:end].text
        found.append(Mention(start, end, text, "group", phrase_name(doc, start, end), "group",
                             "generic" if is_generic else ""))
    return found
