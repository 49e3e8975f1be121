-- The periods compared by bench/indicators_vs_sql.sh: the ten half-years of the generated
-- dataset. Runs before the dialect layer (dialect.*.sql), which reads it.
CREATE TEMP TABLE period_list (period TEXT, first_date TEXT, last_date TEXT);
INSERT INTO period_list VALUES
  ('2019H1', '2019-01-01', '2019-06-30'), ('2019H2', '2019-07-01', '2019-12-31'),
  ('2020H1', '2020-01-01', '2020-06-30'), ('2020H2', '2020-07-01', '2020-12-31'),
  ('2021H1', '2021-01-01', '2021-06-30'), ('2021H2', '2021-07-01', '2021-12-31'),
  ('2022H1', '2022-01-01', '2022-06-30'), ('2022H2', '2022-07-01', '2022-12-31'),
  ('2023H1', '2023-01-01', '2023-06-30'), ('2023H2', '2023-07-01', '2023-12-31');
