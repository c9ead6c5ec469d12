"""Write Parley's CAMEO verb data from PETRARCH2's CAMEO verb dictionary (MIT licence,
Open Event Data Alliance, openeventdata/petrarch2 at commit 676801cd).

    .venv/bin/python scripts/make_triggers.py [CAMEO.verbpatterns.txt] [--out DIR]

The dictionary path defaults to ../shared/lexicons/petrarch2/CAMEO.verbpatterns.150430.txt
from the repository root; --out defaults to kg/data. Two files come out:

- cameo_verbs.tsv: every verb of the dictionary whose CAMEO code falls in a family listed
  in scripts/cameo_curation.toml [families], as lemma and particle ("rule", "out") with its
  verb block and code. kg/lexicon.py reads it to give each trigger its CAMEO code.
- cameo_triggers.tsv: the verbs the curation keeps, as Parley triggers (the columns of
  triggers.tsv plus their CAMEO code). kg/lexicon.py loads it after triggers.tsv.

The dictionary's format, as this script reads it: lines before the first verb block are
its header and synonym sets. A block opens with "--- NAME [code] ---" ("[---]" or "###":
no code; "[042:043]": the code of the event and of its mirror, of which the first is the
verb's). Each verb line gives a base form, then optionally irregular forms in braces and a
code of its own in brackets; "+" marks the verb in a multi-word form ("+RULE_OUT",
"RE_+OPEN") whose other words are its particle or prefix. Lines beginning with "-" are
sentence patterns, which Parley's dependency reading has no use for; "#" starts a comment.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.lexicon import cameo_fits, child_word

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = "../shared/lexicons/petrarch2/CAMEO.verbpatterns.150430.txt"
CURATION = ROOT / "scripts" / "cameo_curation.toml"
COMMAND = f".venv/bin/python scripts/make_triggers.py {DEFAULT_SOURCE}"
BLOCK_LINE = re.compile(r"^---\s+([A-Z0-9_\-]+)\s*(?:\[([^\]]*)\])?")
CODE = re.compile(r"\[([^\]]*)\]")
FORMS = re.compile(r"\{([^}]*)\}")
TRIGGER_COLUMNS = ["lemma", "pos", "class", "needs", "polarity", "subclass", "cameo"]
VERB_COLUMNS = ["lemma", "needs", "cameo", "block"]


@dataclass(frozen=True)
class Verb:
    """One verb line of a block: its base form, the particle it takes, its code."""

    lemma: str
    needs: str  # particle of a multi-word verb ("out" of "+RULE_OUT"), else ""
    cameo: str  # the verb's own code, else its block's; "" where neither has one
    block: str

    @property
    def name(self) -> str:
        return f"{self.lemma} {self.needs}".strip()


def cameo_code(bracket: str | None) -> str:
    """The first code of "[040]", "[042:043]"; "" for "[---]" or no bracket."""
    code = (bracket or "").split(":")[0].strip()
    return code if code.isdigit() else ""


def verb_of(token: str) -> tuple[str, str]:
    """(lemma, particle) of a dictionary verb: "+MEET_WITH" -> ("meet", "with"),
    "RE_+OPEN" -> ("reopen", ""), "RATIFY" -> ("ratify", "")."""
    words = [w for w in token.lower().split("_") if w]
    head = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    lemma = "".join(w.lstrip("+") for w in words[:head + 1])
    return lemma, " ".join(words[head + 1:])


def read_dictionary(text: str) -> list[Verb]:
    """The verbs of every block, in file order; a form the block also lists as an irregular
    form of another of its verbs ("RALLIED" beside "RALLY {RALLIED ...}") is left out."""
    lines: list[tuple[str, str, str]] = []  # (token, own code, block)
    blocks: dict[str, str] = {}
    inflected: set[tuple[str, str]] = set()  # (form, block)
    block = None
    for line in text.splitlines():
        if line.startswith("---"):
            found = BLOCK_LINE.match(line)
            if found is None:
                raise ValueError(f"unreadable block line: {line!r}")
            block = found.group(1)
            blocks[block] = cameo_code(found.group(2))
            continue
        body = line.split("#", 1)[0].strip()
        if block is None or not body or body.startswith("-"):
            continue
        token = re.split(r"[\s{\[]", body, maxsplit=1)[0]
        own = CODE.search(body)
        lines.append((token, cameo_code(own.group(1)) if own else "", block))
        if forms := FORMS.search(body):
            inflected.update((verb_of(form)[0], block) for form in forms.group(1).split()
                             if verb_of(form)[0] != verb_of(token)[0])
    verbs: list[Verb] = []
    for token, own, block in lines:
        lemma, needs = verb_of(token)
        if (lemma, block) in inflected and not needs:
            continue
        verbs.append(Verb(lemma, needs, own or blocks[block], block))
    return verbs


def licence_text(text: str) -> list[str]:
    """The MIT licence of the dictionary's header, from its title to its last line."""
    header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    first = next(i for i, line in enumerate(header) if line.startswith("The MIT License"))
    last = next(i for i, line in enumerate(header) if i > first and line.endswith("IN THE SOFTWARE."))
    return [line for line in header[first:last + 1] if line]


def provenance(text: str, source: Path, curation: dict) -> list[str]:
    """Header lines naming the source, its commit, the command that regenerates the file,
    and the source's licence and copyright, which the file carries as a work derived from it."""
    about = curation["source"]
    return [f"Source: {source.name} of {about['repository']}, commit {about['commit']}",
            f"({about['url']}), sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}.",
            f"Regenerate from the repository root: {COMMAND}",
            f"Licence: {about['licence']}, as the source's header states:",
            *licence_text(text)]


