"""The demo programme's monitoring, both stages, answered through the services.

Needs from ctx.objects: "programme" (with the default questionnaire set, installed on its creation),
"users", "pairs" (pairs/demo.py: active pairs and a group in the three school forms).
Puts into ctx.objects: "campaigns" [Campaign] of the demo programme, oldest first.

The story, dated from the pairs' start and from ctx.today (loaded early in the year, the windows
squeeze into the days there are, but every finished one has closed before today):

- stage 2, entry: the mentees' diagnostics in the first days of the pairs' work, everyone answered;
- stage 1, finished about a week ago: feedback of the mentees and the mentors of each form, and the
  curator's questionnaire on the conditions. The troubled pair (a replacement request is pending)
  stays silent: its mentee never answered, its mentor left a draft unsent;
- stage 2, exit, closed a couple of days ago: everyone measured again (the answers are in
  monitoring/demo_answers.py);
- open now: a short mid-year feedback of the «учитель – ученик» form, waiting for the «mentee» and
  the «mentor» accounts (one mentee of the group has already answered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Min
from django.utils import timezone

from mentoring.demo_context import DemoContext
from mentoring.models import MentoringForm, Programme
from monitoring import demo_answers as say
from monitoring.models import Campaign, Invitation, Questionnaire, Respondent, Response
from monitoring.reference_data import SCHOOL_FORMS
from monitoring.services.answering import save_answers
from monitoring.services.campaigns import launch_campaign
from pairs.models import Pair, ReplacementRequest


@dataclass(frozen=True)
class Window:
    opens: date
    closes: date

    def day(self, offset: int) -> date:
        """A day of the window, `offset` days after it opens (the last day at most)."""
        return min(self.closes, self.opens + timedelta(days=max(0, offset)))


@dataclass(frozen=True)
class Timeline:
    entry: Window
    feedback: Window  # stage 1 and the curator's questionnaire
    exit: Window
    now: Window  # the campaign open today


def timeline(*, today: date, programme: Programme, pairs_start: date) -> Timeline:
    """The windows of the demo's campaigns; every one but ``now`` closed before today."""
    last = today - timedelta(days=1)
    base = max(programme.start_date, min(pairs_start, last - timedelta(days=4)))
    base = min(base, last)
    span = (last - base).days
    entry = Window(base, base + timedelta(days=min(10, round(span * 0.2))))
    feedback_closes = last - timedelta(days=min(6, span // 4))
    feedback = Window(
        max(entry.closes + timedelta(days=1 if span >= 4 else 0), feedback_closes - timedelta(days=14)),
        feedback_closes,
    )
    exit_closes = last - timedelta(days=1 if span >= 8 else 0)
    exit = Window(max(feedback.opens, exit_closes - timedelta(days=9)), exit_closes)
    now = Window(
        min(today, max(programme.start_date, today - timedelta(days=2))),
        max(today, min(programme.end_date, today + timedelta(days=12))),
    )
    return Timeline(entry=entry, feedback=feedback, exit=exit, now=now)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class Sent:
    invitation: Invitation
    response: Response
    day: date


def move_into_the_past(campaign: Campaign, window: Window, sent: list[Sent], rng) -> None:
    """Give a campaign answered today the past it has in the story.

    Why afterwards: launch_campaign refuses a window that has already closed, and save_answers takes an
    answer only while the window is open today. So a past campaign is launched with a window open
    today, answered through the services (validated, consent checked, anonymity applied), and only
    then moved: its window and creation to the past days, each sent answer to the day it was sent."""
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_on=window.opens, closes_on=window.closes, created_at=at(window.opens, 8, 10)
    )
    Invitation.objects.filter(campaign=campaign).update(created_at=at(window.opens, 8, 10))
    for item in sent:
        Response.objects.filter(pk=item.response.pk).update(submitted_on=item.day)
        Invitation.objects.filter(pk=item.invitation.pk).update(
            submitted_at=at(item.day, rng.randint(9, 20), rng.randint(0, 59))
        )


class _Monitoring:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.programme: Programme = ctx.objects["programme"]
        users = ctx.objects["users"]
        self.curator = users["curator"]
        self.accounts = {users["mentee"].pk, users["mentor"].pk}
        self.active = Pair.objects.filter(programme=self.programme, status=Pair.Status.ACTIVE)
        self.troubled = set(
            ReplacementRequest.objects.filter(
                member__pair__in=self.active, status=ReplacementRequest.Status.PENDING
            ).values_list("member__pair_id", flat=True)
        )
        forms = {form.code: form for form in self.programme.forms.all()}
        working = set(self.active.values_list("form__code", flat=True))
        self.forms: list[MentoringForm] = [forms[c] for c in SCHOOL_FORMS if c in forms and c in working]
        self.campaigns: list[Campaign] = []
        self.drafts = 0

    def load(self) -> None:
        if not self.forms:
            return
        start = self.active.aggregate(start=Min("start_date"))["start"]
        times = timeline(today=self.today, programme=self.programme, pairs_start=start)
        month = say.month_label
        form_ids = [f.pk for f in self.forms]
        impact = [q for q in self._sheets(stage=2) if q.forms.filter(pk__in=form_ids).exists()]
        for sheet in impact:
            who = "обучающиеся" if sheet.audience == "student" else "педагоги"
            self._past(sheet, f"Замер на входе: {who}, {month(times.entry.closes)}", times.entry, "entry")
        for form in self.forms:
            for side in (Respondent.MENTEE, Respondent.MENTOR):
                sheet = self._sheet(f"process-{side}-{form.code}")
                if sheet is not None:
                    title = f"{sheet.title} ({month(times.feedback.closes)})"
                    self._past(sheet, title, times.feedback, forms=[form])
        curator_sheet = self._sheet("process-curator")
        if curator_sheet is not None:
            title = f"{curator_sheet.title} ({month(times.feedback.closes)})"
            self._past(curator_sheet, title, times.feedback)
        for sheet in impact:
            who = "обучающиеся" if sheet.audience == "student" else "педагоги"
            self._past(sheet, f"Замер на выходе: {who}, {month(times.exit.closes)}", times.exit, "exit")
        self._open_now(times.now)
        self.ctx.objects["campaigns"] = self.campaigns
        self._summary()

    # --- questionnaires ---------------------------------------------------------------------------

    def _sheet(self, code: str) -> Questionnaire | None:
        return Questionnaire.objects.filter(programme=self.programme, code=code, is_current=True).first()

    def _sheets(self, *, stage: int) -> list[Questionnaire]:
        return list(
            Questionnaire.objects.filter(programme=self.programme, stage=stage, is_current=True).order_by(
                "audience", "pk"
            )
        )

    def _launch(self, sheet: Questionnaire, title: str, window: Window, phase: str, forms) -> Campaign:
        allowed = set(sheet.forms.values_list("pk", flat=True))
        campaign = launch_campaign(
            programme=self.programme,
            questionnaire=sheet,
            title=title,
            opens_on=window.opens,
            closes_on=window.closes,
            forms=forms if forms is not None else [f for f in self.forms if f.pk in allowed],
            phase=phase,
            user=self.curator,
        )
        self.campaigns.append(campaign)
        return campaign

    # --- who answers what --------------------------------------------------------------------------

    def _invitations(self, campaign: Campaign) -> list[Invitation]:
        return list(
            campaign.invitations.select_related("variant", "person").order_by(
                "form__order", "pair__pk", "person__last_name", "pk"
            )
        )

    def _posted(self, invitation: Invitation, phase: str, turns: dict) -> dict:
        """What the invitation's respondent answers; the n-th of the same kind gets turn n."""
        questions = list(invitation.campaign.questionnaire.questions.select_related("characteristic"))
        if invitation.respondent == Respondent.CURATOR:
            return say.curator_answers(questions)
        troubled = invitation.pair_id in self.troubled
        variant = invitation.variant.name if invitation.variant else ""
        key = (invitation.respondent, variant, troubled)
        turn = turns[key] = turns.get(key, -1) + 1
        if phase:
            story = say.impact_story(variant, troubled=troubled, turn=turn)
            return say.impact_answers(questions, story, exit=phase == Campaign.Phase.EXIT)
        voice = say.voice_for(invitation.respondent, variant, troubled=troubled)
        return say.process_answers(questions, voice, self.rng, turn=turn)

    def _past(
        self, sheet: Questionnaire, title: str, window: Window, phase: str = "", forms=None
    ) -> Campaign:
        """A finished campaign: launched today, answered, then moved into its window."""
        today = Window(self.today, self.today + timedelta(days=14))
        campaign = self._launch(sheet, title, today, phase, forms)
        sent, turns = [], {}
        for invitation in self._invitations(campaign):
            silent = not phase and invitation.pair_id in self.troubled
            if silent and invitation.respondent == Respondent.MENTEE:
                continue  # the troubled pair's mentee never answered the feedback
            if silent and invitation.respondent == Respondent.MENTOR:
                # ...and its mentor began the questionnaire and never sent it.
                voice = say.voice_for(Respondent.MENTOR, "", troubled=True)
                posted = say.draft_answers(list(sheet.questions.all()), voice, self.rng)
                save_answers(invitation=invitation, posted=posted, submit=False)
                self.drafts += 1
                continue
            response = save_answers(
                invitation=invitation, posted=self._posted(invitation, phase, turns), submit=True
            )
            sent.append(Sent(invitation, response, window.day(self._answer_offset(invitation, window))))
        move_into_the_past(campaign, window, sent, self.rng)
        return campaign

    def _answer_offset(self, invitation: Invitation, window: Window) -> int:
        """Most answer in the first days of the window; the curator fills theirs on its last day."""
        if invitation.respondent == Respondent.CURATOR:
            return (window.closes - window.opens).days
        return self.rng.choice((0, 1, 1, 2, 3, 5, 8))

    def _open_now(self, window: Window) -> None:
        """Mid-year feedback of the demo accounts' form, open today: they have not answered yet."""
        pair = self.active.filter(mentor__person__user__in=self.accounts).select_related("form").first()
        if pair is None:
            return
        for side in (Respondent.MENTEE, Respondent.MENTOR):
            sheet = self._sheet(f"process-{side}-{pair.form.code}")
            if sheet is None:
                continue
            title = f"{sheet.title} — промежуточный срез ({say.month_label(self.today)})"
            campaign = self._launch(sheet, title, window, "", [pair.form])
            others = [
                i
                for i in self._invitations(campaign)
                if i.user_id not in self.accounts and i.pair_id not in self.troubled
            ]
            if side == Respondent.MENTEE and others and window.opens < self.today:
                first = others[0]
                response = save_answers(invitation=first, posted=self._posted(first, "", {}), submit=True)
                day = self.today - timedelta(days=1)
                Response.objects.filter(pk=response.pk).update(submitted_on=day)
                Invitation.objects.filter(pk=first.pk).update(submitted_at=at(day, 19, 40))
            if window.opens < self.today:
                Campaign.objects.filter(pk=campaign.pk).update(created_at=at(window.opens, 8, 10))

    # --- summary ----------------------------------------------------------------------------------

    def _summary(self) -> None:
        ids = [c.pk for c in self.campaigns]
        answered = Response.objects.filter(campaign__in=ids, status=Response.Status.SUBMITTED).count()
        running = Campaign.objects.filter(pk__in=ids, closes_on__gte=self.today).count()
        finished = Invitation.objects.filter(campaign__in=ids, campaign__closes_on__lt=self.today).exclude(
            status=Invitation.Status.CANCELLED
        )
        invited = finished.count()
        share = (
            round(100 * finished.filter(status=Invitation.Status.SUBMITTED).count() / invited)
            if invited
            else 0
        )
        count = self.ctx.count
        self.ctx.summary.append(
            "Мониторинг: "
            f"{count(len(ids), ('опрос', 'опроса', 'опросов'))} (идёт сейчас {running}), "
            f"{count(answered, ('заполненная анкета', 'заполненные анкеты', 'заполненных анкет'))}, "
            f"в завершённых опросах ответили {share} % приглашённых, "
            f"начатых и не отправленных анкет: {self.drafts}; "
            "замеры на входе и на выходе у каждого наставляемого"
        )


def load(ctx: DemoContext) -> None:
    _Monitoring(ctx).load()


__all__ = ["load", "move_into_the_past", "timeline"]
