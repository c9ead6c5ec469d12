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


# "MOSCOW, May 21 (Reuters) -", "KYIV, Ukraine, March 3, 2025 (AP) —": a place in
# capitals or title case, a date, an optional agency, then a dash, opening the text.
DATELINE = re.compile(
    rf"\A[^\W\d][\w.'’ -]{{0,40}}?(?:, [^\W\d][\w.'’ ]{{0,30}})?, "
    rf"(?P<month>{MONTH_RE})\.? (?P<day>\d{{1,2}})(?:, ?(?P<year>\d{{4}}))?"
    r"(?: ?\([^()]{1,40}\))? ?[-–—]", re.I)
# A date in a web address: /2025/05/21/, -2025-05-21, /20250521/; or only /2025/05/.
URL_DAY = re.compile(r"(?<!\d)(19\d\d|20\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
URL_YEAR = re.compile(r"/(19\d\d|20\d\d)/")


def read_dateline(text: str, url: str | None = None) -> tuple[str | None, str]:
    """(publication date, text without its dateline): the date an article gives of itself
    when none comes with it, from its dateline ("MOSCOW, May 21, 2025 (Reuters) -"), else
    from its address. A dateline without a year ("MOSCOW, May 21 (Reuters) -") takes the
    year of the address; without one it fixes nothing, since a wrong year misplaces every
    event. The dateline leaves the text either way: it is no part of the first sentence,
    whose event would take its date."""
    line = DATELINE.match(text)
    url_day = URL_DAY.search(url or "")
    url_year = url_day[1] if url_day else (m[1] if (m := URL_YEAR.search(url or "")) else None)
    rest = text[line.end():].lstrip() if line else text
    year = line["year"] or url_year if line else None
    if line and year and (found := _day(int(year), MONTHS[line["month"].lower()], int(line["day"]))):
        return found[0], rest
    if url_day and (found := _day(int(url_day[1]), int(url_day[2]), int(url_day[3]))):
        return found[0], rest
    return None, rest


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


def relative_words(text: str) -> str:
    """A date expression lower-cased, without its preposition: "on the Tuesday" -> "tuesday"."""
    t = re.sub(r"\s+", " ", text.strip().lower().replace(",", " "))
    t = re.sub(r"^(on|in|at|during|by|since|over) ", "", t)
    return re.sub(r"^the ", "", t)


def resolve(text: str | None, published: date | None, status: str = "Actual") -> Value | None:
    """The calendar value of a date expression, or None when it cannot be fixed."""
    if not text:
        return None
    found = absolute(text)
    if found or published is None:
        return found
    future = status == "Planned"
    t = relative_words(text)
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


def value_span(lexical: str, kind: str) -> tuple[date, date]:
    """The first and last day of a calendar value: a day, a month or a year."""
    if kind == "date":
        day = date.fromisoformat(lexical)
        return day, day
    if kind == "gYearMonth":
        year, month = map(int, lexical.split("-"))
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), following - timedelta(days=1)
    return date(int(lexical), 1, 1), date(int(lexical), 12, 31)


def span(text: str | None, value: Value, published: date | None) -> tuple[date, date]:
    """The first and last day an event dated ``value`` (read from ``text``) can have been
    on. A week is written as its month (there is no XSD type for a week), but "last
    week" is the seven days from the Monday before the article's week, not its month."""
    if text and published and (m := re.fullmatch(r"(last|past|this|next) week", relative_words(text))):
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m[1]]
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    return value_span(*value)

