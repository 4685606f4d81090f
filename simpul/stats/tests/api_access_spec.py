"""Expected status of the statistics API for every persona (as the dashboard)."""

from simpul.testing import ANON, PERSONAS, UrlSpec

SPECS = [
    UrlSpec("api:api_stats_dashboard", expect={ANON: 401, "kepala": 200, "manajer_kasus": 200, "analis": 200}, default=403),
    UrlSpec("api:api_stats_open_data", expect=dict.fromkeys(PERSONAS, 200)),
]
