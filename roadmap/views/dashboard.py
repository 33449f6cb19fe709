"""The director's «Рабочий стол»: roadmap progress, overdue items, KPIs against targets, pairs,
monitoring, replacement requests waiting for a decision."""

from __future__ import annotations

from django.shortcuts import render

from mentoring.access import allow
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from participants.selectors.consents import today
from participants.views.mentees import chosen_programme
from roadmap.selectors.dashboard import dashboard


@allow(Role.DIRECTOR, Role.CURATOR, methods=("GET",))
def director_dashboard(request):
    programme = chosen_programme(request)
    day = today()
    return render(
        request,
        "roadmap/dashboard.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "board": dashboard(programme, day=day) if programme else None,
            "today": day,
        },
    )
