"""Uploads are checked by content: real PDF, JPEG and PNG files go in; forged ones are refused
with a clear message and leave the record unchanged (no row, no file). Downloads are served
only to those who may read the document, as attachments the browser does not sniff."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from mia.clients.models import Document
from mia.clients.services import casework
from mia.core.errors import ApplicationError
from tests.clients.conftest import image_bytes, pdf_bytes, upload
from tests.i18n import shown

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")


def files_in(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def stored_root(private_root) -> Path:
    """Where documents really go: the storage is made once, when the model is loaded, so it
    keeps the private root of that moment (tests/settings.py), whatever `private_root` says."""
    return Path(Document._meta.get_field("file").storage.location).resolve()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    """A valid one-page PDF that runs a script when opened."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hi');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def case(person, teams):
    return person.cases.get(team=teams["A"])


ACCEPTED = [
    (pdf_bytes, "bescheid.pdf", "application/pdf"),
    (lambda: image_bytes("PNG"), "foto.png", "image/png"),
    (lambda: image_bytes("JPEG"), "foto.jpg", "image/jpeg"),
]

FORGED = [
    # (bytes, name, msgid of the message the clerk reads)
    (b"MZ\x90\x00\x03" + b"\x00" * 200, "setup.pdf", "Only PDF, JPEG and PNG files are accepted."),
    (
        b"<html><body><script>alert(1)</script></body></html>",
        "page.pdf",
        "Only PDF, JPEG and PNG files are accepted.",
    ),
    (
        image_bytes("PNG") + zip_bytes(),
        "polyglot.png",
        "The image carries other data after its end; it is refused.",
    ),
    (
        image_bytes("JPEG") + b"<script>alert(1)</script>",
        "photo.jpg",
        "The image carries other data after its end; it is refused.",
    ),
    (
        pdf_with_javascript(),
        "form.pdf",
        "PDFs with scripts, actions or attached files are refused.",
    ),
    (b"", "empty.pdf", "The file is empty."),
]


@pytest.mark.parametrize(("make", "name", "content_type"), ACCEPTED)
def test_real_files_are_stored_privately(staff, case, stored_root, make, name, content_type):
    data = make()
    document = casework.document_add(
        user=staff["clerk"], case=case, title="", upload=upload(data, name, content_type)
    )
    assert document.content_type == content_type
    assert document.size == len(data)
    assert document.filename == name
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(stored_root)
    assert stored.read_bytes() == data
    assert STORED_NAME.match(stored.name)


@pytest.mark.parametrize(("data", "name", "msgid"), FORGED)
def test_forged_files_are_refused_and_nothing_is_stored(
    staff, case, stored_root, data, name, msgid
):
    before_rows, before_files = Document.objects.count(), files_in(stored_root)
    with pytest.raises(ApplicationError) as refused:
        casework.document_add(user=staff["clerk"], case=case, title="x", upload=upload(data, name))
    assert refused.value.detail == shown(msgid)
    assert Document.objects.count() == before_rows
    assert files_in(stored_root) == before_files


def test_a_file_over_the_limit_is_refused(staff, case, stored_root, settings):
    settings.MIA_UPLOAD_MAX_BYTES = 1024 * 1024
    data = pdf_bytes() + b"\n%" + b"0" * (1024 * 1024)
    before = files_in(stored_root)
    with pytest.raises(ApplicationError) as refused:
        casework.document_add(user=staff["clerk"], case=case, title="", upload=upload(data))
    assert refused.value.detail == shown("The file is larger than %(mb)d MB.") % {"mb": 1}
    assert files_in(stored_root) == before


def test_ten_megabytes_and_one_byte_is_one_byte_too_many(staff, case, stored_root):
    data = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 + 1 - 9)
    assert len(data) == 10 * 1024 * 1024 + 1
    with pytest.raises(ApplicationError) as refused:
        casework.document_add(user=staff["clerk"], case=case, title="", upload=upload(data))
    assert refused.value.code == "file_too_large"
    assert refused.value.detail == shown("The file is larger than %(mb)d MB.") % {"mb": 10}
    assert Document.objects.filter(case=case).count() == 1  # the fixture's passport only


