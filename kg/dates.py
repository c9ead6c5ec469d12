"""Date expressions -> calendar values, read against the article's publication date.

"May 19", "Tuesday", "last week", "early January" only mean a day or a month once
we know when the article was written. Past events take the latest such date on or
before publication; planned ones the earliest after. Values come back as
(lexical form, XSD type name): a day is xsd:date, a month xsd:gYearMonth, a year
xsd:gYear. What cannot be fixed returns None, and the text is kept as written.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR_RE = r"(1[5-9]\d\d|20\d\d|2100)"

Value = tuple[str, str]
POINT_WORDS = re.compile(
    rf"\b({MONTH_RE}|{'|'.join(WEEKDAYS)}|today|yesterday|tomorrow|tonight|weekend|"
    r"last|this|next|past|ago|\d{4})\b", re.I)
DURATION = re.compile(r"^\W*(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|"
                      r"few)[- ](day|week|month|year|hour)s?\b(?! ago)", re.I)


def looks_like_point(text: str) -> bool:
    """True for a point in time ("May 19", "last week"), not a length ("30-day")."""
    return bool(POINT_WORDS.search(text)) and not DURATION.search(text)


def parse_publication_date(text: str | None) -> date | None:
    """The article's date from front matter or a CSV column, in the common formats."""
    if not text:
        return None
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    value = absolute(text)
    if value and value[1] == "date":
        return date.fromisoformat(value[0])
    for fmt in ("%d/%m/%Y", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def absolute(text: str) -> Value | None:
    """Expressions that carry their own year."""
    t = text.strip().lower().replace(",", " ")
    t = re.sub(r"\s+", " ", t)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(rf"\b({MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)? {YEAR_RE}\b", t):
        return _day(int(m[3]), MONTHS[m[1]], int(m[2]))
    if m := re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE})\.? {YEAR_RE}\b", t):
        return _day(int(m[3]), MONTHS[m[2]], int(m[1]))
    if m := re.search(rf"\b({MONTH_RE})\.? (?:of )?{YEAR_RE}\b", t):
        return f"{int(m[2]):04d}-{MONTHS[m[1]]:02d}", "gYearMonth"
    if m := re.fullmatch(rf"(?:in |the year )?{YEAR_RE}", t):
        return m[1], "gYear"
    return None


def _day(year: int, month: int, day: int) -> Value | None:
    try:
        return date(year, month, day).isoformat(), "date"
    except ValueError:
        return None


def resolve(text: str | None, published: date | None, status: str = "Actual") -> Value | None:
    """The calendar value of a date expression, or None when it cannot be fixed."""
    if not text:
        return None
    found = absolute(text)
    if found or published is None:
        return found
    future = status == "Planned"
    t = re.sub(r"\s+", " ", text.strip().lower().replace(",", " "))
    t = re.sub(r"^(on|in|at|during|by|since|over) ", "", t)
    t = re.sub(r"^the ", "", t)
    relative_days = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
                     "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1}
    if t in relative_days:
        return (published + timedelta(days=relative_days[t])).isoformat(), "date"
    if m := re.fullmatch(rf"(?:(last|this|next) )?({'|'.join(WEEKDAYS)})", t):
        return _weekday(published, WEEKDAYS[m[2]], m[1], future).isoformat(), "date"
    if m := re.fullmatch(rf"(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of)[- ])?({MONTH_RE})\.? ?(\d{{1,2}})?(?:st|nd|rd|th)?", t):
        return _month(published, MONTHS[m[1]], int(m[2]) if m[2] else None, future)
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH_RE})", t):
        return _month(published, MONTHS[m[2]], int(m[1]), future)
    if m := re.fullmatch(r"(last|this|next|past) (week|month|year)", t):
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m[1]]
        if m[2] == "year":
            return f"{published.year + step:04d}", "gYear"
        if m[2] == "month":
            month_index = published.year * 12 + published.month - 1 + step
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "gYearMonth"
        day = published + timedelta(weeks=step)
        return f"{day.year:04d}-{day.month:02d}", "gYearMonth"
    if m := re.fullmatch(r"(\d+|a|one|two|three|four|five|six|seven) (day|week|month|year)s? ago", t):
        count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7}.get(m[1]) or int(m[1])
        if m[2] == "day":
            return (published - timedelta(days=count)).isoformat(), "date"
        if m[2] == "year":
            return f"{published.year - count:04d}", "gYear"
        day = published - timedelta(weeks=count) if m[2] == "week" else None
        if day is None:
            month_index = published.year * 12 + published.month - 1 - count
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "gYearMonth"
        return f"{day.year:04d}-{day.month:02d}", "gYearMonth"
    return None


def _weekday(published: date, weekday: int, which: str | None, future: bool) -> date:
    if which == "next" or (future and which is None):
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month(published: date, month: int, day: int | None, future: bool) -> Value | None:
    year = published.year
    if future and (month, day or 31) < (published.month, published.day):
        year += 1
    elif not future and (month, day or 1) > (published.month, published.day):
        year -= 1
    if day is None:
        return f"{year:04d}-{month:02d}", "gYearMonth"
    return _day(year, month, day)
