#!/usr/bin/env python3
"""The projection to 2030 written plainly with numpy: the baseline of bench/projection_bench.sh.

The same model as src/onderdak/projection (docs/projection.md): the life table with delayed
entry, the damped Poisson inflow trend, the shares, shrinkage of the regions toward the
nation, the month-by-month projection, the Poisson bootstrap over persons and the pace
searches. Reads the spells bench/projection_spells wrote, fits and projects every unit with
REPLICATES replicates to 2030, and writes each unit's expected path and pace as JSON (equal
to onderdak's for the same data: the method is deterministic; the band is not compared, as
numpy's generator is not onderdak's).

Usage: projection_numpy.py SPELLS_DIR REPLICATES OUT.json
"""
import calendar
import csv
import json
import math
import sys
import time

import numpy as np

MAX_AGE = 60
HAZARD_PRIOR, SHARE_PRIOR, TREND_SD, DAMPING, TREND_HALVES = 10.0, 20.0, 0.05, 0.8, 8
PIPELINE_HALVES, SEARCH_UNTIL, TO_YEAR = 4, 2060, 2030
EPOCH = np.datetime64("1970-01-01", "D")


def ymd(days):
    d = (EPOCH + np.asarray(days, dtype="int64")).astype("datetime64[D]")
    months = d.astype("datetime64[M]").astype("int64")
    day = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") + 1
    return months // 12 + 1970, months % 12 + 1, day


def month_of(days):
    y, m, _ = ymd(days)
    return y * 12 + m - 1


def add_months(days, k):
    """Calendar months added, the day clamped to the month's last (core::Date::AddMonths)."""
    y, m, d = ymd(days)
    total = y * 12 + (m - 1) + k
    ny, nm = total // 12, total % 12 + 1
    last = np.array([calendar.monthrange(int(a), int(b))[1] for a, b in zip(np.atleast_1d(ny), np.atleast_1d(nm))])
    nd = np.minimum(np.atleast_1d(d), last)
    out = np.array([(np.datetime64(f"{int(a):04d}-{int(b):02d}-{int(c):02d}") - EPOCH).astype("int64")
                    for a, b, c in zip(np.atleast_1d(ny), np.atleast_1d(nm), nd)])
    return out if np.ndim(days) else int(out[0])


def is_month_end(days):
    _, _, d = ymd(np.asarray(days) + 1)
    return d == 1


class Unit:
    """A unit's spells reduced to what Estimate sums (PreparedUnit)."""

    def __init__(self, code, first, last, persons, delivered, spells):
        self.code, self.persons = code, persons
        self.first, self.last = int(month_of(first)), int(month_of(last))
        self.months = max(0, self.last - self.first + 1)
        self.delivered_periods = delivered
        deliv = np.zeros(self.months, dtype=bool)
        for a, b in delivered:
            for mm in range(int(month_of(a)), int(month_of(b)) + 1):
                if self.first <= mm <= self.last:
                    deliv[mm - self.first] = True
        person, start, end, ongoing, housed, first_time = (np.array(c) for c in spells)
        ongoing, housed, first_time = ongoing.astype(bool), housed.astype(bool), first_time.astype(bool)
        n_sp = len(person)
        sm, em = month_of(start), month_of(end)
        in_last = np.where(is_month_end(end), em, em - 1)
        in_last = np.where(ongoing, np.minimum(in_last, self.last), in_last)
        n = in_last - sm + 1
        ft_from = add_months(int(first), 24)
        ret_until = add_months(int(last), -24)
        self.person = person
        self.exit = ~ongoing
        self.housed = self.exit & housed
        self.placement = self.housed & (em > self.last - 12)
        self.ret_den = self.housed & (end <= ret_until)
        nxt_same = np.zeros(n_sp, dtype=bool)
        nxt_soon = np.zeros(n_sp, dtype=bool)
        if n_sp > 1:
            nxt_same[:-1] = person[1:] == person[:-1]
            idx = np.nonzero(self.ret_den[:-1] & nxt_same[:-1])[0]
            if len(idx):
                nxt_soon[idx] = start[idx + 1] <= add_months(end[idx], 24)
        self.ret_num = self.ret_den & nxt_same & nxt_soon
        in_stock = n >= 1
        a_lo = np.maximum(0, self.first - sm)
        a_hi = np.where(ongoing, n - 2, n - 1)
        obs = in_stock & (a_hi >= a_lo)
        hi = np.minimum(a_hi, MAX_AGE - 1)
        has_risk = obs & (a_lo <= hi)
        self.risk_from = np.where(has_risk, a_lo, 0)
        self.risk_to = np.where(has_risk, hi + 1, 0)
        pooled_from = np.maximum(a_lo, MAX_AGE)
        self.pooled = np.where(obs & (a_hi >= pooled_from), a_hi - pooled_from + 1, 0)
        self.event_age = np.where(obs & ~ongoing, np.minimum(n - 1, MAX_AGE), -1)
        rel = sm - self.first
        inflow = in_stock & (rel >= 0) & (rel < self.months)
        inflow[inflow] = deliv[rel[inflow]]
        self.inflow_month = np.where(inflow, rel, -1)
        self.first_time = inflow & first_time
        self.look_back = inflow & (start >= ft_from)
        self.stock_age = np.where(in_stock & ongoing, np.minimum(self.last - sm, MAX_AGE), -1)


