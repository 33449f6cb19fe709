"""Control characters are dealt with at the door, before any view sees them.

PostgreSQL refuses NUL in text, and the Excel, Word and PDF exports refuse the other C0 control
characters. In an address (path, query string), a field's name or an uploaded file's name no page of
the product puts them: such a request is answered 400. In a posted value they do arrive from people —
text pasted from Word carries its line break as a vertical tab (\x0b) and its page break as a form
feed (\x0c) — so a value is cleaned, not refused: those two become line breaks, the other controls
are dropped, and what the person typed is kept. Tab, line feed and carriage return are ordinary text.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

# C0 control characters except tab (\x09), line feed (\x0a) and carriage return (\x0d).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
WORD_BREAKS = re.compile(r"[\x0b\x0c]")

PROBLEM = (
    "В адресе или в отправленной форме есть недопустимые символы — например, невидимые управляющие "
    "символы, которые иногда попадают в текст при копировании из документа."
)


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


def _malformed_fields(fields) -> bool:
    return any(
        has_control_characters(key) or any(has_control_characters(value) for value in values)
        for key, values in fields.lists()
    )


def cleaned_text(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", WORD_BREAKS.sub("\n", value))


def clean_posted_values(request: HttpRequest) -> None:
    posted = request.POST
    if not any(has_control_characters(value) for _, values in posted.lists() for value in values):
        return
    cleaned = posted.copy()
    for key, values in posted.lists():
        cleaned.setlist(key, [cleaned_text(value) for value in values])
    cleaned._mutable = False
    request.POST = cleaned


def is_malformed(request: HttpRequest) -> bool:
    if has_control_characters(request.path_info) or _malformed_fields(request.GET):
        return True
    if request.method != "POST":
        return False
    if any(has_control_characters(key) for key in request.POST):
        return True
    return any(
        has_control_characters(key) or any(has_control_characters(f.name or "") for f in files)
        for key, files in request.FILES.lists()
    )


def bad_request(request: HttpRequest, problem: str = PROBLEM) -> HttpResponse:
    """The product's Russian 400 page (before authentication: without the menu)."""
    return render(request, "400.html", {"problem": problem}, status=400)


class RejectMalformedInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            malformed = is_malformed(request)
        except MultiPartParserError:
            # A multipart body that does not parse (no boundary, cut short): not a form a browser sent.
            return bad_request(request, "Отправленную форму не удалось разобрать.")
        if malformed:
            return bad_request(request)
        if request.method == "POST":
            clean_posted_values(request)
        return self.get_response(request)
