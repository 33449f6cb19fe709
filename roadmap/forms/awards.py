from django import forms

from mentoring.forms import SubmitOnceForm
from roadmap.models import Award
from roadmap.selectors.awards import nominees


class MentorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.person.full_name


class AwardForm(SubmitOnceForm):
    mentor = MentorChoice(label="Наставник", queryset=None, empty_label="— выберите наставника —")
    kind = forms.ChoiceField(label="Документ", choices=Award.Kind.choices)
    nomination = forms.CharField(label="Номинация", max_length=200, initial="Лучший наставник")
    reason = forms.CharField(
        label="За что",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «за подготовку наставляемого к муниципальной олимпиаде по математике».",
    )
    addressee = forms.CharField(
        label="Кому адресовано письмо",
        max_length=300,
        required=False,
        help_text="Для письма родителям — их имена; работодателю — организация и её руководитель.",
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = nominees(programme)
