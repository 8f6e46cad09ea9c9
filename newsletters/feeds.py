"""The RSS feed of the latest weekly updates (/newsletters/feed/)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags

FEED_LENGTH = 20


class LatestUpdatesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "SESLIP weekly updates"
    description = (
        "The weekly update of the South East Sector Led Improvement Programme: news, actions "
        "required, reminders and future network meeting dates."
    )

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.index_page.url

    def items(self):
        return self.index_page.updates()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return strip_tags(item.intro) or item.title

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_guid(self, item):
        return self.request.build_absolute_uri(f"{self.index_page.url}{item.number}/")

    item_guid_is_permalink = False
