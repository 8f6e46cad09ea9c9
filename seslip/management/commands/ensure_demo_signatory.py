"""Create the demo signatory account with a random password, once, on a developer's machine."""

from seslip.demo.reports import SIGNATORY_USERNAME, ensure_signatory
from seslip.management.demo_account import DemoAccountCommand


class Command(DemoAccountCommand):
    help = (
        "Create the demo account of a Data Sharing Protocol signatory, who may open the "
        "restricted reports, and print its random password (only when DEBUG is True)."
    )
    username = SIGNATORY_USERNAME
    login_url_name = "login"
    created_message = (
        "Created a demo signatory of the Data Sharing Protocol, who may open the restricted "
        "reports."
    )
    exists_message = (
        f"The demo signatory '{SIGNATORY_USERNAME}' already exists "
        "(or the demo content is not loaded)."
    )

    def create(self):
        return ensure_signatory()
