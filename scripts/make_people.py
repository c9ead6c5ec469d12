"""Write kg/data/people.tsv, the political figures of the world and the country each
serves, from the Phoenix country-actors dictionary of PETRARCH2 (openeventdata/petrarch2,
commit 676801cd, MIT licence; its people come from the CountryInfo file of the
Computational Event Data System project, up to 2014).

    .venv/bin/python scripts/make_people.py [path/to/Phoenix.Countries.actors.txt [output.tsv]]

The path defaults to ../shared/lexicons/petrarch2/Phoenix.Countries.actors.txt beside the
repository. Parley uses the file for one thing: a person named in full whom the text
gives no affiliation ("Prime Minister Girija Prasad Koirala") is affiliated with the
country the dictionary gives, where that country is named in the same article. So the
file keeps only what that needs and can support:

- people only: the entries the dictionary marks as taken from CountryInfo (its
  countries, bodies and places are left out; Parley has its own gazetteers of those);
- names of two words or more, the name and the aliases that are names too (an alias
  with a title, a demonym or one word only, "PRESIDENT_PUTIN", "PUTIN", is left out);
- one country a name: the country of the person's codes (their first three letters,
  the CAMEO country code), mapped to Parley's own country names through the
  dictionary's country entries; a person whose codes name several countries, and a
  name that two people of different countries share, are left out.

The output depends on the input alone: same dictionary, same bytes.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import lexicon  # noqa: E402  (the repository's package, run from a checkout)

SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "Phoenix.Countries.actors.txt"
TARGET = ROOT / "kg" / "data" / "people.tsv"
COMMIT = "676801cd"
PERSON_MARK = "CountryInfo.txt"
CODE = re.compile(r"\[([A-Z]{3})[A-Z]*")

HEADER = f"""\
# Political figures and the country each serves: made by scripts/make_people.py from
# Phoenix.Countries.actors.txt of PETRARCH2 (openeventdata/petrarch2, commit {COMMIT}, The
# MIT License, copyright 2014 Open Event Data Alliance), whose people come from CountryInfo
# (Computational Event Data System project, to 2014). Regenerate with
#     .venv/bin/python scripts/make_people.py [path/to/Phoenix.Countries.actors.txt]
# Columns: name (as the dictionary spells it, capitalised); aliases (other full names,
# | separated); country (Parley's name of it, countries.tsv); code (the CAMEO country
# code). Only names of two words or more, one country a name; see the script for what
# was left out and why.
"""


def phrase(entry: str) -> str:
    """A dictionary phrase ("GIRIJA_PRASAD_KOIRALA_") as words ("Girija Prasad Koirala")."""
    words = [w for w in entry.strip().strip("_").split("_") if w]
    return " ".join(w.capitalize() if w.isalpha() else w.title() for w in words)


def read_entries(path: Path) -> list[tuple[str, list[str], list[str], bool]]:
    """(name, aliases, codes, marked as a person) for every entry of the dictionary."""
    entries: list[tuple[str, list[str], list[str], bool]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        if line[0] not in " \t+[":
            name = body.split("[")[0].strip()
            entries.append((name, [], CODE.findall(body), PERSON_MARK in comment))
        elif entries and line.startswith("+"):
            entries[-1][1].append(body[1:].split("[")[0].strip())
        elif entries:
            entries[-1][2].extend(CODE.findall(body))
    return entries


def country_codes(entries) -> dict[str, str]:
    """CAMEO country code -> Parley's country name, from the dictionary's country entries
    ("NEPAL_  [NPL]"), looked up in Parley's gazetteer by name or alias."""
    gaz = lexicon.gazetteer()
    found: dict[str, str] = {}
    for name, aliases, codes, person in entries:
        if person or len(codes) != 1 or codes[0] in found:
            continue
        for surface in (name, *aliases):
            known = gaz.lookup(phrase(surface))
            if known is not None and known.kind == "country" and known.subkind in ("name", "alias"):
                found[codes[0]] = known.name
                break
    return found


def plain_name(text: str, refused: set[str]) -> bool:
    """A full name with no title, demonym or place in it: two words or more."""
    words = text.lower().split()
    return len(words) >= 2 and not any(w.strip(".") in refused for w in words) \
        and all(re.fullmatch(r"[a-z][a-z.'-]*", w) for w in words)


def refused_words() -> set[str]:
    """Words that make an alias a description rather than a name: titles and countries."""
    gaz = lexicon.gazetteer()
    titles = {w for t in lexicon.read_tsv("titles.tsv") for w in t["title"].split()}
    places = {w for surface in gaz.surfaces for w in surface.lower().split()
              if gaz.lookup(surface) is not None and gaz.lookup(surface).kind == "country"}
    return titles | places


def rows(entries) -> list[tuple[str, list[str], str, str]]:
    codes_to_country = country_codes(entries)
    refused = refused_words()
    people = []
    for name, aliases, codes, person in entries:
        countries = {codes_to_country[c] for c in codes if c in codes_to_country}
        if not person or len(countries) != 1:
            continue
        full = phrase(name)
        if not plain_name(full, refused):
            continue
        others = [a for a in dict.fromkeys(phrase(a) for a in aliases) if a != full and plain_name(a, refused)]
        (country,) = countries
        code = next(c for c in codes if codes_to_country.get(c) == country)
        people.append((full, others, country, code))
    # A name that people of two countries share says nothing of either.
    countries_of: dict[str, set[str]] = defaultdict(set)
    for full, others, country, _ in people:
        for surface in (full, *others):
            countries_of[lexicon.fold(surface)].add(country)
    kept, seen = [], set()
    for full, others, country, code in people:
        if len(countries_of[lexicon.fold(full)]) > 1 or lexicon.fold(full) in seen:
            continue
        seen.add(lexicon.fold(full))
        others = [a for a in others if len(countries_of[lexicon.fold(a)]) == 1]
        kept.append((full, others, country, code))
    return sorted(kept, key=lambda r: (r[2], r[0]))


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    target = Path(argv[2]) if len(argv) > 2 else TARGET
    found = rows(read_entries(source))
    with target.open("w", encoding="utf-8", newline="\n") as out:
        out.write("name\taliases\tcountry\tcode\n")
        out.write(HEADER)
        for full, others, country, code in found:
            out.write(f"{full}\t{'|'.join(others)}\t{country}\t{code}\n")
    print(f"wrote {target} ({len(found):,} people, "
          f"{len(Counter(r[2] for r in found)):,} countries)")


if __name__ == "__main__":
    main(sys.argv)
