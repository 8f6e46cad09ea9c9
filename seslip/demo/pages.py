"""The home page, the contacts page and the standard pages.

``SECTIONS`` lists the home page's children in the order they are created, which is the order of
the main navigation (pages with ``show_in_menus``). Each entry names its kind: "standard" (a
StandardPage), "plan" (a PlanPage), or one of the section index pages, whose content lives in
its own module.
"""

from . import plan
from .organisations import MEMBERS, PARTNERS
from .stream import h2, h3, inset, p, ul

CONTACT_EMAIL = "richard.tyndall@richardtyndall.co.uk"
MAILTO = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'
STATEMENT_DATE = "23 November 2026"

HOME = {
    "slug": "home",
    "title": "South East Sector Led Improvement Programme",
    "seo_title": "SESLIP: South East Sector Led Improvement Programme",
    "search_description": (
        "SESLIP is the Regional Improvement and Innovation Alliance of the 19 local authorities’ "
        "children’s services in the South East of England."
    ),
    "intro": (
        "<p>The South East Sector Led Improvement Programme (SESLIP) is the name of our Regional "
        "Improvement and Innovation Alliance (RIIA). It is a membership group of all "
        "single/upper-tier local authorities in the South East that aims to:</p>"
        + ul(
            "improve outcomes for children and young people across the South East",
            "establish a culture of honest and constructive dialogue and challenge within and "
            "between authorities",
            "demonstrate the capacity and capability of the sector to achieve a coherent and "
            "consistent self-improving system",
        )
        + "<p>We believe good children’s services are a product of reflective practice, "
        "professional supervision/peer challenge, effective leadership and independent audit.</p>"
        "<p>SESLIP is founded on a Memorandum of Understanding which has been agreed nationally "
        "and in the South East. Kent County Council acts as the lead authority and Sarah Hammond "
        "(DCS, Kent) chairs the Programme Steering Group.</p>"
        "<p>Additionally, participating authorities have each signed a tailored Memorandum of "
        "Understanding to support the SE children’s sector-led improvement programme.</p>"
    ),
    "what_we_do": (
        "<p>SESLIP supports the political and professional leadership and management of local "
        "authority children’s services to demonstrate, develop and share good practice. Our "
        "programmes support the development of children’s services as learning organisations, "
        "focusing on:</p>"
        + ul(
            "identifying key strands of enquiry",
            "analysing and comparing operational data about the services",
            "using evidence to inform decisions, including evidence available from outside the "
            "region, where relevant",
            "using peer challenge and peer review",
            "building leadership capacity and capability, and",
            "developing standards of practice through supportive endeavour",
        )
        + f'<p>We have produced a <a page="{plan.SLUG}">Regional Improvement Plan</a> which sets '
        "out the activities. Its aim is to identify ways in which local authorities in the South "
        "East can support each other to improve and look at how collective action can help "
        "address systemic issues within the region.</p>"
    ),
    "purpose": (
        "<p>The primary purpose of this website is to provide information and updates on the "
        "programme to staff of the 19 contributing authorities and to make this accessible to "
        "anyone who does business with them or an interest in improving Children’s Services.</p>"
        '<p>The <a page="newsletters">‘latest news’ page</a> gives a snapshot of current '
        "activity and is updated weekly.</p>"
        "<p>Contact details for people leading the initiatives on behalf of the SESLIP are "
        '<a page="contacts">provided on the relevant pages</a> or you can contact the Programme '
        f"Manager, Richard Tyndall: {MAILTO} 07880 787007</p>"
    ),
    "partners_intro": "",
    # Shown in this order, each with its organisation's line (partners in organisations.py).
    "partners": [partner["name"] for partner in PARTNERS],
}

SITE_SETTINGS = {"programme_manager": "Richard Tyndall", "contact_email": CONTACT_EMAIL}

CONTACTS = {
    "slug": "contacts",
    "title": "Contacts",
    "intro": (
        "The people who lead SESLIP’s networks and projects, and how to contact them. For "
        "anything else, contact the Programme Manager, Richard Tyndall."
    ),
}

