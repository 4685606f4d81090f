"""The guide is for signed-in staff: every role reads it, an anonymous visitor is sent to sign in."""

from simpul.testing import ANON, UrlSpec

ALL = {ANON: 302}

SPECS = [
    UrlSpec("guide:index", expect=ALL, signed_in=200),
    UrlSpec("guide:pdf", expect=ALL, signed_in=200),
]
