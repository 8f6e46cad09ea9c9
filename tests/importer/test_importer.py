"""Reading old updates' plain text (importer.parser): no database involved."""

import datetime
import json
from pathlib import Path

import pytest

from importer.parsed import BulletList, Paragraph, Table
from importer.parser import parse_update
from importer.text import ParseError, decode, inline_html, mentions, name_variants, parse_date

TEXTS = Path(__file__).parent / "texts"


def read(name):
    return decode((TEXTS / name).read_bytes())


@pytest.fixture(scope="module")
def u298():
    return parse_update(read("update-298.txt"))


@pytest.fixture(scope="module")
def u518():
    return parse_update(read("update-518-windows.txt"))


@pytest.fixture(scope="module")
def u400():
    return parse_update(read("update-400-email.txt"))


# --- update 298, as it reads on the old site --------------------------------------------------


def test_number_and_date_come_from_the_title_line(u298):
    assert u298.number == 298
    assert u298.date == datetime.date(2018, 4, 20)
    assert u298.title == "Update no 298 20 April 2018"


def test_site_furniture_is_dropped_and_the_intro_kept(u298):
    intro = u298.intro.text()
    assert intro.startswith("A brief summary of the main headlines")
    assert intro.endswith("please contact Richard Tyndall, SESLI Programme Manager.")
    assert "[…]" not in intro  # the excerpt line
    assert "Three children playing" not in intro  # the image's alt text
    assert "UPDATE NO" not in intro  # the title, repeated
    assert len(u298.intro.blocks) == 1


def test_news_items_headings_and_reminder_flags(u298):
    assert [(item.heading, item.reminder) for item in u298.items] == [
        ("Consultation on 2018-19 DCS Peer Challenge Arrangements", False),
        ("Data Benchmarking Group", False),
        ("Thursday 28 June – Save the date for UASC Conference", True),
        ("Complex LAC and Edge of Care Efficiencies", True),
        ("SEND 19 – In the money!", True),
        ("SE DCS Peer Challenge 2018", True),
    ]


def test_body_and_action_required_are_split_at_action_required(u298):
    consultation = u298.items[0]
    body = consultation.body.text()
    assert body.startswith("The consultation on 2018-19 DCS Peer Challenge Arrangements is now")
    assert body.endswith("Stuart Gallimore/Alison Jeffery (contact details here)")
    assert "Action Required" not in body
    action = consultation.action_required.text()
    assert action.startswith("The outline of the proposal will be as follows:")
    assert action.endswith("improvement priorities and SESLI Programme for 2019-20")
    assert len(consultation.action_required.blocks) == 5

    uasc = u298.items[2]
    assert uasc.action_required.text() == (
        "More details will follow in due course. In the meantime please contact Rachel Calver "
        "at Kent Virtual School for more details."
    )


def test_non_breaking_spaces_become_ordinary_spaces(u298):
    text = json.dumps(u298.to_dict(), ensure_ascii=False)
    assert "\u00a0" not in text
    assert "Please save the date of Thursday 28 June for a conference" in u298.items[2].body.text()


def test_bullets_become_a_list_with_a_link_before_it(u298):
    item = u298.items[1]
    paragraph, bullets = item.body.blocks
    assert isinstance(bullets, BulletList)
    assert bullets.items == [
        "(Public) 2017 CSC Workforce Benchmarking Report v1 (Excel)",
        "(Public) 2017 CSC Workforce Benchmarking Report v1 (PDF)",
    ]
    assert item.body.html() == (
        "<p>The following reports have been uploaded to the "
        '<a href="https://www.seslip.co.uk/data-benchmarking-group/freely-available-reports">'
        "Freely Available Reports</a> section of the SESLIP Website:</p>"
        "<ul><li>(Public) 2017 CSC Workforce Benchmarking Report v1 (Excel)</li>"
        "<li>(Public) 2017 CSC Workforce Benchmarking Report v1 (PDF)</li></ul>"
    )


