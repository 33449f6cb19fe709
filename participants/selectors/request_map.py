"""The request map (карта запросов): what mentees ask for, by topic and category, against the
ready mentors who cover each topic. The gaps are whom stage 3 must recruit."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from mentoring.models import Programme
from participants.models import Mentee, MenteeCategory, MenteeRequest, Mentor, Topic
from participants.selectors.consents import with_consent_flag


@dataclass
class TopicRow:
    topic: Topic | None
    mentees: int
    requests: int
    by_category: list[int]
    ready_mentors: int = 0
    ready_capacity: int = 0
    in_training: int = 0

    # Filled by request_map(): the categories of the programme, to pair with by_category.
    category_list: tuple = ()

    @property
    def categories(self) -> list[tuple]:
        """(category, mentees) for the categories that ask for help with this topic."""
        return [(c, n) for c, n in zip(self.category_list, self.by_category, strict=True) if n]

    @property
    def is_gap(self) -> bool:
        return self.mentees > 0 and self.ready_mentors == 0

    @property
    def short_of_places(self) -> bool:
        return self.ready_mentors > 0 and self.ready_capacity < self.mentees


@dataclass
class RequestMap:
    categories: list[MenteeCategory]
    rows: list[TopicRow]
    mentees_total: int
    requests_total: int

    @property
    def gaps(self) -> list[TopicRow]:
        return [r for r in self.rows if r.is_gap]


def request_map(programme: Programme | None) -> RequestMap:
    if programme is None:
        return RequestMap([], [], 0, 0)
    organisation = programme.organisation
    requests = MenteeRequest.objects.filter(mentee__programme=programme)
    categories = list(
        MenteeCategory.objects.filter(
            pk__in=Mentee.objects.filter(programme=programme).values("categories")
        ).order_by("order", "name")
    )
    category_index = {c.pk: i for i, c in enumerate(categories)}
    # One row per (topic, category) pair: distinct mentees and requests.
    cells = (
        requests.values("topics", "mentee__categories")
        .annotate(mentees=Count("mentee", distinct=True))
        .order_by()
    )
    per_topic = {
        row["topics"]: row
        for row in requests.values("topics")
        .annotate(mentees=Count("mentee", distinct=True), requests=Count("pk", distinct=True))
        .order_by()
    }
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=[k for k in per_topic if k is not None])}
    # A ready mentor whose consent lapsed cannot be paired: the map must not count them as cover.
    mentors = with_consent_flag(Mentor.objects.filter(organisation=organisation), person_path="person_id")
    ready = Q(stage=Mentor.Stage.READY, has_consent=True)
    coverage = {
        row["topics"]: row
        for row in mentors.filter(topics__isnull=False)
        .values("topics")
        .annotate(
            ready=Count("pk", filter=ready, distinct=True),
            capacity=Sum("capacity", filter=ready),
            training=Count(
                "pk",
                filter=Q(stage__in=[Mentor.Stage.CANDIDATE, Mentor.Stage.INTERVIEWED, Mentor.Stage.TRAINED]),
                distinct=True,
            ),
        )
        .order_by()
    }
    rows: dict[int | None, TopicRow] = {}
    for topic_id, totals in per_topic.items():
        cover = coverage.get(topic_id, {})
        rows[topic_id] = TopicRow(
            topic=topics.get(topic_id),
            mentees=totals["mentees"],
            requests=totals["requests"],
            by_category=[0] * len(categories),
            ready_mentors=cover.get("ready") or 0,
            ready_capacity=cover.get("capacity") or 0,
            in_training=cover.get("training") or 0,
            category_list=tuple(categories),
        )
    for cell in cells:
        index = category_index.get(cell["mentee__categories"])
        if index is not None and cell["topics"] in rows:
            rows[cell["topics"]].by_category[index] = cell["mentees"]
    ordered = sorted(
        rows.values(),
        key=lambda r: (r.topic is None, not r.is_gap, -r.mentees, r.topic.name if r.topic else ""),
    )
    return RequestMap(
        categories=categories,
        rows=ordered,
        mentees_total=requests.values("mentee").distinct().count(),
        requests_total=requests.count(),
    )
