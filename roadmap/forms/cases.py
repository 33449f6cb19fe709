from django import forms

from mentoring.forms import SubmitOnceForm
from mentoring.models import MentoringForm
from mentoring.uploads import CASE_PHOTO, CheckedFileField
from roadmap.models import Case
from roadmap.selectors.cases import case_pairs, pair_label


class PairChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return pair_label(obj)


class CaseForm(SubmitOnceForm):
    pair = PairChoice(
        label="Пара или группа",
        queryset=None,
        required=False,
        empty_label="— без пары: обобщённый кейс —",
        help_text=(
            "Кейс пары публикуется, только когда у наставника и у каждого наставляемого пары есть "
            "согласие на публикацию фотографий и кейсов. Кейс без пары никого не называет — за то, "
            "чтобы в его тексте и на фотографиях не было участников без такого согласия, отвечает куратор."
        ),
    )
    form = forms.ModelChoiceField(
        label="Форма наставничества",
        queryset=None,
        required=False,
        empty_label="— как у пары —",
        help_text="Для кейса пары можно не выбирать: возьмётся форма пары.",
    )
    title = forms.CharField(label="Название кейса", max_length=300)
    problem = forms.CharField(
        label="С чем пришли: проблема, запрос", widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(label="Что делали", widget=forms.Textarea(attrs={"rows": 4}))
    result = forms.CharField(label="Что получилось", widget=forms.Textarea(attrs={"rows": 3}))
    quotes = forms.CharField(
        label="Слова участников",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Цитаты наставника и наставляемых, каждая с новой строки.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = case_pairs(programme)
        self.fields["form"].queryset = programme.forms.all()
        required = {
            "title": "Назовите кейс.",
            "problem": "Опишите, с чем пришли участники: проблему или запрос.",
            "actions": "Опишите, что делали наставник и наставляемые.",
            "result": "Опишите, что получилось в итоге.",
        }
        for name, text in required.items():
            self.fields[name].error_messages["required"] = text


class PhotoForm(forms.Form):
    image = CheckedFileField(
        policy=CASE_PHOTO,
        label=f"Фотография (JPG или PNG, до {CASE_PHOTO.limit})",
        error_messages={"required": "Выберите фотографию в формате JPG или PNG."},
    )
    caption = forms.CharField(label="Подпись", max_length=300, required=False)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label="Поиск", required=False)
    form = forms.ModelChoiceField(
        label="Форма", queryset=MentoringForm.objects.none(), required=False, empty_label="все формы"
    )
    status = forms.ChoiceField(label="Статус", required=False, choices=[("", "все"), *Case.Status.choices])

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = (
            programme.forms.all() if programme is not None else MentoringForm.objects.filter(is_active=True)
        )
