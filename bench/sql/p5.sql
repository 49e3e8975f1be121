-- P5 length of stay in shelter (docs/indicators.md §3.5), per region and NL (the sum of
-- the regions: stays are records), every period. Length = end - start + 1 (both days
-- count); "longer than 3 months" = more than 90 days.
-- ended.*: stays whose end lies in the period; ongoing.* (at the period's last day): stays
-- there on that day (docs/indicators.md §2.1: started by then and ended on it or later, or
-- open in a delivery covering it). A stay ending on the last day is in both.
WITH stay AS (
  SELECT period, region, 'ended' AS kind, end_day - start_day + 1 AS days
  FROM period_stay
  WHERE end_day BETWEEN period_first AND period_last
  UNION ALL
  SELECT period, region, 'ongoing' AS kind, period_last - start_day + 1 AS days
  FROM period_stay
  WHERE start_day <= period_last AND (end_day >= period_last OR (end_day IS NULL AND delivery_last >= period_last))
),
both_scopes AS (
  SELECT period, region, kind, days FROM stay
  UNION ALL
  SELECT period, 'NL', kind, days FROM stay
),
ranked AS (
  SELECT period, region, kind, days,
         row_number() OVER (PARTITION BY period, region, kind ORDER BY days) AS rn,
         count(*) OVER (PARTITION BY period, region, kind) AS n
  FROM both_scopes
),
agg AS (  -- the median: the middle value, or the mean of the two middle ones
  SELECT period, region, kind, count(*) AS n, sum(CASE WHEN days > 90 THEN 1 ELSE 0 END) AS over_90,
         avg(CASE WHEN 2 * rn BETWEEN n AND n + 2 THEN days END) AS median_days
  FROM ranked GROUP BY period, region, kind
),
scope AS (
  SELECT period, region FROM period_delivery WHERE stay_files
  UNION
  SELECT period, 'NL' FROM period_delivery WHERE stay_files
),
cells AS (
  SELECT s.period, s.region, k.kind, coalesce(a.n, 0) AS n, coalesce(a.over_90, 0) AS over_90, a.median_days
  FROM scope s CROSS JOIN (SELECT 'ended' AS kind UNION ALL SELECT 'ongoing') k
  LEFT JOIN agg a ON a.period = s.period AND a.region = s.region AND a.kind = k.kind
)
SELECT 'P5' AS indicator, kind || '.stays' AS measure, region, period, n AS value, NULL AS numerator,
       NULL AS denominator FROM cells
UNION ALL
SELECT 'P5', kind || '.median_days', region, period, median_days, NULL, n FROM cells WHERE n > 0
UNION ALL
SELECT 'P5', kind || '.over_90_days', region, period, over_90, NULL, NULL FROM cells
UNION ALL
SELECT 'P5', kind || '.over_90_days_share', region, period, CAST(over_90 AS DOUBLE) / n, over_90, n FROM cells
WHERE n > 0
ORDER BY 1, 2, 3, 4;