ABOUT = {
    "slug": "about",
    "title": "About the programme",
    "menu_title": "About",
    "intro": (
        "SESLIP is the Regional Improvement and Innovation Alliance of the 19 local authorities’ "
        "children’s services in the South East of England."
    ),
    "body": [
        h2("Who we are"),
        p(
            "The Regional Innovation and Improvement Alliance for the South East is known as the "
            "South East Sector Led Improvement Programme (SESLIP). It is a membership group of "
            "all single and upper-tier local authorities in the South East:",
            ul(*(member["name"] for member in MEMBERS)),
            "SESLIP is founded on a Memorandum of Understanding which has been agreed nationally "
            "and in the South East. Participating authorities have each signed a tailored "
            "Memorandum of Understanding to support the programme.",
        ),
        h2("What we do"),
        p(
            "The programme recognises that all children’s services have strengths which can help "
            "inspire improvement in others, and that they are all capable of further improvement. "
            "It celebrates honest self-evaluation and constant improvement as antidotes to "
            "complacency.",
            "Our core activities are:",
            ul(
                "collecting and publishing benchmarking data",
                "an annual round of self-assessments and triad peer challenge between directors "
                "of children’s services",
                "identifying improvement needs and interventions, including small packages of "
                "sector-led improvement support",
                'supporting 12 regional <a page="about-networks">practice networks and five '
                "projects</a>",
            ),
            f'The <a page="{plan.SLUG}">Regional Improvement Plan 2024-25</a> sets out the year’s '
            "work and its budget.",
        ),
        h2("How the programme is run"),
        p(
            "Kent County Council is the lead authority and acts as treasurer for the programme. "
            "Richard Tyndall is the programme manager, retained by Kent.",
            "The steering group which oversees the programme has these members:",
            ul(*plan.STEERING_GROUP),
        ),
        h2("How the programme is funded"),
        p(
            "The programme is funded by the subscriptions of its member authorities and by "
            "Department for Education core funding for data benchmarking, peer challenge and "
            "small packages of sector-led improvement support, with a DfE grant for the SE19 "
            "SEND programme. The budget for 2024-25 is "
            f"£{plan.TOTAL_IN:,}.",
        ),
        h2("Our partners"),
        p(ul(*(partner["description"] for partner in PARTNERS))),
    ],
    "show_in_menus": True,
}

