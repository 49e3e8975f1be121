-- Views shared by p1.sql, p5.sql and p7.sql (after periods.sql and dialect.*.sql): the
-- rules of docs/indicators.md §2 written once. Dialect-neutral: runs on SQLite and DuckDB.

-- §2.2 homelessness episodes of every current delivery: living situations in ETHOS 1-3
-- (the default set) and shelter stays (ETHOS 2 or 3, always in the default set). An open
-- episode is known to last up to its delivery's last day (§2.1).
CREATE TEMP VIEW episode AS
SELECT l.delivery_id, p.pseudonym, d.region_code AS region, l.start_day, coalesce(l.end_day, d.last_day) AS end_day
FROM living_situation_d l
JOIN delivery_d d ON d.id = l.delivery_id
JOIN person p ON p.id = l.person_id
WHERE l.ethos BETWEEN 1 AND 3
UNION ALL
SELECT s.delivery_id, p.pseudonym, d.region_code, s.start_day, coalesce(s.end_day, d.last_day)
FROM service_episode_d s
JOIN delivery_d d ON d.id = s.delivery_id
JOIN person p ON p.id = s.person_id
WHERE s.service_type IN ('nachtopvang', '24uursopvang', 'crisisopvang', 'vrouwenopvang', 'jongerenopvang',
                         'winteropvang');

-- The current deliveries that count for each period (§2.1): those overlapping it, and
-- (on_first_day) those containing its first day, P1's reference date; with the files they
-- hold. A region without such a delivery of the files has no figure (not a zero).
CREATE TEMP VIEW period_delivery AS
SELECT q.period, q.first_day, q.last_day, d.id AS delivery_id, d.organisation, d.region_code AS region,
       d.last_day AS delivery_last, d.first_day <= q.first_day AS on_first_day,
       d.files LIKE '%living_situations%' OR d.files LIKE '%service_episodes%' AS episode_files,
       d.files LIKE '%service_episodes%' AS stay_files
FROM period_d q JOIN delivery_d d ON d.first_day <= q.last_day AND d.last_day >= q.first_day;

-- Shelter stays of each period's deliveries; a stay re-delivered by the same organisation
-- for the same region in two of them (same record_id) counts once, from the latest
-- delivery (period end, then import).
CREATE TEMP VIEW period_stay AS
SELECT q.period, q.first_day AS period_first, q.last_day AS period_last, q.region, q.delivery_last, s.person_id,
       s.start_day, s.end_day, s.exit_destination
FROM period_delivery q
JOIN service_episode_d s ON s.delivery_id = q.delivery_id
WHERE s.service_type IN ('nachtopvang', '24uursopvang', 'crisisopvang', 'vrouwenopvang', 'jongerenopvang',
                         'winteropvang')
  AND NOT EXISTS (
    SELECT 1 FROM period_delivery later JOIN service_episode s2 ON s2.delivery_id = later.delivery_id
    WHERE later.period = q.period AND later.organisation = q.organisation AND later.region = q.region
      AND later.delivery_id <> q.delivery_id
      AND (later.delivery_last > q.delivery_last OR (later.delivery_last = q.delivery_last
                                                     AND later.delivery_id > q.delivery_id))
      AND s2.record_id = s.record_id);
