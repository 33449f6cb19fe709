"""Files with personal data (consent scans, uploaded lists) live outside MEDIA_ROOT.

They are never served by the web server or WhiteNoise; a view streams them after the access check.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    # A callable, so that tests overriding PRIVATE_STORAGE_ROOT get their own directory.
    return FileSystemStorage(location=settings.PRIVATE_STORAGE_ROOT, base_url=None)
