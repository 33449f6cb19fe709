"""Sending a monitoring export, with its line in the access journal."""

from __future__ import annotations

from mentoring.downloads import xlsx_response
from participants.services.access_log import Action, log_access, log_access_many


def export_response(request, export):
    """Send an export; a book that names people is a line per person in the access journal."""
    content = export.render()
    people = export.people()
    if people:
        log_access_many(
            user=request.user,
            organisation=request.access.organisation,
            action=Action.EXPORT,
            people=people,
            detail=f"Выгрузка «{export.title}»",
        )
    else:
        log_access(
            user=request.user,
            organisation=request.access.organisation,
            action=Action.EXPORT,
            detail=f"Выгрузка «{export.title}»",
        )
    return xlsx_response(content, export.filename)
