"""What the roadmap adds to the apps below it: a new programme's roadmap, passport and KPI table;
menus and the director's home."""

from __future__ import annotations

from mentoring.navigation import register_home_page, register_nav
from mentoring.roles import Role
from mentoring.services import register_programme_setup
from roadmap.services.setup import setup_programme

KEEPERS = (Role.CURATOR, Role.DIRECTOR)
GROUP = "Программа"

register_programme_setup(setup_programme)
register_home_page(role=Role.DIRECTOR, url_name="director_dashboard")
register_nav(
    label="Сводка программы", url_name="director_dashboard", roles=(Role.CURATOR,), order=11, group=GROUP
)
register_nav(label="Паспорт программы", url_name="passport", roles=KEEPERS, order=12, group=GROUP)
register_nav(label="Дорожная карта", url_name="roadmap", roles=KEEPERS, order=13, group=GROUP)
register_nav(label="План работы", url_name="work_plan", roles=KEEPERS, order=14, group=GROUP)
register_nav(label="Лучшие практики", url_name="case_list", roles=KEEPERS, order=15, group=GROUP)
register_nav(label="Награждение наставников", url_name="award_list", roles=KEEPERS, order=16, group=GROUP)
register_nav(
    label="Итоги и следующий год", url_name="programme_closing", roles=KEEPERS, order=17, group=GROUP
)
register_nav(label="План работы", url_name="work_plan", roles=(Role.MENTOR,), order=34)
register_nav(label="Мои пункты дорожной карты", url_name="roadmap_mine", roles=(Role.MENTOR,), order=35)
register_nav(label="Лучшие практики", url_name="case_list", roles=(Role.MENTOR,), order=36)
