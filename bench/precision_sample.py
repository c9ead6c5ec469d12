"""Draw a fixed random sample of mission events from a built graph, for judging by hand.

    python bench/precision_sample.py output/guardian/graph.ttl --n 100 --seed 2019 > sample.md

Each line gives the event's kind, agents or parties or participants, topic, what it
answers (a rejection's or acceptance's proposal) and the sentence it was read from;
the judge adds a verdict column. Precision is the share judged right: the right kind,
the right agent and a sensible topic.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.query import load_graph, query  # noqa: E402

MISSION = ("Proposal", "Rejection", "Meeting", "Acceptance", "Agreement")

SPARQL = """
PREFIX kg: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?kind ?evidence
  (GROUP_CONCAT(DISTINCT ?who; SEPARATOR=" | ") AS ?actors)
  (GROUP_CONCAT(DISTINCT ?topic; SEPARATOR=" | ") AS ?topics)
WHERE {
  VALUES ?kind { %s }
  ?event a ?kind ; kg:evidence ?evidence ; kg:trigger ?trigger .
  OPTIONAL { ?event kg:agent|kg:participant|kg:party ?actor . ?actor rdfs:label ?who }
  OPTIONAL { ?event kg:topic/rdfs:label ?topic }
}
GROUP BY ?event ?kind ?evidence
""" % " ".join(f"kg:{k}" for k in MISSION)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", help="a graph.ttl that kg build wrote")
    ap.add_argument("--n", type=int, default=100, help="how many events (default 100)")
    ap.add_argument("--seed", type=int, default=2019, help="the random seed (default 2019)")
    args = ap.parse_args(argv)
    table = query(load_graph(Path(args.graph)), SPARQL)
    rows = {}  # one row an event: its first evidence sentence
    for row in sorted(table.rows, key=lambda r: (str(r[0]), str(r[2]))):
        rows.setdefault(str(row[0]), row)
    events = sorted(rows.values(), key=lambda r: str(r[0]))
    sample = random.Random(args.seed).sample(events, min(args.n, len(events)))
    print(f"{len(sample)} of {len(events)} mission events, seed {args.seed}\n")
    print("| # | kind | actors | topic | evidence | verdict |")
    print("|---|---|---|---|---|---|")
    for n, (event, kind, evidence, actors, topics) in enumerate(sample, 1):
        cells = [str(n), str(kind).rsplit("#", 1)[-1], str(actors or ""), str(topics or ""),
                 " ".join(str(evidence).split())[:300]]
        print("| " + " | ".join(c.replace("|", "/") for c in cells) + " |  |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
