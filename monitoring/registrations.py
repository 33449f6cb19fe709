"""What monitoring adds to the apps below it: the default set on a new programme, what a withdrawn
consent does to invitations, menus, home figures and the mentor's desk panel."""

from __future__ import annotations

from mentoring.services import register_programme_setup
from monitoring.services.campaigns import cancel_for_withdrawal
from monitoring.services.setup import setup_programme
from participants import hooks

register_programme_setup(setup_programme)
hooks.register_withdrawal(cancel_for_withdrawal)
