"""``{% subscribe_form "footer" %}``: the sign-up form for the email update, anywhere."""

from django import template

from mailing.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("components/subscribe_form.html", takes_context=True)
def subscribe_form(context, id_prefix, heading_level=2):
    """The compact sign-up form, posting to /newsletters/subscribe/ with this page's path as
    the consent record's source. ``id_prefix`` must be unique on the page."""
    request = context.get("request")
    source = request.path if request is not None else ""
    return {
        "form": SubscribeForm(initial={"source": source}, id_prefix=id_prefix, compact=True),
        "id_prefix": id_prefix,
        "heading_level": heading_level,
    }
