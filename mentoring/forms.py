from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from mentoring.models import MentoringForm, Programme
from mentoring.params import int_param
from mentoring.submissions import new_token


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker wants ISO; it shows the date as ДД.ММ.ГГГГ to a Russian user.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SubmitOnceForm(forms.Form):
    """A form whose double submit must not create twice (``mentoring.submissions.submit_once``)."""

    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submit_token", new_token())


class ProgrammeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    make_current = forms.BooleanField(label="Сделать текущей программой", required=False)

    class Meta:
        model = Programme
        fields = ["name", "start_date", "end_date", "forms", "status", "goal"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "forms": forms.CheckboxSelectMultiple,
            "goal": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"name": "Например: «Путь к успеху!»", "end_date": "Обычно — конец учебного года."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["forms"].error_messages["required"] = "Выберите хотя бы одну форму наставничества."
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
            del self.fields["make_current"]
            del self.fields["submit_token"]
        elif not self.is_bound:
            self.initial.setdefault("submit_token", new_token())

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", "Дата окончания должна быть позже даты начала.")
        return data


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the username's max_length after the field is built, so only the widget knows it:
        # a longer name would reach authentication and the failed-login record (255 characters).
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["username"].label = "Логин"
        self.fields["password"].label = "Пароль"
        self.error_messages["invalid_login"] = (
            "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock."
        )


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: under its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def posted_version(request) -> int:
    """The version a one-button form (done, delete, decide) was rendered with; -1 if it is missing,
    which the service's version check refuses as stale."""
    version = int_param(request.POST.get("version"))
    return -1 if version is None else version