def decided_blocks(verbs: list[Verb], families: set[str]) -> set[str]:
    """Blocks with a verb coded in a family the curation decides on."""
    return {v.block for v in verbs if v.cameo[:2] in families}


def curate(verbs: list[Verb], curation: dict) -> list[tuple[str, ...]]:
    """Trigger rows for the kept verbs; stops on any verb or block left undecided."""
    by_block: dict[str, list[Verb]] = {}
    for verb in verbs:
        by_block.setdefault(verb.block, []).append(verb)
    decided = {family for family, kind in curation["families"].items() if kind != "reference"}
    mapped = {entry["block"] for entry in curation["map"]}
    problems = [f"block {b} has no decision: map it or list it in [excluded_blocks]"
                for b in sorted(decided_blocks(verbs, decided) - mapped - set(curation["excluded_blocks"]))]
    problems += [f"unknown block {b}" for b in sorted((mapped | set(curation["excluded_blocks"])) - set(by_block))]
    rows: list[list[str]] = []
    for block in sorted(mapped & set(by_block)):
        entries = [e for e in curation["map"] if e["block"] == block]
        names = {v.name for v in by_block[block]} | {v.lemma for v in by_block[block]}
        kept = {k for e in entries for k in e.get("keep", [])}
        excluded = {x for e in entries for x in e.get("exclude", {})}
        has_others = any("others" in e for e in entries)
        for name in sorted(kept | excluded):  # "call upon@actor": the verb is "call"
            if name.split()[0] not in names:
                problems.append(f"{block}: {name!r} is not a verb of the block")
        for name in sorted(kept & excluded):
            problems.append(f"{block}: {name!r} is both kept and excluded")
        # Keeping "talk with" decides bare "talk"; keeping "call on@actor" decides "call on".
        kept_verbs = set()
        for name in kept:
            lemma, _, needs = name.partition(" ")
            kept_verbs |= {lemma, f"{lemma} {child_word(needs)}".strip()}
        undecided = sorted(v.name for v in by_block[block] if v.name not in kept_verbs | excluded)
        if undecided and not has_others:
            problems.append(f"{block}: no decision for {', '.join(undecided)}")
        for entry in entries:
            rows += trigger_rows(entry, by_block[block], problems)
    if problems:
        raise SystemExit("cameo_curation.toml:\n  " + "\n  ".join(problems))
    return sorted(set(map(tuple, rows)))


def trigger_rows(entry: dict, verbs: list[Verb], problems: list[str]) -> list[list[str]]:
    kind, subclass = entry["class"], entry.get("subclass", "")
    rows = []
    for name in entry.get("keep", []):
        lemma, _, needs = name.partition(" ")
        # The dictionary's own code for exactly this verb and particle, else for the bare verb.
        codes = [v.cameo for v in verbs if (v.lemma, v.needs) == (lemma, child_word(needs))] + \
                [v.cameo for v in verbs if (v.lemma, v.needs) == (lemma, "")]
        code = next((c for c in codes if c and cameo_fits(c, kind, subclass)), entry.get("cameo", ""))
        if not cameo_fits(code, kind, subclass):
            problems.append(f"{entry['block']}: {name!r} has no CAMEO code that fits {subclass or kind}")
        rows.append([lemma, "VERB", kind, needs, "+", subclass, code])
        if "negated" in entry:
            rows.append([lemma, "VERB", entry["negated"], needs, "-", "", entry["negated_cameo"]])
    return rows


def write_tsv(path: Path, columns: list[str], header: list[str], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\t".join(columns) + "\n")
        out.writelines(f"# {line}".rstrip() + "\n" for line in header)
        out.writelines("\t".join(row) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(ROOT / DEFAULT_SOURCE),
                        help="PETRARCH2's CAMEO.verbpatterns file")
    parser.add_argument("--out", default=str(ROOT / "kg" / "data"), help="folder to write to")
    args = parser.parse_args(argv)
    source, out = Path(args.source), Path(args.out)
    text = source.read_text(encoding="ascii")
    with CURATION.open("rb") as handle:
        curation = tomllib.load(handle)
    verbs = read_dictionary(text)
    families = set(curation["families"])
    origin = provenance(text, source, curation)

    verb_rows = sorted({(v.lemma, v.needs, v.cameo, v.block) for v in verbs if v.cameo[:2] in families})
    write_tsv(out / "cameo_verbs.tsv", VERB_COLUMNS, [
        "Verbs of PETRARCH2's CAMEO verb dictionary, made by scripts/make_triggers.py: those",
        "whose CAMEO code is in a family of scripts/cameo_curation.toml [families].",
        *origin,
        "lemma: base form; needs: the particle of a multi-word verb (\"rule out\");",
        "cameo: the verb's code (its own, else its block's; of a paired code the first);",
        "block: the dictionary's verb block. Reference data: which verbs become triggers",
        "is cameo_triggers.tsv.",
    ], verb_rows)

    trigger_rows_ = curate(verbs, curation)
    write_tsv(out / "cameo_triggers.tsv", TRIGGER_COLUMNS, [
        "Verb triggers from PETRARCH2's CAMEO verb dictionary, kept by scripts/cameo_curation.toml",
        "and made by scripts/make_triggers.py. kg/lexicon.py loads them after triggers.tsv,",
        "whose rows take precedence. Columns as in triggers.tsv; cameo: the event's CAMEO code.",
        *origin,
    ], trigger_rows_)
    print(f"wrote {out / 'cameo_verbs.tsv'} ({len(verb_rows)} verbs) and "
          f"{out / 'cameo_triggers.tsv'} ({len(trigger_rows_)} triggers)", file=sys.stderr)


if __name__ == "__main__":
    main()
