"""The demo school's programme of the last school year, «Шаг навстречу», filled and closed through the
services: a group of fifth-graders with a senior student and two young teachers with their mentors,
each mentee's result and word, two cases, approved awards, the roadmap done; then the programme is
closed. This year's programme «Путь к успеху!» was started from it (mentoring/demo.py links them).

Needs from ctx.objects: "previous_programme", "mentors", "users", "account_people".
"""

from __future__ import annotations

from datetime import date, timedelta

from mentoring.demo_context import DemoContext
from mentoring.models import Programme, RoleVariant
from monitoring.services.swot import save_swot
from pairs.models import Pair, PairEvent, PairMember
from pairs.services.formation import form_pair, open_load
from pairs.services.lifecycle import activate_pair, complete_pair
from pairs.services.results import add_mentee_word, record_result
from participants.models import Consent, Mentee, Mentor, Person
from participants.selectors.consents import with_consent_flag
from participants.services.mentees import add_mentee
from roadmap.models import Award, Case, RoadmapItem
from roadmap.services import awards
from roadmap.services.cases import create_case, publish_case
from roadmap.services.completion import complete_programme
from roadmap.services.roadmap import update_item

Kind = Person.Kind

# (outcome, what the mentor wrote, the mentee's word or "")
RESULTS = [
    (
        "met",
        "Освоился в средней школе: знает кабинеты и учителей, сам ведёт дневник и расписание; "
        "тревожность на уроках, по наблюдению классного руководителя, ушла ко второй четверти.",
        "Сначала было страшно, что учителей много. Теперь я сам показываю новеньким, где что.",
    ),
    (
        "partly",
        "Стал увереннее отвечать на уроках, с расписанием справляется; с домашними заданиями по "
        "математике ещё нужна помощь — договорились продолжить в новом году.",
        "",
    ),
    (
        "met",
        "Провела 6 открытых уроков, разработала рабочую программу по обществознанию для 8 класса, "
        "прошла аттестацию на первую квалификационную категорию.",
        "Наставник помогла не растеряться в первый год: каждая встреча давала ответ на вопрос недели.",
    ),
    (
        "met",
        "Освоила электронный журнал и работу с родителями, подготовила класс к городскому конкурсу "
        "чтецов (два призёра).",
        "Поняла, как выстраивать дисциплину без крика, и перестала бояться родительских собраний.",
    ),
]


def load(ctx: DemoContext) -> None:
    programme: Programme = ctx.objects["previous_programme"]
    users = ctx.objects["users"]
    curator, director = users["curator"], users["director"]
    start = programme.start_date + timedelta(days=30)
    end = programme.end_date - timedelta(days=11)
    pairs = _pairs(ctx, programme, curator, director, start, end)
    _results(pairs, end)
    cases = _cases(programme, pairs, curator, ctx.today)
    for pair in pairs:
        complete_pair(pair=pair, end_date=end, results=_summary(pair), user=curator)
    approved = _awards(programme, pairs, curator, director)
    _roadmap_done(programme, curator)
    save_swot(programme=programme, version=0, user=curator, **SWOT)
    complete_programme(programme=programme, user=director, day=programme.end_date + timedelta(days=10))
    _history_dates(programme, pairs, start, end)
    ctx.summary.append(
        f"Программа прошлого года «{programme.name}» завершена: "
        f"{ctx.count(len(pairs), ('пара или группа', 'пары и группы', 'пар и групп'))} с результатами, "
        f"{ctx.count(len(cases), ('кейс', 'кейса', 'кейсов'))}, "
        f"{ctx.count(len(approved), ('награждение', 'награждения', 'награждений'))}, итоговый отчёт; "
        "от неё начата текущая программа"
    )


def _ready_mentors(ctx: DemoContext) -> list[Mentor]:
    ready = with_consent_flag(
        Mentor.objects.filter(pk__in=[m.pk for m in ctx.objects["mentors"]], stage=Mentor.Stage.READY),
        person_path="person_id",
    )
    account = ctx.objects["account_people"]["mentor"].pk
    return [
        m
        for m in ready.select_related("person").order_by("pk")
        if m.has_consent and m.person_id != account and open_load(m) < m.capacity
    ]


