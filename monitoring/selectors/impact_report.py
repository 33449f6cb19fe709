"""The stage 2 report (impact): every characteristic at entry against exit.

Paired: a figure counts only people measured at both points, so a change is a change of the same
people. For each characteristic: how many were paired, the means, the mean change and the share who
improved, stayed or got worse (a drop is an improvement where lower is better: anxiety, absences);
per participant, per form, per role variant, per role and for the whole programme. The answers are
read in one query of plain tuples and paired in memory: no query per person."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mentoring.models import MentoringForm, Programme, RoleVariant
from monitoring import charts
from monitoring.models import Answer, Campaign, Characteristic, Respondent, Response, Stage
from monitoring.selectors.process_report import stage_campaigns
from participants.models import Person

EPSILON = 1e-9


@dataclass
class ChangeStat:
    characteristic: Characteristic
    entry_total: float = 0.0
    exit_total: float = 0.0
    improved: int = 0
    unchanged: int = 0
    worse: int = 0
    only_entry: int = 0
    only_exit: int = 0

    @property
    def n(self) -> int:
        return self.improved + self.unchanged + self.worse

    @property
    def entry(self) -> float | None:
        return self.entry_total / self.n if self.n else None

    @property
    def exit(self) -> float | None:
        return self.exit_total / self.n if self.n else None

    @property
    def change(self) -> float | None:
        return (self.exit_total - self.entry_total) / self.n if self.n else None

    def share(self, count: int) -> int:
        return round(100 * count / self.n) if self.n else 0

    @property
    def improved_share(self) -> int:
        return self.share(self.improved)

    @property
    def unchanged_share(self) -> int:
        return self.share(self.unchanged)

    @property
    def worse_share(self) -> int:
        return self.share(self.worse)

    def add(self, measurement: Measurement) -> None:
        way = measurement.direction
        if way is None:
            if measurement.entry is None:
                self.only_exit += 1
            else:
                self.only_entry += 1
            return
        self.entry_total += measurement.entry
        self.exit_total += measurement.exit
        if way > 0:
            self.improved += 1
        elif way < 0:
            self.worse += 1
        else:
            self.unchanged += 1


def direction(characteristic: Characteristic, entry: float, exit: float) -> int:
    """+1 better, 0 the same, −1 worse, whichever way is good for this characteristic."""
    delta = exit - entry
    if abs(delta) < EPSILON:
        return 0
    good = delta > 0 if characteristic.higher_is_better else delta < 0
    return 1 if good else -1


@dataclass
class Group:
    title: str
    stats: list[ChangeStat]

    @property
    def paired(self) -> int:
        return max((s.n for s in self.stats), default=0)

    @property
    def chart(self):
        rows = [
            charts.Change(
                s.characteristic.name,
                s.entry,
                s.exit,
                s.improved,
                s.unchanged,
                s.worse,
                10 if s.characteristic.kind == Characteristic.Kind.SCALE else max(s.entry, s.exit, 1),
            )
            for s in self.stats
            if s.n
        ]
        return charts.entry_exit(rows, title=f"Вход и выход: {self.title}") if rows else ""


@dataclass
class Section:
    title: str
    groups: list[Group]


@dataclass
class Measurement:
    characteristic: Characteristic
    entry: float | None
    exit: float | None
    # +1 / 0 / −1, or None without both points; worked out once, every group reads it.
    direction: int | None = field(init=False)

    def __post_init__(self):
        both = self.entry is not None and self.exit is not None
        self.direction = direction(self.characteristic, self.entry, self.exit) if both else None


@dataclass
class Participant:
    person: Person
    respondent: str
    form: str
    variant: str
    measurements: list[Measurement] = field(default_factory=list)

    @property
    def role_label(self) -> str:
        return Respondent(self.respondent).label


@dataclass
class ImpactReport:
    programme: Programme
    campaigns: list[Campaign]
    characteristics: list[Characteristic]
    programme_group: Group
    sections: list[Section]
    participants: list[Participant]

    @property
    def entry_campaigns(self) -> list[Campaign]:
        return [c for c in self.campaigns if c.phase == Campaign.Phase.ENTRY]

    @property
    def exit_campaigns(self) -> list[Campaign]:
        return [c for c in self.campaigns if c.phase == Campaign.Phase.EXIT]

    @property
    def paired_people(self) -> int:
        return sum(1 for p in self.participants if any(m.direction is not None for m in p.measurements))


def impact_report(programme: Programme, *, people=None) -> ImpactReport:
    """The whole programme, or only ``people`` (ids or a subquery of person ids): a mentor's mentees."""
    campaigns = stage_campaigns(programme, Stage.IMPACT)
    characteristics = list(programme.characteristics.order_by("audience", "position", "pk"))
    values: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
    meta: dict[int, tuple[str, int | None, int | None]] = {}
    answers = Answer.objects.all() if people is None else Answer.objects.filter(response__person__in=people)
    rows = (
        answers.filter(
            response__campaign__in=campaigns,
            response__status=Response.Status.SUBMITTED,
            response__person__isnull=False,
            question__characteristic__isnull=False,
            number__isnull=False,
        )
        .order_by("response_id")
        .values_list(
            "response__person_id",
            "response__campaign__phase",
            "question__characteristic_id",
            "number",
            "response__respondent",
            "response__form_id",
            "response__variant_id",
        )
    )
    # Ordered by response: a later measurement of the same phase replaces an earlier one, and the
    # person's form and variant are those of their latest answer.
    for person_id, phase, characteristic_id, number, respondent, form_id, variant_id in rows:
        values[(person_id, characteristic_id)][phase] = number
        meta[person_id] = (respondent, form_id, variant_id)

    forms = {f.pk: f.name for f in MentoringForm.objects.all()}
    variants = {v.pk: v.name for v in RoleVariant.objects.all()}
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(meta))}

    participants: dict[int, Participant] = {}
    for person_id, (respondent, form_id, variant_id) in meta.items():
        participant = Participant(
            people[person_id], respondent, forms.get(form_id, "—"), variants.get(variant_id, "—")
        )
        for characteristic in characteristics:
            found = values.get((person_id, characteristic.pk))
            if found:
                participant.measurements.append(
                    Measurement(
                        characteristic, found.get(Campaign.Phase.ENTRY), found.get(Campaign.Phase.EXIT)
                    )
                )
        participants[person_id] = participant

    def group(title: str, person_ids) -> Group:
        stats = {c.pk: ChangeStat(c) for c in characteristics}
        for person_id in person_ids:
            for measurement in participants[person_id].measurements:
                stats[measurement.characteristic.pk].add(measurement)
        return Group(title, [s for s in stats.values() if s.n or s.only_entry or s.only_exit])

    def grouped(title: str, key, names: dict) -> Section:
        members: dict = defaultdict(list)
        for person_id, info in meta.items():
            members[key(info)].append(person_id)
        groups = [group(names.get(k, "—"), ids) for k, ids in members.items()]
        return Section(title, sorted(groups, key=lambda g: g.title))

    roles = {r.value: r.label for r in Respondent}
    sections = [
        grouped("По формам наставничества", lambda info: info[1], forms),
        grouped("По вариантам ролевой модели", lambda info: info[2], variants),
        grouped("По ролям", lambda info: info[0], roles),
    ]
    ordered = sorted(participants.values(), key=lambda p: p.person.full_name)
    measured = {m.characteristic.pk for p in ordered for m in p.measurements}
    shown = [c for c in characteristics if c.pk in measured or c.is_measured]
    return ImpactReport(
        programme,
        campaigns,
        shown,
        group("Вся программа", list(meta)),
        sections,
        ordered,
    )