def test_a_table_separated_by_single_spaces_stays_text_with_a_warning(u298):
    item = u298.items[5]
    assert item.tables == []
    rows = item.action_required.blocks[0]
    assert isinstance(rows, Paragraph)
    assert rows.lines[0] == "Triad Host Visitor Observer Challenge Session Date Fieldwork Date"
    assert len(rows.lines) == 4
    # Its rows stay on their own lines, escaped.
    assert (
        "<br/>1 Oxfordshire Milton Keynes Portsmouth to be arranged 23 &amp; 24 July 2018<br/>"
        in (item.action_required.html())
    )
    assert u298.warnings == [
        "line 98: these 4 lines may be a table whose columns are separated by single spaces: "
        "kept as lines of text (separate the columns with tabs to import it as a table)"
    ]


def test_contacts_with_phones_on_a_later_line(u298):
    assert [(c.role, c.name, c.organisation, c.phone) for c in u298.contacts] == [
        (
            "South East Grid for Learning – Consortium Manager",
            "Krista Pickering",
            "South East Sector-Led Improvement Programme",
            "07872 014083",
        ),
        (
            "SESLI Programme Manager",
            "Richard Tyndall",
            "South East Sector-Led Improvement Programme",
            "07880 787007",
        ),
        (
            "CSC Workforce, PSW and AD Safeguarding Network Lead",
            "Mark Evans",
            "South East Sector-Led Improvement Programme",
            "07803 147072",
        ),
        (
            "S.E. Region SEND Network Programme Co-ordinator",
            "Sheelagh Sullivan",
            "South East Sector-Led Improvement Programme",
            "",  # no phone: the next line is the next contact
        ),
        (
            "Data Benchmarking",
            "Luke Ede",
            "South East Sector-Led Improvement Programme",
            "07925 148597",
        ),
    ]


def test_contacts_know_the_items_that_mention_them(u298):
    by_name = {c.name: c.items for c in u298.contacts}
    assert by_name == {
        "Krista Pickering": [],
        "Richard Tyndall": [0],  # "Richard Tyndall/Anna Wright"
        "Mark Evans": [3],
        "Sheelagh Sullivan": [],
        "Luke Ede": [],
    }


def test_json_has_the_agreed_keys(u298):
    data = json.loads(json.dumps(u298.to_dict()))
    assert data["number"] == 298
    assert data["date"] == "2018-04-20"
    assert data["intro"].startswith("A brief summary")
    assert set(data["items"][0]) >= {"heading", "body", "action_required", "reminder"}
    assert data["items"][2]["reminder"] is True
    assert data["tools_and_templates"] == []
    assert data["contacts"][1] == {
        "name": "Richard Tyndall",
        "role": "SESLI Programme Manager",
        "organisation": "South East Sector-Led Improvement Programme",
        "phone": "07880 787007",
        "email": "",
        "items": [0],
        "line": 114,
    }


# --- update 518: Windows line endings, a tab-separated table, Tools & Templates, meetings ------


def test_the_fixture_really_has_windows_line_endings():
    data = (TEXTS / "update-518-windows.txt").read_bytes()
    assert b"\r\n" in data and b"\xc2\xa0" in data  # CRLF, and a UTF-8 non-breaking space


def test_windows_text_reads_like_any_other(u518):
    assert (u518.number, u518.date) == (518, datetime.date(2022, 8, 12))
    assert [item.heading for item in u518.items] == [
        "Regional Adoption Agency Conference",
        "Peer Challenge Triads 2022-23",  # a non-breaking space in the heading
        "Edge of Care Toolkit",
    ]
    assert [item.reminder for item in u518.items] == [False, False, True]
    assert "\r" not in json.dumps(u518.to_dict())


def test_excerpt_line_with_three_dots_is_dropped(u518):
    assert u518.intro.text() == (
        "A brief summary of the main headlines and highlights for this week are shown below. "
        "If you have any suggestions, please contact Richard Tyndall, SESLI Programme Manager."
    )


def test_inline_action_required_and_mixed_bullets(u518):
    conference = u518.items[0]
    assert conference.action_required.text() == (
        "Book a place by 2 September; contact Philip Simpkins for the booking form."
    )
    bullets = conference.body.blocks[1]
    assert isinstance(bullets, BulletList)
    assert bullets.items == [
        "Early permanence",
        "Adoption support fund – what next?",
        "Life story work",
    ]
    assert "<ul><li>Early permanence</li>" in conference.body.html()


