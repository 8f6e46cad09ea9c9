"""The 17 workstreams of the Regional Improvement Plan 2024-25: 12 practice networks, 5 projects.

Each workstream: number, kind, title, slug, purpose (rich text), sponsor and project manager (by
name, see people.py) with their titles, and outputs (text, status). Its budget comes from its line
in the plan's 2024-25 budget table (plan.BUDGET_EXPENDITURE): ``budget_line`` defaults to the
workstream's number, as lines 1-12 are the networks; the projects are lines 14, 15, 16, 17 and 23.
"""

NETWORK = "network"
PROJECT = "project"
PLANNED = "planned"
IN_PROGRESS = "in_progress"

DCS_SPONSOR = "DCS sponsor"
LEAD_MEMBER_SPONSOR = "Lead Member sponsor"
PROJECT_MANAGER = "Project manager"
PROGRAMME_MANAGER = "Programme manager"

INDEX = {
    "slug": "about-networks",
    "title": "Networks and projects",
    "intro": (
        "<p>We support 12 regional practice networks and five projects. The work programme of "
        "each network is a mixture of “top-down” and “bottom-up” activity: the SEADCS meeting "
        "refers tasks for further investigation; the networks provide mutual support and "
        "encouragement and bring suggestions to the SEADCS group.</p>"
        "<p>Each of the networks will routinely:</p>"
        "<ul>"
        "<li>celebrate and support innovative approaches to service delivery</li>"
        "<li>identify ways in which they can support fellow members to improve</li>"
        "<li>suggest how collective action can help address systemic issues within the region</li>"
        "<li>recognise positive and negative variance in performance, and react accordingly to "
        "publicise the positive and tackle the negative</li>"
        "<li>ensure that authorities who are facing more challenges have access to support from "
        "others in the region and, where appropriate, national support</li>"
        "</ul>"
    ),
}


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


