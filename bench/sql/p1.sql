-- P1 homeless persons (docs/indicators.md §3.1), per region and NL, every period:
-- persons_on_date: distinct persons with an episode covering the reference date (the
-- period's first day) from a delivery whose period contains it; persons_in_period:
-- distinct persons with an episode overlapping the period from a delivery overlapping it.
-- A person counts once per region and once nationally (§2.4).
WITH hit AS (
  SELECT q.period, 'persons_on_date' AS measure, e.region, e.pseudonym
  FROM period_delivery q JOIN episode e ON e.delivery_id = q.delivery_id
  WHERE q.on_first_day AND e.start_day <= q.first_day AND q.first_day <= e.end_day
  UNION ALL
  SELECT q.period, 'persons_in_period', e.region, e.pseudonym
  FROM period_delivery q JOIN episode e ON e.delivery_id = q.delivery_id
  WHERE e.start_day <= q.last_day AND e.end_day >= q.first_day
),
counts AS (
  SELECT period, measure, region, count(DISTINCT pseudonym) AS n FROM hit GROUP BY period, measure, region
  UNION ALL
  SELECT period, measure, 'NL', count(DISTINCT pseudonym) FROM hit GROUP BY period, measure
),
scope AS (
  SELECT period, 'persons_on_date' AS measure, region FROM period_delivery WHERE on_first_day AND episode_files
  UNION
  SELECT period, 'persons_in_period', region FROM period_delivery WHERE episode_files
),
scope_nl AS (
  SELECT period, measure, region FROM scope
  UNION
  SELECT period, measure, 'NL' FROM scope
)
SELECT 'P1' AS indicator, s.measure, s.region, s.period, coalesce(c.n, 0) AS value,
       NULL AS numerator, NULL AS denominator
FROM scope_nl s LEFT JOIN counts c ON c.period = s.period AND c.measure = s.measure AND c.region = s.region
ORDER BY 1, 2, 3, 4;
