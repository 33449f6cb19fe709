from django import forms

from mentoring.forms import DateInput
from mentoring.submissions import new_token
from participants.models import Mentee, MenteeCategory, Person, Topic
from participants.models.vocabulary import VocabularyEntry
from participants.services.people import PERSON_FIELDS

CONSENT_CHOICES = [("", "Все"), ("yes", "Есть согласие"), ("no", "Нет согласия")]


class FilterForm(forms.Form):
    """A list's filter row: Bootstrap classes on every widget, laid out by templates/_filters.html."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)

    def filters(self) -> dict:
        """The valid filters; a wrong value in the address is ignored rather than shown as an error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


class PersonFilterForm(FilterForm):
    q = forms.CharField(label="ФИО", required=False)
    kind = forms.ChoiceField(label="Кто", required=False, choices=[("", "Все")] + Person.Kind.choices)
    school_class = forms.CharField(label="Класс", required=False, help_text="Например, 8 или 8А")
    consent = forms.ChoiceField(label="Согласие", required=False, choices=CONSENT_CHOICES)
    sort = forms.ChoiceField(
        label="Сортировка",
        required=False,
        choices=[("name", "по ФИО"), ("class", "по классу"), ("kind", "по категории")],
    )


class MenteeFilterForm(FilterForm):
    q = forms.CharField(label="ФИО", required=False)
    school_class = forms.CharField(label="Класс", required=False)
    category = forms.ModelChoiceField(
        label="Категория", required=False, queryset=MenteeCategory.objects.none()
    )
    topic = forms.ModelChoiceField(label="Тема запроса", required=False, queryset=Topic.objects.none())
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "Все")] + Mentee.Status.choices)
    consent = forms.ChoiceField(label="Согласие", required=False, choices=CONSENT_CHOICES)
    sort = forms.ChoiceField(
        label="Сортировка",
        required=False,
        choices=[
            ("name", "по ФИО"),
            ("class", "по классу"),
            ("entry", "по дате вхождения"),
            ("status", "по статусу"),
        ],
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = MenteeCategory.objects.for_organisation(organisation)
        self.fields["topic"].queryset = Topic.objects.for_organisation(organisation)


class PersonForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        # What the service writes, but the journal's id: only imports fill that.
        fields = [name for name in PERSON_FIELDS if name != "external_id"]
        widgets = {"birth_date": DateInput()}
        help_texts = {
            "grade": "Только для обучающихся: параллель от 1 до 11.",
            "employer": "Для выпускников, родителей и партнёров: где работает или учится.",
            "representative_name": "Для несовершеннолетнего: кто подписывает согласие.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
            del self.fields["submit_token"]
        elif not self.is_bound:
            self.initial.setdefault("submit_token", new_token())


class MenteeCreateForm(forms.Form):
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    person = forms.ModelChoiceField(
        label="Обучающийся или педагог",
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": "Выберите человека из списка организации."},
    )
    entry_date = forms.DateField(label="Дата вхождения в программу", widget=DateInput())
    categories = forms.ModelMultipleChoiceField(
        label="Категории",
        required=False,
        queryset=MenteeCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    request_text = forms.CharField(label="Запрос", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.ModelMultipleChoiceField(
        label="Темы запроса",
        required=False,
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates
        self.fields["categories"].queryset = MenteeCategory.objects.for_organisation(organisation)
        self.fields["topics"].queryset = Topic.objects.for_organisation(organisation)
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())


class MenteeEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Mentee
        fields = [
            "entry_date",
            "status",
            "categories",
            "results",
            "case_links",
            "completion_date",
            "wants_to_mentor",
        ]
        widgets = {
            "entry_date": DateInput(),
            "completion_date": DateInput(),
            "categories": forms.CheckboxSelectMultiple,
            "results": forms.Textarea(attrs={"rows": 3}),
            "case_links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = MenteeCategory.objects.for_organisation(organisation)
        self.initial.setdefault("version", self.instance.version)
        # «Согласие отозвано» is the withdrawal's own status: never chosen here, never left here.
        withdrawn = self.instance.status == Mentee.Status.WITHDRAWN
        self.fields["status"].choices = [
            (value, label)
            for value, label in self.fields["status"].choices
            if (value == Mentee.Status.WITHDRAWN) == withdrawn
        ]


class RequestForm(forms.Form):
    text = forms.CharField(label="Запрос", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    topics = forms.ModelMultipleChoiceField(
        label="Темы", required=False, queryset=Topic.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.for_organisation(organisation)


class VocabularyEntryForm(forms.Form):
    name = forms.CharField(label="Название", max_length=200)
    audience = forms.ChoiceField(label="Для кого", choices=VocabularyEntry.Audience.choices)
