"""The site's own pages: the home page and standard pages, and the directory pages that read
several apps at once."""

from .directory import ContactsIndexPage, MemberAuthoritiesPage, programme_year
from .home import HomePage, HomePagePartner, PlanPage, StandardPage

__all__ = [
    "ContactsIndexPage",
    "HomePage",
    "HomePagePartner",
    "MemberAuthoritiesPage",
    "PlanPage",
    "StandardPage",
    "programme_year",
]
