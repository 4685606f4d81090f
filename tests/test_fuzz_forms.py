"""A bad-input corpus over every HTML form (Issue 12, part 4).

Walks every URL of the access specs (tests/test_access_matrix.py), opens each page as one role
that may see it, finds its forms (POST and GET), and submits each form once per (field, bad
value), the other fields left as the page filled them (empty ones with plausible values). Asserts:
never a 500, no implausible date accepted, and a refused POST form (400) is re-shown with what
was typed.

Corpus: years 1, 9999, -1, 2**63, 10**30, out-of-range dates, NUL, a right-to-left override,
5,000 characters, a value outside a select's options. (A lone surrogate cannot travel in a form:
the browser sends bytes and Django decodes invalid UTF-8 as U+FFFD; the API corpus covers it.)
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.testing import ANON, PERSONAS, UrlSpec, client_for
from tests.test_access_matrix import SPECS

BIG = str(2**63)
DATE_VALUES = ["0001-01-01", "9999-12-31", "-0001-01-01", "1899-12-31", "99999-01-01"]
DATETIME_VALUES = ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T10:00", "0000-00-00T00:00"]
NUMBER_VALUES = ["-1", BIG, str(10**30), "1e400", "9999"]
TEXT_VALUES = ["laporan\u202efdp.exe", "a" * 5000, "x\x00y", "0001-01-01", BIG, "<b>&amp;</b>"]
CHOICE_VALUES = ["9" * 30, BIG]
# Values whose echo on a refused form we check (NUL is refused and may be shown as U+FFFD).
ECHOED = {"a" * 5000, "0001-01-01", "9999-12-31", "99999-01-01", "0001-01-01T00:00", "9999-12-31T23:59", BIG, "-1"}

# Forms that are not ours to fuzz here: signing in/out and the language switch have their own tests.
SKIP_ACTIONS = ("/masuk/", "/keluar/", "/bahasa/")


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values (first submitted)
    kinds: dict[str, str] = field(default_factory=dict)  # name -> text | date | datetime | number | choice | hidden | file
    options: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is not None and tag == "option" and self._select:
            value = a.get("value", "")
            form.options.setdefault(self._select, []).append(value)
            if "selected" in a or (not form.fields[self._select] and value):
                form.fields[self._select] = [value]
            return
        if form is None or not a.get("name") or "disabled" in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                if kind == "submit" and name not in form.fields:
                    form.fields[name] = [a.get("value", "")]
                    form.kinds[name] = "submit"
                return
            if kind in ("checkbox", "radio"):
                form.options.setdefault(name, []).append(a.get("value", "on"))
                form.kinds[name] = "choice"
                if "checked" in a:
                    form.fields.setdefault(name, []).append(a.get("value", "on"))
                return
            form.kinds[name] = {"date": "date", "datetime-local": "datetime", "number": "number", "hidden": "hidden",
                                "file": "file", "password": "secret"}.get(kind, "text")
            form.fields[name] = [a.get("value", "")]
        elif tag == "select":
            self._select = name
            form.kinds[name] = "choice"
            form.fields.setdefault(name, [])
        elif tag == "textarea":
            self._textarea = name
            form.kinds[name] = "text"
            form.fields[name] = [""]

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] = [data.strip("\n")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(content: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(content)
    return parser.forms


def _plausible(name: str, kind: str, form: Form) -> list[str]:
    """A valid-looking value for an empty field, so that the one bad value reaches the service."""
    today = timezone.localdate()
    if kind == "date":
        return [today.isoformat()]
    if kind == "datetime":
        return [f"{today.isoformat()}T08:00"]
    if kind == "number":
        return ["1"]
    if kind == "choice":
        options = [o for o in form.options.get(name, []) if o]
        return options[:1]
    if kind == "hidden":
        return ["k" * 20] if name == "idem" else []
    if kind in ("text", "secret"):
        if any(part in name for part in ("region", "wilayah")):
            return ["63.06.05"]
        if "email" in name:
            return ["uji@contoh.test"]
        if any(part in name for part in ("nik", "phone", "telepon", "contact", "kontak")):
            return []
        return ["Uji sintetis 1"]
    return []


def _corpus(kind: str) -> list[str]:
    return {"date": DATE_VALUES, "datetime": DATETIME_VALUES, "number": NUMBER_VALUES, "text": TEXT_VALUES,
            "choice": CHOICE_VALUES, "hidden": ["-1", BIG, "x\x00y"], "secret": TEXT_VALUES}.get(kind, [])


def _persona(spec: UrlSpec) -> str | None:
    for persona in PERSONAS:
        if persona != ANON and spec.status_for(persona) == 200:
            return persona
    return None


PAGES = [s for s in SPECS if s.method == "GET" and _persona(s) is not None and not s.name.startswith("api:")]
STATS: dict[str, float] = {"requests": 0, "forms": 0, "seconds": 0.0}


def _resolve(value: Any, world: dict[str, Any]) -> Any:
    return value(world) if callable(value) else value


@pytest.mark.slow
@pytest.mark.parametrize("spec", PAGES, ids=[s.id for s in PAGES])
def test_no_form_answers_500_and_refused_forms_are_reshown(spec: UrlSpec, demo: dict[str, Any]) -> None:
    started = time.monotonic()
    world = dict(demo)
    if spec.setup:
        spec.setup(world)
    url = reverse(spec.name, kwargs=_resolve(spec.kwargs, world))
    if spec.query:
        url = f"{url}?{spec.query}"
    persona = _persona(spec)
    assert persona
    client = client_for(persona)
    page = client.get(url)
    assert page.status_code == 200
    if "html" not in page.get("Content-Type", ""):
        return
    problems: list[str] = []
    for form in forms_of(page.content.decode()):
        action = form.action or url
        if urlsplit(action).netloc or action.startswith(SKIP_ACTIONS):
            continue
        STATS["forms"] += 1
        base = {k: (v if any(v) else _plausible(k, form.kinds.get(k, ""), form))
                for k, v in form.fields.items() if form.kinds.get(k) != "file"}
        for name, kind in form.kinds.items():
            for bad in _corpus(kind):
                data = {**base, name: [bad]}
                where = f"{form.method.upper()} {action} {name}={bad[:20]!r}"
                STATS["requests"] += 1
                try:
                    if form.method == "post":
                        response = client.post(action, data)
                    else:
                        response = client.get(action.split("?")[0], data)
                except Exception as exc:  # the test client re-raises what would have been a 500
                    problems.append(f"{where}: 500 ({type(exc).__name__}: {str(exc)[:120]})")
                    continue
                if response.status_code == 302 and response.get("Location", "").startswith("/masuk/"):
                    client = client_for(persona)  # a form signed the walker out (e.g. a deactivation): sign in again
                    continue
                if response.status_code >= 500:
                    problems.append(f"{where}: {response.status_code}")
                elif form.method == "post" and kind in ("date", "datetime") and response.status_code == 302:
                    # every date of the corpus is implausible for every kind of date
                    problems.append(f"{where}: an implausible date was accepted (-> {response.get('Location')})")
                elif (form.method == "post" and response.status_code == 400 and kind in ("text", "date", "datetime", "number")
                      and bad in ECHOED and "html" in response.get("Content-Type", "")):
                    content = response.content.decode()
                    if f'name="{name}"' in content and html.escape(bad) not in content:
                        problems.append(f"{where}: refused but what was typed is not shown again")
    STATS["seconds"] += time.monotonic() - started
    assert not problems, problems


def test_the_parser_reads_a_form() -> None:
    forms = forms_of(
        '<form method="post" action="/x/"><input name="a" value="1"><input type="date" name="d">'
        '<select name="s"><option value="">-</option><option value="k">K</option></select>'
        '<textarea name="t">hi</textarea><input type="checkbox" name="c" value="v" checked></form>'
    )
    assert len(forms) == 1
    f = forms[0]
    assert f.fields == {"a": ["1"], "d": [""], "s": ["k"], "t": ["hi"], "c": ["v"]}
    assert f.kinds == {"a": "text", "d": "date", "s": "choice", "t": "text", "c": "choice"}


def test_report_figures(request: pytest.FixtureRequest) -> None:
    """Prints the measured figures when run after the walk (pytest -s)."""
    print(f"\nform fuzz: {int(STATS['forms'])} forms, {int(STATS['requests'])} requests, {STATS['seconds']:.1f} s")
