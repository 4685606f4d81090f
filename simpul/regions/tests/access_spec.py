from simpul.testing import UrlSpec

# Region codes are public reference data.
SPECS = [
    UrlSpec("regions:search", query="q=kand", expect={}, default=200),
    UrlSpec("regions:picker", query="kode=63.06", expect={}, default=200),
    UrlSpec("api:region_roots", expect={}, default=200),
    UrlSpec("api:region_detail", kwargs={"code": "63.06"}, expect={}, default=200),
    UrlSpec("api:region_children", kwargs={"code": "63.06"}, expect={}, default=200),
]
