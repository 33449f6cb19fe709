from django.db import models


class Role(models.TextChoices):
    CURATOR = "curator", "Куратор"
    DIRECTOR = "director", "Директор"
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"
    MUNICIPAL = "municipal", "Муниципальный куратор"
    STAFF = "staff", "Администратор системы"


# Roles held in an organisation; the municipal curator's role is held in a district,
# and "staff" comes from the account itself.
ORGANISATION_ROLES = (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.MENTEE)
# When a person holds several roles, the home page starts with the first of these.
ROLE_PRIORITY = (Role.STAFF, Role.MUNICIPAL, Role.DIRECTOR, Role.CURATOR, Role.MENTOR, Role.MENTEE)
