"""Campaigns: the curator launches a questionnaire for an audience and follows the response rate;
the director reads. The personal links can be printed with QR codes for a class."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.params import int_param
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from monitoring.forms.campaigns import CampaignForm
from monitoring.selectors.campaigns import (
    access_campaign,
    campaigns_of,
    invitations_of,
    left_out,
    link_grades,
    printable_links,
    progress,
)
from monitoring.services.campaigns import close_campaign, launch_campaign
from participants.selectors.consents import today
from participants.services.access_log import Action, log_access_many
from participants.views.mentees import chosen_programme
from participants.views.paging import querystring_without_page

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
INVITATIONS_PER_PAGE = 100


@allow(*KEEPERS, methods=("GET",))
def campaign_list(request):
    programme = chosen_programme(request)
    return render(
        request,
        "monitoring/campaigns/list.html",
        {
            "programme": programme,
            "programmes": programmes_of(request.access.organisation),
            "campaigns": campaigns_of(programme),
            "today": today(),
        },
    )


@allow(Role.CURATOR)
def campaign_create(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, "Сначала создайте программу наставничества и сделайте её текущей.")
        return redirect("campaign_list")
    initial = {}
    if (questionnaire := int_param(request.GET.get("questionnaire"))) is not None:
        initial["questionnaire"] = questionnaire
    form = CampaignForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def launch() -> str:
            campaign = launch_campaign(
                programme=programme,
                questionnaire=data["questionnaire"],
                title=data["title"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                forms=data["forms"],
                pairs=data["pairs"],
                phase=data["phase"],
                user=request.user,
            )
            return reverse("campaign_detail", kwargs={"campaign_id": campaign.pk})

        try:
            url = submit_once(user=request.user, token=data.get("submit_token") or "", action=launch)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Опрос запущен: участники увидят анкету в «Моих анкетах».")
            return redirect(url)
    return render(request, "monitoring/campaigns/create.html", {"form": form, "programme": programme})


@allow(*KEEPERS, methods=("GET",))
def campaign_detail(request, campaign_id: int):
    campaign = access_campaign(request.access, campaign_id)
    page = Paginator(invitations_of(campaign), INVITATIONS_PER_PAGE).get_page(request.GET.get("page"))
    invitations = list(page.object_list)
    missing = left_out(campaign)
    log_access_many(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.VIEW,
        people=[i.person for i in invitations if i.person] + [c.person for c in missing if c.person],
        detail=f"Участники опроса № {campaign.pk}",
    )
    return render(
        request,
        "monitoring/campaigns/detail.html",
        {
            "campaign": campaign,
            "progress": progress(campaign),
            "invitations": invitations,
            "page": page,
            "querystring": querystring_without_page(request),
            "left_out": missing,
            "grades": link_grades(campaign),
            "is_open": campaign.is_open_on(today()),
        },
    )


@allow(Role.CURATOR, methods=("POST",))
def campaign_close(request, campaign_id: int):
    campaign = access_campaign(request.access, campaign_id)
    close_campaign(campaign=campaign, user=request.user)
    messages.success(request, "Приём ответов закрыт. Неотправленные черновики в отчёт не попадут.")
    return redirect("campaign_detail", campaign_id=campaign.pk)


def _qr(url: str) -> str:
    # Drawn as inline SVG: the print needs no image files and stays sharp at any size.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=2, border=2))


@allow(Role.CURATOR, methods=("GET",))
def campaign_links(request, campaign_id: int):
    """Cards with each participant's personal link and its QR code, to hand out in a class."""
    campaign = access_campaign(request.access, campaign_id)
    invitations = printable_links(campaign, grade=request.GET.get("grade", ""))
    if not invitations:
        messages.info(request, "Некому печатать ссылки: все приглашённые уже ответили.")
        return redirect("campaign_detail", campaign_id=campaign.pk)
    cards = []
    for invitation in invitations:
        url = request.build_absolute_uri(reverse("answer_by_link", kwargs={"token": invitation.token}))
        cards.append({"invitation": invitation, "url": url, "qr": _qr(url)})
    log_access_many(
        user=request.user,
        organisation=request.access.organisation,
        action=Action.EXPORT,
        people=[i.person for i in invitations],
        detail=f"Печать личных ссылок опроса № {campaign.pk}",
    )
    pdf = render_pdf(
        template_name="monitoring/campaigns/links_pdf.html",
        context={"campaign": campaign, "cards": cards},
    )
    return pdf_response(pdf, f"Ссылки на анкету — {campaign.title}")
