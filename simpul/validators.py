"""One definition of acceptable input, used by every form and every API schema.

Three classes of input broke the system before (Issue 12): dates outside any plausible range
(year 1 becomes a BC timestamp on PostgreSQL and an OverflowError on SQLite), unbounded integers
(2**63 overflows every database) and text with characters no database or encoder accepts (NUL,
lone surrogates) or that disguise what is shown (control and bidi characters in names).

Each class is closed here once:

- dates and date-times: a plausible range per *kind* (``DateKind``): an event (incident, report,
  receipt) is not before 1940 and not more than a day in the future; a birth date is not in the
  future and not before 1900; a planned date (due date, schedule) lies between 1940 and 2100;
- integers: always bounded (default 0 .. 2**31-1, the smallest integer column we use);
- text: no NUL, no lone surrogate; names and file names lose control and bidi characters.

Django form fields: ``DateField``, ``DateTimeField``, ``IntegerField``, ``CharField``,
``NameField`` (and ``formfield`` for ModelForms). Ninja/pydantic: ``Annotated[str, text(n)]``,
``Annotated[str, name(n)]``, ``Annotated[int, integer(lo, hi)]`` and the aliases ``EventDate``,
``EventDateTime``, ``BirthDate``, ``PlanDate``, ``Bool`` (strict), ``QueryBool``, ``Offset``, ``Page``.
``tests/test_validators_coverage.py`` walks every form and every API operation and fails when a
date, integer or text field is not one of these.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from annotated_types import GroupedMetadata
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field, Strict, StrictBool

INT_MAX = 2**31 - 1
EARLIEST_EVENT = dt.date(1940, 1, 1)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
LATEST_PLAN = dt.date(2100, 12, 31)
# Paging: large enough for any real list, small enough for every database.
MAX_OFFSET = 1_000_000
MAX_PAGE = 100_000


class DateKind(enum.StrEnum):
    EVENT = "event"  # incident, report, receipt, discovery: 1940 .. tomorrow
    BIRTH = "birth"  # 1900 .. today
    PLAN = "plan"  # due dates, schedules, periods: 1940 .. 2100


def date_bounds(kind: DateKind | str) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    kind = DateKind(kind)
    if kind is DateKind.EVENT:
        return EARLIEST_EVENT, today + dt.timedelta(days=1)
    if kind is DateKind.BIRTH:
        return EARLIEST_BIRTH, today
    return EARLIEST_EVENT, LATEST_PLAN


def _date_message(kind: DateKind | str) -> str:
    low, high = date_bounds(kind)
    return _("Tanggal harus antara %(low)s dan %(high)s.") % {
        "low": date_format(low, "j F Y"), "high": date_format(high, "j F Y"),
    }


def date_ok(value: dt.date, kind: DateKind | str) -> bool:
    low, high = date_bounds(kind)
    day = value.date() if isinstance(value, dt.datetime) else value
    return low <= day <= high


def check_date(value: dt.date | None, kind: DateKind | str = DateKind.PLAN) -> dt.date | None:
    """Raise Django's ``ValidationError`` (Indonesian message) when ``value`` is out of range."""
    if value is not None and not date_ok(value, kind):
        raise ValidationError(_date_message(kind), code="date_range")
    return value


def int_or_none(value: Any, low: int = 0, high: int = INT_MAX) -> int | None:
    """A query-string integer within [low, high], else None (for filters that fall back)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


# --- text ---------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
# Bidi embeddings, overrides and isolates, plus the marks: they make "laporan\u202efdp.exe" read
# as "laporanexe.pdf".
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def text_problem(value: str) -> str | None:
    if "\x00" in value:
        return _("Teks berisi karakter NUL yang tidak diperbolehkan.")
    if _SURROGATE.search(value):
        return _("Teks berisi karakter Unicode yang tidak sah.")
    return None


def check_text(value: str | None) -> str | None:
    if value:
        problem = text_problem(value)
        if problem:
            raise ValidationError(problem, code="bad_text")
    return value


def clean_name(value: str) -> str:
    """A name or file name as it will be shown: NFC, no control/format (bidi) characters,
    whitespace runs collapsed. Refuses nothing (``check_text`` does)."""
    value = unicodedata.normalize("NFC", value)
    value = _BIDI.sub("", value)
    value = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in value
                    if unicodedata.category(c) not in ("Cf", "Co", "Cn") or c in "\u200c\u200d")
    return re.sub(r"\s+", " ", value).strip()


def clean_free_text(value: str) -> str:
    """Free text (stories, notes): bidi overrides and C0 controls other than tab/newline removed."""
    value = _BIDI.sub("", value)
    return "".join(c for c in value if c in "\t\n\r" or unicodedata.category(c) != "Cc")


# --- Django form fields -------------------------------------------------------------------


class Validated:
    """Marker: a form field or API type defined here (the coverage test looks for it)."""


def _check_text_validator(value: Any) -> None:
    if isinstance(value, str):
        check_text(value)


class CharField(forms.CharField, Validated):
    """Text: refuses NUL and lone surrogates, strips C0 controls (but tab/newline) and bidi overrides."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(_check_text_validator)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str) and text_problem(value) is None:
            value = clean_free_text(value)
        return value


