from simpul.testing import UrlSpec

SPECS = [
    UrlSpec("api:openapi-json", expect={}, default=200),
    UrlSpec("api:api-root", expect={}, default=404),  # no interactive docs page (it would load third-party assets)
]
