"""Networks and projects (networks.py), the reports library (reports.py) and who may open
restricted reports (access.py)."""

from .access import AccessGroup, AccessRequest, DocumentDownload, access_groups_for
from .networks import NetworkIndexPage, NetworkOutput, NetworkPage, NetworkPageQuerySet
from .reports import ReportIndexPage, ReportKind, ReportPage, ReportSectionPage

__all__ = [
    "AccessGroup",
    "AccessRequest",
    "DocumentDownload",
    "NetworkIndexPage",
    "NetworkOutput",
    "NetworkPage",
    "NetworkPageQuerySet",
    "ReportIndexPage",
    "ReportKind",
    "ReportPage",
    "ReportSectionPage",
    "access_groups_for",
]