def test_a_tab_separated_table_with_a_header_row(u518):
    triads = u518.items[1]
    [table] = triads.tables
    assert table.rows == [
        ["Triad", "Host", "Visitor", "Observer", "Fieldwork Date"],
        ["1", "Oxfordshire", "Milton Keynes", "Portsmouth", "23 & 24 November 2022"],
        ["2", "Wokingham", "Southampton", "East Sussex", "to be arranged"],
        ["3", "Hampshire", "Windsor and Maidenhead", "Brighton and Hove", "January 2023"],
    ]
    assert table.block_value() == {
        "data": table.rows,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_header_choice": "row",
        "table_caption": "",
    }
    # The table is not repeated in the item's rich text.
    assert "Oxfordshire" not in triads.body.html()
    assert triads.action_required.text() == (
        "Hosts should confirm their dates with Anna Wright by 30 September."
    )
    assert u518.to_dict()["tables"][0]["item"] == 1


def test_text_is_escaped_in_html(u518):
    toolkit = u518.items[2]
    assert toolkit.action_required.html() == (
        "<p>Please share it with your teams &amp; managers &lt;by Friday&gt;.</p>"
    )
    assert '<a href="https://www.seslip.co.uk/toolkit">website</a>' in toolkit.body.html()


def test_tools_and_templates_lines(u518):
    entries = u518.tool_entries
    assert [(e.date, e.publisher, e.title) for e in entries] == [
        (
            datetime.date(2022, 7, 7),
            "Ofsted",
            "Main findings: children's social care in England 2022",
        ),
        (
            datetime.date(2022, 7, 21),
            "Department for Education",
            "Children's social care: stable homes, built on love",
        ),
        (
            datetime.date(2022, 8, 1),
            "DfE",
            "Working together to safeguard children: draft guidance",
        ),
    ]
    assert entries[0].link == (
        "https://www.gov.uk/government/statistics/main-findings-childrens-social-care-in-england-2022"
    )
    assert u518.to_dict()["tools_and_templates"][1] == (
        "On 21 July the Department for Education published Children's social care: "
        "stable homes, built on love"
    )


def test_future_dates_for_network_meetings(u518):
    assert [(m.text, m.date, m.line) for m in u518.meetings] == [
        (
            "AD Education Network – Wednesday 14 September 2022, 10am–12pm, Microsoft Teams",
            datetime.date(2022, 9, 14),
            48,
        ),
        (
            "Principal Social Workers Network – 6 October 2022, Guildford",
            datetime.date(2022, 10, 6),
            49,
        ),
        # No year: the first 3 November after the update.
        ("Data Benchmarking Group – 3 November, online", datetime.date(2022, 11, 3), 50),
    ]


def test_contacts_with_parentheses_in_names_and_organisations(u518):
    assert [c.to_dict() for c in u518.contacts] == [
        {
            "name": "Richard Tyndall",
            "role": "SESLI Programme Manager",
            "organisation": "South East Sector-Led Improvement Programme",
            "phone": "07880 787007",
            "email": "",
            "items": [],  # only the intro names him
            "line": 54,
        },
        {
            "name": "Philip (Phil) Simpkins",
            "role": "Designated Nurse, Looked After Children",
            "organisation": "NHS England (South East)",
            "phone": "01234 567890",  # "Tel: 01234 567890"
            "email": "",
            "items": [0],  # "contact Philip Simpkins"
            "line": 56,
        },
        {
            "name": "Anna Wright",
            "role": "Peer Challenge Co-ordinator",
            "organisation": "SESLIP",
            "phone": "",
            "email": "anna.wright@example.org",
            "items": [1],
            "line": 58,
        },
        {
            "name": "Sam O'Neill",
            "role": "Regional Adoption Lead",
            "organisation": "",
            "phone": "",
            "email": "",
            "items": [],
            "line": 60,
        },
    ]


