"""The filled-in examples a curator downloads from the upload page, and that they import as they are."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from mentoring.roles import Role
from participants.importing import preview_import

SAMPLES = {
    "students": ("Список обучающихся", 2),
    "staff": ("Список сотрудников", 2),
    "mentees": ("База наставляемых", 1),
    "mentors": ("База наставников", 1),
}


@pytest.mark.parametrize("kind", SAMPLES)
def test_it_hands_out_a_sample_that_imports_as_it_is(client_for, world, kind):
    label, rows = SAMPLES[kind]
    response = client_for(world.users[Role.CURATOR]).get(reverse("import_sample", args=[kind]))
    assert response.status_code == 200
    assert f"Образец — {label.lower()}.xlsx" in unquote(response["Content-Disposition"])
    preview = preview_import(organisation=world.school, programme=world.programme, file=response.content)
    assert preview.errors == []
    assert preview.kind == kind and preview.kind_detected
    assert preview.to_create + preview.to_update == rows


def test_it_links_the_samples_from_the_upload_page(client_for, world):
    page = client_for(world.users[Role.CURATOR]).get(reverse("import_upload")).content.decode()
    for kind in SAMPLES:
        assert reverse("import_sample", args=[kind]) in page


def test_it_has_no_sample_of_an_unknown_list(client_for, world):
    response = client_for(world.users[Role.CURATOR]).get(reverse("import_sample", args=["passwords"]))
    assert response.status_code == 404
