"""What `manage.py load_demo` hands to each app's `demo.load(ctx)`.

Apps are loaded in INSTALLED_APPS order, so an app finds in `ctx.objects` whatever the apps
before it put there (the core puts the schools, the programmes and the accounts; see
mentoring/demo.py for the keys) and adds what the apps after it will need.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, TextIO

from mentoring.plural import plural_ru

DEFAULT_SEED = 2026
DEMO_PASSWORD = "demo"
DEMO_URL = "http://127.0.0.1:8000/"
DEMO_USERNAMES = ("curator", "director", "mentor", "mentee", "municipal", "admin")


class DemoLogin(NamedTuple):
    username: str
    role: str
    description: str


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    stdout: TextIO
    objects: dict[str, Any] = field(default_factory=dict)
    # The accounts worth trying first: printed as a table at the end.
    logins: list[DemoLogin] = field(default_factory=list)
    # Further accounts, printed as one line each.
    more_logins: list[str] = field(default_factory=list)
    # Lines of the closing summary, one or more per app, in loading order.
    summary: list[str] = field(default_factory=list)

    @property
    def school_year(self) -> int:
        """The year the current school year started in: it starts on 1 September."""
        return self.today.year if self.today.month >= 9 else self.today.year - 1

    def count(self, number: int, forms: tuple[str, str, str]) -> str:
        """«1 организация», «3 организации», «25 учеников»."""
        return f"{number} {plural_ru(number, forms)}"