ACCESSIBILITY = {
    "slug": "accessibility-statement",
    "title": "Accessibility statement",
    "intro": "How accessible this website is, how to report a problem and how to get help.",
    "body": [
        p(
            "This accessibility statement applies to the SESLIP website, www.seslip.co.uk.",
            "This website is run by the South East Sector Led Improvement Programme (SESLIP) on "
            "behalf of its 19 member authorities. We want as many people as possible to be able "
            "to use it. For example, that means you should be able to:",
            ul(
                "change colours, contrast levels and fonts using browser or device settings",
                "zoom in up to 400% without the text spilling off the screen",
                "navigate most of the website using a keyboard or speech recognition software",
                "listen to most of the website using a screen reader (including the most recent "
                "versions of JAWS, NVDA and VoiceOver)",
            ),
            "We’ve also made the website text as simple as possible to understand.",
            '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
            "your device easier to use if you have a disability.</p>",
        ),
        h2("How accessible this website is"),
        p(
            "We know some parts of this website are not fully accessible:",
            ul(
                "some older weekly updates link to documents in PDF, Word and Excel formats that "
                "are not fully accessible to screen reader software",
                "some tables in older weekly updates and reports were written before this "
                "website and may not have a header row",
            ),
        ),
        h2("Feedback and contact information"),
        p(
            "If you need information on this website in a different format, like accessible PDF, "
            "large print, easy read, audio recording or braille, email the Programme Manager, "
            f"Richard Tyndall, at {MAILTO} or call 07880 787007.",
            "We’ll consider your request and get back to you within 10 working days.",
        ),
        h2("Reporting accessibility problems with this website"),
        p(
            "We’re always looking to improve the accessibility of this website. If you find any "
            "problems not listed on this page or think we’re not meeting accessibility "
            f"requirements, contact Richard Tyndall at {MAILTO}.",
        ),
        h2("Enforcement procedure"),
        p(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
            "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
            "Regulations 2018 (the ‘accessibility regulations’). If you’re not happy with how we "
            "respond to your complaint, contact the "
            '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support '
            "Service (EASS)</a>.",
        ),
        h2("Technical information about this website’s accessibility"),
        p(
            "SESLIP is committed to making its website accessible, in accordance with the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
            "2018.",
        ),
        h3("Compliance status"),
        p(
            "This website is partially compliant with the "
            '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version '
            "2.2</a> AA standard, due to the non-compliances listed below.",
        ),
        h2("Non-accessible content"),
        p("The content listed below is non-accessible for the following reasons."),
        h3("Non-compliance with the accessibility regulations"),
        p(
            "Some documents attached to weekly updates, such as benchmarking reports in Excel "
            "format, are not marked up so that a screen reader can understand their structure. "
            "This fails WCAG 2.2 success criterion 1.3.1 (Info and Relationships). When we "
            "publish new documents we make sure they meet accessibility standards, and we "
            "replace older documents that people still need when they are next updated.",
        ),
        h3("Content that’s not within the scope of the accessibility regulations"),
        p(
            "The accessibility regulations do not require us to fix PDFs or other documents "
            "published before 23 September 2018 if they’re not essential to providing our "
            "services. For example, documents linked from weekly updates published before that "
            "date will not be fixed.",
            "Documents published by other organisations that weekly updates link to, such as "
            "government reports, are the responsibility of those organisations.",
        ),
        h2("What we’re doing to improve accessibility"),
        p(
            "The website is built to the GOV.UK Design System’s patterns, and every change to it "
            "is checked automatically for accessibility problems before it is published. We are "
            "working through the older documents in the archive and will update this statement "
            "as we fix them.",
        ),
        h2("Preparation of this accessibility statement"),
        p(
            f"This statement was prepared on {STATEMENT_DATE}. It was last reviewed on "
            f"{STATEMENT_DATE}.",
            f"This website was last tested on {STATEMENT_DATE} against the WCAG 2.2 AA "
            "standard. The test was carried out by the website’s developers, with automated "
            "checks of every page template and manual checks using a keyboard and a screen "
            "reader.",
        ),
    ],
}

PRIVACY = {
    "slug": "privacy-notice",
    "title": "Privacy notice",
    "intro": (
        "How the South East Sector Led Improvement Programme uses the personal information on "
        "and collected by this website, and your rights."
    ),
    "body": [
        h2("Who we are"),
        p(
            "This website is run by the South East Sector Led Improvement Programme (SESLIP), the "
            "Regional Improvement and Innovation Alliance of the 19 local authorities’ children’s "
            "services in the South East of England.",
            "Kent County Council is the lead authority for the programme and the data controller "
            "for the personal information described in this notice. Its address is Kent County "
            "Council, Sessions House, County Road, Maidstone, Kent ME14 1XQ.",
            "We process personal information in line with the UK General Data Protection "
            "Regulation (UK GDPR) and the Data Protection Act 2018.",
        ),
        h2("What personal information we use"),
        h3("People named on the website"),
        p(
            "The website lists the people who lead the programme’s networks and projects, and "
            "the people mentioned in weekly updates. For each we publish their name, job title, "
            "organisation and, where they have agreed, their work phone number and work email "
            "address.",
            "Our lawful basis is that publishing these details is necessary for a task carried "
            "out in the public interest (UK GDPR Article 6(1)(e)): helping the region’s "
            "children’s services work together to improve outcomes for children.",
        ),
        h3("Editors of the website"),
        p(
            "People who edit the website have an account with their name, work email address and "
            "a password (stored only in a scrambled form that cannot be read back). The website "
            "records who changed each page and when, so that changes can be reviewed and undone.",
        ),
        h3("When you contact us"),
        p(
            "If you email or phone us, we use your name, contact details and what you tell us to "
            "answer you.",
        ),
        h3("Visiting the website"),
        p(
            "Like most websites, our web server keeps a log of requests for security and to fix "
            "problems: the address of the page, the date and time, your IP address and your "
            "browser’s type. The logs are kept for no longer than 30 days. We do not use "
            "analytics or advertising services. Reading the website sets no cookies; logging in "
            "or asking for access sets only the cookies those need (see our "
            '<a page="cookies">cookies page</a>).',
        ),
        h2("Who we share it with"),
        p(
            "Contact details on the website are public. We do not sell personal information or "
            "share it for marketing. The company that hosts the website processes the "
            "information on our behalf, under a contract that requires it to keep the "
            "information secure and use it only as we instruct.",
        ),
        h2("How long we keep it"),
        p(
            "When someone leaves their role, we stop showing their contact details in the lists "
            "on this website. Their name stays in weekly updates already published, which are a "
            "record of the programme’s work. Editors’ accounts are removed when they no longer "
            "need them. Emails are kept for as long as we need them to deal with your enquiry.",
        ),
        h2("Your rights"),
        p(
            "You have the right to:",
            ul(
                "ask for a copy of the personal information we hold about you",
                "ask us to correct information that is wrong",
                "ask us to delete your information or restrict how we use it",
                "object to our use of your information",
            ),
            f"To use these rights, email {MAILTO}, or contact Kent County Council’s Data "
            'Protection Officer through <a href="https://www.kent.gov.uk">www.kent.gov.uk</a>.',
        ),
        h2("How to complain"),
        p(
            "If you are unhappy with how we have used your personal information, please contact "
            "us first. You can also complain to the Information Commissioner’s Office (ICO):",
            ul(
                "Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, Cheshire "
                "SK9 5AF",
                "telephone: 0303 123 1113",
                '<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a>',
            ),
        ),
        inset(f"This notice was last updated on {STATEMENT_DATE}."),
    ],
}

