"""The admin's "Import an old update": paste an old update, check the preview, confirm.

Registered from wagtail_hooks.py. The text is read by :mod:`importer.parser` on every
request (nothing parsed is carried in the form), and the draft is written by
:func:`importer.drafts.create_draft` only when the text confirmed is the text previewed.
"""

import hashlib

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsletters.models import NewsletterIndexPage

from .drafts import (
    ImportRefused,
    check_importable,
    create_draft,
    match_contacts,
    match_news_items,
    newsletter_index,
)
from .parser import parse_update
from .text import ParseError

PERMISSIONS = ("newsletters.add_newsitem", "contacts.add_person", "contacts.add_organisation")


def can_import(user, index: NewsletterIndexPage | None = None) -> bool:
    """May this user import updates: add pages under the archive, news items and people?"""
    if not user.is_authenticated or not user.has_perms(PERMISSIONS):
        return False
    index = index or NewsletterIndexPage.objects.order_by("path").first()
    if index is None:
        return user.is_superuser  # to be told to create the archive page first
    return index.permissions_for_user(user).can_add_subpage()


def text_digest(text: str) -> str:
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalised.encode()).hexdigest()


class ImportUpdateForm(forms.Form):
    text = forms.CharField(
        label="Text of the update",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=(
            "Paste the whole update as it reads on the old site or in the email: from its "
            "title line ('UPDATE NO 298 20 April 2018') to its contact details."
        ),
        error_messages={
            "required": "The text is empty: paste the text of an update, starting with its "
            "title line, like 'UPDATE NO 298 20 April 2018'."
        },
    )
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    parsed = None

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(self.fields["text"].error_messages["required"])
        try:
            self.parsed = parse_update(text)
        except ParseError as error:
            raise forms.ValidationError(f"Line {error.line}: {error.message}") from None
        return text


class ImportUpdateView(WagtailAdminTemplateMixin, FormView):
    template_name = "importer/admin/import_update.html"
    form_class = ImportUpdateForm
    page_title = "Import an old update"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["index"] = newsletter_index()
        except ImportRefused as error:
            context["index_error"] = error.message
        return context

    def form_valid(self, form):
        parsed = form.parsed
        text = form.cleaned_data["text"]
        try:
            check_importable(parsed)
        except ImportRefused as error:
            return self._refuse(form, error)

        confirmed = self.request.POST.get("action") == "create"
        if confirmed and form.cleaned_data["previewed"] == text_digest(text):
            try:
                result = create_draft(parsed, user=self.request.user)
            except ImportRefused as error:
                return self._refuse(form, error)
            page = result.page
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            messages.success(
                self.request,
                f"Draft update no {page.number} for {page.date:%-d %B %Y} created with "
                f"{len(result.news_items)} news items, {len(result.people_created)} new "
                f"people and {len(result.people_matched)} people already known. "
                "Check it, then publish it.",
                buttons=[messages.button(edit_url, "Edit")],
            )
            return redirect(edit_url)

        # A preview: of new text, or of text changed since the last preview.
        data = form.data.copy()
        data["previewed"] = text_digest(text)
        form = ImportUpdateForm(data)
        form.is_valid()
        preview = parsed.to_dict()
        if confirmed:
            messages.warning(
                self.request,
                "The text changed since the preview: check the new preview, then confirm again.",
            )
        existing = match_news_items(parsed)
        for item, found in zip(preview["items"], existing, strict=True):
            item["existing"] = found
        matches = match_contacts(parsed, existing)
        contacts = [
            {
                "match": match,
                "items": [parsed.items[i].heading for i in match.items],
            }
            for match in matches
        ]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                parsed=parsed,
                preview=preview,
                contacts=contacts,
            )
        )

    def _refuse(self, form, error: ImportRefused):
        message = f"Line {error.line}: {error.message}" if error.line else error.message
        form.add_error("text", message)
        return self.form_invalid(form)
