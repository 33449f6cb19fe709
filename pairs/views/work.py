"""The curator's overview of how the pairs work, and the mentor's home («Мои наставляемые»)."""

from __future__ import annotations

from django.shortcuts import render

from mentoring.access import allow
from mentoring.navigation import stats_for
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from pairs.desk_panels import panels_for
from pairs.forms.work import OverviewFilterForm
from pairs.selectors import desk
from pairs.selectors.work import FLAG_BY_CODE, flag_counts, mark_work, overview_pairs, with_people
from participants.selectors.consents import today
from participants.selectors.lists import paginate
from participants.views.mentees import chosen_programme
from participants.views.paging import querystring_without_page


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def work_overview(request):
    programme = chosen_programme(request)
    filters = OverviewFilterForm(request.GET or None, programme=programme)
    chosen = filters.filters()
    form, flag = chosen.get("form"), chosen.get("flag") or ""
    day = today()
    pairs = overview_pairs(programme, form=form, flag=flag, day=day)
    page = paginate(with_people(pairs.order_by("pk")), request.GET.get("page"))
    page.object_list = mark_work(page.object_list)
    context = {
        "programme": programme,
        "programmes": programmes_of(request.access.organisation),
        "filters": filters,
        "flag": FLAG_BY_CODE.get(flag),
        "counts": flag_counts(programme, form=form, day=day),
        "page": page,
        "querystring": querystring_without_page(request),
    }
    return render(request, "pairs/work/overview.html", context)


@allow(Role.MENTOR, methods=("GET",))
def mentor_desk(request):
    access = request.access
    day = today()
    context = {
        "pairs": mark_work(desk.desk_pairs(access, day=day)),
        "meetings": desk.week_meetings(access, day=day),
        "overdue": desk.overdue_rows(access, day=day),
        "proposals": desk.waiting_proposals(access),
        "panels": panels_for(access),
        "stats": stats_for(access),
    }
    return render(request, "pairs/work/desk.html", context)