COOKIES = {
    "slug": "cookies",
    "title": "Cookies",
    "intro": (
        "Reading this website sets no cookies. Logging in, asking for access and the website "
        "admin set only the cookies they need to work."
    ),
    "body": [
        p(
            "Cookies are small files saved on your phone, tablet or computer when you visit a "
            "website.",
            "We do not use cookies to collect information about visitors: there is no analytics, "
            "advertising or tracking on this website, so we do not ask you to accept cookies.",
        ),
        h2("When we set cookies"),
        p(
            "The pages to log in, to ask for access to restricted reports and to reset a "
            "password set a cookie called csrftoken when you open them. It proves that a form "
            "you send came from this website, so that another website cannot send it in your "
            "name.",
            "Logging in sets a cookie called sessionid, which keeps you logged in as you move "
            "between pages, and pages you see while logged in set csrftoken too. Editors who "
            "use the website admin also get the cookies it needs to show messages and remember "
            "their editing menu.",
            "These cookies are strictly necessary: the forms and logging in cannot work without "
            "them, so they do not need your consent. We use them for nothing else, and log out "
            "ends your session.",
        ),
        {
            "type": "table",
            "value": {
                "data": [
                    ["Name", "Purpose", "Expires"],
                    [
                        "csrftoken",
                        "Set by the pages to log in, ask for access and reset a password, and "
                        "on pages you see while logged in: protects the forms you send from "
                        "cross-site request forgery, where another website tries to send a "
                        "form in your name",
                        "1 year",
                    ],
                    [
                        "sessionid",
                        "Set when you log in: keeps you logged in as you move between pages",
                        "When you log out, or after 2 weeks",
                    ],
                    [
                        "messages",
                        "Shows you a confirmation, such as ‘Page published’, on the next page",
                        "When you close the browser",
                    ],
                    [
                        "wagtail_sidebar_collapsed",
                        "Remembers whether you collapsed the editing menu",
                        "When you close the browser",
                    ],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_header_choice": "both",
                "table_caption": "Cookies this website sets (all strictly necessary)",
                "cell": [],
                "mergeCells": [],
            },
        },
        h2("Changes to this page"),
        inset(f"This page was last updated on {STATEMENT_DATE}."),
    ],
}

# The home page's children, in navigation order. Sections shown in the main navigation come
# first; the footer links to the last three.
SECTIONS = [
    ("standard", ABOUT),
    ("plan", plan.PAGE),
    ("networks", None),
    ("newsletters", None),
    ("events", None),
    ("contacts", CONTACTS),
    ("standard", ACCESSIBILITY),
    ("standard", PRIVACY),
    ("standard", COOKIES),
]