def _people(programme: Programme, *, kind: str, grades=(), exclude=()) -> list[Person]:
    people = with_consent_flag(
        Person.objects.filter(organisation=programme.organisation, kind=kind).exclude(pk__in=list(exclude))
    )
    if grades:
        people = people.filter(grade__in=grades)
    people = [p for p in people.order_by("pk") if p.has_consent and not p.is_pseudonymised]
    # Rather someone who is neither a mentor nor a mentee this year: last year's work is done.
    busy = set(Mentor.objects.filter(person__in=people).values_list("person_id", flat=True))
    busy |= set(
        Mentee.objects.filter(person__in=people, programme__is_current=True).values_list(
            "person_id", flat=True
        )
    )
    return sorted(people, key=lambda p: p.pk in busy)


def _mentee(programme: Programme, person: Person, curator) -> Mentee:
    return add_mentee(programme=programme, person=person, entry_date=programme.start_date, user=curator)


def _pairs(ctx, programme, curator, director, start, end) -> list[Pair]:
    forms = {form.code: form for form in programme.forms.all()}
    mentors = _ready_mentors(ctx)
    seniors = [m for m in mentors if m.person.kind == Kind.STUDENT and (m.person.grade or 0) >= 8]
    senior = max(seniors, key=lambda m: (m.capacity - open_load(m), m.person.grade))
    teachers = [m for m in mentors if m.person.kind == Kind.TEACHER][:2]
    fifth = _people(programme, kind=Kind.STUDENT, grades=(6,))[: min(2, senior.capacity - open_load(senior))]
    young = _people(programme, kind=Kind.TEACHER)[:2]

    def variant(form: str, name: str) -> RoleVariant:
        return RoleVariant.objects.get(form=forms[form], name=name)

    made = [
        form_pair(
            programme=programme,
            mentor=senior,
            mentees=[_mentee(programme, p, curator) for p in fifth],
            form=forms["student-student"],
            variant=variant("student-student", "Адаптированный – неадаптированный"),
            start_date=start,
            planned_end_date=end,
            name="Добро пожаловать в 5 класс" if len(fifth) > 1 else "",
            kind=Pair.Kind.GROUP if len(fifth) > 1 else Pair.Kind.PAIR,
            user=curator,
        )
    ]
    for mentor, person in zip(teachers, young, strict=False):
        made.append(
            form_pair(
                programme=programme,
                mentor=mentor,
                mentees=[_mentee(programme, person, curator)],
                form=forms["teacher-teacher"],
                variant=variant("teacher-teacher", "Новичок – мастер"),
                start_date=start,
                planned_end_date=end,
                user=curator,
            )
        )
    for pair in made:
        activate_pair(
            pair=pair, day=ctx.today, text="Приказ № 98-од о закреплении наставнических пар", user=director
        )
    fixed = Pair.objects.filter(pk__in=[p.pk for p in made]).select_related("mentor__person")
    return list(fixed.order_by("pk"))


def _results(pairs: list[Pair], end: date) -> None:
    members = PairMember.objects.filter(pair__in=pairs).select_related("mentee").order_by("pair_id", "pk")
    for member, (outcome, achieved, word) in zip(members, RESULTS, strict=False):
        result = record_result(
            member=member,
            outcome=outcome,
            achieved=achieved,
            version=0,
            user=None,
            day=end - timedelta(days=3),
        )
        if word:
            add_mentee_word(
                member=member,
                word=word,
                wants_to_mentor=member.mentee.person.kind == Kind.TEACHER,
                version=result.version,
                user=None,
                day=end - timedelta(days=2),
            )


SWOT = {
    "strengths": "Все пары довели работу до итоговой встречи; наставники-педагоги — опытные учителя школы.",
    "weaknesses": "Мало наставников среди старшеклассников; анкеты обратной связи не проводились.",
    "opportunities": "Завершившие программу молодые учителя готовы сами стать наставниками.",
    "threats": "Нагрузка опытных учителей в конце года: встречи переносились.",
    "conclusion": "Продолжить программу в новом учебном году, добавить форму «учитель – ученик» и "
    "провести мониторинг в два этапа.",
}

