"""The questionnaire as a form: one field per question, named ``q<question id>``, checked by the service."""

from __future__ import annotations

from django import forms

from monitoring.models import Question
from monitoring.services.answering import NO, YES, field_name

RATINGS = [(str(n), str(n)) for n in range(1, 11)]


class RatingSelect(forms.RadioSelect):
    template_name = "monitoring/answering/rating_widget.html"


def _field(question: Question) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == Question.Kind.RATING:
        return forms.ChoiceField(choices=RATINGS, widget=RatingSelect, **common)
    if kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=[(YES, "Да"), (NO, "Нет")], widget=forms.RadioSelect, **common)
    if kind == Question.Kind.SINGLE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
        )
    if kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.NUMBER:
        return forms.CharField(
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control mw-12rem"}),
            max_length=30,
            **common,
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), max_length=5000, **common
    )


class AnswerForm(forms.Form):
    """Renders the questions and keeps what was typed; the service validates (one set of rules)."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            field = _field(question)
            field.question = question
            self.fields[field_name(question)] = field

    def posted(self) -> dict:
        return {
            name: self.data.getlist(name)
            if isinstance(field, forms.MultipleChoiceField)
            else self.data.get(name)
            for name, field in self.fields.items()
        }

    def sections(self) -> list[tuple[str, list]]:
        """(section title, bound fields) in the questionnaire's order."""
        grouped: list[tuple[str, list]] = []
        for question in self.questions:
            title = question.section.title if question.section_id else ""
            if not grouped or grouped[-1][0] != title:
                grouped.append((title, []))
            grouped[-1][1].append(self[field_name(question)])
        return grouped
