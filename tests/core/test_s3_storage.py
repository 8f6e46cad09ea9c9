"""Documents and images in S3-compatible storage (AWS_STORAGE_BUCKET_NAME), against a real
S3-compatible server: files land in a private bucket, documents still reach visitors only
through Django's document view, and restricted ones only their groups."""

import uuid

import boto3
import pytest
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail_factories import ImageFactory

from networks.factories import CollectionFactory, DocumentFactory, restrict

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A new private bucket, made the site's storage as the production settings would."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    name = f"seslip-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-2")
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-west-2",
            },
        },
    }
    return client, name


def keys(client, name):
    return {item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])}


def test_a_document_is_stored_in_the_bucket_and_served_through_django(bucket, client):
    s3, name = bucket
    document = DocumentFactory(title="The plan")
    assert f"documents/{document.filename}" in keys(s3, name)
    stored = s3.get_object(Bucket=name, Key=f"documents/{document.filename}")["Body"].read()

    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Disposition"].startswith("attachment")
    grants = s3.get_object_acl(Bucket=name, Key=f"documents/{document.filename}")["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner's alone: private


def test_a_restricted_document_in_the_bucket_reaches_only_its_group(
    bucket, client, django_user_model
):
    signatories = Group.objects.create(name="Data Sharing Protocol signatories")
    collection = CollectionFactory(name="Restricted data")
    restrict(collection, signatories)
    document = DocumentFactory(title="Unaudited figures", collection=collection)

    assert client.get(document.url).status_code == 302  # to the login page
    outsider = django_user_model.objects.create_user("outsider", "o@example.org", "pw-123456")
    client.force_login(outsider)
    assert client.get(document.url).status_code == 403
    member = django_user_model.objects.create_user("member", "m@example.org", "pw-123456")
    member.groups.add(signatories)
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_images_live_in_the_bucket_and_reach_visitors_through_the_site(bucket, client):
    s3, name = bucket
    image = ImageFactory(title="Network meeting")
    rendition = get_image_model().objects.get(pk=image.pk).get_rendition("width-200")
    stored = keys(s3, name)
    assert image.file.name in stored
    assert rendition.file.name in stored
    # The bucket is never linked: the site's own address, whose view reads the bucket.
    assert rendition.url == f"/media/{rendition.file.name}"
    response = client.get(rendition.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == s3.get_object(Bucket=name, Key=rendition.file.name)["Body"].read()


def test_a_restricted_image_in_the_bucket_reaches_only_its_group(bucket, client, django_user_model):
    signatories = Group.objects.create(name="Data Sharing Protocol signatories")
    collection = CollectionFactory(name="Restricted charts")
    restrict(collection, signatories)
    image = ImageFactory(title="Unaudited chart", collection=collection)
    assert client.get(image.file.url).status_code == 404
    member = django_user_model.objects.create_user("member", "m@example.org", "pw-123456")
    member.groups.add(signatories)
    client.force_login(member)
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
