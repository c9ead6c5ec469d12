"""The kinds of things Parley's records hold, named once for every stage.

Actor kinds are the values of ``Mention.kind`` and ``Actor.kind`` that name an actor;
event kinds are the local names of the ontology's event classes (``kg:Meeting`` ...).
"""
from __future__ import annotations

from typing import Literal

ActorKind = Literal["person", "country", "organization", "news_outlet", "group"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "country", "organization", "news_outlet", "group")

EventKind = Literal["Meeting", "Proposal", "Rejection", "Demand", "Statement", "Acceptance", "Agreement"]
EVENT_KINDS: tuple[EventKind, ...] = ("Meeting", "Proposal", "Rejection", "Demand", "Statement",
                                      "Acceptance", "Agreement")

Status = Literal["Actual", "Planned", "Hypothetical"]
