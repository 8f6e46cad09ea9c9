"""Mozilla's HTTP Observatory grades the production configuration A+.

The site runs as ``make serve`` runs it (its web server, the production settings, collected
static files), over HTTPS with a self-signed certificate made here. Node trusts that certificate
(``NODE_EXTRA_CA_CERTS``), so HSTS counts as it would with a real site's certificate. The
scanner, ``@mdn/mdn-http-observatory`` from package.json, works offline; its CLI takes
``host:port``.
"""

import json
import os
import secrets
import shutil
import ssl
import subprocess

import pytest

from tests.conftest import REPO, make_serve, serve_site

pytestmark = pytest.mark.observatory

SCANNER = REPO / "node_modules/@mdn/mdn-http-observatory/src/scan.js"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for localhost, and its key."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "2", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def production_site(tmp_path_factory, demo_database, certificate):
    """The address of the production configuration, served by `make serve` over HTTPS."""
    cert, key = certificate
    production = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }

    def server(port):
        return make_serve(port, f"TLS_CERT={cert}", f"TLS_KEY={key}")

    tls = ssl.create_default_context(cafile=str(cert))
    with serve_site(
        tmp_path_factory,
        demo_database,
        "observatory",
        server=server,
        server_env=production,
        tls=tls,
    ) as (url, _, _):
        yield url


def observatory(url, cert):
    """The Observatory's report on the site at ``url``: its scan summary and each test."""
    if not SCANNER.exists():
        pytest.fail("node_modules/@mdn/mdn-http-observatory is missing: run `make install`")
    result = subprocess.run(
        [shutil.which("node") or "node", str(SCANNER), url.removeprefix("https://")],
        cwd=REPO,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"The Observatory did not answer:\n{result.stdout}\n{result.stderr}")


def test_the_observatory_grades_the_production_configuration_a_plus(production_site, certificate):
    report = observatory(production_site, certificate[0])
    assert "error" not in report, f"{report['error']} (`make install` sets up the scanner)"
    scan = report["scan"]
    failing = {
        name: f"{test['result']} (score {test['scoreModifier']:+d})"
        for name, test in report["tests"].items()
        if not test["pass"] or test["scoreModifier"] < 0
    }
    print("Observatory:", scan["grade"], scan["score"], json.dumps(report["tests"], indent=1))
    assert scan["score"] >= 100, f"{scan['grade']} ({scan['score']}); failing: {failing}"
    assert scan["grade"] == "A+"
    assert scan["testsFailed"] == 0, failing
    # The certificate was checked, so HSTS and the redirection count as they would on the web.
    assert report["tests"]["strict-transport-security"]["result"] != "hsts-invalid-cert"
