"""Person matching, measured: `simpul persons match` and splink 5 (DuckDB) on the same synthetic
records with known truth, back to back in one run; pair precision, recall, F1 and wall time.

    .venv/bin/pip install splink==5.0.0 pandas   # once (splink is not a dependency of Simpul)
    .venv/bin/python bench/matching_eval.py --persons 60000      # ~100,000 records
    .venv/bin/python bench/matching_eval.py --persons 600000     # ~1,000,000 records
    BENCH_SPLINK_PATH=/some/dir ...   # where splink is installed, if not in the venv

Numbers and the machine's state: docs/matching.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simpul.matching.evalgen import generate, pair_scores, write  # noqa: E402


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, all threads) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.monotonic() - started, cpu


def _clusters(path: str) -> dict[str, str]:
    with open(path, newline="") as fh:
        return {row["record_id"]: row["cluster_id"] for row in csv.DictReader(fh)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=60_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-splink", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        records, truth_path = f"{tmp}/records.csv", f"{tmp}/truth.csv"
        write(generate(args.persons, args.seed), records, truth_path)
        with open(truth_path, newline="") as fh:
            truth = {row["record_id"]: row["person_id"] for row in csv.DictReader(fh)}
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        print(f"{len(truth):,} records of {args.persons:,} persons (seed {args.seed})")
        wall, cpu = _run([sys.executable, "-m", "simpul.matching", "match", "--input", records,
                          "--output", f"{tmp}/simpul.csv", "--quiet"], env)
        print(f"simpul persons match: {wall:.1f} s wall, {cpu:.1f} s CPU {pair_scores(truth, _clusters(f'{tmp}/simpul.csv'))}")
        if not args.skip_splink:
            extra = os.environ.get("BENCH_SPLINK_PATH")
            senv = {**env, "PYTHONPATH": f"{extra}:{ROOT}" if extra else str(ROOT)}
            wall, cpu = _run([sys.executable, "bench/matching_splink.py", records, f"{tmp}/splink.csv"], senv)
            print(f"splink 5 (DuckDB):    {wall:.1f} s wall, {cpu:.1f} s CPU {pair_scores(truth, _clusters(f'{tmp}/splink.csv'))}")


if __name__ == "__main__":
    main()
