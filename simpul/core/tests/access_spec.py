from simpul.testing import ANON, UrlSpec

SPECS = [
    UrlSpec("core:index", expect={ANON: 200}, default=302),  # signed-in users go to their home page
    UrlSpec("core:home", expect={ANON: 302}, signed_in=200),
    UrlSpec("core:healthz", expect={}, default=200),
    UrlSpec("core:readyz", expect={}, default=200),
    UrlSpec("set_language", expect={}, default=302),  # GET: back to the page, language unchanged
    UrlSpec("set_language", method="POST", data={"language": "en", "next": "/"}, expect={}, default=302),
]
