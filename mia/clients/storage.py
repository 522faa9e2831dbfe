"""Documents and consent scans live in private storage: outside static and media files, with
no URL of their own. Only the permission-checked views in `mia.clients.views` serve them."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
