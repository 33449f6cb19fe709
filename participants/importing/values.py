"""Reading one cell: dates, classes, numbers, names and the lists a school types into a spreadsheet.

Every parser takes the raw openpyxl value and returns a Python value, or raises ``CellError`` with a
Russian message that the preview shows next to the row and the column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

# Cells beginning with these could run as a formula in a spreadsheet; text fields refuse them.
FORMULA_STARTS = ("=", "+", "-", "@")
# A lone dash is how many lists say "nothing here".
EMPTY_MARKS = {"-", "–", "—", "нет данных"}

_SPACES = re.compile(r"\s+")
_DATE_TAIL = r"(?:\s*г(?:ода?)?\.?)?(?:\s+0?0:00(?::00)?)?$"
# «05.03.2012», «5/3/12», «05. 03. 2012», «05 03 2012»: a dot, slash or dash, spaces allowed around it.
_DATE_DMY = re.compile(r"^(\d{1,2})\s*(?:[./-]\s*|\s)(\d{1,2})\s*(?:[./-]\s*|\s)(\d{4}|\d{2})" + _DATE_TAIL)
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
# «5 марта 2012 г.», as a date is written in letters and certificates.
_DATE_WORDS = re.compile(r"^(\d{1,2})\s+([а-яё]+)\.?\s+(\d{4})" + _DATE_TAIL, re.IGNORECASE)
_MONTHS = ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
# A serial date typed or pasted into a text cell: «41000» or «41000,0».
_SERIAL = re.compile(r"^(\d{1,7})(?:[.,]0+)?$")
_CLASS = re.compile(r"^(\d{1,2})\s*[-–—]?\s*[\"«]?([а-яёa-z]{0,2})[\"»]?$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d+)(?:[.,](\d+))?$")
_PHONE = re.compile(r"^\+?[\d\s()\-–.]{5,}(?:\s*(?:доб\.?|доп\.?)\s*\d+)?$")
# Latin look-alikes typed into class letters («8A» with a Latin A).
_LATIN_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_NAME = re.compile(r"^[^\W\d_]+(?:(?:[-'’.]|\.? )[^\W\d_]+)*\.?$")


class CellError(Exception):
    """A cell that cannot be read; the message is shown to the curator."""


def clean_text(value) -> str:
    """A cell as one line of text: spaces (including non-breaking ones and line breaks) collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    text = _SPACES.sub(" ", str(value).replace("\u00a0", " ")).strip()
    return "" if text.lower() in EMPTY_MARKS else text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def refuse_formula(text: str) -> None:
    if looks_like_formula(text):
        raise CellError(
            f"значение начинается со знака «{text[0]}» и может сработать как формула; "
            "такие значения не загружаются — уберите этот знак или допишите текст перед ним"
        )


def plain_text(value, *, max_length: int) -> str:
    text = clean_text(value)
    refuse_formula(text)
    if len(text) > max_length:
        raise CellError(f"слишком длинное значение: больше {max_length} знаков")
    return text


def multiline_text(value, *, max_length: int = 5000) -> str:
    """Free text keeps its line breaks (requests, competences, results)."""
    if value is None:
        return ""
    text = "\n".join(
        _SPACES.sub(" ", line.replace("\u00a0", " ")).strip() for line in str(value).splitlines()
    )
    text = text.strip()
    if text.lower() in EMPTY_MARKS:
        return ""
    refuse_formula(text)
    if len(text) > max_length:
        raise CellError(f"слишком длинный текст: больше {max_length} знаков")
    return text


