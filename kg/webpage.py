"""Text from a saved web page: the title and the article's blocks, without the rest.

News pages carry navigation, scripts, styles, forms and footers around the article;
the blocks that hold its text (headings, paragraphs, list items, quotations) are kept
one a line, so that the same boilerplate rules as for plain text apply afterwards.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
           "button", "svg", "figure", "select", "iframe"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "section", "article", "br", "tr",
          "title", "dd", "dt", "pre"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed"}


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.lines: list[str] = []
        self.current: list[str] = []
        self.title: list[str] = []
        self.in_title = False

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED and tag not in VOID:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)


def page_text(html: str) -> str:
    """Front matter with the page title, then the text blocks one a line."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    parser.flush()
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    head = f"---\ntitle: {title}\n---\n" if title else ""
    return head + "\n".join(parser.lines) + "\n"
