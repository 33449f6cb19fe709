"""What the roadmap adds to the apps below it: a new programme's roadmap, passport and KPI table;
menus and the director's home."""

from __future__ import annotations

from mentoring.services import register_programme_setup
from roadmap.services.setup import setup_programme

register_programme_setup(setup_programme)
