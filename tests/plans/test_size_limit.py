"""One size limit for a document to import (documents.MAX_BYTES), at every entry point: the
command, the upload screen and the API refuse a file over it before reading it, and write
nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duban.documents import MAX_BYTES
from duban.plans.models import PendingUpload, Plan

TOO_BIG = b"a" * (MAX_BYTES + 1)


def test_the_command_refuses_a_file_over_the_limit(db, tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(TOO_BIG)
    plans = Plan.objects.count()
    with pytest.raises(CommandError, match="the limit is 20 MB; nothing was imported"):
        call_command("import", str(path))
    assert Plan.objects.count() == plans


def test_the_upload_screen_refuses_a_file_over_the_limit(office_client) -> None:
    response = office_client.post(
        "/office/import/", {"file": SimpleUploadedFile("big.txt", TOO_BIG)}
    )
    assert response.status_code == 200
    assert "文件超过 20 MB。" in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_the_api_refuses_a_file_over_the_limit(people) -> None:
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=people.office)[0].key}"
    )
    plans = Plan.objects.count()
    response = client.post(
        "/api/imports/", {"file": SimpleUploadedFile("big.txt", TOO_BIG)}, format="multipart"
    )
    assert response.status_code == 400
    assert "20 MB" in response.json()["file"][0]
    assert Plan.objects.count() == plans
