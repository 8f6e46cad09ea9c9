"""Uploaded files in a private S3-compatible bucket, always addressed through the site.

The bucket is never public and its files are never linked directly: a document's address is
Wagtail's document view and an image's is ``/media/…``, whose view (networks/media.py) checks the
privacy of the image's collection and reads the file through this storage. So a restricted image
stored in S3 is as private as one on disk, and no signed address ever sits in a cached page.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """S3 storage whose files' addresses are the site's own ``/media/…`` addresses."""

    default_acl = "private"
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
