"""`manage.py benchmark`: monitoring's figures — a school answering both stages, then its reports."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management.base import OutputWrapper

from mentoring.benchmarking import Bench
from monitoring.benchmarks import build_monitoring_school, respondents_for, run
from monitoring.models import Campaign, Characteristic, Invitation, Questionnaire, Respondent, Response
from tests.test_pairs_benchmark import figures_of


@pytest.mark.django_db
def test_it_builds_both_stages_for_a_smaller_school():
    school = build_monitoring_school(respondents=40, questions=20, characteristics=20)
    counts = school.counts()

    assert counts["respondents"] == 40
    assert counts["stage1_answers"] == 40 * 20
    assert counts["stage2_people"] == 40
    assert counts["stage2_answers"] == 40 * 20 * 2
    programme = school.programme
    for sheet in Questionnaire.objects.filter(programme=programme, stage=1, campaigns__isnull=False).exclude(
        respondent=Respondent.CURATOR
    ):
        assert sheet.questions.count() == 20, sheet.code
        assert {"rating", "yes_no", "single", "text"} <= set(sheet.questions.values_list("kind", flat=True))
    for audience in ("student", "teacher"):
        measured = Characteristic.objects.filter(programme=programme, audience=audience, is_measured=True)
        assert measured.count() == 20
    for sheet in Questionnaire.objects.filter(
        programme=programme, stage=2, campaigns__isnull=False
    ).distinct():
        assert set(sheet.campaigns.values_list("phase", flat=True)) == {"entry", "exit"}
        assert sheet.questions.filter(characteristic__isnull=False).count() == 20
    # The shapes the services leave: anonymous mentees' answers cut from the person, the others not.
    sent = Response.objects.filter(campaign__programme=programme, status=Response.Status.SUBMITTED)
    anonymous = sent.filter(campaign__questionnaire__is_anonymous=True)
    assert anonymous.exists()
    assert not anonymous.exclude(person=None, pair=None, invitation=None).exists()
    assert not sent.filter(respondent=Respondent.MENTOR, person=None).exists()
    assert sent.filter(respondent=Respondent.CURATOR).count() == 1
    # Not every mentee answered the feedback: the response rate is below 100 %.
    invitations = Invitation.objects.filter(campaign__programme=programme, campaign__phase="")
    assert invitations.filter(status=Invitation.Status.WAITING).exists()
    assert Campaign.objects.filter(programme=programme).count() == len(school.campaigns)


def test_it_sizes_the_respondents_with_the_mentees_option():
    assert respondents_for(Bench(stdout=StringIO(), options={"mentees": 3000})) == 3000
    assert respondents_for(Bench(stdout=StringIO(), options={"mentees": 5000})) == 3000
    assert respondents_for(Bench(stdout=StringIO(), options={"mentees": 60})) == 60


@pytest.mark.django_db
def test_it_prints_the_monitoring_figures():
    out = StringIO()
    # As the command prints: one figure a line.
    run(Bench(stdout=OutputWrapper(out), options={"people": 100, "mentees": 30}, runs=1))
    text = out.getvalue()
    figures = figures_of(text)

    expected = {
        "build_monitoring_school": "s",
        "monitoring_campaigns": "campaigns",
        "monitoring_invitations": "invitations",
        "monitoring_respondents": "respondents",
        "monitoring_stage1_answers": "answers",
        "monitoring_stage2_people": "people",
        "monitoring_stage2_answers": "answers",
        "monitoring_report_process_server_time": "ms",
        "monitoring_report_process_queries": "queries",
        "monitoring_report_impact_server_time": "ms",
        "monitoring_report_impact_queries": "queries",
        "monitoring_campaign_detail_queries": "queries",
        "monitoring_report_process_pdf_time": "s",
        "monitoring_report_process_pdf_size": "KB",
        "monitoring_report_impact_pdf_time": "s",
        "monitoring_process_answers_xlsx_size": "KB",
        "monitoring_impact_measurements_xlsx_size": "KB",
    }
    for name, unit in expected.items():
        assert figures[name][1] == unit, name
    assert figures["monitoring_respondents"][0] == 30
    assert figures["monitoring_stage1_answers"][0] == 30 * 20
    assert figures["monitoring_stage2_answers"][0] == 30 * 20 * 2


@pytest.mark.django_db
def test_it_reads_the_reports_in_the_same_number_of_queries_at_any_size():
    counted = {}
    for mentees in (12, 48):
        out = StringIO()
        run(Bench(stdout=OutputWrapper(out), options={"mentees": mentees}, runs=1))
        figures = figures_of(out.getvalue())
        assert figures["monitoring_respondents"][0] == mentees
        counted[mentees] = {
            page: figures[f"monitoring_{page}_queries"][0]
            for page in ("report_process", "report_impact", "campaign_list", "campaign_detail")
        }
    # A fixed number of aggregate queries, not one per person: four times the school, the same count.
    assert counted[12] == counted[48]
    assert max(counted[48].values()) <= 22
