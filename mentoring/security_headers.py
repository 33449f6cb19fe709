"""Security headers on every response: the Content-Security-Policy, the Permissions-Policy, and
``Cache-Control: private, no-store`` on everything but static files.

The policy allows our own static files only: no inline script, no inline style (neither ``<style>``
nor ``style="…"``), no event-handler attributes. Behaviour lives in ``static/js/app.js`` (data
attributes and ``addEventListener``), looks in ``static/css/app.css``; ``tests/test_security_headers.py``
scans the templates and the browser tests fail on any violation the browser reports.

Pages are never stored by the browser's disk cache or a proxy: nearly every page shows a child's
data to a logged-in user, and the public ones (the personal answering link, password reset, login)
either show a questionnaire or carry a secret in their address. Only static files keep their caching.
A response that already says ``no-store`` (the downloads of ``mentoring/downloads.py``) is left as
it is.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # data: for the small SVG icons Bootstrap's stylesheet embeds (selects, checkboxes, the menu).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

# Powerful features the product never uses, switched off for our pages and anything they could embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

PDF = "application/pdf"


def _is_static(request: HttpRequest) -> bool:
    return bool(settings.STATIC_URL) and request.path.startswith(settings.STATIC_URL)


class SecurityHeadersMiddleware:
    """Placed before WhiteNoise, so that static files get the policies too (an SVG opened on its own
    is a document); a view may set its own Content-Security-Policy, which is then kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Not on a PDF: the browser shows it in its own viewer, a page the browser builds around the
        # document, and Chromium applies the response's policy to that page (object-src 'none' and
        # style-src would leave it blank). A PDF runs no script of ours, so the policy protects nothing.
        if not response.get("Content-Type", "").startswith(PDF):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not _is_static(request) and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
