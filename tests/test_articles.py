"""Reading articles: front matter, boilerplate, titles, folders and unreadable input."""
import json
from pathlib import Path

import pytest

from kg.articles import (Article, ArticleError, Columns, article_from_text, count_articles, find_files,
                         read_articles, read_file)


def test_front_matter_gives_title_date_and_address():
    raw = ("---\ntitle: Talks stall in Geneva\ndate: 2024-03-05\nurl: https://example.org/a\n---\n"
           "The envoy met both delegations on Monday.\n")
    article = article_from_text(raw, "geneva")
    assert (article.title, article.date, article.url) == ("Talks stall in Geneva", "2024-03-05",
                                                          "https://example.org/a")
    assert article.text == "The envoy met both delegations on Monday."


def test_web_boilerplate_is_dropped_and_first_heading_is_the_title():
    raw = "\n".join([
        "Sudan's army rejects truce talks",
        "Khartoum Daily 4 Min Read",
        "4 Min Read",
        "The army rejected the proposal on Sunday, a spokesman said.",
        "Also read",
        "Share this Post",
        "Photo: AFP",
        "Leave a Comment",
        "Background",
        "The talks began in Jeddah last year.",
    ])
    article = article_from_text(raw, "sudan")
    assert article.title == "Sudan's army rejects truce talks"
    assert article.text.splitlines() == ["The army rejected the proposal on Sunday, a spokesman said.", "",
                                         "The talks began in Jeddah last year."]
    assert "Share this Post" in article.dropped and "Background" in article.dropped


def test_quote_lines_are_body_text_not_headings():
    article = article_from_text("“We will not sign,” the minister said.\n", "q")
    assert article.text == "“We will not sign,” the minister said."


def test_list_items_are_points_of_the_text_and_menus_are_not():
    raw = "\n".join([
        "Key points from the summit in Nairobi:",
        "• Ruto said Ethiopia wanted the port deal signed first",
        "- The leaders agreed to meet again in May.",
        "• Home",
        "• World • Africa",
    ])
    article = article_from_text(raw, "points")
    assert article.text.split("\n\n") == ["Key points from the summit in Nairobi:",
                                          "Ruto said Ethiopia wanted the port deal signed first.",
                                          "The leaders agreed to meet again in May."]
    assert "• Home" in article.dropped


def test_folder_expands_to_sorted_article_and_corpus_files(tmp_path: Path):
    (tmp_path / "b.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("text\nA row.\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("Not an article.", encoding="utf-8")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt", "b.txt", "rows.csv"]


def test_csv_rows_are_articles_with_default_columns(tmp_path: Path):
    corpus = tmp_path / "news.csv"
    corpus.write_text(',date,text,source\n'
                      '7,2024-03-02,"Qatar proposed a truce in Gaza, officials said.",Wire\n'
                      '9,2024-03-04,"Hamas rejected the truce on Monday, its spokesman said.",Wire\n'
                      '11,2024-03-05,"",Wire\n', encoding="utf-8")
    errors: list[str] = []
    articles = list(read_articles([corpus], errors))
    assert [(a.id, a.date) for a in articles] == [("news-7", "2024-03-02"), ("news-9", "2024-03-04")]
    assert articles[1].text == "Hamas rejected the truce on Monday, its spokesman said."
    assert errors == [f"{corpus} row 3: no article text"]
    assert count_articles([corpus]) == 3


def test_jsonl_and_named_columns(tmp_path: Path):
    corpus = tmp_path / "dump.jsonl"
    rows = [{"url": "https://example.org/a", "body": "Egypt hosted talks in Cairo.", "published": "2023-05-01",
             "headline": "Talks in Cairo"},
            "not an object",
            {"url": "https://example.org/b", "body": "Sudan's army rejected the plan.", "published": None}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    errors: list[str] = []
    articles = list(read_articles([corpus], errors, Columns(id="url")))
    assert [(a.id, a.title, a.date) for a in articles] == [
        ("https://example.org/a", "Talks in Cairo", "2023-05-01"), ("https://example.org/b", None, None)]
    assert [e.split(": ", 1)[1] for e in errors] == ["not a JSON object", "not JSON (Expecting property name "
                                                     "enclosed in double quotes)"]
    with pytest.raises(ArticleError, match="no column 'missing' for the text"):
        list(read_articles([corpus], None, Columns(text="missing")))


def test_an_article_digest_changes_with_its_text_and_only_then():
    one = Article(id="a", text="Qatar proposed a truce.", date="2024-01-01")
    assert one.digest() == Article(id="a", text="Qatar proposed a truce.", date="2024-01-01",
                                   path="elsewhere/a.txt").digest()
    assert one.digest() != Article(id="a", text="Qatar rejected a truce.", date="2024-01-01").digest()
    assert one.digest() != Article(id="a", text="Qatar proposed a truce.", date="2024-01-02").digest()


def test_missing_input_and_empty_or_binary_files_are_errors(tmp_path: Path):
    with pytest.raises(ArticleError, match="no such file"):
        find_files([tmp_path / "nope.txt"])
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ArticleError, match="no article text"):
        read_file(empty)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00garbage")
    with pytest.raises(ArticleError, match="binary"):
        read_file(binary)
