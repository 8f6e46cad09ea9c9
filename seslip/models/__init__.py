"""The site's own pages: the home page and standard pages, and the directory pages that read
several apps at once."""

from .directory import ContactsIndexPage, MemberAuthoritiesPage, programme_year
from .home import HomePage, HomePagePartner, StandardPage

__all__ = [
    "ContactsIndexPage",
    "HomePage",
    "HomePagePartner",
    "MemberAuthoritiesPage",
    "StandardPage",
    "programme_year",
]