class NameField(CharField):
    """A person's or a file's name: also no control/format characters, one line."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if isinstance(value, str) and text_problem(value) is None:
            value = clean_name(value)
        return value


class PasswordField(forms.CharField, Validated):
    """A secret: taken as typed (no stripping, no cleaning); only NUL and lone surrogates refused."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        kwargs.setdefault("max_length", 4096)
        super().__init__(**kwargs)
        self.validators.append(_check_text_validator)


class EmailField(forms.EmailField, Validated):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.validators.append(_check_text_validator)


class SlugField(forms.SlugField, Validated):
    pass


class UUIDField(forms.UUIDField, Validated):
    pass


def _pk_in_range(model_field: Any, value: Any) -> bool:
    if not isinstance(model_field, (models.AutoField, models.IntegerField)):
        return True
    try:
        return 0 <= int(str(value)) <= 2**63 - 1
    except ValueError:
        return True  # left to the field's own "invalid" message


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField, Validated):
    """Ids outside the database's integer range are refused as unknown choices before the
    ``IN (...)`` query (Django guards ``=`` lookups against overflow, not ``IN``)."""

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        model = self.queryset.model  # type: ignore[union-attr]
        model_field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        for item in value:
            if not _pk_in_range(model_field, item):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item})
        return super()._check_values(value)  # type: ignore[misc]


class DecimalField(forms.DecimalField, Validated):
    """Bounded by its digits: ``max_digits`` is required (default 12)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["max_digits"] = kwargs.get("max_digits") or 12
        super().__init__(**kwargs)


class DateField(forms.DateField, Validated):
    def __init__(self, *, kind: DateKind | str = DateKind.PLAN, **kwargs: Any) -> None:
        self.kind = DateKind(kind)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value: Any) -> None:
        super().validate(value)
        check_date(value, self.kind)


class DateTimeField(forms.DateTimeField, Validated):
    def __init__(self, *, kind: DateKind | str = DateKind.EVENT, **kwargs: Any) -> None:
        self.kind = DateKind(kind)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value: Any) -> None:
        super().validate(value)
        check_date(value, self.kind)


class IntegerField(forms.IntegerField, Validated):
    """Always bounded: 0 .. 2**31-1 unless narrower bounds are given."""

    def __init__(self, *, min_value: int | None = 0, max_value: int | None = INT_MAX, **kwargs: Any) -> None:
        super().__init__(min_value=0 if min_value is None else min_value,
                         max_value=INT_MAX if max_value is None else max_value, **kwargs)


def formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` for ModelForms: the model's fields as the validated kinds
    (dates as ``DateKind.PLAN`` unless the form declares the field itself)."""
    if isinstance(db_field, models.DateTimeField):
        return db_field.formfield(form_class=DateTimeField, kind=DateKind.PLAN, **kwargs)
    if isinstance(db_field, models.DateField):
        return db_field.formfield(form_class=DateField, kind=DateKind.PLAN, **kwargs)
    if isinstance(db_field, models.IntegerField) and not db_field.choices:
        small = isinstance(db_field, (models.SmallIntegerField, models.PositiveSmallIntegerField))
        return db_field.formfield(form_class=IntegerField, min_value=kwargs.pop("min_value", 0),
                                  max_value=kwargs.pop("max_value", 32767 if small else INT_MAX), **kwargs)
    if isinstance(db_field, models.ManyToManyField):
        return db_field.formfield(form_class=ModelMultipleChoiceField, **kwargs)
    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=DecimalField, **kwargs)
    if isinstance(db_field, models.UUIDField):
        return db_field.formfield(form_class=UUIDField, **kwargs)
    if isinstance(db_field, models.SlugField):
        return db_field.formfield(form_class=SlugField, **kwargs)
    if isinstance(db_field, models.EmailField):
        return db_field.formfield(form_class=EmailField, **kwargs)
    if isinstance(db_field, (models.CharField, models.TextField)) and not db_field.choices:
        if isinstance(db_field, models.TextField):
            kwargs.setdefault("max_length", 20000)
        field = db_field.formfield(**kwargs)
        if type(field) is forms.CharField:
            return db_field.formfield(form_class=CharField, **kwargs)
        if type(field) is forms.DateField:  # an encrypted date
            return db_field.formfield(form_class=DateField, kind=DateKind.PLAN, **kwargs)
        return field
    return db_field.formfield(**kwargs)


