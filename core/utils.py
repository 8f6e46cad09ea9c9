"""Small helpers shared by the apps."""

from .forms import parse_whole_number


def page_number(request, name="page"):
    """The requested page number as a positive int; anything else means page 1."""
    number = parse_whole_number(request.GET.get(name, "1"))
    return number if number else 1