WORKSTREAMS = [
    {
        "number": 1,
        "kind": NETWORK,
        "title": "AD Education Network",
        "slug": "ad-education-network",
        "purpose": _p(
            "An active regional network that offers problem-solving approaches, develops shared "
            "positions, identifies and escalates issues of risk, facilitates dialogue with the "
            "regional education system, and monitors data on vulnerable children and young "
            "people."
        ),
        "sponsor": "Sarah Daly",
        "project_manager": "Chris Owen",
        "outputs": [
            (
                "Briefing and case studies for lead members about the demographic decline and "
                "pressures on school sustainability",
                PLANNED,
            ),
            (
                "Establish regional discussion programme with DfE Regional Director and with "
                "Ofsted South-east (min twice a year)",
                IN_PROGRESS,
            ),
            (
                "Ensure that LA challenges in response to the SEND and AP Improvement Plan are "
                "raised and coordinated across education",
                IN_PROGRESS,
            ),
            (
                "Support responses to challenges faced in the early years sector and "
                "safeguarding in schools at local level",
                IN_PROGRESS,
            ),
        ],
    },
    {
        "number": 2,
        "kind": NETWORK,
        "title": "AD Safeguarding Network",
        "slug": "ad-safeguarding-network",
        "purpose": _p(
            "To deliver a community of practice for ADs Safeguarding that helps to improve "
            "services and provides collaborative support."
        ),
        "sponsor": "Mac Heath",
        "project_manager": "Mark Evans",
        "outputs": [
            (
                "To support ADs in implementing the changes arising from Stable Homes Built on "
                "Love",
                IN_PROGRESS,
            ),
            (
                "To support SESLIP workforce projects, Take Your Place and the PSW network",
                IN_PROGRESS,
            ),
            ("To provide induction to SESLIP for all new ADs (regardless of tenure)", IN_PROGRESS),
            ("To complete tasks and projects as directed by the regional DCS group", IN_PROGRESS),
        ],
    },
    {
        "number": 3,
        "kind": NETWORK,
        "title": "Commissioners' Network",
        "slug": "commissioners-network",
        "purpose": _p(
            "To deliver a community of practice for Commissioning Leads that helps to improve "
            "services and provides collaborative support."
        ),
        "sponsor": "Lara Patel",
        "project_manager": "Chris Baird",
        "outputs": [
            ("To expand the reach of the network to include all 19 SESLIP authorities", PLANNED),
            (
                "To continue to develop links with NHS commissioners and provide a focus for "
                "improvement of continuing care arrangements",
                IN_PROGRESS,
            ),
            ("To monitor developments in the RCC arrangements", IN_PROGRESS),
        ],
    },
    {
        "number": 4,
        "kind": NETWORK,
        "title": "Data Benchmarking Network",
        "slug": "data-benchmarking-network",
        "purpose": _p(
            "To collect and publish a range of data benchmarking reports. To deliver a community "
            "of practice for data analysts."
        ),
        "sponsor": "Carolyn Fair",
        "project_manager": "Luke Ede",
        "outputs": [
            ("Quarterly production of the national RIIA dataset", IN_PROGRESS),
            (
                "Quarterly production of benchmarking data for children's social care, early "
                "help, education, SEND, adoption and special guardianship",
                IN_PROGRESS,
            ),
            (
                "Annual production of peer challenge 55 dataset profiles; CSC workforce benchmarks",
                PLANNED,
            ),
            ("Support for the national Data to Insight project", IN_PROGRESS),
        ],
    },
    {
        "number": 5,
        "kind": NETWORK,
        "title": "Early Help",
        "slug": "early-help",
        "purpose": _p(
            "To develop this network through regular meetings, sharing of practice and the "
            "development of collaborative projects."
        ),
        "sponsor": "Grainne Siggins",
        "project_manager": "Rebecca Eligon",
        "outputs": [
            (
                "To share national messages, agree responses to consultations and make "
                "representations on Early Help",
                IN_PROGRESS,
            ),
            (
                "To share practice that brings together CIN and Early Help in response to "
                "Stable homes built on love",
                PLANNED,
            ),
            (
                "To commission projects that provide benefits and understanding across the region",
                PLANNED,
            ),
        ],
    },
    {
        "number": 6,
        "kind": NETWORK,
        "title": "Fostering Network",
        "slug": "fostering-network",
        "purpose": _p("To enable sharing and improvement of fostering practice."),
        "sponsor": "Sarah Daly",
        "project_manager": "Rebecca Eligon",
        "outputs": [
            (
                "Meet quarterly to act as a forum for LAs to share good practice, and "
                "collaboratively problem solve",
                IN_PROGRESS,
            ),
            (
                "Enable fostering leads to identify regional issues which require escalation",
                IN_PROGRESS,
            ),
            (
                "To share practice regarding LA responses/implementation of Stable homes built "
                "on love (regional care cooperatives, extension of staying put arrangements)",
                IN_PROGRESS,
            ),
            (
                "Undertake mystery shopping of 19 LAs and the most used IFAs to improve "
                "recruitment and retention of foster carers",
                PLANNED,
            ),
            (
                "Oversee Mockingbird delivery through the region and liaise with Local Authority "
                "Fostering South East",
                IN_PROGRESS,
            ),
        ],
    },
    {
        "number": 7,
        "kind": NETWORK,
        "title": "Kinship Care",
        "slug": "kinship-care",
        "purpose": _p(
            "To identify the founder members of this new network and institute regular meetings."
        ),
        "sponsor": "Mac Heath",
        "project_manager": "Rebecca Eligon",
        "outputs": [
            (
                "To identify regional projects relating to kinship care which respond to and "
                "shape national policy consultations in this area",
                PLANNED,
            ),
            ("To respond to any funding which may be made available", PLANNED),
        ],
    },
    {
        "number": 8,
        "kind": NETWORK,
        "title": "Lead Members Network",
        "slug": "lead-members-network",
        "purpose": _p(
            "To provide support and challenge opportunities for Lead Members so that they meet "
            "their statutory responsibilities in the most sustainable and impactful ways."
        ),
        "sponsor": "Cllr Jacquie Russell",
        "sponsor_title": LEAD_MEMBER_SPONSOR,
        "project_manager": "Deborah Glassbrook",
        "outputs": [
            ("To provide induction for new Lead Members", IN_PROGRESS),
            ("To offer one to one support", IN_PROGRESS),
            ("To deliver four themed workshops based on outcomes from Triad events", PLANNED),
            ("To review and further develop self-assessment documents", PLANNED),
        ],
    },
    {
        "number": 9,
        "kind": NETWORK,
        "title": "Principal Social Workers (PSWs)",
        "slug": "principal-social-workers",
        "purpose": _p("To develop a regional network to act as a community of practice."),
        "sponsor": "Lara Patel",
        "project_manager": "Mark Evans",
        "outputs": [
            (
                "Support PSWs to have an influence in the development of the regional sector led "
                "programme and links to the national PSW meetings",
                IN_PROGRESS,
            ),
            (
                "Develop collaborative approaches to shared issues and challenges to avoid "
                "unnecessary duplication of effort",
                PLANNED,
            ),
            (
                "Develop peer support for PSWs to encourage region wide collaboration and "
                "resilience",
                PLANNED,
            ),
        ],
    },
    {
        "number": 10,
        "kind": NETWORK,
        "title": "Quality Assurance Network",
        "slug": "quality-assurance-network",
        "purpose": _p(
            "We will analyse learning from inspection activity to shape consistent "
            "frameworks/policy across the region with the ambition of influencing national "
            "approaches."
        ),
        "sponsor": "Kevin Kasaven",
        "project_manager": "Lynsey Murphy",
        "outputs": [
            (
                "Galvanise the network's leadership to drive quality and impact of auditing which "
                "may influence national QA initiatives",
                IN_PROGRESS,
            ),
            (
                "Further the shared understanding of good practice through network meetings, "
                "sharing practice standards and publishing coordinated thematic research across "
                "the region",
                IN_PROGRESS,
            ),
            ("Develop opportunities for mutual external audit moderation and challenge", PLANNED),
            ("Maintain the library of shared Quality Assurance Tools", IN_PROGRESS),
        ],
    },
    {
        "number": 11,
        "kind": NETWORK,
        "title": "Regional Adoption Leadership Board",
        "slug": "regional-adoption-leadership-board",
        "purpose": _p(
            "To relaunch the board with a sole focus on adoption.",
            "To hold regular meetings and ensure a route at a regional level between strategic "
            "leaders in Children's and the RAAs and VAAs that operate in our region.",
        ),
        "sponsor": "Mac Heath",
        "project_manager": "Rebecca Eligon",
        "outputs": [
            ("Maintain regular meetings of the Adoption Leadership Board", IN_PROGRESS),
            (
                "Align practice in process and support in securing permanency arrangements",
                IN_PROGRESS,
            ),
            (
                "Embed S.E. RAA arrangements in adopting a consistent approach to practice",
                IN_PROGRESS,
            ),
            (
                "Narrow the gap in children waiting and available carers through the analysis of "
                "data",
                PLANNED,
            ),
        ],
    },
    {
        "number": 12,
        "kind": NETWORK,
        "title": "SEND 19 Programme",
        "slug": "send-19-programme",
        "purpose": _p(
            "To hold regular meetings of the SEND 19 Network, its sub-groups, including joint "
            "meetings with AD Education network, focused on supporting and sharing successful "
            "practice in delivering effective SEND services and managing SEND resources.",
            "Build on learning from Covid19 response groups to maintain improved levels of "
            "collaboration.",
        ),
        "sponsor": "John MacIlwraith",
        "project_manager": "Sheelagh Sullivan",
        "project_manager_title": PROGRAMME_MANAGER,
        "outputs": [
            (
                "Support the delivery of the SEND Improvement Plan through arranging monthly or "
                "bi-monthly multi-agency SEND forums to share practice and provide national "
                "updates/information",
                IN_PROGRESS,
            ),
            (
                "Ensuring the refinement and delivery of SE19 SEND Network groups, including "
                "development/review of regional agreements and MOUs associated with SEND working "
                "alongside the workforce project (see Workforce Matters)",
                IN_PROGRESS,
            ),
            (
                "Liaising with key partners including DfE Advisors, NHSE, CDC, and NDTi",
                IN_PROGRESS,
            ),
            (
                "Developing and delivering a SEND peer support mechanism around "
                "'constructive/courageous conversations'",
                PLANNED,
            ),
        ],
    },
    # --- projects ------------------------------------------------------------------------------
    {
        "number": 13,
        "kind": PROJECT,
        "title": "DCS annual self-assessment and peer challenge",
        "slug": "dcs-self-assessment-and-peer-challenge",
        "purpose": _p("To plan and hold 6 peer challenge events in 2023-2024."),
        "sponsor": "Sarah Hammond",
        "project_manager": "Richard Tyndall",
        "outputs": [
            (
                "To support all 19 authorities in the production and assurance of a "
                "comprehensive self-assessment",
                IN_PROGRESS,
            ),
            (
                "To organise 6 triad/quartet peer challenge events to validate each "
                "self-assessment",
                PLANNED,
            ),
            (
                "To produce a prioritised list of regional activity for future regional "
                "improvement planning",
                PLANNED,
            ),
        ],
        "budget_line": 14,
    },
    {
        "number": 14,
        "kind": PROJECT,
        "title": "Small package SLI support",
        "slug": "small-package-sli-support",
        "purpose": _p(
            "Hampshire will broker requests for small package SLI support from around the region."
        ),
        "sponsor": "Sophie Butt",
        "project_manager": "Saba Farooqui",
        "outputs": [
            (
                "The DfE has renewed the funding for small packages of SLI support. There will be "
                "a minimum of four packages of support this year, none exceeding 39 days input, "
                "for peer reviews, diagnostic work, case audits or other similar improvement work.",
                IN_PROGRESS,
            ),
            (
                "The scope and size of each package will be the subject of discussion and "
                "agreement between the target local authority and Hampshire's programme manager.",
                IN_PROGRESS,
            ),
        ],
        "budget_line": 15,
    },
    {
        "number": 15,
        "kind": PROJECT,
        "title": "Take Your Place – our future leaders' programme",
        "slug": "take-your-place",
        "purpose": _p(
            "Support the region to develop future leaders and to improve succession planning."
        ),
        "sponsor": "Mac Heath",
        "project_manager": "Mark Evans",
        "outputs": [
            (
                "Use learning and insights from 2023-24 programme to develop specification for "
                "this year's programme",
                IN_PROGRESS,
            ),
            (
                "Work in partnership with the Staff College to design the 2024/5 programme",
                IN_PROGRESS,
            ),
            ("Market and recruit to the 2024 Take Your Place Programme", PLANNED),
            ("Deliver and evaluate the 2024 programme", PLANNED),
        ],
        "budget_line": 16,
    },
    {
        "number": 16,
        "kind": PROJECT,
        "title": "Workforce Matters",
        "slug": "workforce-matters",
        "purpose": _p(
            "Work with authorities across the region to address the challenges in recruiting and "
            "retaining a high-quality children's social care workforce."
        ),
        "sponsor": "Mac Heath",
        "project_manager": "Mark Evans",
        "outputs": [
            (
                "Support and maintain the regional MoC, and seek better alignment with "
                "neighbouring regions",
                IN_PROGRESS,
            ),
            (
                "Improving agency social worker numbers and cost data working in partnership "
                "with LIIA",
                IN_PROGRESS,
            ),
            ("Establish a SE regional children's workforce website", PLANNED),
            (
                "Address disproportionality and the negative experience of Black and Global "
                "Majority social workers in the region",
                IN_PROGRESS,
            ),
            (
                "Work with SEND group to respond to workforce challenges (see SEND 19 Programme)",
                PLANNED,
            ),
            (
                "Organise and deliver a one-day conference on the role of unqualified/"
                "alternatively qualified staff in case holder children's social care cases and "
                "the potential role of Artificial Intelligence (AI) in the delivery of children's "
                "services",
                PLANNED,
            ),
        ],
        "budget_line": 17,
    },
    {
        "number": 17,
        "kind": PROJECT,
        "title": "Working Together 2023",
        "slug": "working-together-2023",
        "purpose": _p(
            "To conduct preliminary research with safeguarding partnerships about the potential "
            "for joint development work on the new requirements in Working Together 2023."
        ),
        "sponsor": "Sarah Hammond",
        "project_manager": "Caroline Tote",
        "outputs": [
            (
                "To survey safeguarding partnership managers about their perception of the new "
                "requirements in Working Together 2023, to assess the potential joint development "
                "work, to propose further interventions with senior leaders from Health and "
                "Police services",
                PLANNED,
            ),
        ],
        "budget_line": 23,
    },
]
