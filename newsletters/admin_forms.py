"""The admin form of a news item."""

from wagtail.admin.forms import WagtailAdminModelForm


class NewsItemForm(WagtailAdminModelForm):
    """Writes the people an item names to the link table once the item is saved.

    modelcluster keeps a ParentalManyToManyField in memory until then, sorted by the related
    model's ordering; it cannot read Person's (``Lower("name")``, an expression) and fails for
    two people or more.
    """

    def save_cluster_m2m(self):
        people = self.cleaned_data.pop("people", None)
        super().save_cluster_m2m()
        self._people = people
        if people is not None:
            self.cleaned_data["people"] = people

    def _save_m2m(self):
        super()._save_m2m()
        people = getattr(self, "_people", None)
        if people is not None:
            # Primary keys, not instances: written straight to the link table, unsorted.
            self.instance.people.set([person.pk for person in people])
