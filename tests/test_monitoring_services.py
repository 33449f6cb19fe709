"""Monitoring's writes: the default set, revisions, campaigns and their audience, answering once."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from monitoring.models import Answer, Characteristic, Invitation, Question, Questionnaire, Response, Stage
from monitoring.services import characteristics, questionnaires
from monitoring.services.answering import AlreadyAnswered, field_name, save_answers
from participants.selectors.consents import today
from participants.services.consents import withdraw_consent
from tests.factories import give_consent, make_mentee, make_mentor, make_person
from tests.monitoring_factories import answer, answers_for, launch, questionnaire_of, world_invitation
from tests.pair_factories import make_pair, world_pair


def test_it_installs_the_default_set_on_a_new_programme(world):
    codes = set(Questionnaire.objects.filter(programme=world.programme).values_list("code", flat=True))
    assert {
        "process-mentor-student-student",
        "process-mentee-student-student",
        "process-mentor-teacher-teacher",
        "process-mentee-teacher-teacher",
        "process-mentor-teacher-student",
        "process-mentee-teacher-student",
        "process-curator",
        "impact-student",
        "impact-teacher",
    } == codes
    student = questionnaire_of(world.programme, "impact-student")
    measured = set(student.questions.values_list("characteristic__code", flat=True))
    assert {"engagement", "anxiety", "average_mark", "absences"} <= measured
    assert "confidence" not in measured
    mentee_sheet = questionnaire_of(world.programme, "process-mentee-teacher-student")
    assert mentee_sheet.is_anonymous
    kinds = set(mentee_sheet.questions.values_list("kind", flat=True))
    assert {"rating", "single", "yes_no", "text"} <= kinds


def test_it_freezes_an_answered_questionnaire_into_a_new_revision(world):
    invitation = world_invitation(world)
    answer(invitation)
    sheet = invitation.campaign.questionnaire
    question = sheet.questions.order_by("position").first()
    new = questionnaires.update_question(question=question, version=sheet.version, text="Новая формулировка")
    assert new.pk != sheet.pk and new.revision == 2 and new.previous == sheet
    sheet.refresh_from_db()
    assert not sheet.is_current
    question.refresh_from_db()
    assert question.text != "Новая формулировка"  # the old answers keep the question they answered
    assert new.questions.filter(text="Новая формулировка").count() == 1
    assert Answer.objects.filter(question__questionnaire=sheet).exists()
    with pytest.raises(ValidationError):
        questionnaires.update_question(question=question, version=new.version, text="Ещё")


def test_it_edits_an_unanswered_questionnaire_in_place(world):
    sheet = questionnaire_of(world.programme, "process-curator")
    same = questionnaires.add_question(
        questionnaire=sheet,
        version=sheet.version,
        kind=Question.Kind.SINGLE,
        text="Куда?",
        choices=["А", "Б"],
    )
    assert same.pk == sheet.pk and same.revision == 1
    with pytest.raises(ValidationError):
        questionnaires.add_question(
            questionnaire=sheet, version=sheet.version, kind="text", text="Старая форма"
        )


def test_it_refuses_an_anonymous_impact_questionnaire(world):
    sheet = questionnaire_of(world.programme, "impact-student")
    with pytest.raises(ValidationError):
        questionnaires.update_questionnaire(
            questionnaire=sheet, version=sheet.version, forms=sheet.forms.all(), is_anonymous=True
        )


def test_it_leaves_out_people_without_consent(world):
    world_pair(world)
    child = make_person(world.school, last_name="Без", first_name="Согласия", grade=9)
    give_consent(child)
    mentee = make_mentee(world.programme, child)
    teacher = make_person(world.school, kind="teacher", last_name="Другая")
    give_consent(teacher)
    pair = make_pair(world.programme, make_mentor(world.school, teacher), mentee, active=True)
    child.consents.update(withdrawn_on=today())
    campaign = launch(world.programme, "process-mentee-teacher-student", user=world.users["curator"])
    invited = set(campaign.invitations.values_list("person_id", flat=True))
    assert world.mentee_person.pk in invited and child.pk not in invited
    assert pair.pk  # the pair exists, its mentee is simply not asked


def test_it_records_one_answer_for_a_double_submit(world):
    invitation = world_invitation(world)
    answer(invitation)
    with pytest.raises(AlreadyAnswered):
        answer(invitation)
    assert Response.objects.filter(campaign=invitation.campaign, status="submitted").count() == 1


def test_it_cuts_an_anonymous_answer_from_the_person(world):
    invitation = world_invitation(world)
    response = answer(invitation)
    response.refresh_from_db()
    assert response.invitation is None and response.person is None and response.pair is None
    assert response.form == invitation.form
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SUBMITTED


def test_it_keeps_a_draft_and_demands_required_answers_on_send(world):
    invitation = world_invitation(world)
    sheet = invitation.campaign.questionnaire
    first = sheet.questions.order_by("position").first()
    save_answers(invitation=invitation, posted={field_name(first): "7"}, submit=False)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT
    with pytest.raises(ValidationError) as error:
        save_answers(invitation=invitation, posted={field_name(first): "7"}, submit=True)
    assert "Ответьте на этот вопрос." in str(error.value)
    with pytest.raises(ValidationError):
        save_answers(invitation=invitation, posted={field_name(first): "11"}, submit=False)
    assert Answer.objects.get(response__invitation=invitation).number == 7


def test_it_closes_answers_after_the_window(world):
    invitation = world_invitation(world)
    campaign = invitation.campaign
    campaign.opens_on, campaign.closes_on = date(2026, 9, 1), date(2026, 9, 10)
    campaign.save()
    with pytest.raises(ValidationError, match="закончился"):
        save_answers(invitation=invitation, posted=answers_for(campaign.questionnaire), submit=True)


def test_it_stops_asking_after_a_withdrawal_and_keeps_what_was_answered(world):
    invitation = world_invitation(world)
    mentor_invitation = world_invitation(world, "process-mentor-teacher-student")
    answer(mentor_invitation)
    withdraw_consent(
        consent=world.mentee_person.consents.get(),
        withdrawn_on=today(),
        reason="Отозвано",
        user=world.users["curator"],
    )
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.CANCELLED
    withdraw_consent(
        consent=world.mentor_person.consents.get(),
        withdrawn_on=today(),
        reason="Отозвано",
        user=world.users["curator"],
    )
    assert Response.objects.filter(campaign=mentor_invitation.campaign, status="submitted").count() == 1


def test_it_asks_stage_two_with_a_phase_only(world):
    world_pair(world)
    with pytest.raises(ValidationError):
        launch(world.programme, "impact-student")
    campaign = launch(world.programme, "impact-student", phase="entry")
    assert campaign.invitations.filter(person=world.mentee_person).exists()


def test_it_keeps_impact_questionnaires_in_step_with_the_measured_list(world):
    programme = world.programme
    keep = list(
        Characteristic.objects.filter(programme=programme, code__in=["engagement", "confidence"]).values_list(
            "pk", flat=True
        )
    )
    characteristics.set_measured(programme=programme, characteristic_ids=keep)
    student = questionnaire_of(programme, "impact-student")
    assert list(student.questions.values_list("characteristic__code", flat=True)) == ["engagement"]
    added = characteristics.add_characteristic(
        programme=programme, name="Читательская активность", audience="student", question_text="Сколько книг?"
    )
    student = questionnaire_of(programme, "impact-student")
    assert student.questions.filter(characteristic=added).exists()
    assert student.stage == Stage.IMPACT
