"""Print documents (consent forms, orders, reports) rendered from templates to A4 PDF by WeasyPrint.

Templates extend ``documents/a4.html``. Rendering never goes to the network: only our own static
files and ``data:`` URLs are fetched, so a document cannot leak what it holds nor hang on a request.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

# Latin letters for the plain ``filename=`` of old clients; modern ones read ``filename*``.
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
) | {"ъ": "", "ь": ""}
_BASE_URL = "http://documents.invalid/"


def _local_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = urlsplit(url).path
            prefix = "/" + settings.STATIC_URL.lstrip("/")
            if path.startswith(prefix):
                relative = path[len(prefix) :]
                found = finders.find(relative) if relative else None
                if not found and settings.STATIC_ROOT:
                    candidate = Path(settings.STATIC_ROOT, relative).resolve()
                    if candidate.is_file() and Path(settings.STATIC_ROOT).resolve() in candidate.parents:
                        found = str(candidate)
                if found:
                    content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, Path(found).read_bytes(), headers={"Content-Type": content_type}
                    )
            raise ValueError(f"a print document may only use our static files: {url}")

    return LocalFetcher()


def render_pdf(*, template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """Render a template (usually extending ``documents/a4.html``) to the bytes of a PDF."""
    from weasyprint import HTML  # imported here: it takes most of a second to load

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=_BASE_URL, url_fetcher=_local_fetcher()).write_pdf()


def _ascii_name(filename: str) -> str:
    out = []
    for char in filename:
        lower = char.lower()
        if lower in _TRANSLIT:
            latin = _TRANSLIT[lower]
            out.append(latin.capitalize() if char != lower else latin)
        elif char.isascii() and (char.isalnum() or char in ".-_ "):
            out.append(char)
        else:
            out.append("_")
    return "".join(out).replace(" ", "_") or "document.pdf"


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """``inline; filename="Soglasie.pdf"; filename*=UTF-8''%D0%A1…`` (RFC 6266 with RFC 5987)."""
    filename = filename.replace("\r", " ").replace("\n", " ").replace("/", "-").replace("\\", "-")
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{_ascii_name(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """Send a PDF: shown by the browser for printing (``inline``) or saved, under a Russian name."""
    if not filename.lower().endswith(".pdf"):
        filename += ".pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["Content-Length"] = str(len(pdf))
    # Documents carry personal data: no shared or disk caches keep them.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
