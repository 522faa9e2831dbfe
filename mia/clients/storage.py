"""Documents and consent scans live in private storage: outside static and media files, with
no URL of their own. Only the permission-checked views in `mia.clients.views` serve them."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


class PrivateStorage(FileSystemStorage):
    """Reads `MIA_PRIVATE_ROOT` at each use, so the folder follows the setting."""

    @property
    def base_location(self) -> str:
        return str(settings.MIA_PRIVATE_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; a permission-checked view serves them.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def private_download(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download the browser never renders or runs in MiA's origin, never
    sniffs into HTML and never caches. A file missing on disk answers 404."""
    try:
        handle = file.open("rb")
    except OSError as missing:
        raise Http404("The file is missing.") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
