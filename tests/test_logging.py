"""What the server's log shows: a refused request in one line, never a file's contents."""

import io
import logging

import pytest
from django.urls import reverse

from mentoring.log_filters import Shortened
from mentoring.roles import Role


@pytest.fixture
def server_log():
    """What the configured console handler (settings.LOGGING) writes, with its filters."""
    handler = next(
        handler
        for handler in logging.getLogger("django").handlers
        if any(isinstance(each, Shortened) for each in handler.filters)
    )
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


def test_it_logs_a_refused_request_in_one_line_without_a_traceback(client_for, world, server_log):
    response = client_for(world.users[Role.MENTEE]).get(reverse("import_upload"))
    assert response.status_code == 403
    assert server_log.getvalue().splitlines() == ["Forbidden (Permission denied): /import/"]


def test_it_logs_no_more_than_the_start_of_a_data_url(server_log):
    photo = "data:image/png;base64," + "iVBORw0KGgo" * 100_000
    logging.getLogger("weasyprint").warning("Failed to load image at %r", photo)
    written = server_log.getvalue()
    assert written.startswith("Failed to load image at 'data:image/png;base64,iVBORw0KGgo")
    assert "сообщение сокращено" in written
    assert len(written) < 1_000
