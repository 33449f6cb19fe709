"""Reminders by e-mail, sent by ``python manage.py send_reminders`` (cron runs it once a day).

Three letters, in Russian:

- to a mentor, once a day: the overdue rows of their mentees' plans (accepted, not done, the deadline
  before the day, the mentee still in the pair); key — the day, e.g. ``2026-11-25``;
- to a mentor, on the eve: tomorrow's planned meetings, one letter listing them; key — the meeting
  (``meeting:<id>``), so a meeting is reminded once ever, even if it is moved to another day later;
- to each curator of an organisation with a current programme, once per ISO week (on the first run
  of the week): the overview's flags — the count per flag and the flagged pairs as pair № + mentor +
  flags, nothing about the children. Only when at least one pair is flagged: a quiet week sends
  nothing and records nothing, so a flag that appears on Thursday still gets that week's digest;
  key — the week and the organisation (``2026-W48:7``), as one user may be curator of two schools.

Only working pairs count: active, in a programme that is not completed, of an organisation that
works in the system. Letters go to the account's address (``User.email``) of an active account; a
mentor without an account or an address is skipped and counted in the report.

Each letter is its own transaction: the ``SentReminder`` rows are inserted first, then the letter is
sent, then the transaction commits. So a second run (even one at the same moment: the unique
constraint makes its insert wait and then fail) never sends the same letter again, and a letter
whose sending fails leaves no row behind and goes out on the next run. The one gap left is a letter
sent whose commit then fails: it would be sent again — a duplicate rather than a lost reminder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Membership, Programme, User
from mentoring.plural import plural_ru
from mentoring.roles import Role
from pairs.models import Meeting, Pair, PairMember, PlanRow, SentReminder
from pairs.selectors.work import FLAGS, flag_counts, flags_of, overview_pairs, start_of_day
from participants.selectors.consent_records import short_name

logger = logging.getLogger(__name__)

# The digest lists at most this many flagged pairs; the rest are on the overview page.
DIGEST_LIMIT = 100
FOOTER = "Письмо отправлено автоматически системой «Наставничество», отвечать на него не нужно."


@dataclass
class ReminderReport:
    """What one run did. ``*_letters`` count letters sent; ``skipped`` — addressees with something to
    tell but no account or e-mail address; ``failed`` — letters the mail server refused (retried on
    the next run)."""

    overdue_letters: int = 0
    overdue_rows: int = 0
    meeting_letters: int = 0
    meetings: int = 0
    digest_letters: int = 0
    failed: int = 0
    # Who had something to read but no address: a mentor (``mentor:<id>``) or a curator (``user:<id>``).
    unreachable: set[str] = field(default_factory=set)

    @property
    def skipped(self) -> int:
        return len(self.unreachable)

    @property
    def sent(self) -> int:
        return self.overdue_letters + self.meeting_letters + self.digest_letters

    def summary(self) -> str:
        """One Russian line for the command's output (and cron's mail)."""
        parts = [
            f"Отправлено {_count(self.sent, 'письмо,письма,писем')}: "
            f"о просроченных строках планов — {self.overdue_letters} "
            f"({_count(self.overdue_rows, 'строка,строки,строк')}), "
            f"о завтрашних встречах — {self.meeting_letters} "
            f"({_count(self.meetings, 'встреча,встречи,встреч')}), "
            f"еженедельных сводок кураторам — {self.digest_letters}."
        ]
        if self.skipped:
            parts.append(f"Пропущено без адреса электронной почты: {self.skipped}.")
        if self.failed:
            parts.append(
                f"Не отправлено из-за ошибки почты: {_count(self.failed, 'письмо,письма,писем')} "
                "(будут отправлены при следующем запуске)."
            )
        return " ".join(parts)


def send_reminders(*, day: date, connection=None) -> ReminderReport:
    """Send the day's reminders and the week's digests that have not been sent yet.

    Not atomic as a whole on purpose: every letter commits on its own (see the module's docstring),
    so a failure in the middle keeps what was sent and retries only the rest.
    """
    report = ReminderReport()
    mailer = _Mailer(connection or get_connection())
    try:
        _send_overdue(day=day, mailer=mailer, report=report)
        _send_meetings(day=day, mailer=mailer, report=report)
        _send_digests(day=day, mailer=mailer, report=report)
    finally:
        mailer.close()
    return report


# --- who and what -----------------------------------------------------------------------------------


def working_pairs() -> QuerySet:
    """Pairs and groups whose work the reminders are about."""
    return Pair.objects.filter(status=Pair.Status.ACTIVE, programme__organisation__is_active=True).exclude(
        programme__status=Programme.Status.COMPLETED
    )


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def meeting_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}"


def _reachable(user: User | None) -> bool:
    return user is not None and user.is_active and bool(user.email.strip())


def _mentor_user(pair: Pair) -> User | None:
    return pair.mentor.person.user


def _count(number: int, forms: str) -> str:
    return f"{number} {plural_ru(number, forms)}"


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def _address(user: User) -> str:
    """«Ирина Викторовна» — how a Russian letter addresses a colleague."""
    return " ".join(p for p in (user.first_name, user.middle_name) if p) or user.get_full_name()


def _pair_label(pair: Pair) -> str:
    if pair.is_group:
        return f"Группа «{pair.name}» № {pair.pk}" if pair.name else f"Группа № {pair.pk}"
    return f"Пара № {pair.pk}"


def _letter(*, user: User, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(f"pairs/email/{template}", {"name": _address(user), "footer": FOOTER, **context})
    body = body.strip() + "\n"
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email.strip()],
        # RFC 3834: auto-replies («I am on holiday») should not answer a robot.
        headers={"Auto-Submitted": "auto-generated"},
    )


# --- sending once -----------------------------------------------------------------------------------


class _Mailer:
    """One connection to the mail server for the run, opened by the first letter (a day with nothing
    to send does not connect at all) and opened anew after a failure."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.opened = False  # by us: a connection the caller opened is theirs to close
        # Set when the server could not be reached: the rest of the run does not try (and wait) again.
        self.unreachable = False

    def send(self, message: EmailMessage) -> None:
        if not self.opened:
            try:
                self.opened = bool(self.connection.open())
            except Exception:
                self.unreachable = True
                raise
        message.connection = self.connection
        message.send()

    def close(self) -> None:
        if not self.opened:
            return
        self.opened = False
        try:
            self.connection.close()
        except Exception:
            logger.warning("Соединение с почтовым сервером закрылось с ошибкой", exc_info=True)


def _deliver(
    *,
    user: User,
    kind: str,
    keys: Sequence[str],
    compose: Callable[[list[str]], EmailMessage],
    mailer: _Mailer,
    report: ReminderReport,
) -> list[str]:
    """Record ``keys`` for ``user``, then send the letter ``compose`` makes of the keys recorded;
    the keys another run recorded first are left out. Returns the keys the letter went out for."""
    if mailer.unreachable:
        report.failed += 1
        return []
    try:
        with transaction.atomic():
            claimed = []
            for key in keys:
                try:
                    with transaction.atomic():
                        SentReminder.objects.create(user=user, kind=kind, key=key)
                except IntegrityError:
                    continue  # another run has just sent it
                claimed.append(key)
            if claimed:
                mailer.send(compose(claimed))
    except Exception:
        # The rows are rolled back with the transaction: the next run tries again.
        logger.exception("Напоминание (%s) пользователю %s не отправлено", kind, user.pk)
        report.failed += 1
        mailer.close()  # a broken connection is opened anew by the next letter
        return []
    return claimed


def _already_sent(kind: str, keys: Sequence[str]) -> set[tuple[int, str]]:
    return set(SentReminder.objects.filter(kind=kind, key__in=list(keys)).values_list("user_id", "key"))


# --- overdue plan rows ------------------------------------------------------------------------------


def overdue_rows(day: date) -> QuerySet:
    return (
        PlanRow.objects.filter(
            plan__member__pair__in=working_pairs(),
            plan__member__is_open=True,
            status=PlanRow.Status.ACCEPTED,
            done=False,
            deadline__lt=day,
        )
        .select_related("plan__member__mentee__person", "plan__member__pair__mentor__person__user")
        .order_by("plan__member__pair_id", "plan__member_id", "deadline", "position", "pk")
    )


def _send_overdue(*, day: date, mailer: _Mailer, report: ReminderReport) -> None:
    key = day.isoformat()
    by_user: dict[int, tuple[User, list[PlanRow]]] = {}
    for row in overdue_rows(day):
        pair = row.plan.member.pair
        user = _mentor_user(pair)
        if not _reachable(user):
            report.unreachable.add(f"mentor:{pair.mentor_id}")
            continue
        by_user.setdefault(user.pk, (user, []))[1].append(row)
    sent = _already_sent(SentReminder.Kind.OVERDUE, [key])
    for user, rows in by_user.values():
        if (user.pk, key) in sent:
            continue

        def compose(claimed: list[str], user=user, rows=rows) -> EmailMessage:
            return _overdue_letter(user=user, rows=rows, day=day)

        if _deliver(
            user=user,
            kind=SentReminder.Kind.OVERDUE,
            keys=[key],
            compose=compose,
            mailer=mailer,
            report=report,
        ):
            report.overdue_letters += 1
            report.overdue_rows += len(rows)


def _overdue_letter(*, user: User, rows: list[PlanRow], day: date) -> EmailMessage:
    plans: dict[int, dict] = {}
    for row in rows:
        member = row.plan.member
        plan = plans.setdefault(
            row.plan_id,
            {
                "pair": _pair_label(member.pair),
                "mentee": short_name(member.mentee.person.full_name),
                "url": _url("plan_detail", plan_id=row.plan_id),
                "rows": [],
            },
        )
        late = (day - row.deadline).days
        plan["rows"].append(
            {"task": row.task, "deadline": row.deadline, "late": _count(late, "день,дня,дней")}
        )
    if len(rows) == 1:
        intro = (
            f"На {day:%d.%m.%Y} в индивидуальном плане вашего наставляемого не отмечена выполненной "
            "строка с истёкшим сроком:"
        )
    else:
        intro = (
            f"На {day:%d.%m.%Y} в индивидуальных планах ваших наставляемых не отмечены выполненными "
            f"строки с истёкшим сроком (всего {len(rows)}):"
        )
    return _letter(
        user=user,
        subject=f"Просроченные строки в планах наставляемых: {len(rows)}",
        template="overdue.txt",
        context={
            "day": day,
            "intro": intro,
            "plans": list(plans.values()),
            "desk_url": _url("mentor_desk"),
        },
    )


# --- tomorrow's meetings ----------------------------------------------------------------------------


def tomorrows_meetings(day: date) -> QuerySet:
    """Planned meetings that start on the next day, by the local clock."""
    tomorrow = day + timedelta(days=1)
    members = PairMember.objects.filter(is_open=True).select_related("mentee__person").order_by("pk")
    return (
        Meeting.objects.filter(
            pair__in=working_pairs(),
            status=Meeting.Status.PLANNED,
            starts_at__gte=start_of_day(tomorrow),
            starts_at__lt=start_of_day(tomorrow + timedelta(days=1)),
        )
        .select_related("pair__mentor__person__user")
        .prefetch_related(Prefetch("pair__members", queryset=members, to_attr="open_members"))
        .order_by("starts_at", "pk")
    )


def _send_meetings(*, day: date, mailer: _Mailer, report: ReminderReport) -> None:
    by_user: dict[int, tuple[User, list[Meeting]]] = {}
    for meeting in tomorrows_meetings(day):
        user = _mentor_user(meeting.pair)
        if not _reachable(user):
            report.unreachable.add(f"mentor:{meeting.pair.mentor_id}")
            continue
        by_user.setdefault(user.pk, (user, []))[1].append(meeting)
    sent = _already_sent(
        SentReminder.Kind.MEETING, [meeting_key(m) for _, meetings in by_user.values() for m in meetings]
    )
    for user, meetings in by_user.values():
        waiting = {meeting_key(m): m for m in meetings if (user.pk, meeting_key(m)) not in sent}
        if not waiting:
            continue

        def compose(claimed: list[str], user=user, waiting=waiting) -> EmailMessage:
            return _meeting_letter(user=user, meetings=[waiting[key] for key in claimed], day=day)

        claimed = _deliver(
            user=user,
            kind=SentReminder.Kind.MEETING,
            keys=list(waiting),
            compose=compose,
            mailer=mailer,
            report=report,
        )
        if claimed:
            report.meeting_letters += 1
            report.meetings += len(claimed)


def _meeting_letter(*, user: User, meetings: list[Meeting], day: date) -> EmailMessage:
    tomorrow = day + timedelta(days=1)
    items = []
    for meeting in meetings:
        pair = meeting.pair
        items.append(
            {
                "time": timezone.localtime(meeting.starts_at),
                "kind": meeting.get_kind_display(),
                "format": meeting.get_format_display().lower(),
                "topic": meeting.topic,
                "pair": _pair_label(pair),
                "mentees": ", ".join(short_name(m.mentee.person.full_name) for m in pair.open_members),
                "url": _url("pair_detail", pair_id=pair.pk),
            }
        )
    if len(meetings) == 1:
        first: datetime = items[0]["time"]
        subject = f"Завтра, {tomorrow:%d.%m.%Y}, в {first:%H:%M}: {items[0]['kind'].lower()}"
        intro = f"Напоминаем: завтра, {tomorrow:%d.%m.%Y}, у вас запланирована встреча:"
    else:
        planned = _count(len(meetings), "встреча,встречи,встреч")
        subject = f"Завтра, {tomorrow:%d.%m.%Y}: {planned}"
        intro = f"Напоминаем: завтра, {tomorrow:%d.%m.%Y}, у вас запланировано {planned}:"
    return _letter(
        user=user,
        subject=subject,
        template="meetings.txt",
        context={
            "tomorrow": tomorrow,
            "intro": intro,
            "meetings": items,
            "desk_url": _url("mentor_desk"),
        },
    )


# --- the curator's weekly digest --------------------------------------------------------------------


def _flagged(pairs: QuerySet) -> QuerySet:
    return pairs.filter(reduce(or_, (Q(**{f"flag_{flag.code}": True}) for flag in FLAGS)))


def _send_digests(*, day: date, mailer: _Mailer, report: ReminderReport) -> None:
    week = week_key(day)
    programmes = list(
        Programme.objects.filter(is_current=True, organisation__is_active=True)
        .exclude(status=Programme.Status.COMPLETED)
        .select_related("organisation")
        .order_by("organisation__short_name", "pk")
    )
    keys = {programme.pk: f"{week}:{programme.organisation_id}" for programme in programmes}
    sent = _already_sent(SentReminder.Kind.DIGEST, list(keys.values()))
    curators: dict[int, list[User]] = {}
    memberships = Membership.objects.filter(
        role=Role.CURATOR,
        organisation__in=[p.organisation_id for p in programmes],
        user__is_active=True,
    ).select_related("user")
    for membership in memberships.order_by("user__last_name", "user_id"):
        curators.setdefault(membership.organisation_id, []).append(membership.user)
    for programme in programmes:
        key = keys[programme.pk]
        waiting = [u for u in curators.get(programme.organisation_id, []) if (u.pk, key) not in sent]
        if not waiting:
            continue
        digest = _digest(programme, day=day)
        if digest is None:
            continue  # a quiet week so far: nothing sent, nothing recorded
        for user in waiting:
            if not _reachable(user):
                report.unreachable.add(f"user:{user.pk}")
                continue

            def compose(claimed: list[str], user=user, digest=digest) -> EmailMessage:
                return _letter(user=user, template="digest.txt", **digest)

            if _deliver(
                user=user,
                kind=SentReminder.Kind.DIGEST,
                keys=[key],
                compose=compose,
                mailer=mailer,
                report=report,
            ):
                report.digest_letters += 1


def _digest(programme: Programme, *, day: date) -> dict | None:
    """The subject and context of the programme's digest, or None when no pair is flagged."""
    pairs = list(
        _flagged(overview_pairs(programme, day=day))
        .select_related("mentor__person")
        .order_by("pk")[: DIGEST_LIMIT + 1]
    )
    if not pairs:
        return None
    counts = flag_counts(programme, day=day)
    total = overview_pairs(programme, day=day).count()
    flagged = (
        _flagged(overview_pairs(programme, day=day)).count() if len(pairs) > DIGEST_LIMIT else len(pairs)
    )
    listed = [
        {
            "label": _pair_label(pair),
            "mentor": pair.mentor.person.full_name,
            "flags": "; ".join(flag.label.lower() for flag in flags_of(pair)),
            "url": _url("pair_detail", pair_id=pair.pk),
        }
        for pair in pairs[:DIGEST_LIMIT]
    ]
    school = programme.organisation.short_name
    monday = day - timedelta(days=day.weekday())
    attention = _count(flagged, "пара требует,пары требуют,пар требуют")
    return {
        "subject": f"Сводка о работе пар, {school}: {attention} внимания",
        "context": {
            "school": school,
            "programme": programme.name,
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "day": day,
            "total": total,
            "flagged": flagged,
            "counts": [(flag.label, n) for flag, n in counts if n],
            "pairs": listed,
            "more": flagged - len(listed),
            "overview_url": _url("work_overview"),
        },
    }
