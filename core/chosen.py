"""What an editor puts on a page or snippet with a chooser, checked on the server.

A chooser only offers what its editor may choose, but the form accepts any id it is sent, and a
page can be previewed and published with another collection's document in it. ``PageForm`` (the
``base_form_class`` of every page) and ``SnippetForm`` (of snippets) check every chosen page,
document, image and snippet, wherever it is: a chooser field, a chooser block at any depth of a
StreamField, a link in rich text. Each error goes on its field; nothing is saved or previewed.

1. A newly chosen object must be one the editor could have chosen: a page they may see
   (core.privacy), a document or image in a collection they may choose from (Wagtail's
   permission policy) and may see, a snippet of a model they may use. What was already there
   is left alone, so that a lead can still edit a page where an administrator chose something
   outside their collection.
2. Whoever the editor, a public page or any snippet (snippets are shown on public pages) may
   not show a restricted page, document or image: its title, file name and size would reach
   everyone who reads the page.
"""

import json

from django.contrib.auth import get_permission_codename
from django.core.exceptions import FieldDoesNotExist
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .privacy import EditorRequest, hidden_collection_ids, is_restricted, may_see_as, restricted_for

CHOOSE = ["choose"]
SNIPPET_ACTIONS = ["add", "change", "delete", "view"]
# The parts of a StreamField's form data that hold no chosen object.
STRUCTURAL_SUFFIXES = ("-count", "-order", "-deleted", "-type", "-id")


def chosen_in(model_field, value):
    """The (model, id) of every object chosen in one field's value."""
    if value is None or value == "":
        return set()
    if hasattr(model_field, "extract_references"):  # StreamField, RichTextField
        return {
            (model, str(pk))
            for model, pk, _path, _content_path in model_field.extract_references(value)
        }
    if model_field.is_relation and model_field.many_to_one:
        pk = value.pk if hasattr(value, "pk") else value
        return {(model_field.related_model, str(pk))}
    return set()


def _load(model, pk):
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def could_choose(user, obj):
    """Whether this editor could have chosen ``obj`` with the admin's chooser."""
    if isinstance(obj, Page):
        return may_see_as(user, obj)
    if isinstance(obj, (get_document_model(), get_image_model())):
        policy = policy_registry.get_by_type(type(obj))
        return policy.user_has_any_permission_for_instance(user, CHOOSE, obj) and may_see_as(
            user, obj
        )
    opts = obj._meta
    return any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in SNIPPET_ACTIONS
    )


def _chosen_kinds():
    """Wagtail's own kinds of content an editor chooses: (model, name, the rich text editor's
    (Draftail's) entity type that links to or shows it)."""
    return (
        (Page, "page", "LINK"),
        (get_document_model(), "document", "DOCUMENT"),
        (get_image_model(), "image", "IMAGE"),
    )


def _describe(obj):
    for model, name, _ in _chosen_kinds():
        if isinstance(obj, model):
            return name
    return str(obj._meta.verbose_name)


def _entity_type(model):
    """The type of the rich text editor's entity that links to or shows a ``model``."""
    for kind, _, entity_type in _chosen_kinds():
        if issubclass(model, kind):
            return entity_type
    return None


def without_links(value, model, pk):
    """A rich text editor's value (Draftail's JSON) less its links to, or images of, one
    object: their text stays, as plain text; an image's block is left empty. Any other
    value is returned as it is."""
    entity_type = _entity_type(model)
    try:
        state = json.loads(value)
    except (TypeError, ValueError):
        return value
    if entity_type is None or not isinstance(state, dict):
        return value
    entities = state.get("entityMap")
    if not isinstance(entities, dict):
        return value
    refused = {
        str(key)
        for key, entity in entities.items()
        if isinstance(entity, dict)
        and entity.get("type") == entity_type
        and isinstance(entity.get("data"), dict)
        and str(entity["data"].get("id")) == pk
    }
    if not refused:
        return value
    for key in refused:
        del entities[key]
    for block in state.get("blocks") or []:
        if not isinstance(block, dict):
            continue
        ranges = block.get("entityRanges") or []
        kept = [r for r in ranges if not (isinstance(r, dict) and str(r.get("key")) in refused)]
        if len(kept) != len(ranges):
            block["entityRanges"] = kept
            if block.get("type") == "atomic":
                block["type"], block["text"] = "unstyled", ""
    return json.dumps(state)


