-- The SQLite side of the dialect layer (bench/indicators_vs_sql.sh): the tables of the
-- database `onderdak import` wrote, with dates as day numbers (days since 1970-01-01),
-- and AddMonths (month ends clamped, as core::Date::AddMonths). Everything else in
-- bench/sql/ is the same text for SQLite and DuckDB.
CREATE TEMP VIEW delivery_d AS
SELECT id, organisation, region_code, files,
       CAST(julianday(period_first) - 2440587.5 AS INTEGER) AS first_day,
       CAST(julianday(period_last) - 2440587.5 AS INTEGER) AS last_day
FROM delivery WHERE is_current = 1;

CREATE TEMP VIEW living_situation_d AS
SELECT delivery_id, person_id, ethos,
       CAST(julianday(start_date) - 2440587.5 AS INTEGER) AS start_day,
       CAST(julianday(end_date) - 2440587.5 AS INTEGER) AS end_day
FROM living_situation;

CREATE TEMP VIEW service_episode_d AS
SELECT delivery_id, person_id, record_id, service_type, exit_destination,
       CAST(julianday(start_date) - 2440587.5 AS INTEGER) AS start_day,
       CAST(julianday(end_date) - 2440587.5 AS INTEGER) AS end_day
FROM service_episode;

CREATE TEMP VIEW period_d AS
SELECT period, CAST(julianday(first_date) - 2440587.5 AS INTEGER) AS first_day,
       CAST(julianday(last_date) - 2440587.5 AS INTEGER) AS last_day
FROM period_list;

-- month_shift(day, months, shifted): day + months calendar months, the day clamped to the
-- month's last day (31 March + 6 months = 30 September), for every day of the periods.
CREATE TEMP TABLE month_shift AS
WITH RECURSIVE day_list(d) AS (
  SELECT min(first_date) FROM period_list
  UNION ALL SELECT date(d, '+1 day') FROM day_list WHERE d < (SELECT max(last_date) FROM period_list)
), month_list(months) AS (VALUES (6), (12), (24))
SELECT CAST(julianday(d) - 2440587.5 AS INTEGER) AS day, months,
       CAST(julianday(min(date(d, 'start of month', '+' || months || ' months', '+' || (CAST(strftime('%d', d) AS INTEGER) - 1) || ' days'),
                          date(d, 'start of month', '+' || (months + 1) || ' months', '-1 day'))) - 2440587.5 AS INTEGER) AS shifted
FROM day_list, month_list;
