"""Preferences after the common meeting: the curator's table and the lists entered by the curator
or by mentors and mentees themselves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.forms import apply_errors
from mentoring.models import Programme
from mentoring.plural import plural_ru
from mentoring.roles import Role
from pairs.forms.preferences import PreferenceForm, mentee_label, mentor_label
from pairs.models import Preference
from pairs.selectors import preferences as selectors
from pairs.services.preferences import set_preferences
from participants.models import Mentee, Mentor
from participants.selectors.consents import has_valid_consent
from participants.selectors.people import own_person

READERS = (Role.CURATOR, Role.DIRECTOR)
Side = Preference.Side
NO_CONSENT = (
    "У «{name}» нет действующего согласия на обработку персональных данных: "
    "предпочтения для него не записываются."
)


def _edit(request, *, programme: Programme, side: str, chooser, done_url: str, own: bool):
    """The form for one chooser's list; on success replaces the list and goes to ``done_url``."""
    if side == Side.MENTEE:
        options, labeler, words = (
            selectors.mentor_options(programme),
            mentor_label,
            "наставник,наставника,наставников",
        )
    else:
        options, labeler, words = (
            selectors.mentee_options(programme),
            mentee_label,
            "наставляемый,наставляемых,наставляемых",
        )
    name = chooser.person.full_name
    context = {"programme": programme, "side": side, "chooser": chooser, "own": own}
    if not has_valid_consent(chooser.person):
        context["problem"] = NO_CONSENT.format(name=name)
        return render(request, "pairs/preferences/form.html", context)
    chosen = selectors.chosen_ids(programme, side=side, chooser=chooser)
    form = PreferenceForm(request.POST or None, options=options, labeler=labeler, chosen=chosen)
    if request.method == "POST" and form.is_valid():
        choices = form.cleaned_data["choices"]
        try:
            set_preferences(
                programme=programme, side=side, chooser=chooser, choices=choices, user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            whose = "Ваши предпочтения" if own else f"Предпочтения «{name}»"
            if choices:
                n = len(choices)
                messages.success(request, f"{whose} сохранены: {n} {plural_ru(n, words)}.")
            else:
                messages.success(request, f"{whose} очищены.")
            return redirect(done_url)
    context.update(form=form, has_options=options.exists())
    return render(request, "pairs/preferences/form.html", context)


@allow(*READERS, methods=("GET",))
def preference_list(request):
    programme = request.access.programme
    table = selectors.preference_table(programme) if programme else None
    return render(request, "pairs/preferences/list.html", {"programme": programme, "table": table})


@allow(Role.CURATOR)
def preference_mentee(request, mentee_id: int):
    mentee = request.access.get(Mentee.objects.select_related("person", "programme"), pk=mentee_id)
    return _edit(
        request,
        programme=mentee.programme,
        side=Side.MENTEE,
        chooser=mentee,
        done_url=reverse("preference_list"),
        own=False,
    )


@allow(Role.CURATOR)
def preference_mentor(request, mentor_id: int):
    mentor = request.access.get(Mentor.objects.select_related("person"), pk=mentor_id)
    programme = request.access.programme
    if programme is None:
        return render(request, "pairs/preferences/form.html", {"chooser": mentor, "side": Side.MENTOR})
    return _edit(
        request,
        programme=programme,
        side=Side.MENTOR,
        chooser=mentor,
        done_url=reverse("preference_list"),
        own=False,
    )


def _own_chooser(access, programme: Programme | None, side: str) -> Mentee | Mentor | None:
    """The logged-in participant as a chooser: their mentee record in the programme, or their mentor
    record in the organisation; ``None`` when there is none (or no current programme)."""
    person = own_person(access)
    if programme is None or person is None:
        return None
    if side == Side.MENTEE:
        choosers = Mentee.objects.filter(programme=programme, person=person)
    else:
        choosers = Mentor.objects.filter(organisation=access.organisation, person=person)
    return choosers.select_related("person").first()


@allow(Role.MENTOR, Role.MENTEE)
def my_preferences(request):
    """A participant's own list for the current programme: a mentee names mentors, a mentor mentees."""
    programme = request.access.programme
    side = Side.MENTEE if request.access.role == Role.MENTEE else Side.MENTOR
    chooser = _own_chooser(request.access, programme, side)
    if chooser is None:
        return render(
            request,
            "pairs/preferences/form.html",
            {"programme": programme, "side": side, "own": True, "not_participant": True},
        )
    return _edit(
        request, programme=programme, side=side, chooser=chooser, done_url=reverse("my_preferences"), own=True
    )
