-- P7 returns to homelessness (docs/indicators.md §3.7), per region and NL, every period.
-- Cohort: distinct persons with a shelter stay ending in the period with a housing exit,
-- each with their earliest such exit (in the region; nationally, anywhere). Returned
-- within 6/12/24 months: a homelessness episode (any region, any current delivery)
-- starting after the exit day and on or before the exit day plus the months.
WITH housing_exit AS (
  SELECT st.period, st.region, p.pseudonym, st.end_day AS exit_day
  FROM period_stay st JOIN person p ON p.id = st.person_id
  WHERE st.end_day BETWEEN st.period_first AND st.period_last
    AND st.exit_destination IN ('zelfstandige_woning', 'woonplek_met_begeleiding')
),
cohort AS (  -- each person's earliest exit per region, and nationally
  SELECT period, region, pseudonym, min(exit_day) AS exit_day FROM housing_exit GROUP BY period, region, pseudonym
  UNION ALL
  SELECT period, 'NL', pseudonym, min(exit_day) FROM housing_exit GROUP BY period, pseudonym
),
exit_person AS (SELECT DISTINCT pseudonym, exit_day FROM cohort),
next_start AS (  -- the first episode start after the exit day
  SELECT x.pseudonym, x.exit_day, min(e.start_day) AS start_day
  FROM exit_person x JOIN episode e ON e.pseudonym = x.pseudonym AND e.start_day > x.exit_day
  GROUP BY x.pseudonym, x.exit_day
),
returned AS (
  SELECT c.period, c.region, m.months,
         count(*) AS cohort, sum(CASE WHEN n.start_day <= m.shifted THEN 1 ELSE 0 END) AS returned
  FROM cohort c
  JOIN month_shift m ON m.day = c.exit_day
  LEFT JOIN next_start n ON n.pseudonym = c.pseudonym AND n.exit_day = c.exit_day
  GROUP BY c.period, c.region, m.months
),
scope AS (
  SELECT period, region FROM period_delivery WHERE stay_files
  UNION
  SELECT period, 'NL' FROM period_delivery WHERE stay_files
),
cells AS (
  SELECT s.period, s.region, m.months, coalesce(r.cohort, 0) AS cohort, coalesce(r.returned, 0) AS returned
  FROM scope s CROSS JOIN (SELECT 6 AS months UNION ALL SELECT 12 UNION ALL SELECT 24) m
  LEFT JOIN returned r ON r.period = s.period AND r.region = s.region AND r.months = m.months
)
SELECT 'P7' AS indicator, 'cohort' AS measure, region, period, cohort AS value, NULL AS numerator,
       NULL AS denominator FROM cells WHERE months = 6
UNION ALL
SELECT 'P7', 'returned_' || months || 'm', region, period, returned, NULL, NULL FROM cells
UNION ALL
SELECT 'P7', 'returned_' || months || 'm_share', region, period, CAST(returned AS DOUBLE) / cohort, returned, cohort
FROM cells WHERE cohort > 0
ORDER BY 1, 2, 3, 4;
