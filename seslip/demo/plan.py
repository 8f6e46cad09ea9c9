"""The Regional Improvement Plan 2024-25: its text, its budget and its triad reports.

The workstreams table is built from networks.py, so the plan page and the network pages agree.
"""

import re

from .networks import NETWORK, WORKSTREAMS
from .organisations import ORGANISATIONS
from .people import PEOPLE
from .stream import h2, h3, inset, p, table, ul

SLUG = "regional-improvement-plan-2024-25"
TITLE = "Regional Improvement Plan 2024-25"
BUDGET_YEAR = "2024-25"
APPROVED = "Approved by the SESLIP Steering Group on 10 June 2024."

# Table 2: income (item, 2024-25 budget in £, notes).
BUDGET_INCOME = [
    ("Carry forward – earmarked for SEND", 94407, "Earmarked see line 26"),
    ("Carry forward from previous year", 87407, "Unrestricted see line 27"),
    ("DfE core funding – data", 80000, "See line 4"),
    ("DfE core funding – peer challenge", 60800, ""),
    ("DfE core funding – small package SLI", 94000, "See line 15"),
    ("DfE SEND support", 114584, "See line 12"),
    ("SE subs", 165500, "New subs from Jersey"),
    ("Data only subs", 0, "Awaiting Swindon, Somerset"),
]

# Table 2: expenditure (line, item, 2024-25 budget in £ or None, notes).
BUDGET_EXPENDITURE = [
    (1, "AD Education", 18000, ""),
    (2, "AD Safeguarding", 16000, ""),
    (3, "Commissioners", 12500, ""),
    (4, "Data Benchmarking", 80000, "Paid to ESCC"),
    (5, "Early Help", 10000, ""),
    (6, "Fostering", 10000, ""),
    (7, "Kinship care", 10000, ""),
    (8, "Lead Members", 12500, ""),
    (9, "Principal Social Workers", 10000, ""),
    (10, "Quality Assurance", 12000, "Paid to KCC"),
    (11, "Adoption", 10000, ""),
    (12, "SEND – SE19", 208991, ""),
    (13, "DCS and FD seminars", 2500, "Now closed"),
    (14, "Self-assessment peer challenge", 15000, ""),
    (15, "Small package SLI support", 94000, "Paid to HCC"),
    (16, "Take Your Place", 48000, "Paid to The Staff College"),
    (17, "Workforce matters, MoC", 30000, ""),
    (18, "Spare", 0, ""),
    (19, "SE ADCS Rooms", 13000, ""),
    (20, "Programme Management", 20000, ""),
    (21, "Website", 2000, ""),
    (22, "KCC Overhead", 12000, ""),
    (23, "Working Together 2023", 5000, ""),
    (24, "New self-funded projects", 45000, "BGM and QA projects approved in June"),
    (25, "Spare", None, ""),
    (26, "SEND – SE 19 carry forward", 0, ""),
    (27, "Unrestricted carry forward", 207, ""),
]

BUDGET_LINES = {line: (amount, note) for line, _, amount, note in BUDGET_EXPENDITURE}
TOTAL_IN = sum(amount for _, amount, _ in BUDGET_INCOME)
TOTAL_OUT = sum(amount or 0 for _, _, amount, _ in BUDGET_EXPENDITURE)
assert TOTAL_IN == TOTAL_OUT == 696698  # noqa: S101 - the plan's totals

STEERING_GROUP = [
    "Sarah Hammond (DCS, Kent, in the chair)",
    "Deb Austin (DCS, Brighton and Hove, vice-chair)",
    "Stuart Ashley (DCS, Hampshire and Isle of Wight)",
    "Becky Shaw (Chief Executive, East Sussex)",
    "Michael Bracey (Chief Executive, Milton Keynes)",
    "Cllr Jacquie Russell (Lead Member, West Sussex)",
    "William Brooks (Improvement Adviser, LGA)",
    "Helen Watson (Children’s Improvement Adviser, LGA)",
    "David Myers (DfE Regional Improvement Adviser)",
]


