"""splink 5 (DuckDB) on the same records as `simpul persons match`, configured as splink's
documentation recommends for person data (name comparisons with term-frequency adjustments,
date-of-birth comparison, exact matches on identifiers, u by random sampling, m by EM with two
training blocking rules, the prior from deterministic rules). Run by bench/matching_eval.py:

    python bench/matching_splink.py records.csv clusters.csv
"""

from __future__ import annotations

import re
import sys
import time


def main(records: str, output: str, threshold: float = 0.95) -> None:
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.monotonic()
    con = duckdb.connect()
    df = con.read_csv(records, all_varchar=True).df()
    # Light cleaning, as a splink user would: lower case, punctuation out, first token / rest.
    clean = df["full_name"].fillna("").str.lower().map(lambda s: re.sub(r"[^a-z ]+", " ", s).split())
    df["first_name"] = clean.map(lambda t: t[0] if t else None)
    df["surname"] = clean.map(lambda t: " ".join(t[1:]) if len(t) > 1 else None)
    df["unique_id"] = df["record_id"]
    for col in ("nik", "phone", "birth_date", "sex", "kabupaten_code", "desa"):
        df[col] = df[col].where(df[col].notna() & (df[col] != ""), None)
    df["phone"] = df["phone"].map(lambda p: re.sub(r"\D", "", p)[-9:] if p else None)

    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.ExactMatch("nik"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("kabupaten_code").configure(term_frequency_adjustments=True),
            cl.ExactMatch("desa"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("nik"),
            block_on("phone"),
            block_on("birth_date", "substr(first_name, 1, 2)"),
            block_on("first_name", "substr(birth_date, 1, 4)"),
            block_on("first_name", "surname"),
            block_on("first_name", "kabupaten_code"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI(con)
    linker = Linker(db_api.register(df), settings, log_level="ERROR")
    linker.training.estimate_probability_two_random_records_match([block_on("nik")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)
    out = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    out.columns = ["record_id", "cluster_id"]
    out.to_csv(output, index=False)
    print(f"splink: {len(out):,} records in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