# --- update 400: an email's text, headings set apart by single blank lines ---------------------


def test_an_email_without_site_furniture(u400):
    assert (u400.number, u400.date) == (400, datetime.date(2019, 5, 24))
    assert u400.intro.text() == (
        "Dear colleagues,\n\nHere is this week's update. Thank you to everyone who came to the "
        "summit."
    )
    assert [item.heading for item in u400.items] == ["Summit Workshops", "Data Benchmarking Group"]


def test_a_table_separated_by_runs_of_spaces(u400):
    workshops = u400.items[0]
    [table] = workshops.tables
    assert table.separator == "spaces"
    assert table.rows == [
        ["Workshop", "Lead", "Room"],
        ["Edge of care", "Mark Evans", "Room 1"],
        ["Data sharing", "Luke Ede", "Room 2"],
        ["SEND peer review", "Jo Bloggs", "Main hall"],
    ]
    # Two spaces after a full stop do not make prose a table.
    assert workshops.body.blocks[0].lines == [
        "The summit workshops and their leads are below.  Each runs twice.  "
        "Book through your DCS office."
    ]


def test_bullets_after_action_required_and_a_numbered_list(u400):
    workshops, benchmarking = u400.items
    assert workshops.action_required.html() == (
        "<ul><li>Choose two workshops</li><li>Tell Luke Ede by 31 May</li></ul>"
    )
    assert benchmarking.body.html() == (
        "<ol><li>The workforce report is out.</li><li>The SEND report follows in June.</li></ol>"
    )
    assert benchmarking.action_required.text() == ""  # "Action Required: None"


def test_phone_and_email_at_the_end_of_a_contact_line(u400):
    assert [(c.name, c.organisation, c.phone, c.email, c.items) for c in u400.contacts] == [
        ("Luke Ede", "South East Sector-Led Improvement Programme", "07925 148597", "", [0]),
        ("Mark Evans", "Surrey County Council", "", "mark.evans@example.org", [0]),
    ]


# --- texts that are not updates -----------------------------------------------------------------


def refused(text):
    with pytest.raises(ParseError) as error:
        parse_update(text)
    return error.value.line, error.value.message


def test_an_empty_file_is_refused():
    assert refused(read("empty.txt")) == (
        1,
        'the text is empty: expected a title line like "UPDATE NO 298 20 April 2018"',
    )
    assert refused(" \r\n\t\n\u00a0\n")[1].startswith("the text is empty")


def test_a_text_without_a_title_line_is_refused():
    assert refused(read("no-title.txt")) == (
        1,
        'expected a title line like "UPDATE NO 298 20 April 2018"',
    )
    # Leading blank lines are skipped: the error is on the first line with text.
    assert refused("\n\nDear colleagues,\n")[0] == 3


def test_a_title_with_an_impossible_date_is_refused():
    line, message = refused("UPDATE NO 298 31 February 2018\n\nHeading\n\nText.\n")
    assert line == 1
    assert message.startswith('"31 February 2018" is not a valid date in the title line')


def test_a_title_without_a_date_is_refused():
    assert refused("UPDATE NO 298\n")[1].startswith("the title line has no date")


def test_an_update_without_news_items_is_refused():
    line, message = refused("UPDATE NO 298 20 April 2018\n\nJust an intro, nothing else.\n")
    assert line == 3
    assert message.startswith("no news items found")


def test_action_required_before_any_item_is_refused():
    text = "UPDATE NO 298 20 April 2018\n\nIntro text.\n\nAction Required:\n\nDo it.\n"
    assert refused(text) == (
        5,
        "'Action Required' before any news item: expected a heading first",
    )


def test_a_line_in_contact_details_that_is_no_contact_is_refused():
    line, message = refused(read("bad-contact.txt"))
    assert line == 13
    assert message.startswith('expected a contact line like "Role: Name (Organisation)"')


def test_a_phone_number_before_any_contact_is_refused():
    text = (
        "UPDATE NO 300 4 May 2018\n\nIntro.\n\nNews\n\nText of the news.\n\n"
        "Contact Details\n\n07880 787007\n"
    )
    assert refused(text)[0] == 11


