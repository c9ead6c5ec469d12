"""Reading articles: front matter, boilerplate, titles, folders and unreadable input."""
from pathlib import Path

import pytest

from kg.articles import ArticleError, article_from_text, find_files, read_file


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


def test_folder_expands_to_sorted_text_files(tmp_path: Path):
    (tmp_path / "b.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt", "b.txt"]


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
