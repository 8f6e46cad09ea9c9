"""Uploaded images, served with the same privacy as documents.

Wagtail checks a collection's privacy for documents only: an image in a restricted collection,
and each of its renditions, would otherwise be a plain file under ``/media/`` that anyone could
fetch. So every file under ``/media/`` goes through ``serve_media``, in development and in
production alike: it serves only a file that an image or rendition of the database owns, and
only to a request that the privacy of the image's collection accepts (core.privacy, the rule
every other view follows); anything else answers 404, which names nothing. Documents never come
this way: Wagtail's document view serves them, with its own privacy check.

Why not keep restricted images out altogether (refusing uploads to restricted collections)?
Privacy can be set on a collection after its images were uploaded, and a chart of unaudited
figures is as sensitive as the spreadsheet it comes from: checking on every request holds in both
cases. The cost is that images pass through Django, at one or two queries each; the site shows
few images, and a cache in front can keep the public ones (restricted ones are sent
``Cache-Control: private, no-store``).
"""

import posixpath

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm

from core.chosen import VisibleCollectionsForm
from core.privacy import is_restricted, may_see


class ImageForm(VisibleCollectionsForm, BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), offering only collections the
    editor may see."""


# Only these folders of MEDIA_ROOT hold files served from /media/: Wagtail's images.
ORIGINALS = "original_images"
RENDITIONS = "images"


def file_owner(name):
    """The image, and its file (the original or a rendition's), stored under this name."""
    image_model = get_image_model()
    folder = name.split("/", 1)[0]
    if folder == ORIGINALS:
        image = image_model.objects.select_related("collection").filter(file=name).first()
        return (image, image.file) if image else (None, None)
    if folder == RENDITIONS:
        rendition = (
            image_model.get_rendition_model()
            .objects.select_related("image__collection")
            .filter(file=name)
            .first()
        )
        return (rendition.image, rendition.file) if rendition else (None, None)
    return None, None


def serve_media(request, path):
    """Serve an uploaded image or rendition to those its collection's privacy lets in."""
    if "\x00" in path:  # no file has one, and the database refuses to look for it
        raise Http404("No such image")
    normalised = posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/")
    image, file = file_owner(normalised)
    if image is None or not may_see(image, request):
        raise Http404("No such image")
    try:
        response = FileResponse(file.open("rb"))
    except FileNotFoundError as error:
        raise Http404("No such image") from error
    if is_restricted(image):
        patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
