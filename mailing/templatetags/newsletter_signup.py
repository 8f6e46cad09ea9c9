"""``{% subscribe_form "footer" %}``: the sign-up form for the email update, anywhere."""

from django import template
from django.utils.functional import SimpleLazyObject

from mailing.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("components/subscribe_form.html", takes_context=True)
def subscribe_form(context, id_prefix, heading_level=2):
    """The compact sign-up form, posting to /newsletters/subscribe/ with this page's path as
    the consent record's source. ``id_prefix`` must be unique on the page. The form is made only
    when the template's fragments kept between requests are not (all of it but ``source``)."""
    request = context.get("request")
    return {
        "form": SimpleLazyObject(lambda: SubscribeForm(id_prefix=id_prefix, compact=True)),
        "source": request.path if request is not None else "",
        "id_prefix": id_prefix,
        "heading_level": heading_level,
    }
