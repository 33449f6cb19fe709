"""The staff administrator keeps organisations, accounts and roles in the admin."""

from django.urls import reverse

from mentoring.models import Membership, Organisation, User
from mentoring.roles import Role


def admin_client(client, world):
    staff = world.users[Role.STAFF]
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def user_with_role(world, role, organisation="", municipality=""):
    return {
        "username": "novikova",
        "last_name": "Новикова",
        "first_name": "Дарья",
        "middle_name": "Олеговна",
        "email": "novikova@example.com",
        "password1": "Крепкий-пароль-2026",
        "password2": "Крепкий-пароль-2026",
        "usable_password": "true",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-role": role,
        "memberships-0-organisation": organisation,
        "memberships-0-municipality": municipality,
    }


def test_it_creates_a_user_with_a_role_in_a_school(client, world):
    client = admin_client(client, world)
    response = client.post(
        reverse("admin:mentoring_user_add"), user_with_role(world, Role.CURATOR, organisation=world.school.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="novikova")
    assert user.get_full_name() == "Новикова Дарья Олеговна"
    assert list(Membership.objects.filter(user=user).values_list("role", "organisation")) == [
        (Role.CURATOR, world.school.pk)
    ]


def test_it_explains_a_role_given_in_the_wrong_place(client, world):
    client = admin_client(client, world)
    response = client.post(
        reverse("admin:mentoring_user_add"),
        user_with_role(world, Role.MUNICIPAL, organisation=world.school.pk),
    )
    assert response.status_code == 200
    assert "Роль муниципального куратора задаётся муниципалитетом" in response.content.decode()
    assert not User.objects.filter(username="novikova").exists()


def test_it_creates_an_organisation_in_a_district(client, world):
    client = admin_client(client, world)
    response = client.post(
        reverse("admin:mentoring_organisation_add"),
        {
            "municipality": world.district.pk,
            "name": "Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества»",
            "short_name": "МБУ ДО ДДТ",
            "kind": Organisation.Kind.CREATIVITY,
            "head_position": "Директор",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(short_name="МБУ ДО ДДТ", municipality=world.district).exists()
