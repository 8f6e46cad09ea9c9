"""Small helpers shared by the apps."""


def page_number(request, name="page"):
    """The requested page number as a positive int; anything else means page 1."""
    value = request.GET.get(name, "1")
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number > 0 else 1
