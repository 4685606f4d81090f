from simpul.testing import ANON, UrlSpec

SPECS = [
    UrlSpec("core:index", expect={ANON: 200}, default=302),  # signed-in users go to their home page
    UrlSpec("core:home", expect={ANON: 302}, default=200),
    UrlSpec("core:search", expect={ANON: 302}, default=200),
    UrlSpec("core:search", method="POST", data={"q": "63.06/2025/0001"}, expect={ANON: 302}, default=200),
    UrlSpec("core:search", method="POST", data={"q": "Siti Contoh"}, expect={ANON: 302}, default=200),
    UrlSpec("core:healthz", expect={}, default=200),
    UrlSpec("core:readyz", expect={}, default=200),
    UrlSpec("set_language", method="POST", data={"language": "en", "next": "/"}, expect={}, default=302),
]
