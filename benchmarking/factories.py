"""Factories for the benchmarking page (its data comes from ``benchmarking.importer``)."""

import wagtail_factories

from .models import BenchmarkingIndexPage


class BenchmarkingIndexPageFactory(wagtail_factories.PageFactory):
    """The /benchmarking/ page; give it ``parent`` (the home page)."""

    title = "Benchmarking"
    slug = "benchmarking"
    show_in_menus = True

    class Meta:
        model = BenchmarkingIndexPage
