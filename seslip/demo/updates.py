"""Weekly updates and the reusable news items they are made of.

News items are keyed by heading; ``people`` are names (people.py) and ``networks`` workstream
slugs (networks.py). In rich text, ``<a page="about-networks/…">`` is a link to a page by its path
under the home page; the loader turns it into a Wagtail page link.

An update's ``body`` and ``reminders`` are lists of (block type, value): a news item's value is its
heading; the other blocks' values are their raw data.

No. 298 is the real update of 20 April 2018 (obvious typos corrected). The others are short,
realistic updates so that the archive spans several years and the home page's "featured news from
the latest update" has content: the latest reuses the headlines the current home page features.
"""

import datetime

INDEX = {
    "slug": "newsletters",
    "title": "Newsletters",
    "intro": (
        "<p>The weekly update gives a snapshot of current activity across the programme: the "
        "main headlines, the actions required and the tools and templates you need for them.</p>"
    ),
}

PEER_CHALLENGE = "dcs-self-assessment-and-peer-challenge"
PEER_CHALLENGE_LINK = f'<a page="about-networks/{PEER_CHALLENGE}">'

NEWS_ITEMS = [
    # --- update no. 298 ------------------------------------------------------------------------
    {
        "heading": "Consultation on 2018-19 DCS Peer Challenge Arrangements",
        "body": (
            "<p>The consultation on 2018-19 DCS Peer Challenge Arrangements is now closed. A "
            "report recommending arrangements will be considered by the SESLIP Steering Group on "
            "11 May. The membership of this group is Stuart Gallimore (DCS East Sussex) (in the "
            "chair); Alison Jeffery (DCS Portsmouth); John Coughlan (CEx Hampshire); Cllr Gareth "
            "Barnard (Lead Member, Bracknell Forest); Mona Seghal (Improvement Adviser, LGA).</p>"
            "<p>We are currently working on the precise shape, costings, staffing support, dates "
            "and other details of the programme. There is still time to influence our thinking "
            "and contributions should be channelled through Richard Tyndall/Anna Wright or Stuart "
            "Gallimore/Alison Jeffery (contact details below).</p>"
        ),
        "action_required": (
            "<p>The outline of the proposal will be as follows:</p>"
            "<ul>"
            "<li><b>Autumn 2018:</b> all DCSs complete and share a self-assessment that will be "
            "compatible with the Ofsted Annual Conversation template and including Benchmarking "
            "Data supplied by the SESLIP Data Benchmarking Group</li>"
            "<li><b>Late Autumn:</b> Training and preparation session for all participants in "
            "the Peer Challenge sessions (date and venue to be announced). Also circulation of "
            "menu of choices improvement offer (from PiP programme; LGA; DfE; SESLIP and other "
            "regional improvement groups and elsewhere)</li>"
            "<li><b>Jan/Feb 2019:</b> whole day Peer Challenge sessions in groups of 3 or 4 "
            "(details of groupings to be announced)</li>"
            "<li><b>March 2019:</b> Regional Summit to celebrate what’s working well and to "
            "agree “even better if” improvement priorities and SESLI Programme for 2019-20</li>"
            "</ul>"
        ),
        "people": [
            "Stuart Gallimore",
            "Alison Jeffery",
            "John Coughlan",
            "Cllr Gareth Barnard",
            "Mona Seghal",
            "Richard Tyndall",
            "Anna Wright",
        ],
        "networks": [PEER_CHALLENGE],
    },
    {
        "heading": "Data Benchmarking Group",
        "body": (
            "<p>The following reports have been uploaded to the "
            '<a page="about-networks/data-benchmarking-network">Freely Available Reports</a> '
            "section of the SESLIP website:</p>"
            "<ul>"
            "<li>(Public) 2017 CSC Workforce Benchmarking Report v1 (Excel)</li>"
            "<li>(Public) 2017 CSC Workforce Benchmarking Report v1 (PDF)</li>"
            "</ul>"
        ),
        "action_required": (
            "<p>Further reports containing unaudited, suppressed and other non-public information "
            "are available from the restricted reports section. Access to these pages is "
            "restricted to those who have signed the Data Sharing Protocol.</p>"
            "<p>For further information please contact Alastair Lee (details below).</p>"
        ),
        "people": ["Alastair Lee"],
        "networks": ["data-benchmarking-network"],
    },
    {
        "heading": "Thursday 28 June – Save the date for UASC Conference",
        "body": (
            "<p>Please save the date of Thursday 28 June for a conference hosted by Kent County "
            "Council on the topic of Unaccompanied Asylum Seeking Children.</p>"
            "<p>The focus of the conference is to share experiences and best practice with other "
            "Local Authorities regarding the work Kent have developed with our Unaccompanied "
            "Asylum Seeking Children and Young People – looking at social care, fostering, "
            "health, education, accommodation, initial assessments on arrival.</p>"
        ),
        "action_required": (
            "<p>More details will follow in due course. In the meantime please contact Rachel "
            "Calver at Kent Virtual School for more details.</p>"
        ),
        "people": ["Rachel Calver"],
        "networks": [],
    },
    {
        "heading": "Complex LAC and Edge of Care Efficiencies",
        "body": (
            "<p>Following a successful seminar on 16 March 2018 and further discussions with the "
            "DCS group, we now have 17 authorities in the region wishing to be part of the "
            "fieldwork. Although we had some success with collecting raw data from our initial "
            "group of authorities, it was clear that there are problems categorising type of "
            "need as well as children on the edge of care. Data on cost is more robust.</p>"
            "<p>Our further thinking is to collect sample data from each LA, developing a "
            "“toolkit” which will, as well as providing the in-depth data we need for the "
            "analysis, hopefully provide practitioners with a means to record and track their "
            "cases in a more meaningful way.</p>"
        ),
        "action_required": (
            "<p>We are currently developing this approach as well as identifying lists of "
            "external residential establishments and collecting a repository of good practice "
            "and innovation which can be shared with colleagues as we proceed. We are hoping to "
            "pilot our new approach during May with a further event for all authorities towards "
            "the end of June to launch the toolkit and start the fieldwork.</p>"
            "<p>For more information, and for access to the password-protected shared documents, "
            "please contact Mark Evans or Rosemary Perry (details below).</p>"
        ),
        "people": ["Mark Evans", "Rosemary Perry"],
        "networks": [],
    },
    {
        "heading": "SEND 19 – In the money!",
        "body": (
            "<p>On 9 April, DfE confirmed that the SEND19 group would be receiving grant aid for "
            "its work for a further year. The sum approved is £22,916.67, which will be matched "
            "with the SESLIP contribution of £22,500. Many thanks to Portsmouth for acting as "
            "accountable body for this grant.</p>"
        ),
        "action_required": (
            "<p>The group is sponsored by Steve Crocker (DCS, Hampshire and Isle of Wight) and "
            "supported by Tracey Maytas (contact details below). Now that funding has been "
            "confirmed, the group will, in due course, confirm its programme of activities for "
            "2018-19.</p>"
        ),
        "people": ["Steve Crocker", "Tracey Maytas"],
        "networks": ["send-19-programme"],
    },
    {
        "heading": "SE DCS Peer Challenge 2018",
        "body": (
            "<p>Planning is underway for 3 Directors’ Peer Challenges in 2018. The confirmed "
            "participants and dates are shown in the accompanying table.</p>"
            f"<p>For more details please go to the {PEER_CHALLENGE_LINK}SE ADCS Peer Challenge "
            "page</a>. Colleagues requiring a more detailed briefing should contact Anna Wright "
            "(details below).</p>"
            "<p>The 2018 MoU is now available for participants to download, sign and return. "
            "Thanks to Bracknell Forest and Brighton and Hove for returning a signed MoU.</p>"
        ),
        "action_required": (
            "<p>Thanks to Paul Senior (DCS Wokingham) for joining Triad 2 to cover for West "
            "Berkshire while they change DCSs.</p>"
            "<p>I now have a waiting list to join the team to visit Oxfordshire in July; thanks "
            "to colleagues from Brighton and Hove, Southampton, Bracknell Forest and Kent for "
            "volunteering (names to be confirmed in due course).</p>"
        ),
        "people": ["Anna Wright", "Paul Senior"],
        "networks": [PEER_CHALLENGE],
    },
    # --- updates no. 517 and 518 (August 2022) -------------------------------------------------
    {
        "heading": "Data Benchmarking: quarter 1 2022-23 data collection",
        "body": (
            "<p>The data collection for the quarter 1 2022-23 benchmarking reports is now open. "
            "The reports cover children’s social care, early help, education, SEND, adoption and "
            "special guardianship, and will be published in the restricted reports section for "
            "authorities that have signed the Data Sharing Protocol.</p>"
        ),
        "action_required": (
            "<p>Data leads: please submit your authority’s return by Friday 2 September. For "
            "further information please contact Luke Ede (details below).</p>"
        ),
        "action_by": datetime.date(2022, 9, 2),
        "remind_until": datetime.date(2022, 9, 2),
        "people": ["Luke Ede"],
        "networks": ["data-benchmarking-network"],
    },
    {
        "heading": "AD Safeguarding Network: September meeting",
        "body": (
            "<p>The network’s next meeting will be held on MS Teams in September. The agenda "
            "will include regional responses to the Independent Review of Children’s Social "
            "Care and an update on the regional Memorandum of Cooperation for agency social "
            "workers.</p>"
        ),
        "action_required": (
            "<p>Please send items for the agenda to Mark Evans by Friday 26 August.</p>"
        ),
        "action_by": datetime.date(2022, 8, 26),
        "people": ["Mark Evans"],
        "networks": ["ad-safeguarding-network"],
    },
    # --- the latest update: the headlines the current home page features -------------------------
    {
        "heading": "DfE consultation on Agency rules closes on 28 February at 23:45",
        "body": (
            "<p>On 31 January DfE opened its consultation on Agency Rules for Local Authority "
            "Children’s Social Care. Closing date: 23:45 on 28 February.</p>"
        ),
        "action_required": (
            "<p>Authorities wishing to share their responses, or to contribute to a regional "
            "response through the Workforce Matters project, should contact Mark Evans.</p>"
        ),
        "action_by": datetime.date(2024, 2, 28),
        "remind_until": datetime.date(2024, 2, 28),
        "people": ["Mark Evans"],
        "networks": ["workforce-matters"],
    },
    {
        # As the home page shows it: the summary under this heading is about Safer Internet Day.
        "heading": (
            "Prevention and identification of children and young adults experiencing, or at "
            "risk of, modern slavery in the UK"
        ),
        "body": (
            "<p>On 6 February UKSIC published Inspiring change? making a difference, managing "
            "influence and navigating change online</p>"
        ),
        "action_required": "",
        "people": [],
        "networks": [],
    },
    {
        "heading": "Child Safeguarding Practice Review Panel: annual report 2022-2023",
        "body": (
            "<p>On 30 January the Child Safeguarding Practice Review Panel published its Annual "
            "Review 2022-2023.</p>"
        ),
        "action_required": "",
        "people": [],
        "networks": [],
    },
]

