from simpul.testing import UrlSpec

SPECS = [
    # Without SIMPUL_METRICS_TOKEN (the default) the endpoint does not exist for anyone.
    UrlSpec("ops:metrics", expect={}, default=404),
]
