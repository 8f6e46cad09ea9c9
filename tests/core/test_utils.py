"""Small shared helpers: what readers see."""

import datetime

import pytest

from core.utils import count_of, html_to_text, long_date


@pytest.mark.parametrize(
    ("number", "noun", "plural", "expected"),
    [
        (0, "subscriber", None, "0 subscribers"),
        (1, "subscriber", None, "1 subscriber"),
        (2, "second", None, "2 seconds"),
        (5000, "subscriber", None, "5,000 subscribers"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
    ],
)
def test_a_count_has_its_noun_in_the_right_number(number, noun, plural, expected):
    assert count_of(number, noun, plural) == expected


def test_a_long_date_has_the_weekday_and_the_month_in_words():
    assert long_date(datetime.date(2025, 3, 4)) == "Tuesday 4 March 2025"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>To relaunch the board with a sole focus on adoption.</p><p>To hold regular "
            "meetings.</p>",
            "To relaunch the board with a sole focus on adoption. To hold regular meetings.",
        ),
        ("<ul><li>Kent</li><li>Medway</li></ul>", "Kent Medway"),
        ("Line one<br>line two<br/>three", "Line one line two three"),
        ("<h2>Heading</h2><p>Text &amp; more&nbsp;text</p>", "Heading Text & more text"),
        ("<p>in<b>line</b> <a href='/'>link</a></p>", "inline link"),
        ("<p></p>", ""),
        (None, ""),
    ],
)
def test_rich_text_reads_as_text_with_its_blocks_apart(html, expected):
    assert html_to_text(html) == expected
