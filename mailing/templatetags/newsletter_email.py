"""Filters for the weekly update's email templates (newsletters/email_render.py does the work)."""

from django import template
from django.utils.safestring import mark_safe

from mailing import email_render

register = template.Library()


@register.filter
def email_html(value):
    """Rich text with inline styles and absolute links."""
    return mark_safe(email_render.rich_text_html(value))  # noqa: S308 (rich text is sanitised)


@register.filter
def email_text(value):
    """Rich text as wrapped plain text."""
    return email_render.rich_text_plain(value)


@register.filter
def absolute_url(value):
    return email_render.absolute(str(value or ""))


@register.filter
def wrapped(value, indent=""):
    """A plain string wrapped to the text email's width."""
    return email_render._wrap(str(value or ""), indent)


@register.filter
def underline(value, char="="):
    """A heading for the text email: the heading, then a line of ``char`` as long."""
    value = " ".join(str(value or "").split())
    return f"{value}\n{char * min(len(value), email_render.TEXT_WIDTH)}"
