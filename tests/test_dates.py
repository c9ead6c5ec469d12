"""Date expressions resolved against the article's date."""
from datetime import date

from kg.dates import looks_like_point, parse_publication_date, resolve

PUBLISHED = date(2024, 3, 14)  # a Thursday


def test_absolute_dates_need_no_article_date():
    assert resolve("March 5, 2024", None) == ("2024-03-05", "date")
    assert resolve("5 March 2024", None) == ("2024-03-05", "date")
    assert resolve("June 2023", None) == ("2023-06", "gYearMonth")
    assert resolve("2022", None) == ("2022", "gYear")


def test_relative_dates_resolve_against_publication():
    assert resolve("March 12", PUBLISHED) == ("2024-03-12", "date")
    assert resolve("Tuesday", PUBLISHED) == ("2024-03-12", "date")
    assert resolve("on Monday", PUBLISHED) == ("2024-03-11", "date")
    assert resolve("yesterday", PUBLISHED) == ("2024-03-13", "date")
    assert resolve("last month", PUBLISHED) == ("2024-02", "gYearMonth")
    assert resolve("last week", PUBLISHED) == ("2024-03", "gYearMonth")
    assert resolve("last year", PUBLISHED) == ("2023", "gYear")
    assert resolve("December", PUBLISHED) == ("2023-12", "gYearMonth")


def test_planned_events_look_forward():
    assert resolve("early January", date(2024, 12, 20), "Planned") == ("2025-01", "gYearMonth")
    assert resolve("Friday", PUBLISHED, "Planned") == ("2024-03-15", "date")


def test_unresolvable_text_stays_text():
    assert resolve("Tuesday", None) is None
    assert resolve("the weekend", PUBLISHED) is None


def test_durations_are_not_points_in_time():
    assert not looks_like_point("30-day")
    assert not looks_like_point("two weeks")
    assert looks_like_point("May 19") and looks_like_point("last week") and looks_like_point("two weeks ago")


def test_publication_date_formats():
    assert parse_publication_date("2019-04-10") == date(2019, 4, 10)
    assert parse_publication_date("2019-04-10T08:00:00Z") == date(2019, 4, 10)
    assert parse_publication_date("April 10, 2019") == date(2019, 4, 10)
    assert parse_publication_date("soon") is None
