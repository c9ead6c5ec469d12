"""kg.events.topics alone: what a trigger is about, and its label."""
from kg.events.topics import Topics, joins_words


def word(doc, text):
    return next(t for t in doc if t.text == text)


def test_labels_keep_classifying_modifiers_and_hyphens(nlp):
    doc = nlp("India ruled out territorial concessions to Pakistan.")
    assert Topics(doc).topic_label(word(doc, "concessions")) == "territorial concessions"
    doc = nlp("Both sides agreed to a cease-fire.")
    assert joins_words(word(doc, "-"))
    assert Topics(doc).topic_label(word(doc, "fire")) == "cease-fire"


def test_an_actor_is_no_topic(nlp):
    doc = nlp("Serbia dismissed the idea of talks with Pristina.")
    assert Topics(doc).topic_label(word(doc, "Serbia")) is None


def test_topics_follow_light_nouns(nlp):
    doc = nlp("Serbia dismissed the idea of talks with Pristina.")
    topics = Topics(doc)
    assert [t.text for t in topics.follow(word(doc, "idea"))] == ["talks"]
    dismissed = word(doc, "dismissed")
    assert topics.topics(dismissed, topics.trigger_of(dismissed)) == ["talks"]
