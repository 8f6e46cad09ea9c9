"""The member authorities page, which authorities take part in which network, the 2023-24 peer
challenge triads, and the demo network lead's account.

The triads are those of the Regional Improvement Plan's appendix (2023-24). Triads 4 and 5 are the
events of March 2024 in events.py; the dates of the other four are illustrative. Surrey joined
triad 1 as a fourth authority but was called away by an Ofsted focused visit.

Which authorities take part in each network is only what the plan says: all 19 in the SEND 19
Programme (the SE19 SEND network) and in the DCS self-assessment and peer challenge ("all 19
authorities", and the six triads cover them all); in every other workstream, the member
authorities of its sponsor and project manager. Nothing else is known, so nothing else is ticked.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from networks.models import NetworkPage
from networks.permissions import ensure_network_editors

from .organisations import MEMBERS
from .people import PEOPLE

MEMBER_AUTHORITIES_PAGE = {
    "slug": "member-authorities",
    "title": "Member authorities",
    "intro": (
        "<p>The 19 local authorities whose children's services make up SESLIP, the practice "
        "networks and projects each takes part in, and its DCS peer challenge triad for the "
        "year.</p>"
    ),
}

# The workstreams every member authority takes part in, as the plan says.
WORKSTREAMS_FOR_ALL = ["send-19-programme", "dcs-self-assessment-and-peer-challenge"]


def taking_part(workstream):
    """The names of the member authorities known to take part in a workstream (a dict of
    networks.WORKSTREAMS): all of them, or those its sponsor and project manager work for."""
    members = [org["name"] for org in MEMBERS]
    if workstream["slug"] in WORKSTREAMS_FOR_ALL:
        return members
    leads = (workstream["sponsor"], workstream["project_manager"])
    employers = {person.get("organisation") for person in PEOPLE if person["name"] in leads}
    return [name for name in members if name in employers]


PEER_CHALLENGE = "dcs-self-assessment-and-peer-challenge"


def _triad(number, day, members, description=""):
    return {
        "slug": f"dcs-peer-challenge-triad-{number}",
        "title": f"DCS Peer Challenge Triad {number}",
        "date": day,
        "all_day": True,
        "kind": "peer_challenge",
        "description": description
        or f"<p>We welcome participating teams from {', '.join(members[:-1])} and "
        f"{members[-1]}.</p>",
        "location": "online",
        "online_platform": "MS Teams",
        "network": PEER_CHALLENGE,
        "participants": [(name, "participant") for name in members],
    }


# Triads 4 and 5 are in events.EVENTS already.
TRIADS_2023_24 = [
    {
        **_triad(
            1,
            datetime.date(2024, 1, 26),
            ["East Sussex", "Isle of Wight", "Wokingham"],
            "<p>We welcome participating teams from East Sussex, Isle of Wight and Wokingham. "
            "Surrey joined the triad, but was called away to deal with an Ofsted focused "
            "visit.</p>",
        ),
        "participants": [
            ("East Sussex", "participant"),
            ("Isle of Wight", "participant"),
            ("Wokingham", "participant"),
            ("Surrey", "participant"),
        ],
    },
    _triad(2, datetime.date(2024, 2, 2), ["Portsmouth", "Kent", "West Sussex"]),
    _triad(3, datetime.date(2024, 2, 9), ["Hampshire", "Reading", "Oxfordshire"]),
    _triad(6, datetime.date(2024, 3, 8), ["Buckinghamshire", "Southampton", "Slough"]),
]

# The first triad of the 2018 round, with its roles (update 298 lists the three triads of 2018;
# the others' dates were still to be arranged).
TRIADS_2018 = [
    {
        "slug": "se-dcs-peer-challenge-2018-triad-1-fieldwork",
        "title": "SE DCS Peer Challenge 2018: Triad 1 fieldwork",
        "date": datetime.date(2018, 7, 23),
        "end_date": datetime.date(2018, 7, 24),
        "all_day": True,
        "kind": "peer_challenge",
        "description": (
            "<p>Two days of fieldwork in Oxfordshire, with Milton Keynes visiting and Portsmouth "
            "observing.</p>"
        ),
        "location": "venue",
        "venue": "Oxfordshire County Council\nCounty Hall, New Road, Oxford OX1 1ND",
        "network": PEER_CHALLENGE,
        "participants": [
            ("Oxfordshire", "host"),
            ("Milton Keynes", "visitor"),
            ("Portsmouth", "observer"),
        ],
    }
]

TRIADS = [*TRIADS_2023_24, *TRIADS_2018]

# --- the demo network lead -------------------------------------------------------------------

LEAD_USERNAME = "safeguarding.lead"
LEAD_NETWORK = "ad-safeguarding-network"


def ensure_network_lead(password=None):
    """Make the demo lead of the AD Safeguarding Network once: an editor of that network's pages,
    meetings and documents, and of nothing else. Returns the password when it made the account,
    None when it exists already (or the network does not)."""
    User = get_user_model()
    if User.objects.filter(username=LEAD_USERNAME).exists():
        return None
    network = (
        NetworkPage.objects.filter(slug=LEAD_NETWORK).select_related("project_manager").first()
    )
    if network is None:
        return None
    group = ensure_network_editors(network)
    lead = network.project_manager
    first, _, last = (lead.name if lead else "Network Lead").partition(" ")
    password = password or secrets.token_urlsafe(12)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=LEAD_USERNAME,
                email=(lead.email if lead and lead.email else "safeguarding.lead@example.org"),
                password=password,
                first_name=first,
                last_name=last,
            )
            user.groups.add(group)
    except IntegrityError:
        return None
    return password
