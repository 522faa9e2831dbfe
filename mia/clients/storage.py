"""Documents and consent scans live in private storage: outside static and media files, with
no URL of their own. Only the permission-checked views in `mia.clients.views` serve them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.MIA_PRIVATE_ROOT, base_url=None)
