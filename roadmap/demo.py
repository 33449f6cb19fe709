"""The demo programme's roadmap, passport and work plan.

Needs from ctx.objects: "programme" (its roadmap and KPI table installed on its creation), "users".
The story, dated from ctx.today whatever day the demo is loaded: stages 1–5 are done, each with what
came of it (item 1.1 with the order attached); stage 6 is under way with two items overdue; stage 7 is
ahead. The mentor answers for two items. A third of the students attend clubs and sections, so the
third KPI has a denominator. The passport has targets for three years and is approved; the work plan
covers the school year (roadmap/demo_passport.py, roadmap/demo_workplan.py). Two awards are approved and
one waits for the director."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from mentoring.demo_context import DemoContext
from mentoring.pdf import render_pdf
from pairs.models import Pair
from participants.models import Person
from roadmap import demo_last_year
from roadmap.demo_cases import load_cases
from roadmap.demo_passport import load_passport
from roadmap.demo_workplan import load_work_plan
from roadmap.models import Award, RoadmapItem
from roadmap.services import awards
from roadmap.services.roadmap import add_evidence, add_item, update_item

RESULTS = {
    1: "Приказ и положение изданы, программу представили на педсовете и родительских собраниях.",
    2: "База наставляемых собрана, запросы сведены в карту, согласия собраны.",
    3: "База наставников: учителя школы, старшеклассники и выпускники, согласия собраны.",
    4: "Собеседования проведены, наставники прошли обучение из четырёх занятий.",
    5: "Пары и группы сформированы по итогам общей встречи и закреплены приказом.",
}


def _order_pdf(programme) -> SimpleUploadedFile:
    html = render_pdf(
        template_name="roadmap/demo_order.html",
        context={"programme": programme, "organisation": programme.organisation},
    )
    return SimpleUploadedFile("prikaz-o-vnedrenii.pdf", html, content_type="application/pdf")


def _awards(programme, curator, director) -> list:
    """The mentor's certificate and a student mentor's letter to the parents approved, one waiting."""
    active = Pair.objects.filter(programme=programme, status=Pair.Status.ACTIVE).select_related(
        "mentor__person"
    )
    mentors = {pair.mentor for pair in active}
    ordered = sorted(mentors, key=lambda m: (m.person.kind != Person.Kind.TEACHER, m.person.last_name))
    teacher = ordered[0]
    student = next((m for m in ordered if m.person.kind == Person.Kind.STUDENT), None)
    made = [
        awards.nominate(
            programme=programme,
            mentor=teacher,
            kind=Award.Kind.CERTIFICATE,
            nomination="Лучший наставник",
            reason="за подготовку наставляемого к муниципальному этапу олимпиады",
            user=curator,
        )
    ]
    if student:
        made.append(
            awards.nominate(
                programme=programme,
                mentor=student,
                kind=Award.Kind.LETTER_PARENTS,
                nomination="Наставник-ровесник",
                reason="за терпение и помощь младшим товарищам в освоении математики",
                addressee=student.person.representative_name or "родители",
                user=curator,
            )
        )
    for award in made:
        awards.decide(award=award, approve=True, user=director)
    waiting = next((m for m in ordered if m not in {teacher, student}), None)
    if waiting:
        made.append(
            awards.nominate(
                programme=programme,
                mentor=waiting,
                kind=Award.Kind.CERTIFICATE,
                nomination="Открытие года",
                user=curator,
            )
        )
    return made


def load(ctx: DemoContext) -> None:
    programme = ctx.objects["programme"]
    users = ctx.objects["users"]
    curator, director, mentor = users["curator"], users["director"], users["mentor"]
    today = ctx.today
    items = list(
        RoadmapItem.objects.filter(stage__programme=programme).select_related("stage", "responsible")
    )
    for item in items:
        who = {"Куратор программы": curator, "Директор": director}.get(item.responsible_name)
        fields = {
            "responsible": who or item.responsible,
            "responsible_name": "" if who else item.responsible_name,
        }
        number = item.stage.number
        if number <= 5:
            fields.update(
                status=RoadmapItem.Status.DONE, result_note=RESULTS[number] if item.position == 1 else ""
            )
        if item.title.startswith("Подбор материалов") or item.title.startswith("Регулярные встречи"):
            fields.update(responsible=mentor, responsible_name="")
        item = update_item(item=item, version=item.version, user=curator, **fields)
        if number <= 5:
            # Done by its deadline, or by now when the demo is loaded early in the year.
            RoadmapItem.objects.filter(pk=item.pk).update(done_on=min(item.due_on, today))
    stage_6 = {item.position: item for item in items if item.stage.number == 6}
    first = RoadmapItem.objects.get(pk=stage_6[1].pk)
    update_item(
        item=first,
        version=first.version,
        user=curator,
        status=RoadmapItem.Status.DONE,
        result_note="Все пары провели встречу-знакомство и пробную встречу.",
    )
    planning = RoadmapItem.objects.get(pk=stage_6[2].pk)
    update_item(
        item=planning,
        version=planning.version,
        user=curator,
        status=RoadmapItem.Status.IN_PROGRESS,
        by_month=False,
        starts_on=None,
        due_on=today - timedelta(days=6),
        result_note="Планы составлены не у всех пар.",
    )
    add_item(
        stage=first.stage,
        title="Методическое объединение наставников: обмен опытом первых месяцев",
        due_on=today - timedelta(days=12),
        by_month=False,
        responsible=curator,
        user=curator,
    )
    regular = RoadmapItem.objects.get(pk=stage_6[3].pk)
    update_item(item=regular, version=regular.version, user=curator, status=RoadmapItem.Status.IN_PROGRESS)
    order_item = next(item for item in items if item.stage.number == 1 and item.position == 1)
    add_evidence(
        item=order_item,
        title="Приказ о внедрении целевой модели наставничества",
        upload=_order_pdf(programme),
        user=curator,
    )
    students = Person.objects.filter(organisation=programme.organisation, kind=Person.Kind.STUDENT).order_by(
        "pk"
    )
    ids = list(students.values_list("pk", flat=True))[::3]
    Person.objects.filter(pk__in=ids).update(in_additional_education=True)

    awards = _awards(programme, curator, director)
    cases = load_cases(programme=programme, curator=curator, today=today)
    load_passport(programme=programme, curator=curator, director=director, today=today)
    events = load_work_plan(programme=programme, curator=curator, director=director, today=today)

    overdue = RoadmapItem.objects.filter(stage__programme=programme, due_on__lt=today).exclude(
        status=RoadmapItem.Status.DONE
    )
    count = ctx.count
    ctx.summary.append(
        "Дорожная карта: этапы 1–5 выполнены, этап 6 идёт, "
        f"{count(overdue.count(), ('пункт просрочен', 'пункта просрочено', 'пунктов просрочено'))}; "
        f"паспорт с целями на три года утверждён; в плане работы "
        f"{count(len(events), ('мероприятие', 'мероприятия', 'мероприятий'))}; "
        f"{count(len(awards), ('награждение', 'награждения', 'награждений'))} наставников (одно ждёт директора); "
        f"{count(len(cases), ('кейс', 'кейса', 'кейсов'))} лучших практик (один опубликован)"
    )
    demo_last_year.load(ctx)
