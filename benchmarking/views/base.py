"""What every benchmarking route uses: the licence line, addresses of the routes, the topics and
the form choosing one, labels and rows of restricted releases, and responses that no shared
cache may keep when they show restricted figures."""

from collections import defaultdict

from django.utils.cache import patch_cache_control, patch_vary_headers

from ..forms import GridForm

LICENCE = (
    "Source: Department for Education. Contains public sector information licensed under the "
    "Open Government Licence v3.0."
)


def protect(response, releases):
    """No shared cache may keep a response that depends on who is asking."""
    patch_vary_headers(response, ["Cookie"])
    if releases.private:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def route_url(page, route, marker):
    """A function giving the address of one of the page's routes for its argument, reversed
    once rather than once for each of hundreds of rows (``marker`` is any valid argument)."""
    before, _, after = (page.url + page.reverse_subpage(route, args=[marker])).rpartition(
        str(marker)
    )
    return lambda argument: f"{before}{argument}{after}"


def render_protected(page, request, template, context):
    """The benchmarking page rendered with ``context`` in ``template``, kept from shared caches
    when it shows data that not everyone may see."""
    response = page.render(request, template=template, context_overrides=context)
    return protect(response, context["releases"])


def topics_of(measures):
    by_topic = defaultdict(list)
    for measure in measures:
        by_topic[measure.topic].append(measure)
    return dict(sorted(by_topic.items()))


def topic_form(request, topics):
    """The form choosing a topic (``?topic=``) and the topic shown: the first one until the
    visitor chooses one from the list."""
    first = next(iter(topics), "")
    form = GridForm(request.GET or {"topic": first}, topics=list(topics))
    return form, form.cleaned_data["topic"] if form.is_valid() else first


def restricted_label(name, release):
    """How a figure of a release that is not the public series is named wherever it appears."""
    return f"{name} (restricted: {release.name})"


def by_release(rows, releases):
    """The visible restricted releases with their rows, leaving out those with none."""
    grouped = [
        (release, [r for r in rows if r.release_id == release.id]) for release in releases.extra
    ]
    return [(release, release_rows) for release, release_rows in grouped if release_rows]
