"""Print documents (consent forms, orders, reports) rendered from templates to A4 PDF by WeasyPrint.

Templates extend ``documents/a4.html``. Rendering never goes to the network: only our own static
files and ``data:`` URLs are fetched, so a document cannot leak what it holds nor hang on a request.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from mentoring.downloads import PDF, file_response

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


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """Send a PDF: shown by the browser for printing (``inline``) or saved, under a Russian name."""
    if not filename.lower().endswith(".pdf"):
        filename += ".pdf"
    return file_response(pdf, filename, content_type=PDF, inline=inline)
