"""Bench: `gongbao screen` over 1,000,000 generated firms, vectorised vs per-firm loops.

`run()` returns a markdown section for bench/run.py. The vectorised side is the real
`gongbao screen` path, stage by stage: parse the CSV into typed columns
(`gongbao.rules.screen.parse_firms_csv`), build one OpenFisca simulation of a million
firms (`screen_simulation`), compute every firm-level result (`screen_compute`), write
the results CSV (`write_results_csv`); then the same through the CLI in a fresh process.

Two loops are compared with it, each on a sample and extrapolated:
- the same OpenFisca rules, one simulation per firm (what `gongbao calc` / `match` do
  for one firm; with and without the explanations `calculate` attaches);
- `loop_rules`, the same rules written by hand in plain Python (no engine), which checks
  that the vectorised results agree and shows what a loop without the engine costs.
"""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from timing import best_seconds

from gongbao.rules import tax_benefit_system
from gongbao.rules.api import calculate, screen_arrays, screen_compute, screen_simulation
from gongbao.rules.catalog import POLICIES
from gongbao.rules.screen import format_column, parse_firms_csv, write_results_csv
from gongbao.rules.variables.headquarters import Industry

ON = dt.date(2019, 6, 1)
N_FIRMS = 1_000_000
N_LOOP = 20_000  # hand-written loop sample
N_ENGINE_LOOP = 2_000  # one OpenFisca simulation per firm
N_CALCULATE = 500  # api.calculate per firm (validation and explanations included)
INDUSTRIES = [m.name for m in Industry]
GRADES = ["none", "special", "grade_1", "grade_2", "grade_3"]