def parse_date(value) -> date | None:
    """A real Excel date, or text ДД.ММ.ГГГГ (also with / or -), or ГГГГ-ММ-ДД."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial_date(value)
    text = clean_text(value)
    if not text:
        return None
    refuse_formula(text)
    serial = _SERIAL.match(text)
    if serial:
        return _serial_date(int(serial.group(1)))
    if match := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year = _four_digit_year(year)
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif (match := _DATE_WORDS.match(text)) and match.group(2).lower().startswith(_MONTHS):
        day, year = int(match.group(1)), int(match.group(3))
        month = next(n for n, start in enumerate(_MONTHS, 1) if match.group(2).lower().startswith(start))
    else:
        raise CellError(f"«{text}» не похоже на дату; запишите её как ДД.ММ.ГГГГ, например 14.03.2012")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"такой даты не бывает: «{text}»") from None


def _serial_date(value: float) -> date:
    """A date cell that lost its format, or a date pasted as a number: days since 30.12.1899.

    Numbers that read as a year are refused: as a serial, 2012 would silently become 04.07.1905."""
    if 1900 <= value <= 2100:
        raise CellError(
            f"записан только год «{clean_text(value)}»; нужна полная дата ДД.ММ.ГГГГ, например 14.03.2012"
        )
    if 1 <= value <= 2958465:
        return (_EXCEL_EPOCH + timedelta(days=int(value))).date()
    raise CellError(f"вместо даты записано число «{clean_text(value)}»; нужна дата ДД.ММ.ГГГГ")


def _four_digit_year(short: int) -> int:
    """«12» is 2012 and «85» is 1985: up to ten years ahead (a planned completion date) is this century;
    a birth date that lands in the future is then refused as impossible rather than moved a century."""
    horizon = timezone.localdate().year + 10
    return 2000 + short if 2000 + short <= horizon else 1900 + short


def parse_birth_date(value, *, today: date) -> date | None:
    day = parse_date(value)
    if day is not None and not (date(1900, 1, 1) <= day <= today):
        raise CellError(f"дата рождения {day:%d.%m.%Y} невозможна")
    return day


def parse_class(value) -> tuple[int, str] | None:
    """«8А», «8 А», «8-а», «8», «10 класс» → (8, "А")."""
    text = clean_text(value)
    if not text:
        return None
    refuse_formula(text)
    text = re.sub(r"\s*(класс|кл\.?)\s*", " ", text, flags=re.IGNORECASE).strip()
    match = _CLASS.match(text)
    if not match:
        raise CellError(f"«{clean_text(value)}» не похоже на класс; пишите как «8А», «8 А» или «8»")
    grade, letter = int(match.group(1)), match.group(2).translate(_LATIN_TO_CYRILLIC).upper()
    if not 1 <= grade <= 11:
        raise CellError(f"класса {grade} не бывает: параллели с 1 по 11")
    if re.search(r"[A-Z]", letter):
        raise CellError(f"литера класса «{letter}» должна быть русской буквой")
    return grade, letter


def parse_whole_number(value, *, low: int, high: int, what: str, round_down: bool = False) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = value
    else:
        text = clean_text(value)
        if not text:
            return None
        text = re.sub(r"\s*(года|год|лет|г\.|чел\.?|человек[а]?)$", "", text, flags=re.IGNORECASE).strip()
        match = _NUMBER.match(text)
        if not match:
            raise CellError(f"{what}: нужно число, а записано «{clean_text(value)}»")
        number = float(f"{match.group(1)}.{match.group(2) or 0}")
    if number != int(number) and not round_down:
        raise CellError(f"{what}: нужно целое число, а записано «{clean_text(value)}»")
    number = int(number)
    if not low <= number <= high:
        raise CellError(f"{what}: число должно быть от {low} до {high}, а записано {number}")
    return number


def parse_email(value) -> str:
    text = plain_text(value, max_length=254)
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise CellError(f"«{text}» не похоже на адрес электронной почты") from None
    return text


def parse_phone(value) -> str:
    """A phone may start with «+»: that is the country code, not a formula, when the rest is digits."""
    text = clean_text(value)
    if not text:
        return ""
    if text.startswith("+") and _PHONE.match(text):
        pass
    else:
        refuse_formula(text)
    if len(text) > 30:
        raise CellError("слишком длинный номер телефона: больше 30 знаков")
    if not re.search(r"\d{3}", re.sub(r"\D", "", text) or ""):
        raise CellError(f"«{text}» не похоже на номер телефона")
    return text


def parse_yes_no(value) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = clean_text(value).lower().rstrip(".")
    if not text:
        return None
    if text in {"да", "д", "yes", "+", "1", "согласен", "согласна", "есть", "true"}:
        return True
    if text in {"нет", "н", "no", "0", "не согласен", "не согласна", "false"}:
        return False
    raise CellError(f"нужно «да» или «нет», а записано «{clean_text(value)}»")


def split_list(value) -> list[str]:
    """Names separated by «;» or line breaks (commas stay: they occur inside the names)."""
    if value is None:
        return []
    parts = re.split(r"[;\n\r]+", str(value).replace("\u00a0", " "))
    return [p for p in (_SPACES.sub(" ", part).strip().rstrip(".") for part in parts) if p]


def name_key(text: str) -> str:
    """How two spellings of one name compare: no case, ё = е, one space."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip().lower().replace("ё", "е")


def name_part(value, *, what: str) -> str:
    """A surname, a first name or a patronymic: letters, with a hyphen, apostrophe or space inside.

    Digits and colons mean the row is not a person: «Итого: 25» or «Классный руководитель: …» under
    a journal's list would otherwise become a pupil."""
    text = plain_text(value, max_length=100)
    if text and not _NAME.match(text):
        raise CellError(f"«{text}» не похоже на {what}: в нём есть цифры или лишние знаки")
    return text


def split_full_name(text: str) -> tuple[str, str, str]:
    """«Иванов Пётр Сергеевич» → three parts; two parts mean no patronymic."""
    text = plain_text(text, max_length=300)
    if not _NAME.match(text):
        raise CellError(f"«{text}» не похоже на ФИО: в нём есть цифры или лишние знаки")
    parts = text.split(" ")
    if len(parts) == 4 and parts[3].lower() in {"оглы", "кызы", "улы", "уулу", "гызы"}:
        parts = [parts[0], parts[1], f"{parts[2]} {parts[3]}"]
    if len(parts) in (2, 3):
        if any(len(part) > 100 for part in parts):
            raise CellError("слишком длинная часть ФИО: больше 100 знаков")
        last, first, middle = (*parts, "")[:3]
        return last, first, middle
    if len(parts) == 1:
        raise CellError(f"в ФИО «{text}» только одно слово; нужны фамилия, имя и, если есть, отчество")
    raise CellError(f"не удалось разобрать ФИО «{text}»: ожидаются фамилия, имя и отчество через пробел")
