"""The demo network lead's password for the browser tests.

``load_demo_content`` makes the demo lead of the AD Safeguarding Network when
SESLIP_DEMO_NETWORK_LEAD_PASSWORD is set. It is set here, when pytest collects these tests and
before the ``live_site`` fixture starts, so the server's database has the account.
"""

import os
import secrets

import pytest

from seslip.demo.authorities import LEAD_NETWORK, LEAD_USERNAME

os.environ.setdefault("SESLIP_DEMO_NETWORK_LEAD_PASSWORD", secrets.token_urlsafe(16))


@pytest.fixture(scope="session")
def network_lead():
    """The demo network lead's username, password and network slug."""
    return {
        "username": LEAD_USERNAME,
        "password": os.environ["SESLIP_DEMO_NETWORK_LEAD_PASSWORD"],
        "network": LEAD_NETWORK,
    }
