"""Bad and unusual input, file by file: decoded, extracted, or skipped with a reason."""
import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from conftest import run_kg
from kg.articles import MAX_CHARS, ArticleError, read_file
from kg.rdf import KG

SENTENCE = "Égypte: Egypt's foreign minister said Cairo rejected the truce proposed by Qatar."


def test_encodings_are_decoded(tmp_path: Path):
    cases = {"latin1.txt": SENTENCE.encode("latin-1", errors="replace"),
             "cp1252.txt": ("“" + SENTENCE + "” – he said.").encode("cp1252"),
             "utf16.txt": SENTENCE.encode("utf-16"),  # with its BOM
             "utf8bom.txt": SENTENCE.encode("utf-8-sig")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert "Egypt's foreign minister" in read_file(tmp_path / name).text, name
    assert read_file(tmp_path / "cp1252.txt").text.startswith("“Égypte")


def test_html_pages_give_their_article_text(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><head><title>Truce rejected</title><style>p{}</style>"
                    "<script>var x = 'Hamas rejected';</script></head><body><nav>Home | World</nav>"
                    "<article><h1>Truce rejected</h1><p>Hamas rejected the truce proposed by "
                    "<b>Egypt</b> on Monday.</p><p>Talks continue.</p></article>"
                    "<footer>© News Corp</footer></body></html>", encoding="utf-8")
    article = read_file(page)
    assert article.title == "Truce rejected"
    assert article.text == "Hamas rejected the truce proposed by Egypt on Monday.\n\nTalks continue."


def test_binary_empty_and_huge_files_are_refused_with_a_reason(tmp_path: Path):
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Words and more words. " * (MAX_CHARS // 20), encoding="utf-8")
    for name, reason in (("blob.txt", "binary"), ("empty.txt", "no article text"), ("huge.txt", "too long")):
        with pytest.raises(ArticleError, match=reason):
            read_file(tmp_path / name)


def test_a_build_goes_on_past_bad_files_and_says_why(tmp_path: Path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "good one é.txt").write_text(SENTENCE, encoding="utf-8")
    (source / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (source / "empty.txt").write_text("", encoding="utf-8")
    result = run_kg("build", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "blob.txt: a binary file" in result.stderr and "empty.txt: no article text" in result.stderr
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    ids = {str(graph.value(a, DCTERMS.identifier)) for a in graph.subjects(RDF.type, KG.Article)}
    assert ids == {"good one é"}
    strict = run_kg("build", str(source), "--out", str(tmp_path / "strict"), "--strict")
    assert strict.returncode == 2 and "skipped inputs" in strict.stderr
    assert not (tmp_path / "strict" / "graph.ttl").exists()


def test_two_builds_are_byte_identical(tmp_path: Path):
    from conftest import SEEDS
    for out in ("a", "b"):
        run_kg("build", str(SEEDS), "--out", str(tmp_path / out), "--quiet", check=True)
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_an_article_that_breaks_a_component_is_skipped_not_fatal():
    from spacy.language import Language

    from kg.articles import Article
    from kg.nlp import load
    from kg.pipeline import parse

    @Language.component("test_fails_on_marker")
    def fails_on_marker(doc):
        if "MARKER" in doc.text:
            raise ValueError("cannot handle this text")
        return doc

    nlp = load()
    nlp.add_pipe("test_fails_on_marker", last=True)
    errors: list[str] = []
    results = parse([Article(id="ok", text="Egypt proposed a truce."),
                     Article(id="bad", text="MARKER text here.")], nlp, errors=errors)
    assert [r.article.id for r in results] == ["ok"]
    assert errors == ["bad: failed in test_fails_on_marker (ValueError: cannot handle this text)"]


def test_kill_during_a_build_leaves_the_previous_output_usable(tmp_path: Path, seeds_build):
    """kill -9 at several moments of a rebuild: graph.ttl is always a whole graph."""
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT, SEEDS

    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    before = (out / "graph.ttl").read_bytes()
    articles = ROOT / "tests" / "articles"
    for delay in (0.5, 2.0, 4.0, 6.0):
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(articles), str(SEEDS),
                                 "--out", str(out), "--quiet"], cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = (out / "graph.ttl").read_bytes()
        assert len(Graph().parse(data=now.decode("utf-8"), format="turtle")) > 100
        assert now == before or b"sudan_truce" in now
        answer = run_kg("query", "rejections", "--out", str(out), "--format", "json", check=True)
        assert json.loads(answer.stdout), "the store answers after every kill"
    run_kg("build", str(SEEDS), "--out", str(out), "--quiet", check=True)
    assert not list(out.glob(".*.tmp")), "a later build clears what a killed one left"
    assert not list(out.glob(".store-*")), "and the store's temporary folders"


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path):
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is all that is looked at
    with pytest.raises(ArticleError, match="too long for one article \\(52 MB"):
        read_file(huge)
