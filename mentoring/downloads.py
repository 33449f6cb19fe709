"""Files the application hands out (PDF, .docx, .xlsx): one response with a Russian file name.

Browsers that read RFC 5987 get the Russian name; old ones a transliterated ASCII one.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

from mentoring.uploads import VIEWABLE_TYPES, content_type_for

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
) | {"ъ": "", "ь": "", " ": "-"}


def _ascii_name(filename: str) -> str:
    out = []
    for char in filename.lower():
        if char in _TRANSLIT:
            out.append(_TRANSLIT[char])
        elif char.isascii() and (char.isalnum() or char in ".-_"):
            out.append(char)
        else:
            out.append("_")
    return "".join(out) or "document"


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """``inline; filename="soglasie.pdf"; filename*=UTF-8''%D0%A1…`` (RFC 6266 with RFC 5987)."""
    filename = filename.replace("\r", " ").replace("\n", " ").replace("/", "-").replace("\\", "-")
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{_ascii_name(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(content: bytes, filename: str, *, content_type: str, inline: bool = False) -> HttpResponse:
    """Send a document: shown by the browser (``inline``, for printing) or saved, under a Russian name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["Content-Length"] = str(len(content))
    # Documents carry personal data: no shared or disk caches keep them.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_file_response(
    stored: FieldFile, *, filename: str | None = None, content_type: str | None = None
) -> FileResponse:
    """Hand out a file kept on private storage (uploaded by someone: consent scans, roadmap evidence,
    case photos), after the view's access check; a 404 when the file has gone.

    A PDF or a JPEG/PNG picture is shown inline, the rest (Word, Excel…) is saved as an attachment. Either
    way ``Content-Security-Policy: sandbox`` makes the browser treat the response as a document of a
    unique origin with no scripts, and ``nosniff`` forbids guessing another type from the bytes, so even
    a hostile file that got past the checks cannot act on the site with the reader's session. Never
    cached by anyone but the user's browser."""
    if not stored or not stored.name or not stored.storage.exists(stored.name):
        raise Http404("Файл не найден.")
    # The type follows the name we stored the file under (it was checked by content then).
    content_type = content_type or content_type_for(stored.name)
    inline = content_type in VIEWABLE_TYPES
    response = FileResponse(
        stored.storage.open(stored.name, "rb"), as_attachment=not inline, content_type=content_type
    )
    response["Content-Disposition"] = content_disposition(
        filename or os.path.basename(stored.name), inline=inline
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A table to save (an export of a base): personal data, so no cache stores it."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(filename, inline=False)
    response["Cache-Control"] = "no-store"
    return response
