"""Awards of mentors: the curator nominates, the director decides, the approved award prints."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Programme
from participants.models import Consent
from roadmap.models import Award
from tests.factories import WORLD_READ_ONLY
from tests.pair_factories import world_pair


def _nominate(client, world, **values):
    data = {
        "mentor": world.mentor.pk,
        "kind": "certificate",
        "nomination": "Лучший наставник",
        "reason": "за подготовку наставляемого к олимпиаде по алгебре",
        "submit_token": "award-1",
    }
    data.update(values)
    return client.post(reverse("award_create"), data)


def _text(response) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split())


def test_it_nominates_once_and_the_director_approves_and_prints_a_certificate(world, client_for):
    world_pair(world)
    curator = client_for(world.users["curator"])
    assert _nominate(curator, world).status_code == 302
    assert _nominate(curator, world).status_code == 302
    award = Award.objects.get()
    assert award.status == "proposed"
    assert "Ждёт решения директора" in curator.get(reverse("award_list")).content.decode()
    assert curator.get(reverse("award_pdf", kwargs={"award_id": award.pk})).status_code == 404
    director = client_for(world.users["director"])
    director.post(reverse("award_decide", kwargs={"award_id": award.pk}), {"decision": "approve"})
    award.refresh_from_db()
    assert award.status == "approved" and award.decided_by == world.users["director"]
    pdf = director.get(reverse("award_pdf", kwargs={"award_id": award.pk}))
    text = _text(pdf)
    assert "ГРАМОТА" in text and "Соколова Ирина Викторовна" in text
    assert "«Лучший наставник»" in text and world.school.name in text


def test_it_writes_letters_of_thanks_to_parents_and_employers(world, client_for):
    world_pair(world)
    curator = client_for(world.users["curator"])
    refused = _nominate(curator, world, kind="letter_parents", addressee="Иван и Мария Соколовы")
    assert "Письмо родителям пишут родителям наставника-обучающегося." in refused.content.decode()
    missing = _nominate(curator, world, kind="letter_employer", submit_token="award-2")
    assert "Укажите, кому адресовано письмо." in missing.content.decode()
    _nominate(
        curator,
        world,
        kind="letter_employer",
        addressee="Директору ООО «Техносфера» П. П. Петрову",
        submit_token="award-3",
    )
    award = Award.objects.get()
    client_for(world.users["director"]).post(
        reverse("award_decide", kwargs={"award_id": award.pk}), {"decision": "approve"}
    )
    text = _text(curator.get(reverse("award_pdf", kwargs={"award_id": award.pk})))
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text and "ООО «Техносфера»" in text


def test_it_keeps_a_name_without_consent_off_a_certificate(world, client_for):
    world_pair(world)
    Consent.objects.filter(person=world.mentor_person).update(withdrawn_on="2026-11-01")
    response = _nominate(client_for(world.users["curator"]), world)
    assert "нет действующего согласия" in response.content.decode()
    assert not Award.objects.exists()


def test_it_leaves_the_decision_to_the_director(world, client_for):
    world_pair(world)
    curator = client_for(world.users["curator"])
    _nominate(curator, world)
    award = Award.objects.get()
    assert (
        curator.post(
            reverse("award_decide", kwargs={"award_id": award.pk}), {"decision": "approve"}
        ).status_code
        == 403
    )
    director = client_for(world.users["director"])
    director.post(
        reverse("award_decide", kwargs={"award_id": award.pk}),
        {"decision": "decline", "comment": "В следующем году"},
    )
    award.refresh_from_db()
    assert award.status == "declined"
    again = director.post(
        reverse("award_decide", kwargs={"award_id": award.pk}), {"decision": "approve"}, follow=True
    )
    assert "решение уже принято" in again.content.decode()
    assert client_for(world.users["mentor"]).get(reverse("award_list")).status_code == 403
    assert (
        client_for(world.users["outsider"])
        .get(reverse("award_pdf", kwargs={"award_id": award.pk}))
        .status_code
        == 404
    )


def test_it_changes_nothing_in_a_completed_programme(world, client_for):
    world_pair(world)
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    response = _nominate(client_for(world.users["curator"]), world)
    assert WORLD_READ_ONLY in response.content.decode()
    assert not Award.objects.exists()
