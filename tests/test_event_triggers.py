"""kg.frames.triggers alone: which tokens open a frame, and the checks on them."""
from kg.frames.triggers import Triggers
from kg.lexicon import child_word


def word(doc, text):
    return next(t for t in doc if t.text == text)


def test_a_trigger_gives_its_kind_and_cameo_code(nlp):
    doc = nlp("Hamas rejected the plan on Tuesday.")
    triggers = Triggers(doc)
    trig = triggers.trigger_of(word(doc, "rejected"))
    assert (trig.kind, trig.pos, trig.cameo) == ("Rejection", "VERB", "120")
    assert word(doc, "rejected").i in triggers.trigger_candidates()


def test_negation_cancels_a_trigger_or_makes_a_refusal(nlp):
    doc = nlp("Hamas did not reject the proposal.")
    assert Triggers(doc).trigger_of(word(doc, "reject")) is None
    doc = nlp("Ethiopia will not accept a ceasefire imposed from outside.")
    trig = Triggers(doc).trigger_of(word(doc, "accept"))
    assert trig.kind == "Rejection" and trig.polarity == "-"


def test_a_negated_word_of_willingness_negates_what_it_governs(nlp):
    doc = nlp("Turkey is not ready to sign the deal.")
    triggers = Triggers(doc)
    assert triggers.unwilling(word(doc, "sign")) and triggers.negated(word(doc, "sign"))


def test_a_trigger_needs_its_word_or_object(nlp):
    doc = nlp("Egypt called for a truce.")
    triggers = Triggers(doc)
    assert triggers.has_child_word(word(doc, "called"), "for")
    assert triggers.trigger_of(word(doc, "called")).needs == "for"
    doc = nlp("The United Nations called on Iran to release the prisoners.")
    assert Triggers(doc).trigger_of(word(doc, "called")).needs == "on@actor"
    doc = nlp("The army declared a ceasefire.")
    assert Triggers(doc).trigger_of(word(doc, "declared")).kind == "Proposal"
    doc = nlp("The army declared victory.")
    assert Triggers(doc).trigger_of(word(doc, "declared")) is None


def test_an_attempt_is_not_a_stance(nlp):
    doc = nlp("Russia sought to exploit the vacuum.")
    assert Triggers(doc).attempts(word(doc, "sought"))


def test_the_child_word_of_a_need_drops_its_condition():
    assert [child_word(n) for n in ("for", "on@actor", "to=offer_acts", "for>proposal", "=truce_objects")] == \
        ["for", "on", "to", "for", ""]
