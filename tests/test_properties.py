"""Property-based: random and adversarial text through the whole pipeline never crashes
and always gives a graph that parses back and conforms to the shapes."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.articles import article_from_text
from kg.pipeline import parse
from kg.rdf import to_graph, validate
from kg.resolve import resolve

WORDS = ["Hamas", "Israel", "rejected", "proposed", "the", "truce", "Egypt", "met", "President",
         "Putin", "said", "“", "”", "\"", "'s", ",", ".", "\n", "\n\n", "by", "and", "with", "talks",
         "did", "not", "<script>", "</script>", "\u202e", "\\", "Foreign Minister", "he", "Kyiv",
         "kyiv", "ruled", "out", "call", "for", "Ms.", "al-", "von", "der", "---", "title:", ":", "é",
         "Владимир", "北京", "۱۲", "\t", "—", "(", ")", "[", "]", "http://x", "<img src=x>"]
text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=80).map("".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(text, min_size=1, max_size=3))
def test_any_text_gives_a_valid_graph(nlp, texts):
    articles = [article_from_text(t, f"a{i}") for i, t in enumerate(texts)]
    articles = [a for a in articles if a.text.strip()]
    graph = to_graph(resolve(parse(articles, nlp)))
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert len(again) == len(graph)
    conforms, report = validate(graph)
    assert conforms, report
