"""Create the demo network lead's account with a random password, once, on a developer's
machine."""

from seslip.demo.authorities import LEAD_NETWORK, LEAD_USERNAME, ensure_network_lead
from seslip.management.demo_account import DemoAccountCommand


class Command(DemoAccountCommand):
    help = (
        "Create the demo account of the AD Safeguarding Network's lead, who edits that "
        "network's page, meetings and documents and nothing else, and print its random "
        "password (only when DEBUG is True)."
    )
    username = LEAD_USERNAME
    created_message = (
        "Created the demo lead of the AD Safeguarding Network, who may edit that network's "
        "page, meetings and documents in the admin."
    )
    exists_message = (
        f"The demo network lead '{LEAD_USERNAME}' already exists "
        f"(or the demo content, with the network '{LEAD_NETWORK}', is not loaded)."
    )

    def create(self):
        return ensure_network_lead()
