"""Launching a questionnaire for an audience, closing it, and what a withdrawn consent does to it."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.guards import ensure_programme_open
from mentoring.models import MentoringForm, Programme
from monitoring.models import Campaign, Invitation, Questionnaire, Stage
from monitoring.selectors.audience import Candidate, candidates
from pairs.models import Pair
from participants.selectors.consents import today


def new_link_token() -> str:
    """256 random bits: a link nobody can guess."""
    return secrets.token_urlsafe(32)


def _check(
    *,
    programme: Programme,
    questionnaire: Questionnaire,
    phase: str,
    opens_on: date,
    closes_on: date,
    forms: list[MentoringForm],
    pairs: list[Pair],
    day: date,
) -> None:
    ensure_programme_open(programme)
    errors: dict[str, str] = {}
    if questionnaire.programme_id != programme.pk:
        errors["questionnaire"] = "Эта анкета другой программы."
    elif not questionnaire.is_current:
        errors["questionnaire"] = "Это прежняя редакция анкеты; запустите действующую."
    elif not questionnaire.questions.exists():
        errors["questionnaire"] = "В анкете нет ни одного вопроса."
    if questionnaire.stage == Stage.IMPACT and phase not in (Campaign.Phase.ENTRY, Campaign.Phase.EXIT):
        errors["phase"] = "Для второго этапа укажите замер: вход в программу или выход из неё."
    if questionnaire.stage == Stage.PROCESS and phase:
        errors["phase"] = "Замер на входе и выходе бывает только во втором этапе."
    if closes_on < opens_on:
        errors["closes_on"] = "Приём ответов не может закончиться раньше, чем начнётся."
    elif closes_on < day:
        errors["closes_on"] = "Окончание приёма ответов уже прошло."
    if not forms:
        errors["forms"] = "Выберите хотя бы одну форму наставничества."
    else:
        allowed = set(questionnaire.forms.values_list("pk", flat=True))
        strangers = [f.name for f in forms if f.pk not in allowed]
        if strangers:
            errors["forms"] = f"Анкета не предназначена для форм: {', '.join(strangers)}."
    strangers = [str(p) for p in pairs if p.programme_id != programme.pk]
    if strangers:
        errors["pairs"] = f"Эти пары из другой программы: {', '.join(strangers)}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def launch_campaign(
    *,
    programme: Programme,
    questionnaire: Questionnaire,
    title: str,
    opens_on: date,
    closes_on: date,
    forms: Iterable[MentoringForm],
    pairs: Iterable[Pair] = (),
    phase: str = "",
    user=None,
) -> Campaign:
    """Create the campaign and an invitation for everyone of the audience who has a valid consent."""
    forms, pairs, day = list(forms), list(pairs), today()
    _check(
        programme=programme,
        questionnaire=questionnaire,
        phase=phase,
        opens_on=opens_on,
        closes_on=closes_on,
        forms=forms,
        pairs=pairs,
        day=day,
    )
    audience = candidates(
        programme=programme,
        respondent=questionnaire.respondent,
        forms=forms,
        pairs=pairs,
        phase=phase,
        day=max(day, opens_on),
    )
    invited = [c for c in audience if c.has_consent]
    if not invited:
        raise ValidationError(
            "Некого опрашивать: в выбранных парах нет участников с действующим согласием."
            if audience
            else "Некого опрашивать: в выбранных формах и парах нет участников в этой роли."
        )
    campaign = Campaign.objects.create(
        programme=programme,
        questionnaire=questionnaire,
        title=title.strip() or questionnaire.title,
        phase=phase,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=user,
    )
    campaign.forms.set(forms)
    campaign.pairs.set(pairs)
    Invitation.objects.bulk_create(_invitation(campaign, c) for c in invited)
    return campaign


def _invitation(campaign: Campaign, candidate: Candidate) -> Invitation:
    return Invitation(
        campaign=campaign,
        respondent=candidate.respondent,
        person=candidate.person,
        user=candidate.user,
        pair=candidate.pair,
        form=candidate.form,
        variant=candidate.variant,
        token=new_link_token(),
    )


@transaction.atomic
def close_campaign(*, campaign: Campaign, user=None) -> Campaign:
    """End the window now: unsent drafts stay drafts and count nowhere."""
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if current.closed_at is not None:
        return current
    current.closed_at = timezone.now()
    current.version += 1
    current.save(update_fields=["closed_at", "version"])
    return current


def cancel_for_withdrawal(*, person, day: date, user) -> None:
    """A withdrawn consent: nobody asks the person any more. What they already answered stays for the
    reports (their name is erased by the withdrawal itself)."""
    Invitation.objects.filter(
        person=person, status__in=(Invitation.Status.WAITING, Invitation.Status.DRAFT)
    ).update(status=Invitation.Status.CANCELLED)
