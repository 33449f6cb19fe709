from datetime import timedelta

from django import forms

from mentoring.forms import DateInput
from mentoring.submissions import new_token
from pairs.models import Order, Pair
from pairs.selectors.orders import Candidates, latest_registered, registered_orders
from pairs.services.orders import default_preamble, default_title
from participants.selectors.consents import today

PLAN_DAYS = 14


class AmendsChoice(forms.ModelChoiceField):
    def label_from_instance(self, order: Order) -> str:
        return f"№ {order.number} от {order.date:%d.%m.%Y} «{order.title}»"


class OrderForm(forms.Form):
    """The header of an order and the pairs it fixes or ends. The pairs are rendered by the template
    as tables of checkboxes (``fix_pairs`` / ``end_pairs``) with links to the pairs' pages."""

    number = forms.CharField(
        label="Номер приказа", max_length=30, help_text="Как в книге регистрации приказов."
    )
    date = forms.DateField(label="Дата приказа", widget=DateInput())
    amends = AmendsChoice(
        label="Вносит изменения в приказ",
        queryset=Order.objects.none(),
        required=False,
        empty_label="— не вносит изменений, самостоятельный приказ —",
        help_text="Зарегистрированный приказ не меняется: пары прекращают и добавляют новым приказом.",
    )
    title = forms.CharField(
        label="Заголовок",
        max_length=300,
        required=False,
        help_text="Пусто — обычный заголовок: «О закреплении…» или «О внесении изменений в приказ…».",
    )
    preamble = forms.CharField(
        label="Преамбула",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Основание и цель приказа, перед словом «ПРИКАЗЫВАЮ». Пусто — обычная формулировка.",
    )
    period_start = forms.DateField(label="Период наставничества: с", widget=DateInput())
    period_end = forms.DateField(label="по", widget=DateInput())
    plan_deadline = forms.DateField(label="Индивидуальные планы составить до", widget=DateInput())
    curator_name = forms.CharField(
        label="Организует работу пар и групп (куратор)",
        max_length=300,
        help_text="ФИО и должность, например: «Кузнецова Ольга Николаевна, заместитель директора по УВР».",
    )
    control_name = forms.CharField(
        label="Контроль за исполнением возложить на",
        max_length=300,
        required=False,
        help_text="В винительном падеже: «заместителя директора по УВР Кузнецову О. Н.». "
        "Пусто — «оставляю за собой».",
    )
    fix_pairs = forms.ModelMultipleChoiceField(
        label="Закрепить", queryset=Pair.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    end_pairs = forms.ModelMultipleChoiceField(
        label="Прекратить", queryset=Pair.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, programme, candidates: Candidates, order: Order | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.candidates = candidates
        amendable = registered_orders(programme)
        if order is not None:
            amendable = amendable.exclude(pk=order.pk)
        self.fields["amends"].queryset = amendable
        self.fields["fix_pairs"].queryset = Pair.objects.filter(pk__in=[p.pk for p in candidates.fix])
        self.fields["end_pairs"].queryset = Pair.objects.filter(pk__in=[p.pk for p in candidates.end])
        latest = amendable.first()
        self.fields["title"].widget.attrs["placeholder"] = default_title(latest)
        self.fields["preamble"].widget.attrs["placeholder"] = default_preamble(programme, latest)
        if order is None:
            del self.fields["version"]
            if not self.is_bound:
                self.initial.setdefault("submit_token", new_token())
        else:
            del self.fields["submit_token"]

    @classmethod
    def initial_for_new(cls, *, programme, candidates: Candidates, number: str, curator_name: str) -> dict:
        """The prefill: the next number, today, the programme's period, plans in two weeks, every
        draft and every already-ended pair ticked, the latest registered order amended."""
        day = today()
        return {
            "number": number,
            "date": day,
            "amends": latest_registered(programme),
            "period_start": programme.start_date,
            "period_end": programme.end_date,
            "plan_deadline": day + timedelta(days=PLAN_DAYS),
            "curator_name": curator_name,
            "fix_pairs": [p.pk for p in candidates.fix],
            "end_pairs": [p.pk for p in candidates.ended],
        }

    @staticmethod
    def initial_for(order: Order) -> dict:
        items = list(order.items.values_list("pair_id", "action"))
        return {
            "number": order.number,
            "date": order.date,
            "amends": order.amends,
            "title": order.title,
            "preamble": order.preamble,
            "period_start": order.period_start,
            "period_end": order.period_end,
            "plan_deadline": order.plan_deadline,
            "curator_name": order.curator_name,
            "control_name": order.control_name,
            "fix_pairs": [pk for pk, action in items if action == "fix"],
            "end_pairs": [pk for pk, action in items if action == "end"],
            "version": order.version,
        }

    def checked(self, name: str) -> set[int]:
        """The pair ids ticked in ``name``: what was posted, else the prefill."""
        if self.is_bound:
            values = self.data.getlist(self.add_prefix(name)) if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get(name) or []
        out = set()
        for value in values:
            try:
                out.add(int(value))
            except (TypeError, ValueError):
                continue
        return out

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", "Окончание периода должно быть позже начала.")
        day, deadline = data.get("date"), data.get("plan_deadline")
        if day and deadline and deadline <= day:
            self.add_error("plan_deadline", "Срок составления планов должен быть позже даты приказа.")
        if not data.get("fix_pairs") and not data.get("end_pairs") and not self.errors.get("fix_pairs"):
            self.add_error(None, "Отметьте хотя бы одну пару или группу.")
        return data
