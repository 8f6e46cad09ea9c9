"""Events: the four from the home page (March 2024) and the networks' regular meetings.

Times are Europe/London wall-clock times. ``network`` is a workstream's slug (see networks.py),
``contact`` a person's name, ``participants`` (organisation short name, role) pairs.

The regular meetings repeat with no end from their first ``date`` (see REGULAR_MEETINGS); each is
created once and then left alone. A network's meeting (``under_network``) goes under its network's
page where the page types allow it, so that the network's editors can keep it up to date, and
under the events page otherwise.
"""

import datetime

INDEX = {
    "slug": "events",
    "title": "Events",
    "intro": (
        "<p>Network meetings, peer challenge sessions and conferences. Most meetings are held "
        "online, on MS Teams; contact the person named for the joining link.</p>"
    ),
}

ONLINE = "online"
MEETING = "meeting"
PEER_CHALLENGE_KIND = "peer_challenge"
MS_TEAMS = "MS Teams"
PEER_CHALLENGE = "dcs-self-assessment-and-peer-challenge"

MARK_EVANS_JOINING = "Contact Mark Evans for further details including the MS Teams link"

# What every AD Safeguarding Network meeting has in common: its morning online with Mark Evans.
AD_SAFEGUARDING_MEETING = {
    "start": datetime.time(10, 0),
    "end": datetime.time(13, 0),
    # The programme's listing says only "Contact Mark Evans for further details including MS
    # Teams link": that is how to join, so the page says it once, under "How to join".
    "description": "",
    "location": ONLINE,
    "online_platform": MS_TEAMS,
    "joining_instructions": MARK_EVANS_JOINING,
    "network": "ad-safeguarding-network",
    "contact": "Mark Evans",
}

EVENTS = [
    {
        "slug": "dcs-peer-challenge-triad-5",
        "title": "DCS Peer Challenge Triad 5",
        "date": datetime.date(2024, 3, 1),
        "all_day": True,
        "kind": PEER_CHALLENGE_KIND,
        "description": (
            "<p>We welcome participating teams from West Berkshire, Royal Windsor and Maidenhead "
            "and Brighton and Hove.</p>"
        ),
        "location": ONLINE,
        "online_platform": MS_TEAMS,
        "network": PEER_CHALLENGE,
        "participants": [
            ("West Berkshire", "participant"),
            ("Windsor and Maidenhead", "participant"),
            ("Brighton and Hove", "participant"),
        ],
    },
    {
        "slug": "dcs-peer-challenge-triad-4",
        "title": "DCS Peer Challenge Triad 4",
        "date": datetime.date(2024, 3, 4),
        "all_day": True,
        "kind": PEER_CHALLENGE_KIND,
        "description": (
            "<p>We welcome participating teams from Medway, Milton Keynes and Bracknell Forest.</p>"
        ),
        "location": ONLINE,
        "online_platform": MS_TEAMS,
        "network": PEER_CHALLENGE,
        "participants": [
            ("Medway", "participant"),
            ("Milton Keynes", "participant"),
            ("Bracknell Forest", "participant"),
        ],
    },
    {
        "slug": "ad-safeguarding-network-march-2024",
        "title": "AD Safeguarding Network March meeting",
        "date": datetime.date(2024, 3, 8),
        **AD_SAFEGUARDING_MEETING,
    },
    {
        "slug": "seslip-steering-group-march-2024",
        "title": "SESLIP Steering Group",
        "date": datetime.date(2024, 3, 11),
        "start": datetime.time(15, 30),
        "end": datetime.time(17, 0),
        "description": "",
        "location": ONLINE,
    },
]

# The networks' regular meetings, as series with no end, so that the calendar and the home page
# always have the coming weeks. Each starts on a date the programme published (update 518's
# "Future dates for network meetings", or the home page's events) and repeats on the same
# weekday of the month (``repeat_on``), as often as the network meets (``repeat``).
REGULAR_MEETINGS = [
    {
        # "Data Benchmarking Group – 3 November, online" (update 518): the first Thursday of
        # the month, quarterly (the plan: "quarterly production of benchmarking data").
        "slug": "data-benchmarking-network-meeting",
        "title": "Data Benchmarking Network meeting",
        "date": datetime.date(2022, 11, 3),
        "repeat": "quarterly",
        "repeat_on": "weekday",
        "start": datetime.time(10, 0),
        "end": datetime.time(12, 0),
        "description": (
            "<p>The quarterly meeting of the region's data analysts: the latest benchmarking "
            "reports, the national RIIA dataset and the Data to Insight project.</p>"
        ),
        "location": ONLINE,
        "online_platform": MS_TEAMS,
        "joining_instructions": "Contact Luke Ede for the MS Teams link",
        "network": "data-benchmarking-network",
        "under_network": True,
        "contact": "Luke Ede",
    },
    {
        # "AD Education Network – Wednesday 14 September 2022, 10am–12pm, Microsoft Teams"
        # (update 518): the second Wednesday, every two months.
        "slug": "ad-education-network-meeting",
        "title": "AD Education Network meeting",
        "date": datetime.date(2022, 9, 14),
        "repeat": "bimonthly",
        "repeat_on": "weekday",
        "start": datetime.time(10, 0),
        "end": datetime.time(12, 0),
        "description": (
            "<p>Assistant directors of education share positions and problem-solving approaches "
            "and meet the regional education system.</p>"
        ),
        "location": ONLINE,
        "online_platform": "Microsoft Teams",
        "network": "ad-education-network",
        "under_network": True,
    },
    {
        # "Principal Social Workers Network – 6 October 2022" (update 518): the first Thursday,
        # every two months.
        "slug": "principal-social-workers-network-meeting",
        "title": "Principal Social Workers Network meeting",
        "date": datetime.date(2022, 10, 6),
        "repeat": "bimonthly",
        "repeat_on": "weekday",
        "start": datetime.time(13, 30),
        "end": datetime.time(15, 30),
        "description": (
            "<p>PSWs from across the region share practice and hear the latest from the national "
            "PSW meetings.</p>"
        ),
        "location": ONLINE,
        "online_platform": MS_TEAMS,
        "joining_instructions": MARK_EVANS_JOINING,
        "network": "principal-social-workers",
        "under_network": True,
        "contact": "Mark Evans",
    },
    {
        # After the March 2024 meeting on the home page (Friday 8 March, 10am to 1pm): the second
        # Friday, every two months.
        "slug": "ad-safeguarding-network-meeting",
        "title": "AD Safeguarding Network meeting",
        "date": datetime.date(2024, 5, 10),
        "repeat": "bimonthly",
        "repeat_on": "weekday",
        **AD_SAFEGUARDING_MEETING,
        "under_network": True,
    },
    {
        # After the home page's Steering Group (Monday 11 March 2024, 3:30pm to 5pm): the second
        # Monday of every month.
        "slug": "seslip-steering-group",
        "title": "SESLIP Steering Group",
        "date": datetime.date(2024, 4, 8),
        "repeat": "monthly",
        "repeat_on": "weekday",
        "start": datetime.time(15, 30),
        "end": datetime.time(17, 0),
        "description": "",
        "location": ONLINE,
    },
]
