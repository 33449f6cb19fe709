"""`manage.py load_demo`: the demo programme's monitoring — what the curator, the mentor and the mentee
find in the questionnaires, the campaigns and the reports of both stages."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db.models import Avg
from django.utils import timezone

from mentoring.models import Programme, User
from monitoring.demo import timeline
from monitoring.models import Answer, Campaign, Invitation, Respondent, Response, Stage
from pairs.models import Pair

SCHOOL_FORMS = ("student-student", "teacher-teacher", "teacher-student")
USEFULNESS = "Насколько полезной для вас оказалась программа наставничества?"


@pytest.fixture
def demo(db) -> Programme:
    call_command("load_demo", stdout=StringIO())
    return Programme.objects.get(organisation__short_name="МБОУ СОШ № 7", is_current=True)


def finished(programme: Programme):
    return Campaign.objects.filter(programme=programme, closes_on__lt=timezone.localdate())


def submitted(**filters):
    return Response.objects.filter(status=Response.Status.SUBMITTED, **filters)


def test_it_runs_finished_stage_one_campaigns_with_answers_in_every_form(demo):
    for form in SCHOOL_FORMS:
        for side in (Respondent.MENTEE, Respondent.MENTOR):
            campaigns = finished(demo).filter(
                questionnaire__stage=Stage.PROCESS, questionnaire__respondent=side, forms__code=form
            )
            assert campaigns.exists(), (form, side)
            assert submitted(campaign__in=campaigns, form__code=form).exists(), (form, side)
    # The mentees' feedback is anonymous: nothing ties a sent answer to the child.
    anonymous = submitted(campaign__in=finished(demo), campaign__questionnaire__is_anonymous=True)
    assert anonymous.exists()
    assert not anonymous.filter(person__isnull=False).exists()
    assert not anonymous.filter(pair__isnull=False).exists()
    assert not anonymous.filter(invitation__isnull=False).exists()


def test_it_has_the_curators_questionnaire_answered_by_the_curator_account(demo):
    curator = User.objects.get(username="curator")
    invitation = Invitation.objects.get(
        campaign__in=finished(demo), campaign__questionnaire__code="process-curator", user=curator
    )
    assert invitation.status == Invitation.Status.SUBMITTED
    response = invitation.response
    assert response.answers.count() == invitation.campaign.questionnaire.questions.count()
    assert response.answers.filter(text__contains="расписание").exists()


def test_it_measures_at_least_five_mentees_at_entry_and_at_exit(demo):
    entry = finished(demo).filter(phase=Campaign.Phase.ENTRY)
    exit = finished(demo).filter(phase=Campaign.Phase.EXIT)
    assert entry.exists() and exit.exists()
    at_entry = set(submitted(campaign__in=entry).values_list("person_id", flat=True))
    at_exit = set(submitted(campaign__in=exit).values_list("person_id", flat=True))
    assert len(at_entry & at_exit) >= 5
    # The entry was taken at the start of the pairs' work, the exit recently.
    start = min(Pair.objects.filter(programme=demo, status="active").values_list("start_date", flat=True))
    assert min(c.opens_on for c in entry) >= min(start, demo.start_date)
    assert max(c.closes_on for c in entry) < min(c.opens_on for c in exit)
    assert (timezone.localdate() - max(c.closes_on for c in exit)).days <= 7


def test_the_answers_differ_between_forms_variants_and_people(demo):
    usefulness = dict(
        submitted(campaign__programme=demo, respondent=Respondent.MENTEE)
        .filter(answers__question__text=USEFULNESS)
        .values_list("form__code")
        .annotate(mean=Avg("answers__number"))
    )
    assert usefulness["teacher-student"] > usefulness["student-student"]

    def change(code: str) -> dict[int, float]:
        values = {}
        for answer in Answer.objects.filter(
            response__campaign__programme=demo,
            response__status=Response.Status.SUBMITTED,
            question__characteristic__code=code,
        ).select_related("response__campaign"):
            entry, leave = values.get(answer.response.person_id, (None, None))
            if answer.response.campaign.phase == Campaign.Phase.ENTRY:
                entry = answer.number
            else:
                leave = answer.number
            values[answer.response.person_id] = (entry, leave)
        return {
            person: leave - entry for person, (entry, leave) in values.items() if None not in (entry, leave)
        }

    anxiety = change("anxiety")
    assert len(set(anxiety.values())) > 2  # it falls more for some than for others
    assert min(anxiety.values()) <= -4
    assert any(delta < 0 for delta in change("engagement").values())  # one mentee slid back
    assert any(delta > 0 for delta in change("engagement").values())


def test_it_leaves_a_campaign_open_for_the_mentee_and_the_mentor_accounts(demo):
    today = timezone.localdate()
    for username in ("mentee", "mentor"):
        invitation = Invitation.objects.get(
            campaign__programme=demo,
            campaign__opens_on__lte=today,
            campaign__closes_on__gte=today,
            person__user__username=username,
        )
        assert invitation.status == Invitation.Status.WAITING
        assert invitation.campaign.is_open_on(today)
    # The account's earlier answers are there too: the mentee took both diagnostics.
    mentee_answers = Invitation.objects.filter(
        person__user__username="mentee", status=Invitation.Status.SUBMITTED
    )
    assert {i.campaign.phase for i in mentee_answers} >= {"entry", "exit"}


def test_not_everyone_answered_and_one_draft_stays_unsent(demo):
    invitations = Invitation.objects.filter(campaign__in=finished(demo))
    answered = invitations.filter(status=Invitation.Status.SUBMITTED).count()
    assert 0 < answered < invitations.count()
    assert invitations.filter(status=Invitation.Status.WAITING).exists()
    assert Response.objects.filter(campaign__programme=demo, status=Response.Status.DRAFT).count() == 1
    assert invitations.filter(status=Invitation.Status.DRAFT).count() == 1


def test_every_finished_answer_is_dated_inside_its_window_before_today(demo):
    today = timezone.localdate()
    for campaign in finished(demo):
        assert campaign.opens_on <= campaign.closes_on < today
        assert campaign.created_at.date() <= campaign.opens_on
        for day in submitted(campaign=campaign).values_list("submitted_on", flat=True):
            assert campaign.opens_on <= day <= campaign.closes_on, campaign
        for moment in campaign.invitations.exclude(submitted_at=None).values_list("submitted_at", flat=True):
            assert campaign.opens_on <= timezone.localtime(moment).date() <= campaign.closes_on


def test_it_names_the_monitoring_in_the_summary(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if "Мониторинг:" in line)
    assert "опрос" in line and "заполненн" in line


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 9, 1),
        date(2026, 9, 3),
        date(2026, 9, 20),
        date(2026, 10, 6),
        date(2026, 12, 2),
        date(2027, 5, 20),
        date(2027, 7, 15),
    ],
)
def test_the_windows_have_closed_before_today_on_any_day_of_the_school_year(today):
    programme = SimpleNamespace(start_date=date(2026, 9, 1), end_date=date(2027, 8, 31))
    # As pairs/demo.py dates them: a month into the year, or tomorrow when the demo loads earlier.
    pairs_start = max(programme.start_date, min(today, date(2026, 9, 30))) + timedelta(days=1)
    times = timeline(today=today, programme=programme, pairs_start=pairs_start)

    for window in (times.entry, times.feedback, times.exit):
        assert window.opens <= window.closes
        assert window.closes < today
    assert times.entry.closes <= times.feedback.opens or today <= date(2026, 9, 5)
    assert times.feedback.opens <= times.exit.opens
    assert times.now.opens <= today <= times.now.closes
    if today >= date(2026, 10, 6):
        assert times.entry.opens == pairs_start  # the entry is taken when the pairs start
        assert (today - times.feedback.closes).days <= 7
        assert (today - times.exit.closes).days <= 2
