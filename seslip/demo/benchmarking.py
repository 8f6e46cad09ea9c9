"""The benchmarking section of the demo site. Its data (the DfE's, bundled in
benchmarking/data/) is loaded by ``manage.py import_benchmarking``, which ``make run`` runs."""

PAGE = {
    "title": "Benchmarking",
    "slug": "benchmarking",
    "intro": (
        "<p>How the 19 South East authorities’ children’s services compare with each other, "
        "their statistical neighbours and England, from the Department for Education’s "
        "published figures.</p>"
    ),
}

# The network whose editors load releases in the admin ("Benchmarking data").
LOADERS = "data-benchmarking-network"
