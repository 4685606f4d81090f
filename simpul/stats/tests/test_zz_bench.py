import datetime as dt, time, os
from simpul.stats import public, disclosure
from simpul.stats.seed import generate, seed_demo
from simpul.stats.tests import attacker

N = int(os.environ.get("BENCH_CASES", "0"))
REGION = os.environ.get("BENCH_REGION") or None

def _run(label):
    orig = disclosure.protect
    info = {}
    def spy(release, t):
        o = orig(release, t); info["o"] = o; return o
    disclosure.protect = spy
    try:
        t = time.perf_counter(); data = public.build(); dt_ = time.perf_counter() - t
    finally:
        disclosure.protect = orig
    o = info["o"]
    hidden = sum(1 for t_ in data["tables"] if not t_["withheld"] for r in t_["rows"] for v in r["cells"] + [r["total"]] if v is None)
    cells = sum(1 for t_ in data["tables"] for r in t_["rows"] for v in r["cells"] + [r["total"]])
    print(f"\n{label}: build {dt_:.2f} s, rounds {o.rounds}, tables {len(data['tables'])}, withheld {o.withheld_reasons}, hidden {hidden}/{cells} body cells", flush=True)
    return data

def test_bench(demo, settings):
    if N:
        t = time.perf_counter()
        generate(N, seed=7, region=REGION, today=dt.date(2025, 11, 30))
        print(f"\nseeded {N} in {time.perf_counter()-t:.0f} s", flush=True)
    else:
        seed_demo(2000)
    _run(f"cases={N or 'demo 2000'} region={REGION}")
    _run("again (scipy imported)")
