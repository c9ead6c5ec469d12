"""Write kg/data/agents.tsv, the generic agents of news English ("the rebels", "the
opposition", "government forces"), from the Phoenix agents dictionary of PETRARCH2
(openeventdata/petrarch2, commit 676801cd, MIT licence).

    .venv/bin/python scripts/make_agents.py [path/to/Phoenix.agents.txt [output.tsv]]

The path defaults to ../shared/lexicons/petrarch2/Phoenix.agents.txt beside the
repository. Every entry of the dictionary becomes one row (one row a singular form),
with its plural, its Phoenix code and what Parley makes of it: a group, an organ of
a state, or nothing. What decides is the list RULES below, read in order, the first
that fits deciding; each row names the rule that decided it, and the rules are
written into the file's header, so the curation is data that can be read and argued
with. The output depends on the input alone: same dictionary, same bytes.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "Phoenix.agents.txt"
TARGET = ROOT / "kg" / "data" / "agents.tsv"
COMMIT = "676801cd"

# Phoenix codes (three letters each, "~REBMUS" = REB + MUS) that make a political
# actor in news, and what Parley calls it.
GROUP_CODES = ("REB", "OPP", "UAF", "RAD", "PTY")
STATE_CODES = ("GOV", "MIL", "COP")
# Collective nouns: their singular names a body ("a rebel group", "the junta"); other
# nouns name one person, and only their plural is a collective ("the rebels").
COLLECTIVE_HEADS = frozenset("""group army force forces movement front faction wing alliance
coalition party parties organization organisation militia junta opposition government regime
administration cabinet leadership delegation band gang squad unit resistance clique""".split())
# Words that may end a phrase Parley can match (a head noun and the words before it).
FUNCTION_WORDS = frozenset("of for the in to at and on a an by with from".split())


@dataclass(frozen=True)
class Rule:
    """One curation rule: which entries it takes, and what it makes of them."""

    name: str
    kind: str  # group | state | -  (- : not an actor for Parley)
    why: str
    codes: tuple[str, ...] = ()  # any of these three-letter codes in the entry's code
    last_words: frozenset[str] = frozenset()  # the entry's last word (singular) is one of these
    affix: bool = False  # codes written ORG~ (before an actor), not ~ORG
    has_words: frozenset[str] = frozenset()  # some word of the entry is one of these
    function_word: bool = False  # the phrase holds a function word
    alone: str = "-"  # group | country | -: what the noun is with no modifier


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


RULES: tuple[Rule, ...] = (
    Rule("affix-code", "-", "code written ORG~ (IGO~, NGO~): part of an organisation's name; "
         "named bodies live in organizations.tsv", affix=True),
    Rule("phrase", "-", "holds a function word (of, for, the, ...): Parley matches a head noun "
         "and the words before it, and a name begun this way is the gazetteer's", function_word=True),
    Rule("name-part", "-", "words of organisations' names (\"... Liberation Front\", \"Revolutionary "
         "Movement of ...\"): a name is the gazetteer's or the NER model's",
         has_words=words("liberation revolutionary front")),
    Rule("media", "-", "press and media (MED): news outlets are organisations, their staff "
         "report", codes=("MED",)),
    Rule("activity", "-", "names an activity, a rule or a state of affairs, not who acts",
         last_words=words("insurgency insurgence rebellion revolt uprising rule governance presence "
                          "machine check led intelligence justice")),
    Rule("thing", "-", "a place, a building or a vehicle",
         last_words=words("base post aircraft plane jet airliner jetliner building prison house "
                          "village settlement neighborhood neighbourhood district town tribunal "
                          "source daily newspaper")),
    Rule("individual", "-", "a person's status, crime or trade, not a body acting in politics "
         "(\"detainees\", \"looters\", \"gunmen\")",
         last_words=words("detainee prisoner exile deserter defector turncoat traitor recreant "
                          "objector looter pillager plunderer raider marauder assailant gunman "
                          "gunmen hitman triggerman gunslinger bomber mercenary crusader picketer "
                          "rioter actor retired vip journalist editor reporter publisher professional "
                          "gun candidate politician")),
    Rule("rebel", "group", "armed opposition (REB): a group, and an actor even alone: "
         "\"the rebels\", \"separatists\"", codes=("REB",), alone="group"),
    Rule("armed-alone", "group", "armed groups (UAF, RAD) that news names alone as a party: "
         "\"the militants\", \"militias\"", codes=("UAF", "RAD"),
         last_words=words("militant militia militiaman jihadist paramilitary"), alone="group"),
    Rule("opposition-alone", "group", "the political opposition (OPP): a party even alone: "
         "\"opposition parties\", \"opposition leaders\"", codes=("OPP",),
         has_words=words("opposition"), alone="group"),
    Rule("group", "group", "armed groups, opposition, radicals, parties (UAF, OPP, RAD, PTY): "
         "a group where a modifier says which (\"Kurdish fighters\", \"student protesters\")",
         codes=GROUP_CODES),
    Rule("government-alone", "state", "the government of a state: alone, the article's one "
         "government (\"the government\", where one country's government is spoken of)",
         codes=("GOV",), last_words=words("government regime administration"), alone="country"),
    Rule("state", "state", "organs of a state (GOV, MIL, COP): the country their modifier names",
         codes=STATE_CODES),
    Rule("other", "-", "occupations, sectors, faiths and people at large (AGR, BUS, CVL, EDU, "
         "LAB, REL, PPL, ...): not parties to a negotiation; farmers or students act as a group "
         "only where lexicon.toml [group_heads] says so"),
)


# -- reading the dictionary --------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]  # lower case
    plural: tuple[str, ...] | None  # None: no plural
    code: str  # as written: "~REB", "IGO~"


SUBSTITUTION = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
LINE = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]")


def read_entries(path: Path) -> list[Entry]:
    substitutions: dict[str, list[str]] = {}
    entries: list[Entry] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = re.sub(r"<!--.*?-->", "", raw)
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if m := SUBSTITUTION.match(line.strip()):
            substitutions[m.group(1)] = [p.strip() for p in m.group(2).split(",") if p.strip()]
            continue
        m = LINE.match(line.strip())
        if m is None:
            continue
        phrase, plural, code = m.group("phrase"), m.group("plural"), m.group("code").strip()
        for variant in expand(phrase, substitutions):
            entries.append(entry(variant, plural, code, substituted=variant != phrase))
    return entries


def expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """"CONGRESS!PERSON!" -> CONGRESSMAN, CONGRESSMEN, ..."""
    m = re.search(r"!(\w+)!", phrase)
    if m is None:
        return [phrase]
    found = []
    for value in substitutions.get(m.group(1), []):
        found += expand(phrase[:m.start()] + value + phrase[m.end():], substitutions)
    return found


def entry(phrase: str, plural: str | None, code: str, substituted: bool) -> Entry:
    stopped = phrase.rstrip().endswith("_")
    parts = tuple(w.lower() for w in re.split(r"[_\s]+", phrase.strip().strip("_")) if w)
    if plural is not None:
        forms = tuple(w.lower() for w in re.split(r"[_\s]+", plural.strip().strip("_")) if w)
        plural_words = forms or None  # {}: no plural
    elif stopped or substituted:
        plural_words = None  # a stopped phrase, or a substitution's every form listed
    else:
        plural_words = parts[:-1] + (pluralise(parts[-1]),)
    return Entry(parts, plural_words, code)


def pluralise(word: str) -> str:
    """Regular English plural of a noun that is singular."""
    if looks_plural(word):
        return word
    if word.endswith("man"):
        return word[:-3] + "men"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def looks_plural(word: str) -> bool:
    return word in ("people", "children", "police", "personnel", "staff") or word.endswith("men") or \
        bool(re.search(r"[^su']s$", word)) and not word.endswith(("ss", "us", "is"))


def singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(ss|x|z|ch|sh)es$", word):
        return word[:-2]
    if looks_plural(word) and word.endswith("s"):
        return word[:-1]
    return word


# -- deciding ----------------------------------------------------------------------

def code_parts(code: str) -> tuple[str, ...]:
    letters = code.strip("~ ")
    return tuple(letters[i:i + 3] for i in range(0, len(letters), 3))


def decide(e: Entry, form: tuple[str, ...]) -> Rule:
    parts = code_parts(e.code)
    for rule in RULES:
        if rule.affix and not e.code.startswith("~"):
            return rule
        if rule.function_word and any(w in FUNCTION_WORDS for w in form):
            return rule
        if rule.affix or rule.function_word:
            continue
        if rule.codes and not set(rule.codes) & set(parts):
            continue
        if rule.last_words and form[-1] not in rule.last_words:
            continue
        if rule.has_words and not rule.has_words & set(form):
            continue
        return rule
    raise AssertionError("the last rule takes every entry")


@dataclass(frozen=True)
class Row:
    form: str
    plural: str
    collective: str
    code: str
    kind: str
    alone: str
    rule: str


def rows(entries: list[Entry]) -> list[Row]:
    found: dict[str, Row] = {}
    for e in entries:
        if not e.words:
            continue
        if looks_plural(e.words[-1]) and e.plural is None or e.plural == e.words:
            # Listed in the plural ("ALLEGED_MILITANTS", "GUNMEN"): file it under its singular.
            form = e.words[:-1] + (singular(e.words[-1]),)
            plural = e.words
        else:
            form, plural = e.words, e.plural
        rule = decide(e, form)
        key = " ".join(form)
        if key in found:
            continue  # the first entry of a form decides, as in the dictionary
        collective = form[-1] in COLLECTIVE_HEADS
        found[key] = Row(key, " ".join(plural) if plural else "", "yes" if collective else "no",
                         e.code.strip(), rule.kind, rule.alone, rule.name)
    return sorted(found.values(), key=lambda r: (r.form, r.code))


HEADER = f"""# Generic agents: nouns that name an actor by what it is, not by its name ("the
# rebels", "the opposition", "government forces"). Made by scripts/make_agents.py from
# Phoenix.agents.txt, the agents dictionary of PETRARCH2 (openeventdata/petrarch2, commit
# {COMMIT}); regenerate with
#     .venv/bin/python scripts/make_agents.py [path/to/Phoenix.agents.txt]
# Columns: form: the singular, lower case; plural: its plural ("" where the dictionary
# forms none); collective: "yes" where the singular names a body ("rebel group", "the
# junta"), "no" where it names one person (then only the plural is a collective);
# code: the Phoenix code; kind: group (kg:Group), state (an organ of the state its
# modifier names) or - (no actor for Parley); alone: what the noun is with no modifier:
# group ("the rebels": a group of the article), country ("the government": the article's
# one government, if only one is spoken of) or - (it needs a modifier: "Kurdish
# fighters"); rule: the rule below that decided the row.
#
# Rules, in order; the first that fits an entry decides:
{{rules}}#
# Phoenix.agents.txt: The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
# permit persons to whom the Software is furnished to do so, subject to the following
# conditions: The above copyright notice and this permission notice shall be included
# in all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
# PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
# HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
# CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE
# OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def describe(rule: Rule) -> str:
    test = []
    if rule.affix:
        test.append("code ORG~")
    if rule.function_word:
        test.append("function word in the phrase")
    if rule.codes:
        test.append("code has " + "|".join(rule.codes))
    if rule.last_words:
        test.append("last word " + "|".join(sorted(rule.last_words)))
    if rule.has_words:
        test.append("a word " + "|".join(sorted(rule.has_words)))
    lines = [f"#   {rule.name}: {' and '.join(test) or 'any entry'} -> kind {rule.kind}, alone {rule.alone}"]
    lines.append(f"#       ({rule.why})")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    target = Path(argv[2]) if len(argv) > 2 else TARGET
    found = rows(read_entries(source))
    with target.open("w", encoding="utf-8", newline="\n") as out:
        out.write("form\tplural\tcollective\tcode\tkind\talone\trule\n")
        out.write(HEADER.replace("{rules}", "".join(describe(r) for r in RULES)))
        for r in found:
            out.write(f"{r.form}\t{r.plural}\t{r.collective}\t{r.code}\t{r.kind}\t{r.alone}\t{r.rule}\n")
    used = sum(1 for r in found if r.kind != "-")
    print(f"wrote {target} ({len(found):,} forms, {used:,} actors)")


if __name__ == "__main__":
    main(sys.argv)
