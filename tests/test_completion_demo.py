"""`manage.py load_demo`: last school year's programme is completed with results, cases, awards and its
closing report, and this year's programme was started from it."""

from __future__ import annotations

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Organisation, Programme, User
from pairs.models import MemberResult, Pair
from participants.models import Mentee
from roadmap.models import Award, Case, RoadmapItem


@pytest.fixture
def last_year(db) -> Programme:
    call_command("load_demo", stdout=StringIO())
    school = Organisation.objects.get(short_name="МБОУ СОШ № 7")
    return Programme.objects.get(organisation=school, status=Programme.Status.COMPLETED)


def test_it_started_this_years_programme_from_last_years_completed_one(last_year):
    current = Programme.objects.get(organisation=last_year.organisation, is_current=True)
    assert current.previous == last_year and current.status == Programme.Status.RUNNING
    assert last_year.completed_on and last_year.completed_on > last_year.end_date


def test_it_keeps_every_pair_of_last_year_completed_with_results(last_year):
    pairs = Pair.objects.filter(programme=last_year)
    assert pairs.count() >= 2 and not pairs.exclude(status=Pair.Status.COMPLETED).exists()
    assert MemberResult.objects.filter(member__pair__programme=last_year).exclude(mentee_word="").exists()
    mentees = Mentee.objects.filter(programme=last_year)
    assert all(m.status == Mentee.Status.COMPLETED and m.completion_date and m.results for m in mentees)
    assert (
        not RoadmapItem.objects.filter(stage__programme=last_year)
        .exclude(status=RoadmapItem.Status.DONE)
        .exists()
    )


def test_it_prints_last_years_closing_report_with_cases_and_awards(last_year, client):
    cases = Case.objects.filter(programme=last_year, status=Case.Status.PUBLISHED)
    awards = Award.objects.filter(programme=last_year, status=Award.Status.APPROVED).select_related(
        "mentor__person"
    )
    assert cases.count() == 2 and awards.count() == 2
    client.force_login(User.objects.get(username="director"))
    response = client.get(f"{reverse('closing_report_pdf')}?programme={last_year.pk}")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(response.content)).pages
    )
    assert last_year.name in text and cases.first().title[:20] in text
    assert awards.first().mentor.person.last_name in text
    assert "Завершившие программу молодые учителя готовы сами стать наставниками" in text