def money(amount):
    return "" if amount is None else f"{amount:,}"


def _short_names():
    organisations = {org["name"]: org.get("short_name") or org["name"] for org in ORGANISATIONS}
    return {person["name"]: organisations.get(person.get("organisation"), "") for person in PEOPLE}


def _plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def workstreams_rows():
    """Table 1: one row per workstream, from networks.py."""
    where = _short_names()

    def who(name):
        return f"{name} ({where[name]})" if where.get(name) else name

    rows = [["No.", "Workstream", "Purpose", "Sponsor", "Project manager", "Outputs"]]
    for stream in WORKSTREAMS:
        kind = "Practice network" if stream["kind"] == NETWORK else "Project"
        rows.append(
            [
                str(stream["number"]),
                f"{stream['title']}\n({kind})",
                _plain(stream["purpose"]),
                who(stream["sponsor"]),
                who(stream["project_manager"]),
                "\n".join(f"• {text}" for text, _ in stream["outputs"]),
            ]
        )
    return rows


def income_rows():
    rows = [["Income", f"{BUDGET_YEAR} budget (£)", "Notes"]]
    rows += [[item, money(amount), note] for item, amount, note in BUDGET_INCOME]
    rows.append(["Total in", money(TOTAL_IN), ""])
    return rows


def expenditure_rows():
    rows = [["Line", "Expenditure", f"{BUDGET_YEAR} budget (£)", "Notes"]]
    rows += [
        [str(line), item, money(amount), note] for line, item, amount, note in BUDGET_EXPENDITURE
    ]
    rows.append(["", "Total out", money(TOTAL_OUT), ""])
    return rows


INTRO = (
    "How the 19 local authorities in the South East will support each other to improve outcomes "
    "for children and young people in 2024-25: 12 practice networks, five projects and the "
    "budget. " + APPROVED
)

