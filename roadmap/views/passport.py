"""The programme passport: the page with the live KPI table, its PDF and .xlsx; the curator edits
the texts and the indicators, the director approves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring.access import allow
from mentoring.downloads import xlsx_response
from mentoring.exceptions import StaleEditError
from mentoring.forms import apply_errors, posted_version
from mentoring.guards import programme_completed_message
from mentoring.models import Programme
from mentoring.pdf import pdf_response, render_pdf
from mentoring.roles import Role
from mentoring.selectors import programmes_of
from mentoring.submissions import submit_once
from participants.exporting import export_file_name
from participants.selectors.consents import today
from participants.views.mentees import chosen_programme
from roadmap.exporting_passport import export_passport
from roadmap.forms.passport import IndicatorForm, PassportForm, indicator_initial
from roadmap.selectors.passport import access_indicator, access_passport, form_years, passport_context
from roadmap.services import passport as services

READERS = (Role.CURATOR, Role.DIRECTOR)
NO_PROGRAMME = "Текущая программа наставничества не выбрана: выберите или создайте её."


def _query(programme: Programme) -> str:
    """Keeps a programme other than the current one picked across the passport's pages."""
    return "" if programme.is_current else f"?programme={programme.pk}"


def _passport_url(programme: Programme) -> str:
    return reverse("passport") + _query(programme)


def _report_approval(request, cleared: bool) -> None:
    if cleared:
        messages.warning(request, services.APPROVAL_CLEARED)


@allow(*READERS, methods=("GET",))
def passport(request):
    programme = chosen_programme(request)
    if programme is None:
        return render(request, "roadmap/passport/detail.html", {"programme": None})
    context = passport_context(programme, access_passport(request.access, programme), day=today())
    context.update(
        programmes=programmes_of(request.access.organisation),
        query=_query(programme),
        is_open=not programme.is_completed,
    )
    return render(request, "roadmap/passport/detail.html", context)


@allow(Role.CURATOR)
def passport_edit(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, NO_PROGRAMME)
        return redirect("programme_list")
    passport = access_passport(request.access, programme)
    if programme.is_completed:
        messages.error(request, programme_completed_message(programme))
        return redirect(_passport_url(programme))
    initial = {name: getattr(passport, name) for name in services.PASSPORT_FIELDS}
    form = PassportForm(request.POST or None, initial={**initial, "version": passport.version})
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.update_passport(
                passport=passport,
                version=data["version"],
                user=request.user,
                **{name: data[name] for name in services.PASSPORT_FIELDS},
            )
            messages.success(request, "Паспорт программы сохранён.")
            _report_approval(request, saved.approval_cleared)
            return redirect(_passport_url(programme))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "roadmap/passport/edit.html",
        {
            "programme": programme,
            "passport": passport,
            "form": form,
            "stale": stale,
            "query": _query(programme),
        },
    )


@allow(Role.DIRECTOR, methods=("POST",))
def passport_approve(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, NO_PROGRAMME)
        return redirect("passport")
    passport = access_passport(request.access, programme)
    try:
        services.approve_passport(passport=passport, version=posted_version(request), user=request.user)
    except StaleEditError:
        messages.error(
            request,
            "Пока вы читали паспорт, его изменили. Проверьте, что теперь в нём записано, и утвердите снова.",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Паспорт программы утверждён.")
    return redirect(_passport_url(programme))


@allow(Role.CURATOR)
def indicator_create(request):
    programme = chosen_programme(request)
    if programme is None:
        messages.error(request, NO_PROGRAMME)
        return redirect("programme_list")
    if programme.is_completed:
        messages.error(request, programme_completed_message(programme))
        return redirect(_passport_url(programme))
    form = IndicatorForm(request.POST or None, years=form_years(programme), initial={"unit": "%"})
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()

        def create() -> str:
            indicator = services.create_indicator(programme=programme, user=request.user, **fields)
            messages.success(request, f"Показатель «{indicator.title}» добавлен в паспорт.")
            _report_approval(request, indicator.approval_cleared)
            return _passport_url(programme)

        try:
            return redirect(
                submit_once(
                    user=request.user, token=form.cleaned_data.get("submit_token") or "", action=create
                )
            )
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "roadmap/passport/indicator_form.html",
        {"programme": programme, "form": form, "indicator": None, "query": _query(programme)},
    )


@allow(Role.CURATOR)
def indicator_edit(request, indicator_id: int):
    indicator = access_indicator(request.access, indicator_id)
    programme = indicator.programme
    if programme.is_completed:
        messages.error(request, programme_completed_message(programme))
        return redirect(_passport_url(programme))
    years = sorted(set(form_years(programme)) | {target.year for target in indicator.targets.all()})
    form = IndicatorForm(request.POST or None, years=years, initial=indicator_initial(indicator))
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        try:
            saved = services.update_indicator(
                indicator=indicator,
                version=-1 if version is None else version,
                user=request.user,
                **form.service_fields(),
            )
            messages.success(request, f"Показатель «{saved.title}» сохранён.")
            _report_approval(request, saved.approval_cleared)
            return redirect(_passport_url(programme))
        except StaleEditError as error:
            stale = error.changed
            apply_errors(form, error)
        except ValidationError as error:
            apply_errors(form, error)
    return render(
        request,
        "roadmap/passport/indicator_form.html",
        {
            "programme": programme,
            "form": form,
            "indicator": indicator,
            "stale": stale,
            "query": _query(programme),
        },
    )


@allow(Role.CURATOR, methods=("POST",))
def indicator_delete(request, indicator_id: int):
    indicator = access_indicator(request.access, indicator_id)
    try:
        cleared = services.delete_indicator(
            indicator=indicator, version=posted_version(request), user=request.user
        )
    except StaleEditError:
        messages.error(
            request,
            "Пока страница была открыта, показатель изменили. Проверьте его и удалите снова, если нужно.",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Показатель «{indicator.title}» удалён из паспорта.")
        _report_approval(request, cleared)
    return redirect(_passport_url(indicator.programme))


@allow(Role.CURATOR, methods=("POST",))
def indicator_move(request, indicator_id: int):
    indicator = access_indicator(request.access, indicator_id)
    direction = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if direction is None:
        messages.error(request, "Не понятно, куда передвинуть строку: вверх или вниз.")
        return redirect(_passport_url(indicator.programme))
    try:
        cleared = services.move_indicator(indicator=indicator, direction=direction, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _report_approval(request, cleared)
    return redirect(_passport_url(indicator.programme))


def _document_context(request) -> tuple[Programme, dict] | None:
    programme = chosen_programme(request)
    if programme is None:
        return None
    passport = access_passport(request.access, programme)
    return programme, passport_context(programme, passport, day=today())


@allow(*READERS, methods=("GET",))
def passport_pdf(request):
    found = _document_context(request)
    if found is None:
        messages.error(request, NO_PROGRAMME)
        return redirect("passport")
    programme, context = found
    pdf = render_pdf(template_name="roadmap/passport/document.html", context=context, request=request)
    return pdf_response(pdf, f"Паспорт программы {programme.name}.pdf")


@allow(*READERS, methods=("GET",))
def passport_xlsx(request):
    found = _document_context(request)
    if found is None:
        messages.error(request, NO_PROGRAMME)
        return redirect("passport")
    _, context = found
    return xlsx_response(export_passport(context), export_file_name("Паспорт программы"))