def test_two_updates_in_one_text_are_refused():
    one = read("update-400-email.txt")
    two = one.replace("UPDATE NO 400", "UPDATE NO 401")
    line, message = refused(one + "\n" + two)
    assert "another update (no 401)" in message
    assert line == len(one.splitlines()) + 2


def test_the_same_update_pasted_twice_is_refused():
    one = read("update-400-email.txt")
    line, message = refused(one + "\n" + one)
    assert "the title line comes again after the news items" in message


def test_a_binary_file_is_refused():
    with pytest.raises(ParseError, match="not a text file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_windows_1252_bytes_are_read():
    text = decode("UPDATE NO 298 20 April 2018\r\n\r\nCaf\u00e9 \u2013 news".encode("cp1252"))
    assert "Caf\u00e9 \u2013 news" in text


# --- smaller pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 April 2018", datetime.date(2018, 4, 20)),
        ("Friday 20th April 2018", datetime.date(2018, 4, 20)),
        ("Friday, 20 Apr 2018", datetime.date(2018, 4, 20)),
        ("April 20, 2018", datetime.date(2018, 4, 20)),
        ("20/04/2018", datetime.date(2018, 4, 20)),
        ("2018-04-20", datetime.date(2018, 4, 20)),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_dates_without_a_year_take_the_nearest_one():
    update = datetime.date(2023, 1, 6)
    assert parse_date("20 December", near=update) == datetime.date(2022, 12, 20)
    assert parse_date("3 February", near=update, after=True) == datetime.date(2023, 2, 3)
    assert parse_date("2 January", near=update, after=True) == datetime.date(2023, 1, 2)


@pytest.mark.parametrize(
    ("title", "number", "date"),
    [
        ("UPDATE NO 298 20 April 2018", 298, datetime.date(2018, 4, 20)),
        ("Update No. 518 – 12 August 2022", 518, datetime.date(2022, 8, 12)),
        ("SESLIP Weekly Update no 520: Friday 26 August 2022", 520, datetime.date(2022, 8, 26)),
    ],
)
def test_title_lines(title, number, date):
    update = parse_update(f"{title}\n\nIntro.\n\nNews\n\nThe text of the news.\n")
    assert (update.number, update.date) == (number, date)


def test_name_variants_and_mentions():
    assert name_variants("Philip (Phil) Simpkins") == [
        "Philip (Phil) Simpkins",
        "Philip Simpkins",
        "Phil Simpkins",
    ]
    assert "Gareth Barnard" in name_variants("Cllr Gareth Barnard")
    assert mentions("please contact Phil\nSimpkins (details below)", "Philip (Phil) Simpkins")
    assert mentions("Richard Tyndall/Anna Wright", "anna wright")
    assert not mentions("Annabel Wrighton", "Anna Wright")


def test_links_in_text():
    assert inline_html("see the Freely Available Reports<https://x.org/r> section") == (
        'see the <a href="https://x.org/r">Freely Available Reports</a> section'
    )
    assert inline_html("click here<https://x.org/?a=1&b=2>.") == (
        'click <a href="https://x.org/?a=1&amp;b=2">here</a>.'
    )
    assert inline_html("at www.seslip.co.uk or jo@example.org") == (
        'at <a href="https://www.seslip.co.uk">www.seslip.co.uk</a> or '
        '<a href="mailto:jo@example.org">jo@example.org</a>'
    )
    assert inline_html('<script>alert("x")</script>') == ('&lt;script&gt;alert("x")&lt;/script&gt;')


def test_tab_table_rows_may_have_blank_lines_between_them_and_empty_cells():
    text = (
        "UPDATE NO 300 4 May 2018\n\nIntro.\n\nBudget\n\nThe budget is below.\n\n"
        "Workstream\tBudget (£)\tNotes\n\n"
        "AD Education\t18,000\t\n\n"
        "Data Benchmarking\t80,000\tNew\n"
    )
    [item] = parse_update(text).items
    [table] = item.tables
    assert isinstance(table, Table)
    assert table.rows == [
        ["Workstream", "Budget (£)", "Notes"],
        ["AD Education", "18,000", ""],
        ["Data Benchmarking", "80,000", "New"],
    ]


def test_reminder_tables_and_sections_in_any_order():
    text = (
        "UPDATE NO 300 4 May 2018\n\nIntro.\n\n"
        "Tools and Templates\n\nOn 3 May 2018 the LGA published A guide to peer review\n\n"
        "First news\n\nIts text.\n\n"
        "Reminders from previous weeks\n\nOld news\n\nStill true.\n\n"
        "Future Dates for Network Meetings\n\n"
        "Network\tDate\nAD Education\t14 June\nPSW Network\t21 June\n"
    )
    update = parse_update(text)
    assert update.layout == [("tools", 0), ("item", 0), ("item", 1), ("meetings", 0)]
    assert [(i.heading, i.reminder) for i in update.items] == [
        ("First news", False),
        ("Old news", True),
    ]
    [entry] = update.tool_entries
    assert (entry.date, entry.publisher, entry.title) == (
        datetime.date(2018, 5, 3),
        "LGA",
        "A guide to peer review",
    )
    assert [(m.text, m.date) for m in update.meetings] == [
        ("AD Education – 14 June", datetime.date(2018, 6, 14)),
        ("PSW Network – 21 June", datetime.date(2018, 6, 21)),
    ]
    assert update.to_dict()["tables"][0]["section"] == "future_meetings"


def test_news_items_may_follow_tools_and_templates():
    text = (
        "UPDATE NO 300 4 May 2018\n\nIntro.\n\nTools & Templates\n\n"
        "On 3 May 2018 the LGA published A guide to peer review\n\n"
        "Regional Summit\n\nThe summit will be held on 12 June in Reading, and all are welcome.\n"
    )
    update = parse_update(text)
    assert [e.title for e in update.tool_entries] == ["A guide to peer review"]
    assert [i.heading for i in update.items] == ["Regional Summit"]


def test_site_text_with_headings_set_apart_by_single_blank_lines():
    text = (
        "UPDATE NO 298 20 April 2018\n\n"
        "Newsletters A brief summary of the main headlines. At [...]\n\n"
        "Three children playing happily together\n\n"
        "A brief summary of the main headlines. Please contact Richard Tyndall.\n\n"
        "UPDATE NO 298 20 April 2018\n\n"
        "Data Benchmarking Group\n\n"
        "The reports are out.\n"
    )
    update = parse_update(text)
    assert update.intro.text() == (
        "A brief summary of the main headlines. Please contact Richard Tyndall."
    )
    assert [item.heading for item in update.items] == ["Data Benchmarking Group"]


def test_action_required_among_future_dates_marks_the_meetings_after_it():
    """Update 298's own text, with a "Future dates" section before its contact details whose
    meetings after the update's "Action Required:" marker (as the seed writes it: a line of its
    own between blank lines) need readers to act."""
    text = read("update-298.txt").replace(
        "Contact Details\n",
        "Future dates for network meetings\n\n\n"
        "AD Education Network – Wednesday 16 May 2018, 10am–12pm, Microsoft Teams\n\n"
        "Action Required:\n\n"
        "Principal Social Workers Network – 7 June 2018, Guildford\n"
        "Data Benchmarking Group – 3 July, online\n\n\n"
        "Contact Details\n",
        1,
    )

    update = parse_update(text)

    assert [(m.text, m.date, m.action_required) for m in update.meetings] == [
        (
            "AD Education Network – Wednesday 16 May 2018, 10am–12pm, Microsoft Teams",
            datetime.date(2018, 5, 16),
            False,
        ),
        (
            "Principal Social Workers Network – 7 June 2018, Guildford",
            datetime.date(2018, 6, 7),
            True,
        ),
        ("Data Benchmarking Group – 3 July, online", datetime.date(2018, 7, 3), True),
    ]
    assert all(m["date"] for m in update.to_dict()["future_meetings"])
    # The news items are still update 298's, the marker belongs to no item.
    assert [i.heading for i in update.items] == [
        i.heading for i in parse_update(read("update-298.txt")).items
    ]
