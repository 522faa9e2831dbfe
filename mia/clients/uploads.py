"""Checking uploads by their content: PDF, JPEG and PNG up to `MIA_UPLOAD_MAX_MB`.

The name and the declared type count for nothing. A file is accepted only when its bytes are
one of the three formats from the first byte to the last: it parses (Pillow decodes the whole
image; pypdf reads the PDF), starts with the format's signature, and carries nothing after the
format's end (the usual way to hide a ZIP, HTML or script in an image, a polyglot). PDFs with
JavaScript, launch actions or embedded files are refused. The stored name is random; the
original name is kept for display only, reduced to safe characters.
"""

import hashlib
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from mia.core.errors import ApplicationError

Image.MAX_IMAGE_PIXELS = 60_000_000  # about 8000 × 7500, beyond any scan; stops pixel bombs

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_PDF = b"%PDF-"
_PNG_END = b"IEND\xaeB`\x82"
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|OpenAction)\b")
_MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|object|body)\b|<\?php", re.IGNORECASE)
_SAFE = re.compile(r"[^\w.\- ]+")
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class Checked:
    content_type: str
    size: int
    sha256: str
    filename: str
    stored_name: str
    content: ContentFile


def _refuse(message: str, code: str = "file_refused") -> ApplicationError:
    return ApplicationError(message, code=code, status=422)


def safe_filename(name: str, extension: str) -> str:
    """The last path part, NFC, word characters, dots, dashes and spaces only, ≤ 100 chars."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = _SAFE.sub("_", name).strip(" ._") or "document"
    stem = name.rsplit(".", 1)[0][:90] or "document"
    return f"{stem}.{extension}"


def _image(data: bytes, expected: str) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise _refuse(_("The file's content does not match an allowed type."))
            image.load()  # decodes every pixel: truncated or broken images fail here
    except ApplicationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise _refuse(_("The image is damaged or not an image.")) from error
    if expected == "PNG":
        trailing = data[data.rfind(_PNG_END) + len(_PNG_END) :] if _PNG_END in data else b"x"
    else:
        trailing = data[data.rfind(b"\xff\xd9") + 2 :] if b"\xff\xd9" in data else b"x"
    if trailing.strip(b"\x00"):
        raise _refuse(_("The image carries other data after its end; it is refused."))


def _pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-1024:]:
        raise _refuse(_("The PDF is incomplete or carries other data after its end."))
    if _PDF_ACTIVE.search(data):
        raise _refuse(_("PDFs with scripts, actions or attached files are refused."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(_("Encrypted PDFs cannot be checked; upload an unprotected copy."))
        if len(reader.pages) < 1:
            raise _refuse(_("The PDF has no pages."))
    except ApplicationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise _refuse(_("The PDF is damaged.")) from error


def check(upload: UploadedFile) -> Checked:
    limit = settings.MIA_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise _refuse(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            code="file_too_large",
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse(
            _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            code="file_too_large",
        )
    if not data:
        raise _refuse(_("The file is empty."), code="file_empty")
    if data.startswith(_PDF):
        content_type = "application/pdf"
        _pdf(data)
    elif data.startswith(_PNG):
        content_type = "image/png"
        _image(data, "PNG")
    elif data.startswith(_JPEG):
        content_type = "image/jpeg"
        _image(data, "JPEG")
    else:
        raise _refuse(_("Only PDF, JPEG and PNG files are accepted."), code="file_type")
    if _MARKUP.search(data[:4096]) or b"PK\x05\x06" in data[-65_558:]:
        raise _refuse(_("The file carries other content inside; it is refused."))
    extension = EXTENSIONS[content_type]
    return Checked(
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        filename=safe_filename(upload.name or "", extension),
        stored_name=f"{secrets.token_hex(16)}.{extension}",
        content=ContentFile(data),
    )
