from django import forms

from mentoring.forms import DateInput, apply_errors
from mentoring.submissions import new_token
from participants.forms.bases import FilterForm
from participants.models import Mentor, Person, Topic
from participants.selectors.mentors import people_who_may_become_mentors, topics_for
from participants.services.mentors import MAX_CAPACITY, check_profile
from participants.services.mentors import PROFILE_FIELDS as SERVICE_PROFILE_FIELDS

YES_NO_ALL = [("", "Все"), ("yes", "Да"), ("no", "Нет")]


class MentorFilterForm(FilterForm):
    q = forms.CharField(label="ФИО", required=False)
    stage = forms.ChoiceField(label="Этап", required=False, choices=[("", "Все")] + Mentor.Stage.choices)
    contour = forms.ChoiceField(
        label="Контур", required=False, choices=[("", "Все")] + Mentor.Contour.choices
    )
    topic = forms.ModelChoiceField(
        label="Тема", required=False, queryset=Topic.objects.none(), empty_label="Все"
    )
    consent = forms.ChoiceField(
        label="Согласие",
        required=False,
        choices=[("", "Все"), ("yes", "Есть согласие"), ("no", "Нет согласия")],
    )
    readiness = forms.ChoiceField(
        label="Готовность",
        required=False,
        choices=[("", "Все"), ("ready", "Можно включать в пары"), ("not_ready", "Пока нельзя")],
    )
    future = forms.ChoiceField(label="Согласен на следующие программы", required=False, choices=YES_NO_ALL)
    sort = forms.ChoiceField(
        label="Сортировка",
        required=False,
        choices=[
            ("name", "по ФИО"),
            ("stage", "по этапу"),
            ("-capacity", "по числу наставляемых, сначала больше"),
            ("capacity", "по числу наставляемых, сначала меньше"),
            ("-name", "по ФИО, от Я до А"),
            ("-stage", "по этапу, с конца"),
        ],
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics_for(organisation)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        details = [person.get_kind_display()]
        if person.class_label:
            details.append(f"{person.class_label} класс")
        if person.position:
            details.append(person.position)
        return f"{person.full_name} — {', '.join(details)}"


PROFILE_WIDGETS = {
    "topics": forms.CheckboxSelectMultiple,
    "competences": forms.Textarea(attrs={"rows": 3}),
    "achievements": forms.Textarea(attrs={"rows": 3}),
    "interests": forms.Textarea(attrs={"rows": 2}),
}
# The service's profile fields, with the topics shown right after the contour.
PROFILE_FIELDS = [SERVICE_PROFILE_FIELDS[0], "topics", *SERVICE_PROFILE_FIELDS[1:]]


class MentorProfileForm(forms.ModelForm):
    class Meta:
        model = Mentor
        fields = PROFILE_FIELDS
        widgets = PROFILE_WIDGETS
        help_texts = {
            "competences": "Что умеет и чему может научить: предметы, навыки, опыт.",
            "capacity": f"От 1 до {MAX_CAPACITY}.",
            "agrees_district": "Наставника можно будет предлагать другим школам района.",
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics_for(organisation)
        self.fields["capacity"].widget.attrs.update(min=1, max=MAX_CAPACITY)
        for name in ("preferred_age_from", "preferred_age_to"):
            self.fields[name].widget.attrs.update(min=6, max=99)

    def clean(self):
        # The service's own rules, before the model's check constraints would word them in English.
        data = super().clean()
        try:
            check_profile({k: v for k, v in data.items() if k in SERVICE_PROFILE_FIELDS and k != "contour"})
        except forms.ValidationError as error:
            apply_errors(self, error)
        return data


class MentorCreateForm(MentorProfileForm):
    person = PersonChoiceField(
        label="Кто станет наставником",
        queryset=Person.objects.none(),
        empty_label="— выберите человека —",
        help_text="Обучающиеся, педагоги, родители, выпускники, представители партнёров, ещё не внесённые в базу.",
    )
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta(MentorProfileForm.Meta):
        fields = ["person", *PROFILE_FIELDS]

    def __init__(self, *args, organisation, people=None, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["person"].queryset = (
            people if people is not None else people_who_may_become_mentors(organisation)
        )
        self.fields["contour"].required = False
        self.fields["contour"].choices = [
            ("", "По тому, кто это (обучающиеся, педагоги, родители — внутренний)")
        ] + list(Mentor.Contour.choices)
        self.fields["contour"].help_text = "Выпускники и представители партнёров — внешний контур."
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())
            self.initial.setdefault("capacity", 1)


class MentorEditForm(MentorProfileForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)


class QuestionnaireForm(forms.Form):
    motivation = forms.CharField(
        label="Почему хочет стать наставником", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    experience = forms.CharField(
        label="Опыт наставничества, работы с детьми или коллегами",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expectations = forms.CharField(
        label="Чего ждёт от программы", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InterviewForm(forms.Form):
    interview_date = forms.DateField(label="Дата собеседования", widget=DateInput())
    interviewer = forms.CharField(
        label="Кто проводил",
        max_length=300,
        help_text="Например: куратор Петрова Е. А., педагог-психолог Смирнова О. В.",
    )
    interview_conclusion = forms.CharField(label="Заключение", widget=forms.Textarea(attrs={"rows": 4}))
