from simpul.testing import UrlSpec

SPECS = [
    UrlSpec("api:openapi-json", expect={}, default=200),
    UrlSpec("api:api-root", expect={}, default=404),  # no interactive docs page (it would load third-party assets)
    UrlSpec("api:api_unknown_path", kwargs={"rest": "tidak/ada"}, expect={}, default=404),  # a JSON 404 for everyone
    *[UrlSpec("api:api_unknown_path", method=m, kwargs={"rest": "tidak/ada"}, expect={}, default=404) for m in ("POST", "PUT", "PATCH", "DELETE")],
]
