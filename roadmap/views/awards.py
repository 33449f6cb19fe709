"""Awards of mentors: nominated by the curator, decided by the director, printed as a certificate or a
letter of thanks with the organisation's and the director's names."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from participants.views.mentees import chosen_programme
from roadmap.forms.awards import AwardForm
from roadmap.models import Award
from roadmap.selectors.awards import access_award, awards_of
from roadmap.services import awards as services

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
TEMPLATES = {
    Award.Kind.CERTIFICATE: "roadmap/awards/certificate.html",
    Award.Kind.LETTER_PARENTS: "roadmap/awards/letter_parents.html",
    Award.Kind.LETTER_EMPLOYER: "roadmap/awards/letter_employer.html",
}


def _list_url(programme) -> str:
    return f"{reverse('award_list')}?programme={programme.pk}"


@allow(*KEEPERS, methods=("GET",))
def award_list(request):
    programme = chosen_programme(request)
    return render(
        request,
        "roadmap/awards/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "awards": awards_of(programme),
        },
    )


@allow(Role.CURATOR)
def award_create(request):
    programme = chosen_programme(request)
    if programme is None:
        return redirect("award_list")
    form = AwardForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> str:
            services.nominate(
                programme=programme,
                mentor=data["mentor"],
                kind=data["kind"],
                nomination=data["nomination"],
                reason=data["reason"],
                addressee=data["addressee"],
                user=request.user,
            )
            return _list_url(programme)

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=create)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Наставник выдвинут к награждению; решение примет директор.")
            return redirect(url)
    return render(request, "roadmap/awards/form.html", {"form": form, "programme": programme})


@allow(Role.DIRECTOR, methods=("POST",))
def award_decide(request, award_id: int):
    award = access_award(request.access, award_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide(
            award=award, approve=approve, user=request.user, comment=request.POST.get("comment", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Награждение утверждено." if approve else "Награждение отклонено.")
    return redirect(_list_url(award.programme))


@allow(Role.CURATOR, methods=("POST",))
def award_delete(request, award_id: int):
    award = access_award(request.access, award_id)
    try:
        services.withdraw(award=award, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Выдвижение отозвано.")
    return redirect(_list_url(award.programme))


@allow(*KEEPERS, methods=("GET",))
def award_pdf(request, award_id: int):
    award = access_award(request.access, award_id)
    if award.status != Award.Status.APPROVED:
        raise Http404("Печатается только утверждённое награждение.")
    organisation = award.programme.organisation
    pdf = render_pdf(
        template_name=TEMPLATES[award.kind],
        context={"award": award, "organisation": organisation, "person": award.mentor.person},
    )
    return pdf_response(pdf, f"{award.get_kind_display()} — {award.mentor.person.full_name}")
