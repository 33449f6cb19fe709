"""Files with personal data (consent scans, uploaded lists) live outside MEDIA_ROOT.

They are never served by the web server or WhiteNoise; a view streams them after the access check.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read the setting on every use, not once at import: tests and deployments may move it.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    return PrivateStorage(base_url=None)
