"""Named sets of dependency labels (ClearNLP labels, as spaCy's English pipelines use),
so that every stage reading the parse says "a subject" and means the same labels."""

#: The subject of a clause, active or passive.
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: A subject, or the "there"/"it" that stands in its place.
SUBJECT_SLOTS = SUBJECTS | {"expl"}
#: What a verb acts on: its object, or the subject of its passive.
THEMES = frozenset({"dobj", "nsubjpass"})
#: A clause that modifies a noun ("the truce proposed by Egypt", "which it rejected").
CLAUSAL_MODIFIERS = frozenset({"acl", "relcl"})
#: What a preposition takes: a noun phrase or a clause.
PREPOSITION_OBJECTS = frozenset({"pobj", "pcomp"})
#: Words before a noun that say which or what kind ("the Egyptian proposal").
ADJECTIVAL = frozenset({"amod", "compound"})
#: Nouns before a noun ("Kremlin officials", "Sudan's government delegation").
NOMINAL_MODIFIERS = frozenset({"compound", "nmod"})
#: Every modifier before a noun that can name its author or kind.
PRENOMINAL = ADJECTIVAL | NOMINAL_MODIFIERS | {"npadvmod"}
