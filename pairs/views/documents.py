"""Printed documents of a pair and the export of pairs: the agreement PDF per mentee, the .xlsx list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from mentoring.access import allow
from mentoring.downloads import xlsx_response
from mentoring.pdf import pdf_response
from mentoring.roles import Role
from pairs.documents.agreement import render_agreement_pdf
from pairs.exporting import export_pairs
from pairs.models import PairMember
from pairs.selectors.pairs import visible_pairs
from participants.exporting import export_file_name
from participants.selectors.consent_records import short_name
from participants.services.access_log import Action, log_access
from participants.views.mentees import chosen_programme


def _member(request, member_id: int) -> PairMember:
    """A mentee's place in a pair the user may see; any other is a 404."""
    members = PairMember.objects.filter(pair__in=visible_pairs(request.access)).select_related(
        "mentee__person", "pair"
    )
    return request.access.get(members, pk=member_id)


# The agreement names the legal representative and the consent on file: the curator prints it for
# signing; a mentor sees their mentees' names, not their families' data.
@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def pair_agreement_pdf(request, member_id: int):
    member = _member(request, member_id)
    try:
        pdf = render_agreement_pdf(member, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("pair_detail", pair_id=member.pair_id)
    log_access(
        user=request.user,
        organisation=request.access.organisation,
        person=member.mentee.person,
        action=Action.EXPORT,
        detail=f"Напечатано соглашение о сотрудничестве ({member.pair})",
    )
    initials = short_name(member.mentee.person.full_name).replace(".", "").replace(" ", "_")
    return pdf_response(pdf, f"Соглашение_{initials}.pdf")


@allow(Role.CURATOR, Role.DIRECTOR, methods=("GET",))
def pair_export(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, "Текущая программа не выбрана: выгружать пока нечего.")
        return redirect("home")
    content = export_pairs(programme=programme, user=request.user)
    return xlsx_response(content, export_file_name("Пары и группы"))