CASES = [
    {
        "title": "Старшеклассник — проводник по средней школе",
        "problem": (
            "В пятом классе у ребят впервые много учителей и кабинетов; на первых неделях они терялись, "
            "опаздывали на уроки и боялись спрашивать."
        ),
        "actions": (
            "Десятиклассник провёл экскурсию по школе, составил с пятиклассниками карту кабинетов, раз в "
            "неделю разбирал с ними расписание и домашние задания, а перед первыми контрольными "
            "рассказал, как к ним готовиться."
        ),
        "result": (
            "К концу первой четверти опоздания прекратились, пятиклассники сами ведут дневник, "
            "а на анкете адаптации их тревожность снизилась."
        ),
        "quotes": "Наставляемый: «Теперь я сам показываю новеньким, где что».",
    },
    {
        "title": "Первый год в профессии без выгорания",
        "problem": (
            "Молодой учитель пришёл в школу после вуза: много бумажной работы, трудный класс, нет "
            "опыта разговоров с родителями."
        ),
        "actions": (
            "Наставник посещала уроки молодого коллеги и разбирала их вместе с ним, помогла составить "
            "рабочую программу, вместе готовились к родительским собраниям; раз в месяц — "
            "открытый урок наставника."
        ),
        "result": (
            "Молодой учитель провёл шесть открытых уроков, прошёл аттестацию на первую категорию "
            "и остался работать в школе."
        ),
        "quotes": "Наставляемый: «Каждая встреча давала ответ на вопрос недели».",
    },
]


def _cases(programme: Programme, pairs: list[Pair], curator, today: date) -> list[Case]:
    """Two published cases: the student pair's and a young teacher's; everyone in them agreed."""
    made = []
    for pair, text in zip(pairs, CASES, strict=False):
        people = [pair.mentor.person_id, *pair.members.values_list("mentee__person_id", flat=True)]
        Consent.objects.filter(person_id__in=people).update(allows_publication=True)
        case = create_case(programme=programme, pair=pair, user=curator, **text)
        made.append(publish_case(case=case, user=curator, day=today))
    return made


def _summary(pair: Pair) -> str:
    if pair.is_group:
        return "Пятиклассники привыкли к средней школе; один продолжит заниматься математикой с наставником."
    return "Первый год в профессии пройден: молодой педагог работает самостоятельно и остаётся в школе."


def _awards(programme: Programme, pairs: list[Pair], curator, director) -> list[Award]:
    group = pairs[0]
    teacher_pair = pairs[1]
    made = [
        awards.nominate(
            programme=programme,
            mentor=teacher_pair.mentor,
            kind=Award.Kind.CERTIFICATE,
            nomination="Лучший наставник молодого педагога",
            reason="за помощь молодому учителю в первый год работы",
            user=curator,
        ),
        awards.nominate(
            programme=programme,
            mentor=group.mentor,
            kind=Award.Kind.LETTER_PARENTS,
            nomination="Наставник года среди обучающихся",
            reason="за поддержку пятиклассников в адаптации к средней школе",
            addressee="родителям",
            user=curator,
        ),
    ]
    return [awards.decide(award=award, approve=True, user=director) for award in made]


def _roadmap_done(programme: Programme, curator) -> None:
    items = RoadmapItem.objects.filter(stage__programme=programme).order_by("stage__number", "position")
    for item in items:
        update_item(item=item, version=item.version, user=curator, status=RoadmapItem.Status.DONE)
    RoadmapItem.objects.filter(stage__programme=programme).update(done_on=programme.end_date)


def _history_dates(programme: Programme, pairs: list[Pair], start: date, end: date) -> None:
    # The services stamp today's date where the past year's day is meant: the demo puts it back.
    PairEvent.objects.filter(pair__in=pairs, kind=PairEvent.Kind.FORMED).update(day=start - timedelta(days=7))
    PairEvent.objects.filter(pair__in=pairs, kind=PairEvent.Kind.ORDERED).update(
        day=start - timedelta(days=1)
    )
    Award.objects.filter(programme=programme).update(
        nominated_on=end - timedelta(days=5), decided_on=end - timedelta(days=1)
    )
    Case.objects.filter(programme=programme, status=Case.Status.PUBLISHED).update(published_on=end)