class ChosenContentMixin:
    """Checks the objects chosen in a page or snippet form (see the module's docstring)."""

    # Fields whose template shows the chosen object only to those who may see it.
    chosen_shown_with_access_check = ()

    def is_public(self):
        return True

    def previous_value(self, name):
        """The field's value before this edit: the form's instance (the page's latest
        revision, or the saved snippet) is only updated after ``clean``."""
        if not self.instance.pk:
            return None
        return getattr(self.instance, name, None)

    def forget_choice(self, name, model, pk):
        """Take a refused choice out of the data that the form shows again, so that the
        chooser or the rich text editor does not name (by its title, file or address) what
        the editor could not choose."""
        data = self.data.copy()
        prefixed = self.add_prefix(name)
        for key in list(data):
            if key != prefixed and not (
                key.startswith(prefixed + "-") and not key.endswith(STRUCTURAL_SUFFIXES)
            ):
                continue
            values = data.getlist(key)
            if values == [pk]:
                data[key] = ""
            else:
                data.setlist(key, [without_links(value, model, pk) for value in values])
        self.data = data

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None:
            return cleaned_data
        public = self.is_public()
        for name in list(cleaned_data):
            try:
                model_field = self.instance._meta.get_field(name)
            except FieldDoesNotExist:  # a form field that is not a model field
                continue
            chosen = chosen_in(model_field, cleaned_data[name])
            if not chosen:
                continue
            before = chosen_in(model_field, self.previous_value(name))
            for model, pk in sorted(chosen, key=lambda item: (item[0].__name__, item[1])):
                obj = _load(model, pk)
                if obj is None:
                    continue
                if (model, pk) not in before and not could_choose(user, obj):
                    self.forget_choice(name, model, pk)
                    self.add_error(
                        name,
                        f"One of the {_describe(obj)}s chosen here is not one you can choose. "
                        "Remove it, or choose one from the list the chooser offers.",
                    )
                elif (
                    public
                    and name not in self.chosen_shown_with_access_check
                    and is_restricted(obj)
                ):
                    self.add_error(
                        name,
                        f"‘{obj}’ is a restricted {_describe(obj)} (for "
                        f"{restricted_for(obj)}), but everyone can read this "
                        f"{self.what_is_public}: its title would reach them. Choose a "
                        f"{_describe(obj)} that anyone may open.",
                    )
        return cleaned_data


class PageForm(ChosenContentMixin, WagtailAdminPageForm):
    """The admin form of every page: chosen content checked (core.chosen)."""

    what_is_public = "page"

    def is_public(self):
        if self.instance.pk:
            return not self.instance.get_view_restrictions().exists()
        return not (self.parent_page and self.parent_page.get_view_restrictions().exists())


class SnippetForm(ChosenContentMixin, WagtailAdminModelForm):
    """The admin form of snippets (shown on public pages): chosen content checked."""

    what_is_public = "snippet, which is shown on public pages"


class VisibleCollectionsForm:
    """For the form of a document or image (its upload and edit forms, in the admin and in
    the choosers): the collection field offers only collections the editor may see, so that
    it names no restricted collection to an editor outside its groups, and a hidden one
    can't be chosen by its id. It keeps the collection of the object being edited."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        field = self.fields.get("collection")
        if user is None or field is None:
            return
        current = self.instance.collection_id if self.instance.pk else None
        hidden = [pk for pk in hidden_collection_ids(EditorRequest(user)) if pk != current]
        self.collections = self.collections.exclude(pk__in=hidden)
        if len(self.collections) == 1:
            del self.fields["collection"]  # as Wagtail does: saved in the one collection
        else:
            field.queryset = self.collections