# --- Ninja / pydantic types ---------------------------------------------------------------


def _api_text(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return clean_free_text(value)


def _api_name(value: str) -> str:
    return clean_name(_api_text(value))


def _api_date(kind: DateKind) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is not None and not date_ok(value, kind):
            raise ValueError(_date_message(kind))
        return value

    return check


def _refuse_overflow(value: Any) -> Any:
    # "0001-01-01T00:00:00+08:00" and similar are parsed by pydantic but cannot be converted to
    # UTC; a year outside 1..9999 is caught by pydantic itself.
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        try:
            value.astimezone(dt.UTC)
        except OverflowError:
            raise ValueError(_("Tanggal di luar jangkauan.")) from None
    return value


MARK = Validated()


@dataclass(frozen=True)
class _TextRule(GroupedMetadata, Validated):
    max_length: int
    min_length: int = 0
    is_name: bool = False

    def __iter__(self) -> Iterator[Any]:
        yield Strict()
        yield Field(min_length=self.min_length, max_length=self.max_length)
        yield AfterValidator(_api_name if self.is_name else _api_text)
        yield MARK


@dataclass(frozen=True)
class _IntRule(GroupedMetadata, Validated):
    ge: int
    le: int
    strict: bool

    def __iter__(self) -> Iterator[Any]:
        if self.strict:
            yield Strict()
        yield Field(ge=self.ge, le=self.le)
        yield MARK


def text(max_length: int, *, min_length: int = 0) -> Any:
    """``Annotated[str, text(80)]``: free text (no NUL, no lone surrogate), bounded length."""
    return _TextRule(max_length, min_length)


def name(max_length: int, *, min_length: int = 0) -> Any:
    """``Annotated[str, name(120)]``: a name (person, file, reference), also without control
    and bidi characters."""
    return _TextRule(max_length, min_length, is_name=True)


def integer(ge: int = 0, le: int = INT_MAX, *, strict: bool = True) -> Any:
    """``Annotated[int, integer(1, 200)]``: bounded; strict (a JSON number, not a string or a
    boolean) unless ``strict=False`` (query strings and path segments are text)."""
    return _IntRule(ge, le, strict)


# The plain names are the validated types below, for annotations.
Bool = Annotated[StrictBool, MARK]
QueryBool = Annotated[bool, MARK]  # query strings are text: "true"/"false"/"1"/"0"
EventDate = Annotated[dt.date, AfterValidator(_api_date(DateKind.EVENT)), MARK]
BirthDate = Annotated[dt.date, AfterValidator(_api_date(DateKind.BIRTH)), MARK]
PlanDate = Annotated[dt.date, AfterValidator(_api_date(DateKind.PLAN)), MARK]
EventDateTime = Annotated[dt.datetime, AfterValidator(_refuse_overflow), AfterValidator(_api_date(DateKind.EVENT)), MARK]
Offset = Annotated[int, integer(0, MAX_OFFSET, strict=False)]
Page = Annotated[int, integer(1, MAX_PAGE, strict=False)]

# Exposed for the coverage test and for callers that validate a whole dict.
FORM_FIELD_KINDS = (ModelMultipleChoiceField, CharField, PasswordField, EmailField, SlugField, UUIDField, DecimalField, DateField, DateTimeField, IntegerField)


# --- database guards --------------------------------------------------------------------------

# Static bounds for CHECK constraints (a constraint cannot say "today"): wider than every form's
# range, narrow enough that no row can hold a BC timestamp or a year PostgreSQL/Python cannot read.
DB_EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
DB_LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)


def datetime_range_check(field: str, table: str) -> models.CheckConstraint:
    """``CHECK (field IS NULL OR 1900-01-01 <= field < 2200-01-01)`` named ``<table>_<field>_range``."""
    condition = models.Q(**{f"{field}__gte": DB_EARLIEST, f"{field}__lt": DB_LATEST}) | models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"{table}_{field}_range")
