from django import forms


def _area(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": 5})
    )


class SwotForm(forms.Form):
    strengths = _area("Сильные стороны", "Что в программе получилось лучше всего — по оценкам участников.")
    weaknesses = _area("Слабые стороны", "Что участники оценили ниже всего и что мешало работе.")
    opportunities = _area("Возможности", "Что поможет программе: партнёры, ресурсы, интерес участников.")
    threats = _area("Угрозы", "Что может помешать: нагрузка, уход наставников, отказ от участия.")
    conclusion = _area("Выводы куратора")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