BODY = [
    inset(
        "<p>Author: Richard Tyndall, SESLI Programme Manager, "
        '<a href="mailto:richard.tyndall@richardtyndall.co.uk">'
        "richard.tyndall@richardtyndall.co.uk</a>, 07880 787007</p>"
    ),
    h2("1. Introduction"),
    p(
        "1.1. The purpose of this regional improvement plan is to identify action that will "
        "assist all the local authorities in the South East to deliver effective services which "
        "improve outcomes for children and young people.",
        "1.2. The plan recognises that all children’s services have strengths which can help "
        "inspire improvement in others; it recognises that they are all capable of further "
        "improvement. It aims to discourage the conclusion that only poor or weak services need "
        "improvement help; instead, it celebrates honest self-evaluation and constant improvement "
        "as antidotes to complacency.",
        "1.3. The main features of the plan are:",
        ul(
            "a non-stigmatising approach to improvement",
            "support for innovation and new approaches to service delivery challenges",
            "development of the skills of staff, managers, corporate and political leaders",
            "increased sharing of ideas, insight, understanding and solutions",
        ),
        "1.4. The core activities include the collection and publication of benchmarking data, an "
        "annual round of self-assessments and triad peer challenge, the identification of "
        "improvement needs and interventions and the support of regional practice networks.",
        '1.5. We are planning to support 12 <a page="about-networks">practice networks and five '
        "projects</a>.",
        "1.6. The SE19 SEND programme has been significantly expanded following the announcement "
        "of DfE grant for its activities, which is now entering the third year of a three-year "
        "funding commitment. There is now a separate "
        '<a href="https://www.seslip.co.uk/download-file/1373">SEND regional improvement '
        "programme and plan</a>.",
        "1.7. Following consultation with DCSs across the region, four broad priorities for "
        "2023-2024 were identified, and these have been carried through to 2024-2025:",
        ul(
            "collaborative and supportive networking arrangements",
            "collaborative commissioning (with each other and health; alongside collaborative "
            "provision and the RCC project)",
            "SEND",
            "workforce – including developing anti-racist practices",
        ),
    ),
    h2("2. Objectives of this plan"),
    p(
        "2.1. We will identify ways in which local authorities can support each other to improve "
        "and take collective action to address systemic issues within the region.",
        "2.2. We will recognise both positive and negative variance in performance and try to "
        "ensure that no child is left behind.",
        "2.3. We will ensure that authorities who are facing more challenges have access to "
        "support from others in the region and, where appropriate, national programmes.",
        "2.4. We will take collective action where this will support several authorities with "
        "their improvement journeys, including lobbying government where necessary.",
        "2.5. We will support the effectiveness of lead members and their deputies and colleagues.",
    ),
    h2("3. Regional investment"),
    p(
        "3.1. In 2023-2024, following the publication of <i>Stable Homes Built on Love</i>, "
        "SESLIP supported the development of bids for two major DfE regional projects:",
        ul(
            "Local Authority Fostering South East – a recruitment and retention hub covering 18 "
            "of the 19 SESLIP authorities. This bid was successful, and the project is being led "
            "by Bracknell Forest and is worth £4.4m",
            "South East Regional Care Cooperative – this project will be led by West Sussex",
        ),
        "3.2. SESLIP will continue to support these projects, and also provide seed-corn funding "
        "should the DfE announce further bidding opportunities for regional projects.",
    ),
    h2("4. Feedback from 2023-2024 DCS Peer Challenge sessions"),
    p(
        "4.1. Six DCS peer challenge triad sessions were held in 2023-2024. Their reports are "
        "shown in full at Appendix 1. The headlines are:",
        ul(
            "<b>SEND:</b> focus on commissioning, budgets, parental expectations",
            "<b>Sufficiency:</b> addressing challenges related to sufficiency, especially in "
            "dealing with highly complex needs.",
            "<b>Quality assurance:</b> ensuring quality standards are met and maintained. "
            "Exploring flexible and innovative approaches to supervision.",
            "<b>Reforms and frameworks:</b> discussion around reforms such as "
            "SHBOL/WT2023/national frameworks.",
            "<b>Health, police and other partnerships:</b> Emphasis on relationships and "
            "collaborations between Local Authorities (LAs) and other stakeholders.",
            "<b>Workforce issues:</b> dealing with challenges related to turnover, recruitment, "
            "and retention of staff.",
            "<b>Anti-racist practices:</b> focusing on promoting anti-racist and inclusive "
            "practices within services.",
            "<b>Leadership changes:</b> adapting to significant leadership changes and political "
            "shifts within the authorities.",
        ),
    ),
    h2("5. 17 proposed workstreams for this improvement plan"),
    p(
        "We will support 12 regional practice networks (workstreams 1 to 12) and five projects "
        "(13 to 17). The work programme of each group will be a mixture of “top-down” and "
        "“bottom-up” activity. The SEADCS meeting will refer tasks for further investigation; "
        "the networks will provide mutual support and encouragement and also bring suggestions "
        "to the SEADCS group.",
        "Each of the groups will routinely:",
        ul(
            "celebrate and support innovative approaches to service delivery",
            "identify ways in which they can support fellow members to improve",
            "suggest how collective action can help address systemic issues within the region",
            "recognise positive and negative variance in performance, and react accordingly to "
            "publicise the positive and tackle the negative",
            "ensure that authorities who are facing more challenges have access to support from "
            "others in the region and, where appropriate, national support",
        ),
        'Each workstream has its own page under <a page="about-networks">Networks and '
        "projects</a>.",
    ),
    table(
        "Table 1: 17 Workstreams for South East Sector Led Improvement in 2024-25",
        workstreams_rows(),
    ),
    h2("6. Budget"),
    h3("Income"),
    table("Table 2: South East Sector Led Improvement Budget 2024-25 – income", income_rows()),
    h3("Expenditure"),
    table(
        "Table 2: South East Sector Led Improvement Budget 2024-25 – expenditure",
        expenditure_rows(),
    ),
    h2("7. South East Sector Led Improvement Programme"),
    p(
        "7.1. The Regional Innovation and Improvement Alliance for the South East is known as the "
        "South East Sector Led Improvement Programme (SESLIP).",
        "7.2. The members of the steering group which oversees the programme are:",
        ul(*STEERING_GROUP),
        "7.3. The lead authority is Kent which acts as treasurer for the programme. Richard "
        "Tyndall is the programme manager who is retained by Kent.",
    ),
    inset(APPROVED),
    h2("Appendix 1: DCS peer challenge triad reports 2023-2024"),
    h3(
        "1. Triad 1 DCS peer challenge (East Sussex, Isle of Wight, Wokingham – Surrey called "
        "away to deal with Ofsted Focus visit)"
    ),
    p(
        "East Sussex reflected on the challenge of commissioning and re-commissioning an AP "
        "service that had become inadequate.",
        "Isle of Wight reflected on the challenge of re-creating the service separately and "
        "alongside their Hampshire colleagues.",
        "Wokingham reflected on the progress they have made with early help and children’s "
        "social care and the challenges of school expansion in response to dramatic rises in "
        "school age population.",
        "Overall themes common to all services were:",
        ul(
            "SEND commissioning",
            "SEND QA",
            "SHBOL/WT2023/National Framework reforms",
            "LA-ICB relationships; risks and benefits of AI",
        ),
    ),
    h3("2. Triad 2 DCS peer challenge (Portsmouth, Kent, West Sussex)"),
    p(
        "Overall themes common to all services were:",
        ul(
            "<b>Whole system issues:</b> focus was often what is taking place in the wider "
            "system, how to work with, influence and navigate through this – political, rising "
            "demand, relationships with parent/carer organisations, schools and settings, ICBs "
            "and NHS England, national government and its bodies. Felt different to previous "
            "sessions",
            "<b>Developing confidence:</b> confidence in local support and advice, local "
            "provision including what takes place in schools, confidence amongst parents/carers. "
            "Influences so much of culture and practice, and demand for something else. Also, "
            "how to develop the same level of confidence in addressing mental health issues as "
            "the system now has in addressing safeguarding issues.",
            "<b>Balance of providing support and reducing developing independence:</b> "
            "Discussion of how this is relevant across all age ranges and moving into adulthood. "
            "Constructive to have this focus as part of the discussion and evaluation of "
            "services, including working with settings, schools and parents/carers",
            "How ready is the system for <b>political change</b>, if it happens?",
            "How can the region work more effectively as a region with <b>Health</b> bodies at "
            "the different levels?",
        ),
    ),
    h3("3. Triad 3 DCS peer challenge (Hampshire, Reading, Oxfordshire)"),
    p(
        "Overall themes common to all services were:",
        ul(
            "Different approach at the <b>front door</b> – Is there something else that we could "
            "do, not up or down but doing differently, with different thinking about roles and "
            "responsibilities – a system approach, ‘relationships’ and conversations instead of "
            "contacts and referrals. Some agreement that MASH has had its day.",
            "<b>School inclusion:</b> Continued cultural change is needed with schools-led "
            "systemic approaches being pursued. All on a journey and schools are expected to be "
            "more inclusive than previously, but increasing expectations of parents, "
            "suspensions, tribunals and budget pressure are all impacting. Continuing theme with "
            "conflation of behaviour, mental health, anxiety, emotional-based school avoidance.",
            "<b>Placements:</b> Cost pressures associated with placement budget and school to "
            "home transport, especially YP coming in slightly older, not known to systems in "
            "crisis – possibly can be picked up by regional commissioning project?",
            "<b>Neighbourhood/locality working:</b> At varying stages on journey around family "
            "help and differently qualified as well as professionals based in localities which "
            "enable and support relationships at a local level.",
            "<b>Adolescent contextual risk and transitional safeguarding:</b> How as a region do "
            "we develop approaches that are not punitive and are systemic and preventative whilst "
            "reflecting that care leavers are adults, also some need as a region to consider the "
            "resource implications of this and differential thresholds in adult services.",
            "Flexible and innovative approaches to <b>supervision:</b> moving away from tick box "
            "considering a much wider set of activities as part of ‘supervision’ and moving away "
            "from the term ‘supervision’.",
        ),
    ),
    h3("4. Triad 4 DCS peer challenge (Medway, Milton Keynes, Bracknell Forest)"),
    p(
        "Overall themes common to all services were:",
        ul(
            "Shared <b>sufficiency</b> challenges: large sibling groups, small but increasing "
            "number of children with highly complex needs, adolescents and extra-familial harm, "
            "SEMH and stepdown from tier 4. Leading to the question, “Can these usefully be "
            "considered through regional care cooperative pathfinder?”",
            "<b>Practice:</b> consistency in quality",
            "Focus on <b>system leadership</b> approaches (esp. relating to education, SEND and "
            "EH) and success across authorities on reducing permanent exclusions",
            "<b>Culture:</b> the importance of a systemic approach and a culture around "
            "intervening early, preventing issues from escalating working right across the "
            "system, including cultural approach to risk management.",
            "<b>Workforce:</b> Challenges around turnover, recruitment and retention and "
            "succession planning",
            "<b>SEND:</b> Challenges around budgets and parental expectations",
            "<b>Tripartite funding</b> arrangements particularly with health colleagues and "
            "court ordered therapeutic input which may not be available",
        ),
        "Possible future projects being considered by multiple authorities:",
        ul("bringing SEND to shared front door", "residential homes", "neglect pathway"),
    ),
    h3("5. Triad 5 – West Berks, Brighton and Hove and Windsor and Maidenhead"),
    p(
        "B&amp;H have seen a significant increase in contacts (the service is well regarded and "
        "the increase in demand is partly a result of their success). They have also seen a "
        "significant decrease in their number of looked after children. This is positive as they "
        "have historically had higher numbers than similar authorities, but they are very "
        "focused on working to make sure this reduction is safe. They particularly celebrate "
        "their anti-racist practice. The authority has invested in this over several years. It "
        "has become an area of strength. It has had positives in improving both practice and "
        "supporting retention of staff.",
        "<b>RBWM</b> have made positive progress in their approach to recording, with all case "
        "notes addressed directly to the child. They have a good track record in participation "
        "and have used an exercise called the Big Conversation to engage senior leaders in the "
        "council with care leavers. They would like to improve their anti-racist and inclusive "
        "practice (and will be linking up with B&amp;H on this issue).",
        "West Berks is undergoing some significant leadership changes with an entire new team "
        "coming into place. They are also dealing with a significant political change for the "
        "first time in decades. These changes have led to a renewed focus on ensuring some key "
        "systems are working well (e.g. relaunching QA framework and revisiting to Family "
        "Safeguarding Model).",
    ),
    h3("6. Triad 6 – Buckinghamshire, Southampton and Slough"),
    p(
        "Buckinghamshire report significant challenges in working with TVP, these were shared "
        "with <b>Slough</b>. This prompted consideration of bringing together the group of SE "
        "authorities that work with TVP to develop a more joined up conversation about how "
        "police and children’s services work together.",
        "Southampton shared that they have a good system leader group that helps to promote good "
        "partnership with Police and others (Southampton to share ToR of this group).",
        "Overall themes common to all services were:",
        ul(
            "Identifying <b>being care experienced</b> as a protected characteristic and queried "
            "if there could be a role for SESLIP in developing practical guidance about how this "
            "can be used to improve young people’s lives.",
            "<b>Placement sufficiency</b> (and costs) as one of their greatest challenges, they "
            "welcome the RCC pathfinder (Southampton and Bucks are already committed to building "
            "their own residential resources)",
        ),
    ),
]

PAGE = {
    "slug": SLUG,
    "title": TITLE,
    "menu_title": "Improvement plan",
    "intro": INTRO,
    "body": BODY,
    "show_in_menus": True,
}