@pytest.mark.parametrize(
    ("name", "data", "shown_as"),
    [
        ("../../etc/passwd.pdf", pdf_bytes(), "passwd.pdf"),
        ("..\\..\\x.png", image_bytes("PNG"), "x.png"),
        ("scan\x00.exe.pdf", pdf_bytes(), "scan_.exe.pdf"),
        ("rechnung\u202egnp.exe.png", image_bytes("PNG"), "rechnung_gnp.exe.png"),
    ],
)
def test_path_tricks_in_names_are_stored_under_a_random_name(
    staff, case, stored_root, name, data, shown_as
):
    document = casework.document_add(
        user=staff["clerk"], case=case, title="", upload=upload(data, name)
    )
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(stored_root)
    assert STORED_NAME.match(stored.name)
    assert document.filename == shown_as
    assert not {"/", "\\", "\x00", "\u202e"} & set(document.filename + document.title)


# Through the page


def test_the_page_stores_an_uploaded_scan(login, staff, case, stored_root):
    browser = login(staff["clerk"])
    page = browser.get(reverse("clients:case", args=[case.pk]))
    assert b'accept=".pdf,.jpg,.jpeg,.png"' in page.content
    assert b'enctype="multipart/form-data"' in page.content
    assert escape(shown("PDF, JPEG or PNG up to %(mb)d MB") % {"mb": 10}) in page.text

    response = browser.post(
        reverse("clients:document_add", args=[case.pk]),
        {"title": "Mietvertrag", "file": upload(image_bytes("JPEG"), "../../mietvertrag.jpg")},
    )

    assert response.status_code == 302
    document = Document.objects.get(case=case, title="Mietvertrag")
    assert document.filename == "mietvertrag.jpg"
    listed = browser.get(reverse("clients:case", args=[case.pk])).text
    assert "Mietvertrag" in listed and "mietvertrag.jpg" in listed
    assert "../" not in listed


@pytest.mark.parametrize(("data", "name", "msgid"), FORGED)
def test_the_page_refuses_a_forged_file_with_a_message(
    login, staff, case, stored_root, data, name, msgid
):
    before_rows, before_files = Document.objects.count(), files_in(stored_root)
    response = login(staff["clerk"]).post(
        reverse("clients:document_add", args=[case.pk]),
        {"title": "Forged", "file": upload(data, name)},
    )
    assert response.status_code == 200
    assert escape(shown(msgid)) in response.text
    assert 'value="Forged"' in response.text  # what was typed is still there
    assert Document.objects.count() == before_rows
    assert files_in(stored_root) == before_files


def test_the_page_refuses_an_oversized_file(login, staff, case, stored_root, settings):
    settings.MIA_UPLOAD_MAX_BYTES = 1024 * 1024
    before = files_in(stored_root)
    response = login(staff["clerk"]).post(
        reverse("clients:document_add", args=[case.pk]),
        {"file": upload(b"%PDF-" + b"0" * (1024 * 1024), "big.pdf")},
    )
    assert escape(shown("The file is larger than %(mb)d MB.") % {"mb": 1}) in response.text
    assert files_in(stored_root) == before
    assert not Document.objects.filter(filename="big.pdf").exists()


# Downloads


def test_the_own_team_downloads_the_bytes_as_an_attachment(login, staff, case):
    document = case.documents.get()
    response = login(staff["clerk2"]).get(reverse("clients:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == document.file.open("rb").read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pass.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"]


def test_another_teams_clerk_gets_nothing(login, staff, case):
    document = case.documents.get()
    response = login(staff["jobcenter"]).get(reverse("clients:document", args=[document.pk]))
    assert response.status_code == 404
    missing = login(staff["jobcenter"]).get(reverse("clients:document", args=[document.pk + 99]))
    assert missing.status_code == 404
