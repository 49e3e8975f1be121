-- The DuckDB side of the dialect layer (bench/indicators_vs_sql.sh): the tables loaded
-- from the SQLite database, with dates as day numbers (days since 1970-01-01), and
-- AddMonths (DuckDB's month interval clamps month ends, as core::Date::AddMonths). Everything
-- else in bench/sql/ is the same text for SQLite and DuckDB.
CREATE TEMP VIEW delivery_d AS
SELECT id, organisation, region_code, files,
       CAST(period_first AS DATE) - DATE '1970-01-01' AS first_day,
       CAST(period_last AS DATE) - DATE '1970-01-01' AS last_day
FROM delivery WHERE is_current = 1;

CREATE TEMP VIEW living_situation_d AS
SELECT delivery_id, person_id, ethos,
       CAST(start_date AS DATE) - DATE '1970-01-01' AS start_day,
       CAST(end_date AS DATE) - DATE '1970-01-01' AS end_day
FROM living_situation;

CREATE TEMP VIEW service_episode_d AS
SELECT delivery_id, person_id, record_id, service_type, exit_destination,
       CAST(start_date AS DATE) - DATE '1970-01-01' AS start_day,
       CAST(end_date AS DATE) - DATE '1970-01-01' AS end_day
FROM service_episode;

CREATE TEMP VIEW period_d AS
SELECT period, CAST(first_date AS DATE) - DATE '1970-01-01' AS first_day,
       CAST(last_date AS DATE) - DATE '1970-01-01' AS last_day
FROM period_list;

-- month_shift(day, months, shifted): day + months calendar months, the day clamped to the
-- month's last day (31 March + 6 months = 30 September), for every day of the periods.
CREATE TEMP TABLE month_shift AS
SELECT CAST(d AS DATE) - DATE '1970-01-01' AS day, months,
       CAST(CAST(d AS DATE) + to_months(months) AS DATE) - DATE '1970-01-01' AS shifted
FROM range(CAST((SELECT min(first_date) FROM period_list) AS DATE),
           CAST((SELECT max(last_date) FROM period_list) AS DATE) + 1, INTERVAL 1 DAY) AS t(d),
     (VALUES (6), (12), (24)) AS m(months);