def share(num, den, prior, field, fallback):
    if prior is not None:
        return (num + SHARE_PRIOR * prior[field]) / (den + SHARE_PRIOR)
    return num / den if den > 0 else fallback


def half_index(m):
    return (m // 12) * 2 + (1 if m % 12 >= 6 else 0)


def fit_trend(x, y):
    total = float(sum(y))
    if len(x) < 2 or total <= 0:
        return None
    x, y = np.array(x), np.array(y)
    alpha, beta = math.log(total / len(y)), 0.0
    i00 = i01 = i11 = 0.0
    for _ in range(50):
        mu = np.exp(alpha + beta * x)
        g0, g1 = float(np.sum(y - mu)), float(np.sum((y - mu) * x))
        i00, i01, i11 = float(np.sum(mu)), float(np.sum(mu * x)), float(np.sum(mu * x * x))
        det = i00 * i11 - i01 * i01
        if not det > 0:
            return None
        d0 = (i11 * g0 - i01 * g1) / det
        d1 = (i00 * g1 - i01 * g0) / det
        alpha += d0
        beta += min(1.0, max(-1.0, d1))
        if abs(d0) < 1e-10 and abs(d1) < 1e-10:
            break
    det = i00 * i11 - i01 * i01
    if not det > 0 or not math.isfinite(beta):
        return None
    return beta, i00 / det


def estimate(u, w, prior):
    if w is None:
        w = np.ones(u.persons)
    wt = w[u.person]
    f = {"jump_off": u.last}
    diff = np.bincount(u.risk_from, weights=wt * (u.risk_to > u.risk_from), minlength=MAX_AGE + 2)
    diff -= np.bincount(u.risk_to, weights=wt * (u.risk_to > u.risk_from), minlength=MAX_AGE + 2)
    risk = np.empty(MAX_AGE + 1)
    risk[:MAX_AGE] = np.cumsum(diff[:MAX_AGE])
    risk[MAX_AGE] = float(np.sum(wt * u.pooled))
    ev = u.event_age >= 0
    events = np.bincount(u.event_age[ev], weights=wt[ev], minlength=MAX_AGE + 1)
    if prior is not None:
        hz = (events + HAZARD_PRIOR * prior["hazard"]) / (risk + HAZARD_PRIOR)
    else:
        known = risk > 1e-12
        hz = np.zeros(MAX_AGE + 1)
        hz[known] = np.minimum(1.0, events[known] / risk[known])
        first_known = -1
        for a in range(MAX_AGE + 1):
            if known[a]:
                if first_known < 0:
                    first_known = a
            elif a > 0 and first_known >= 0:
                hz[a] = hz[a - 1]
        if first_known > 0:
            hz[:first_known] = hz[first_known]
    f["hazard"] = hz
    im = u.inflow_month >= 0
    inflow = np.bincount(u.inflow_month[im], weights=wt[im], minlength=u.months)
    xs, ys = [], []
    h_last = half_index(u.last)
    for a, b in reversed(u.delivered_periods):
        if len(xs) >= TREND_HALVES:
            break
        m0, m1 = int(month_of(a)), int(month_of(b))
        if m0 < u.first or m1 > u.last:
            continue
        ys.append(float(np.sum(inflow[m0 - u.first:m1 - u.first + 1])))
        xs.append(float(half_index(m0) - h_last))
    t = fit_trend(xs, ys)
    raw = t[0] if t else 0.0
    if prior is not None:
        tau2 = TREND_SD * TREND_SD
        wgt = tau2 / (tau2 + t[1]) if t else 0.0
        trend = wgt * raw + (1 - wgt) * prior["trend"]
    else:
        trend = raw
    total = sum(ys)
    expected = sum(math.exp(trend * x) for x in xs)
    f["trend"], f["level"] = trend, (total / expected if expected > 0 else 0.0)
    ft_all_den, ft_all_num = float(np.sum(wt[im])), float(np.sum(wt[u.first_time]))
    ft_den, ft_num = float(np.sum(wt[u.look_back])), float(np.sum(wt[u.look_back & u.first_time]))
    fallback = ft_all_num / ft_all_den if ft_all_den > 0 else 1.0
    f["ft"] = share(ft_num, ft_den, prior, "ft", fallback) if (ft_den > 0 or prior is not None) else fallback
    f["housed"] = share(float(np.sum(wt[u.housed])), float(np.sum(wt[u.exit])), prior, "housed", 0.0)
    f["returns"] = share(float(np.sum(wt[u.ret_num])), float(np.sum(wt[u.ret_den])), prior, "returns", 0.0)
    f["placements"] = float(np.sum(wt[u.placement])) / min(max(u.months, 1), 12)
    sa = u.stock_age >= 0
    f["stock0"] = np.bincount(u.stock_age[sa], weights=wt[sa], minlength=MAX_AGE + 1)
    return f


def project(f, last_month, extra_hy=0.0):
    steps = last_month - f["jump_off"]
    out = np.zeros(max(0, steps))
    n = f["stock0"].copy()
    hz = f["hazard"]
    keep = 1 - hz
    returns_due = np.zeros(max(0, steps) + 25)
    trend_sum, half = 0.0, 0
    for k in range(max(0, steps)):
        if k % 6 == 0:
            half += 1
            trend_sum += DAMPING ** half
        monthly = f["level"] * math.exp(f["trend"] * trend_sum) / 6.0
        pooled = n[MAX_AGE] * keep[MAX_AGE]
        n[1:] = n[:-1] * keep[:-1]
        n[MAX_AGE] += pooled
        n[0] = monthly + returns_due[k]
        total = float(n.sum())
        placed = min(extra_hy / 6.0, total)
        if total > 0 and placed > 0:
            n *= 1 - placed / total
            total -= placed
        if placed > 0:
            returns_due[k + 1:k + 25] += placed * f["returns"] / 24.0
        out[k] = max(0.0, total)
    return out


def extra_needed(f, last, target):
    def at_end(extra):
        p = project(f, last, extra)
        return p[-1] if len(p) else float(f["stock0"].sum())
    if at_end(0) <= target:
        return 0.0
    hi = 1.0
    while at_end(hi) > target and hi < 1e9:
        hi *= 2
    lo = 0.0 if hi / 2 < 1 else hi / 2
    for _ in range(60):
        if hi - lo <= 1e-3:
            break
        mid = (lo + hi) / 2
        if at_end(mid) > target:
            lo = mid
        else:
            hi = mid
    return hi


def main():
    spells_dir, replicates, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    units_meta = list(csv.DictReader(open(f"{spells_dir}/units.csv")))
    rows = {}
    with open(f"{spells_dir}/spells.csv") as fh:
        for r in csv.DictReader(fh):
            rows.setdefault(r["unit"], []).append(r)
    started = time.perf_counter()
    units = []
    for m in units_meta:
        rs = rows.get(m["unit"], [])
        cols = [[int(r[k]) for r in rs] for k in ("person", "start", "end", "ongoing", "housed", "first_time")]
        delivered = [tuple(int(v) for v in p.split(":")) for p in m["delivered"].split()]
        units.append(Unit(m["unit"], int(m["first"]), int(m["last"]), int(m["persons"]), delivered, cols))
    nl = next((u for u in units if u.code == "NL"), None)
    prior = estimate(nl, None, None) if nl else None
    rng = np.random.default_rng(1)
    last = TO_YEAR * 12 + 11
    result = {}
    for u in units:
        p = None if u.code == "NL" else prior
        point = estimate(u, None, p)
        months = list(range(point["jump_off"] + 6, last + 1, 6))
        expected = project(point, last)
        draws = np.zeros((replicates, len(months)))
        for r in range(replicates):
            f = estimate(u, rng.poisson(1.0, u.persons).astype(float), p)
            path = project(f, last)
            draws[r] = rng.poisson(path[[mm - point["jump_off"] - 1 for mm in months]])
        band = np.quantile(draws, [0.05, 0.95], axis=0) if replicates else None
        fz = max(0.5, point["placements"])
        result[u.code] = {
            "expected": [float(expected[mm - point["jump_off"] - 1]) for mm in months],
            "p05": band[0].tolist() if band is not None else None,
            "p95": band[1].tolist() if band is not None else None,
            "needed_zero": point["placements"] * 6 + extra_needed(point, last, 0.5),
            "needed_functional_zero": point["placements"] * 6 + extra_needed(point, last, fz),
        }
        search = project(point, SEARCH_UNTIL * 12 + 11)  # the search for the dates, as onderdak does
        result[u.code]["reached_searched"] = bool(len(search))
    elapsed = time.perf_counter() - started
    json.dump({"seconds": elapsed, "units": result}, open(out_path, "w"))
    print(f"numpy: {len(units)} units x {replicates} replicates in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
