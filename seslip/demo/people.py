"""Everyone named in the seeds: one entry per real person, keyed by name.

Phone numbers and email addresses appear only where the seeds give them. ``has_left`` is set for
people from update no. 298 (2018) whose post the 2024-25 plan or the current contact details show
held by someone else; they stay in the database so that the 2018 update still reads correctly.
"""

from .organisations import PROGRAMME_NAME

DCS = "Director of Children's Services"
PROJECT_MANAGER = "Project manager"

ESCC = "East Sussex County Council"
HCC = "Hampshire County Council"
KCC = "Kent County Council"
LGA = "Local Government Association"

PEOPLE = [
    # --- the programme team: the contact details that end update no. 298 ----------------------
    {
        "name": "Richard Tyndall",
        "role": "SESLI Programme Manager",
        "organisation": PROGRAMME_NAME,
        "phone": "07880 787007",
        "email": "richard.tyndall@richardtyndall.co.uk",
    },
    {
        "name": "Mark Evans",
        "role": "CSC Workforce, PSW and AD Safeguarding Network Lead",
        "organisation": PROGRAMME_NAME,
        "phone": "07803 147072",
    },
    {
        "name": "Krista Pickering",
        "role": "South East Grid for Learning – Consortium Manager",
        "organisation": PROGRAMME_NAME,
        "phone": "07872 014083",
    },
    {
        "name": "Sheelagh Sullivan",
        "role": "S.E. Region SEND Network Programme Co-ordinator",
        "organisation": PROGRAMME_NAME,
    },
    {
        # The update's contact details list him under the programme; the plan names him
        # "Luke Ede (East Sussex)", and the data benchmarking budget is paid to ESCC.
        "name": "Luke Ede",
        "role": "Data Benchmarking",
        "organisation": ESCC,
        "phone": "07925 148597",
    },
    # --- sponsors and project managers of the 2024-25 plan's workstreams -----------------------
    {"name": "Sarah Daly", "role": DCS, "organisation": "Portsmouth City Council"},
    {"name": "Chris Owen", "role": PROJECT_MANAGER, "organisation": PROGRAMME_NAME},
    {"name": "Mac Heath", "role": DCS, "organisation": "Milton Keynes City Council"},
    {"name": "Lara Patel", "role": DCS, "organisation": "Brighter Futures for Children, Reading"},
    {"name": "Chris Baird", "role": PROJECT_MANAGER, "organisation": PROGRAMME_NAME},
    {"name": "Carolyn Fair", "role": DCS, "organisation": ESCC},
    {"name": "Grainne Siggins", "role": DCS, "organisation": "Bracknell Forest Council"},
    {"name": "Rebecca Eligon", "role": PROJECT_MANAGER, "organisation": PROGRAMME_NAME},
    {
        "name": "Cllr Jacquie Russell",
        "role": "Lead Member",
        "organisation": "West Sussex County Council",
    },
    {"name": "Deborah Glassbrook", "role": PROJECT_MANAGER, "organisation": PROGRAMME_NAME},
    {
        "name": "Kevin Kasaven",
        "role": "Quality Assurance Network sponsor, on behalf of Sarah Hammond",
        "organisation": KCC,
    },
    {"name": "Lynsey Murphy", "role": PROJECT_MANAGER, "organisation": KCC},
    {"name": "John MacIlwraith", "role": DCS, "organisation": "Buckinghamshire Council"},
    {
        "name": "Sarah Hammond",
        "role": f"{DCS}; chair of the SESLIP Steering Group",
        "organisation": KCC,
    },
    {
        "name": "Sophie Butt",
        "role": "Small package SLI support sponsor, on behalf of Stuart Ashley",
        "organisation": HCC,
    },
    {"name": "Saba Farooqui", "role": PROJECT_MANAGER, "organisation": HCC},
    {"name": "Caroline Tote", "role": PROJECT_MANAGER, "organisation": LGA},
    # --- the steering group in the 2024-25 plan ------------------------------------------------
    {
        "name": "Stuart Ashley",
        "role": f"{DCS}, Hampshire and Isle of Wight",
        "organisation": HCC,
    },
    {
        "name": "Deb Austin",
        "role": f"{DCS}; vice-chair of the SESLIP Steering Group",
        "organisation": "Brighton and Hove City Council",
    },
    {"name": "Becky Shaw", "role": "Chief Executive", "organisation": ESCC},
    {
        "name": "Michael Bracey",
        "role": "Chief Executive",
        "organisation": "Milton Keynes City Council",
    },
    {"name": "William Brooks", "role": "Improvement Adviser", "organisation": LGA},
    {"name": "Helen Watson", "role": "Children's Improvement Adviser", "organisation": LGA},
    {
        "name": "David Myers",
        "role": "Regional Improvement Adviser",
        "organisation": "Department for Education",
    },
    # --- named in update no. 298 (20 April 2018) -----------------------------------------------
    {
        # DCS East Sussex and chair of the steering group in 2018; Carolyn Fair is DCS East
        # Sussex in the 2024-25 plan.
        "name": "Stuart Gallimore",
        "role": DCS,
        "organisation": ESCC,
        "has_left": True,
    },
    {
        # DCS Portsmouth in 2018; the home page calls her DCS East Sussex and chair of the
        # steering group, posts the 2024-25 plan gives to Carolyn Fair and Sarah Hammond.
        "name": "Alison Jeffery",
        "role": DCS,
        "organisation": ESCC,
        "has_left": True,
    },
    {"name": "John Coughlan", "role": "Chief Executive", "organisation": HCC},
    {
        "name": "Cllr Gareth Barnard",
        "role": "Lead Member",
        "organisation": "Bracknell Forest Council",
    },
    {"name": "Mona Seghal", "role": "Improvement Adviser", "organisation": LGA},
    {"name": "Anna Wright", "role": "SE DCS Peer Challenge", "organisation": PROGRAMME_NAME},
    {
        # The 2018 contact for the Data Benchmarking Group; Luke Ede is the contact now.
        "name": "Alastair Lee",
        "role": "Data Benchmarking Group",
        "organisation": PROGRAMME_NAME,
        "has_left": True,
    },
    {"name": "Rachel Calver", "role": "Kent Virtual School", "organisation": KCC},
    {
        "name": "Rosemary Perry",
        "role": "Complex LAC and Edge of Care Efficiencies",
        "organisation": PROGRAMME_NAME,
    },
    {
        # DCS Hampshire and Isle of Wight in 2018; Stuart Ashley holds the post in the plan.
        "name": "Steve Crocker",
        "role": f"{DCS}, Hampshire and Isle of Wight",
        "organisation": HCC,
        "has_left": True,
    },
    {"name": "Tracey Maytas", "role": "SEND 19 group support", "organisation": PROGRAMME_NAME},
    {"name": "Paul Senior", "role": DCS, "organisation": "Wokingham Borough Council"},
]