def generate(n: int, seed: int = 20171016) -> dict[str, np.ndarray]:
    """n synthetic firms, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2010-01-01")
    return {
        "established_on": start + rng.integers(0, 3400, n).astype("timedelta64[D]"),
        "recognition_date": np.datetime64("2017-11-01") + rng.integers(0, 570, n).astype("timedelta64[D]"),
        "industry": rng.integers(0, len(INDUSTRIES), n),  # enum codes, as a columnar store holds them
        "construction_grade": rng.integers(0, len(GRADES), n),
        "annual_revenue": np.round(rng.lognormal(10, 1.5, n), 1),
        "previous_year_revenue": np.round(rng.lognormal(10, 1.5, n), 1),
        "previous_max_revenue": np.round(rng.lognormal(9, 1.5, n), 1),
        "local_tax": np.round(rng.lognormal(6, 1.5, n), 1),
        "paid_in_capital": np.round(rng.lognormal(8.5, 1.5, n), 1),
        "branches_outside_zhengzhou": rng.integers(0, 8, n),
        "real_estate_revenue_share": rng.integers(0, 100, n).astype(float),
        "city_state_owned": rng.random(n) < 0.05,
        "has_own_office_in_zhengzhou": rng.random(n) < 0.5,
        "office_purchase_area": np.where(rng.random(n) < 0.3, rng.integers(0, 9000, n), 0).astype(float),
        "annual_office_rent": np.where(rng.random(n) < 0.3, rng.integers(0, 900, n), 0).astype(float),
        "many_complaints": rng.random(n) < 0.1,
        "on_dishonest_debtor_list": rng.random(n) < 0.02,
    }


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


def _single_amount(scale, value: float) -> float:
    amount = 0.0
    for threshold, value_at in zip(scale.thresholds, scale.amounts, strict=True):
        if value >= threshold:
            amount = value_at
    return amount


def loop_rules(firms: list[dict], on: dt.date) -> list[dict]:
    """The same firm-level rules, one firm at a time, in plain Python."""
    p = tax_benefit_system("firm").parameters(on.isoformat())
    hq, office, operating = p.headquarters, p.headquarters.office, p.headquarters.operating
    in_force = bool(hq.in_force)
    revenue_min = {k: hq.revenue_threshold[k] for k in INDUSTRIES if k not in ("finance_insurance", "real_estate")}
    tax_min = {k: hq.local_tax_threshold[k] for k in revenue_min}
    out = []
    for f in firms:
        industry = f["industry"]
        key = "other" if industry in ("finance_insurance", "real_estate") else industry
        new = f["established_on"] >= dt.date(2017, 1, 1)
        excluded = (f["city_state_owned"] or f["real_estate_revenue_share"] >= hq.real_estate_share_limit
                    or industry in ("finance_insurance", "real_estate"))
        basic = f["branches_outside_zhengzhou"] >= hq.minimum_branches_outside
        grade_ok = industry != "construction" or f["construction_grade"] in ("special", "grade_1")
        standard = f["annual_revenue"] >= revenue_min[key] and f["local_tax"] >= tax_min[key] and grade_ok
        recognised = in_force and not excluded and basic and standard
        settlement = _single_amount(hq.settlement_award, f["paid_in_capital"]) if recognised and new else 0.0
        start = f["recognition_date"]
        window = office.purchase_window_years if new else office.existing_window_years
        office_ok = recognised and start <= start < _add_years(start, window) and (not new or not f["has_own_office_in_zhengzhou"])
        ratio = 1 if new else office.existing_ratio
        purchase = min(f["office_purchase_area"] * office.purchase_rate / 10000, office.purchase_cap) * ratio if office_ok else 0.0
        rent_window = office.rent_window_years if new else office.existing_window_years
        rent_ok = recognised and start < _add_years(start, rent_window) and (not new or not f["has_own_office_in_zhengzhou"])
        rent = min(f["annual_office_rent"] * office.rent_rate, office.rent_cap) * ratio if rent_ok else 0.0
        office_subsidy = max(purchase, rent)
        new_award = 0.0
        if recognised and new and start <= on < _add_years(start, operating.new_firm_window_years):
            now = _single_amount(operating.new_firm_award, f["annual_revenue"])
            before = _single_amount(operating.new_firm_award, f["previous_max_revenue"])
            new_award = now if now > before else 0.0
        growth_award = 0.0
        prev = f["previous_year_revenue"]
        in_five = start <= on < _add_years(start, operating.growth_window_years)
        if recognised and in_five and (not new or on >= _add_years(start, operating.new_firm_window_years)) and prev > 0:
            growth_award = _single_amount(operating.growth_award_cap, (f["annual_revenue"] - prev) * 100 / prev)
        operating_award = new_award + growth_award
        total = settlement + office_subsidy + operating_award
        city = (settlement + operating_award) * hq.city_share
        growth = (f["annual_revenue"] - prev) * 100 / prev if prev > 0 else 0.0
        out.append({
            "headquarters_in_force": in_force,
            "headquarters_category": "new" if new else "existing",
            "headquarters_excluded": excluded,
            "headquarters_basic_conditions": basic,
            "headquarters_industry_standard": standard,
            "headquarters_recognised": recognised,
            "settlement_award": settlement,
            "settlement_award_year_1": settlement * hq.installments.year_1,
            "settlement_award_year_2": settlement * hq.installments.year_2,
            "settlement_award_year_3": settlement * hq.installments.year_3,
            "office_purchase_subsidy": purchase,
            "office_rent_subsidy": rent,
            "office_subsidy_kind": "purchase" if purchase >= rent and purchase > 0 else ("rent" if rent > 0 else "none"),
            "office_subsidy": office_subsidy,
            "revenue_growth_percent": growth,
            "operating_award_new_firm": new_award,
            "operating_award_growth_cap": growth_award,
            "operating_award": operating_award,
            "operating_award_personal_cap": operating_award * operating.personal_share_cap,
            "headquarters_total_award": total,
            "headquarters_city_share": city,
            "headquarters_county_share": total - city,
            "inspection_team_lawful": False,  # no inspectors assigned in the generated data
            "inspection_frequency_raised": f["many_complaints"],
            "joint_punishment": f["on_dishonest_debtor_list"],
        })
    return out


def _rows(columns: dict[str, np.ndarray], n: int) -> list[dict]:
    """Plain Python records (datetime.date, str, float, bool, int) for the loop."""
    converted = {
        k: (v[:n].astype("datetime64[D]").astype(dt.date).tolist() if v.dtype.kind == "M" else v[:n].tolist())
        for k, v in columns.items()
    }
    converted["industry"] = [INDUSTRIES[i] for i in converted["industry"]]
    converted["construction_grade"] = [GRADES[i] for i in converted["construction_grade"]]
    return [dict(zip(converted, values, strict=True)) for values in zip(*converted.values(), strict=True)]


def write_firms_csv(columns: dict[str, np.ndarray], path: Path) -> None:
    """The generated firms as the CSV `gongbao screen` reads (enum keys, ISO dates)."""
    text = {name: format_column(values) for name, values in columns.items()}
    text["industry"] = np.array(INDUSTRIES)[columns["industry"]].tolist()
    text["construction_grade"] = np.array(GRADES)[columns["construction_grade"]].tolist()
    ids = [f"F{i:07d}" for i in range(len(columns["industry"]))]
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_results_csv(handle, ids, text, list(text))


def _agree(name: str, got: np.ndarray, expected: np.ndarray) -> None:
    if got.dtype.kind == "f":
        ok = np.allclose(got, expected.astype(float), rtol=1e-5, atol=0.01)
    else:
        ok = bool((got == expected).all())
    if not ok:
        raise AssertionError(f"vectorised and loop results differ on {name}")


def engine_loop(columns: dict[str, np.ndarray], n: int) -> list[dict[str, np.ndarray]]:
    """The OpenFisca rules one firm at a time: a one-firm simulation per firm."""
    return [screen_arrays({k: v[i:i + 1] for k, v in columns.items()}, ON) for i in range(n)]


def calculate_loop(rows: list[dict]) -> None:
    """`api.calculate` per firm and firm-level policy, as `gongbao match` does for one firm."""
    inputs = {p.id: {f.name for f in p.fields} for p in POLICIES.values() if p.firm_level}
    for row in rows:
        facts = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
        for policy, names in inputs.items():
            calculate(policy, {k: v for k, v in facts.items() if k in names}, ON)


def run() -> str:
    """Time every side and return a markdown section."""
    columns = generate(N_FIRMS)
    # In memory first, while the process is small: best of 5 wall and CPU times.
    in_memory, in_memory_cpu = float("inf"), float("inf")
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        screen_compute(screen_simulation(columns, ON), ON)
        in_memory = min(in_memory, time.perf_counter() - t0)
        in_memory_cpu = min(in_memory_cpu, time.process_time() - c0)
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "firms.csv", Path(tmp) / "out.csv"
        write_firms_csv(columns, source)
        size_mb = source.stat().st_size / 1e6
        # Stage by stage, one cold pass, as `gongbao screen` runs them: wall and CPU seconds
        # (on a shared machine the CPU time is the steadier of the two).
        marks = [(time.perf_counter(), time.process_time())]
        with source.open(encoding="utf-8", newline="") as handle:
            ids, parsed = parse_firms_csv(handle)
        marks.append((time.perf_counter(), time.process_time()))
        simulation = screen_simulation(parsed, ON)
        marks.append((time.perf_counter(), time.process_time()))
        vector = screen_compute(simulation, ON)
        marks.append((time.perf_counter(), time.process_time()))
        with target.open("w", encoding="utf-8", newline="") as handle:
            write_results_csv(handle, ids, vector, list(vector))
        marks.append((time.perf_counter(), time.process_time()))
        names = ["parse CSV → typed columns", "build simulation, set inputs",
                 "compute every firm-level result", "write results CSV"]
        stages = {name: (marks[i + 1][0] - marks[i][0], marks[i + 1][1] - marks[i][1]) for i, name in enumerate(names)}
        del simulation
        # The command itself, in a fresh process (imports and the OpenFisca system included).
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from gongbao.cli import app; app()", "screen", str(source),
             "--out", str(target), "--date", ON.isoformat()],
            check=True, capture_output=True,
        )
        cli_seconds = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cli_rss_mb = after.ru_maxrss / 1024  # KiB on Linux

    # Loop 1: the same OpenFisca rules, one simulation per firm.
    engine_seconds = best_seconds(lambda: engine_loop(columns, N_ENGINE_LOOP), runs=1)
    for name, got in vector.items():
        _agree(name, np.asarray(got[:200]), np.concatenate([r[name] for r in engine_loop(columns, 200)]))
    rows_calc = _rows({k: v[:N_CALCULATE] for k, v in columns.items()}, N_CALCULATE)
    calculate_seconds = best_seconds(lambda: calculate_loop(rows_calc), runs=1)

    # Loop 2: the same rules written by hand, no engine; its answers must agree.
    rows = _rows({k: v[:N_LOOP] for k, v in columns.items()}, N_LOOP)
    t0 = time.perf_counter()
    looped = loop_rules(rows, ON)
    hand_seconds = time.perf_counter() - t0
    for name in looped[0]:
        _agree(name, np.asarray(vector[name][:N_LOOP]), np.array([r[name] for r in looped]))

    csv_seconds = sum(wall for wall, _ in stages.values())
    csv_cpu = sum(cpu for _, cpu in stages.values())
    rate = {
        "csv": N_FIRMS / csv_seconds,
        "cli": N_FIRMS / cli_seconds,
        "memory": N_FIRMS / in_memory,
        "engine": N_ENGINE_LOOP / engine_seconds,
        "calculate": N_CALCULATE / calculate_seconds,
        "hand": N_LOOP / hand_seconds,
    }
    recognised = int(np.asarray(vector["headquarters_recognised"]).sum())
    return "\n".join([
        "## Rules: firm-level screening (总部企业 + 双随机一公开)",
        "",
        f"{N_FIRMS:,} generated firms (seeded; {len(parsed)} input columns, a {size_mb:.0f} MB CSV), "
        f"all {len(vector)} firm-level outputs, rules as on {ON}. "
        f"{recognised:,} of the firms are recognised as 总部企业.",
        "",
        "`gongbao screen`, stage by stage (one cold pass):",
        "",
        "| stage | wall seconds | CPU seconds |",
        "|---|---:|---:|",
        *(f"| {stage} | {wall:.2f} | {cpu:.2f} |" for stage, (wall, cpu) in stages.items()),
        f"| **total** | **{csv_seconds:.2f}** | {csv_cpu:.2f} |",
        f"| the command in a fresh process (imports, tax-benefit system, all of the above; "
        f"peak memory {cli_rss_mb:,.0f} MB) | {cli_seconds:.2f} | {cli_cpu:.2f} |",
        "",
        "| how | firms timed | seconds | firms per second | 1 M firms (s) |",
        "|---|---:|---:|---:|---:|",
        f"| vectorised, in memory: one simulation, every result (`screen_simulation` + `screen_compute`, best of 5; "
        f"CPU {in_memory_cpu:.2f} s) | {N_FIRMS:,} | {in_memory:.2f} | {rate['memory']:,.0f} | {in_memory:.1f} |",
        f"| vectorised, CSV to CSV (the four stages above) | {N_FIRMS:,} | {csv_seconds:.2f} | {rate['csv']:,.0f} | {csv_seconds:.1f} |",
        f"| vectorised, `gongbao screen` in a fresh process | {N_FIRMS:,} | {cli_seconds:.2f} | {rate['cli']:,.0f} | {cli_seconds:.1f} |",
        f"| **loop over the same OpenFisca rules**: one simulation per firm (sample, extrapolated) "
        f"| {N_ENGINE_LOOP:,} | {engine_seconds:.2f} | {rate['engine']:,.0f} | {N_FIRMS / rate['engine']:,.0f} |",
        f"| loop of `api.calculate` per firm and policy (as `gongbao match`; with explanations; sample, extrapolated) "
        f"| {N_CALCULATE:,} | {calculate_seconds:.2f} | {rate['calculate']:,.0f} | {N_FIRMS / rate['calculate']:,.0f} |",
        f"| hand-written plain-Python rules, no engine (`loop_rules`; sample, extrapolated) "
        f"| {N_LOOP:,} | {hand_seconds:.2f} | {rate['hand']:,.0f} | {N_FIRMS / rate['hand']:,.1f} |",
        "",
        "Ratios (vectorised firms per second ÷ loop firms per second):",
        "",
        f"- against the per-firm OpenFisca loop (the issue's baseline: the same rules, firm by firm): "
        f"**{rate['memory'] / rate['engine']:,.0f}×** in memory, **{rate['csv'] / rate['engine']:,.0f}×** CSV to CSV, "
        f"**{rate['cli'] / rate['engine']:,.0f}×** for the whole command;",
        f"- against the `api.calculate` loop: {rate['memory'] / rate['calculate']:,.0f}× in memory, "
        f"{rate['csv'] / rate['calculate']:,.0f}× CSV to CSV;",
        f"- against the hand-written loop without the engine, like with like (both in memory): "
        f"**{rate['memory'] / rate['hand']:,.1f}×**. That loop is no engine at all (no formulas, "
        "parameters, periods or caches); the ≥ 50× target is not met against it. With the CSV "
        f"parsing and writing the command needs, the vectorised run is {rate['hand'] / rate['csv']:.1f}× slower "
        "than that loop over data already in memory.",
        "",
        f"The loops were timed on the first firms of the same data and extrapolated linearly. "
        f"On 200 firms the per-firm OpenFisca loop, and on {N_LOOP:,} firms the hand-written loop, "
        "give the same results as the vectorised run.",
        "",
    ])


if __name__ == "__main__":
    print(run())