UPDATE_298_INTRO = (
    "<p>A brief summary of the main headlines and highlights for this week are shown below. Any "
    "tools, templates or documents needed for the actions required are provided here also. If "
    "you would like to know more about these workstreams or the others in the Programme, click "
    "on the main section icons shown above. At SESLIP we are always on the look-out for good "
    "ideas that might be better implemented regionally rather than locally. If you have any "
    "suggestions, please contact Richard Tyndall, SESLI Programme Manager.</p>"
)

TRIADS_2018 = {
    "data": [
        ["Triad", "Host", "Visitor", "Observer", "Challenge session date", "Fieldwork date"],
        ["1", "Oxfordshire", "Milton Keynes", "Portsmouth", "to be arranged", "23 & 24 July 2018"],
        ["2", "Wokingham", "Southampton", "East Sussex", "to be arranged", "to be arranged"],
        [
            "3",
            "Hampshire",
            "Windsor and Maidenhead",
            "Brighton and Hove",
            "to be arranged",
            "October 2018 tbc",
        ],
    ],
    "table_caption": "SE DCS Peer Challenge 2018: triads and dates",
}

UPDATES = [
    {
        "number": 298,
        "date": datetime.date(2018, 4, 20),
        "intro": UPDATE_298_INTRO,
        "search_description": (
            "A brief summary of the main headlines and highlights for this week, with the tools, "
            "templates and documents needed for the actions required."
        ),
        "body": [
            ("news_item", "Consultation on 2018-19 DCS Peer Challenge Arrangements"),
            ("news_item", "Data Benchmarking Group"),
        ],
        "reminders": [
            ("news_item", "Thursday 28 June – Save the date for UASC Conference"),
            ("news_item", "Complex LAC and Edge of Care Efficiencies"),
            ("news_item", "SEND 19 – In the money!"),
            ("news_item", "SE DCS Peer Challenge 2018"),
            # The chart that goes with "SE DCS Peer Challenge 2018".
            ("table", TRIADS_2018),
        ],
    },
    {
        "number": 517,
        "date": datetime.date(2022, 8, 5),
        "intro": (
            "<p>A brief summary of the main headlines and highlights for this week. If you have "
            "any suggestions for work that might be better done regionally than locally, please "
            "contact Richard Tyndall, SESLI Programme Manager.</p>"
        ),
        "body": [
            ("news_item", "Data Benchmarking: quarter 1 2022-23 data collection"),
            (
                "tools_and_templates",
                {
                    "heading": "Tools & Templates",
                    "entries": [
                        {
                            "date": "2022-07-07",
                            "publisher": "Ofsted",
                            "title": "Main findings: children's social care in England 2022",
                            "link": "https://www.gov.uk/government/statistics/"
                            "main-findings-childrens-social-care-in-england-2022",
                        },
                    ],
                },
            ),
        ],
        "reminders": [],
    },
    {
        "number": 518,
        "date": datetime.date(2022, 8, 12),
        "intro": (
            "<p>A brief summary of the main headlines and highlights for this week, the last "
            "before the summer break.</p>"
        ),
        "body": [
            ("news_item", "AD Safeguarding Network: September meeting"),
            (
                "one_off_news_item",
                {
                    "heading": "Summer break",
                    "body": (
                        "<p>There will be no weekly update on 19 and 26 August. The next update "
                        "will be published on Friday 2 September.</p>"
                    ),
                    "action_required": "",
                },
            ),
        ],
        "reminders": [
            ("news_item", "Data Benchmarking: quarter 1 2022-23 data collection"),
        ],
    },
    {
        "number": 590,
        "date": datetime.date(2024, 2, 9),
        "intro": (
            "<p>A brief summary of the main headlines and highlights for this week. Dates for "
            "the DCS peer challenge triads and network meetings in March are under “Future dates "
            "for network meetings”.</p>"
        ),
        "body": [
            ("news_item", "DfE consultation on Agency rules closes on 28 February at 23:45"),
            (
                "news_item",
                "Prevention and identification of children and young adults experiencing, or at "
                "risk of, modern slavery in the UK",
            ),
            ("news_item", "Child Safeguarding Practice Review Panel: annual report 2022-2023"),
            (
                "tools_and_templates",
                {
                    "heading": "Tools & Templates",
                    "entries": [
                        {
                            "date": "2024-01-30",
                            "publisher": "the Child Safeguarding Practice Review Panel",
                            "title": "Annual Review 2022-2023",
                            "link": "https://www.gov.uk/government/organisations/"
                            "child-safeguarding-practice-review-panel",
                        },
                        {
                            "date": "2024-02-06",
                            "publisher": "UKSIC",
                            "title": "Inspiring change? Making a difference, managing influence "
                            "and navigating change online",
                            "link": "",
                        },
                    ],
                },
            ),
        ],
        "reminders": [],
    },
]
