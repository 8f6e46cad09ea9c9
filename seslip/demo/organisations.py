"""Organisations: the 19 member authorities, the partners, the programme and a few others.

Each entry: name (the natural key), short_name, kind, and optionally description, website and
email_domains (comma-separated).
"""

MEMBER = "member"
PARTNER = "partner"
PROGRAMME = "programme"
OTHER = "other"

PROGRAMME_NAME = "South East Sector-Led Improvement Programme"

# The 19 single and upper-tier authorities whose children's services make up SESLIP.
MEMBERS = [
    {
        "name": "Bracknell Forest Council",
        "short_name": "Bracknell Forest",
        "website": "https://www.bracknell-forest.gov.uk",
        "email_domains": "bracknell-forest.gov.uk",
    },
    {
        "name": "Brighton and Hove City Council",
        "short_name": "Brighton and Hove",
        "website": "https://www.brighton-hove.gov.uk",
        "email_domains": "brighton-hove.gov.uk",
    },
    {
        "name": "Buckinghamshire Council",
        "short_name": "Buckinghamshire",
        "website": "https://www.buckinghamshire.gov.uk",
        "email_domains": "buckinghamshire.gov.uk",
    },
    {
        "name": "East Sussex County Council",
        "short_name": "East Sussex",
        "website": "https://www.eastsussex.gov.uk",
        "email_domains": "eastsussex.gov.uk",
    },
    {
        "name": "Hampshire County Council",
        "short_name": "Hampshire",
        "website": "https://www.hants.gov.uk",
        "email_domains": "hants.gov.uk",
    },
    {
        "name": "Isle of Wight Council",
        "short_name": "Isle of Wight",
        "website": "https://www.iow.gov.uk",
        "email_domains": "iow.gov.uk",
    },
    {
        "name": "Kent County Council",
        "short_name": "Kent",
        "website": "https://www.kent.gov.uk",
        "email_domains": "kent.gov.uk",
    },
    {
        "name": "Medway Council",
        "short_name": "Medway",
        "website": "https://www.medway.gov.uk",
        "email_domains": "medway.gov.uk",
    },
    {
        "name": "Milton Keynes City Council",
        "short_name": "Milton Keynes",
        "website": "https://www.milton-keynes.gov.uk",
        "email_domains": "milton-keynes.gov.uk",
    },
    {
        "name": "Oxfordshire County Council",
        "short_name": "Oxfordshire",
        "website": "https://www.oxfordshire.gov.uk",
        "email_domains": "oxfordshire.gov.uk",
    },
    {
        "name": "Portsmouth City Council",
        "short_name": "Portsmouth",
        "website": "https://www.portsmouth.gov.uk",
        "email_domains": "portsmouthcc.gov.uk",
    },
    {
        # Reading's children's services are run by Brighter Futures for Children, a company
        # owned by Reading Borough Council; the plan names it "Reading/Brighter Futures for
        # Children".
        "name": "Brighter Futures for Children, Reading",
        "short_name": "Reading",
        "website": "https://brighterfuturesforchildren.org",
        "email_domains": "brighterfuturesforchildren.org, reading.gov.uk",
    },
    {
        "name": "Slough Borough Council",
        "short_name": "Slough",
        "website": "https://www.slough.gov.uk",
        "email_domains": "slough.gov.uk",
    },
    {
        "name": "Southampton City Council",
        "short_name": "Southampton",
        "website": "https://www.southampton.gov.uk",
        "email_domains": "southampton.gov.uk",
    },
    {
        "name": "Surrey County Council",
        "short_name": "Surrey",
        "website": "https://www.surreycc.gov.uk",
        "email_domains": "surreycc.gov.uk",
    },
    {
        "name": "West Berkshire Council",
        "short_name": "West Berkshire",
        "website": "https://www.westberks.gov.uk",
        "email_domains": "westberks.gov.uk",
    },
    {
        "name": "West Sussex County Council",
        "short_name": "West Sussex",
        "website": "https://www.westsussex.gov.uk",
        "email_domains": "westsussex.gov.uk",
    },
    {
        "name": "Royal Borough of Windsor and Maidenhead",
        "short_name": "Windsor and Maidenhead",
        "website": "https://www.rbwm.gov.uk",
        "email_domains": "rbwm.gov.uk",
    },
    {
        "name": "Wokingham Borough Council",
        "short_name": "Wokingham",
        "website": "https://www.wokingham.gov.uk",
        "email_domains": "wokingham.gov.uk",
    },
]

# The partners shown on the home page, each with its line from the home page.
PARTNERS = [
    {
        "name": "Association of Directors of Children's Services",
        "short_name": "ADCS",
        "description": (
            "The Association of Directors of Children’s Services Ltd (ADCS) is the national "
            "leadership association in England for statutory directors of children’s services "
            "and their senior management teams."
        ),
        "website": "https://adcs.org.uk",
        "email_domains": "adcs.org.uk",
    },
    {
        "name": "Local Government Association",
        "short_name": "LGA",
        "description": (
            "The LGA is a politically-led, cross-party organisation that works on behalf of "
            "councils to ensure local government has a strong, credible voice with national "
            "government."
        ),
        "website": "https://www.local.gov.uk",
        "email_domains": "local.gov.uk",
    },
    {
        "name": "Society of Local Authority Chief Executives and Senior Managers",
        "short_name": "Solace",
        "description": (
            "Solace (Society of Local Authority Chief Executives and Senior Managers) is the "
            "representative body for senior strategic managers working in the public sector."
        ),
        "website": "https://solace.org.uk",
        "email_domains": "solace.org.uk",
    },
]

OTHERS = [
    {
        "name": PROGRAMME_NAME,
        "short_name": "SESLIP",
        "kind": PROGRAMME,
        "description": (
            "The Regional Improvement and Innovation Alliance (RIIA) of the 19 local "
            "authorities’ children’s services in the South East of England."
        ),
        "website": "https://www.seslip.co.uk",
    },
    {
        # David Myers, DfE Regional Improvement Adviser, sits on the steering group.
        "name": "Department for Education",
        "short_name": "DfE",
        "kind": OTHER,
        "website": "https://www.gov.uk/government/organisations/department-for-education",
        "email_domains": "education.gov.uk",
    },
]

ORGANISATIONS = (
    [{**org, "kind": MEMBER} for org in MEMBERS]
    + [{**org, "kind": PARTNER} for org in PARTNERS]
    + OTHERS
)
