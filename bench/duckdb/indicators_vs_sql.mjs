// The DuckDB and comparison side of bench/indicators_vs_sql.sh.
//
//   node indicators_vs_sql.mjs duckdb CSV_DIR SQL_DIR OUT_DIR RUNS
//     Loads the tables exported from the SQLite database (CSV_DIR/<table>.csv) into an
//     in-memory DuckDB (load time), runs bench/sql/periods.sql, dialect.duckdb.sql and
//     common.sql (setup time), then each of p1.sql, p5.sql, p7.sql RUNS times (best time),
//     writing OUT_DIR/duckdb_<q>.csv and OUT_DIR/duckdb_times.json.
//   node indicators_vs_sql.mjs compare ENGINE_CSV SQLITE_CSV DUCKDB_CSV
//     Compares the three result sets (indicator, measure, region, period -> value,
//     numerator, denominator): the same rows, numerators and denominators exactly, values
//     to 1e-9 relative. Prints the first differences; exit status 1 when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const TABLES = ['delivery', 'person', 'living_situation', 'service_episode'];
const QUERIES = ['p1', 'p5', 'p7'];

async function runDuckdb(csvDir, sqlDir, outDir, runs) {
  const times = { load_ms: 0, setup_ms: 0, query_ms: {} };
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  let t0 = performance.now();
  for (const t of TABLES) {
    await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv('${join(csvDir, t + '.csv')}', header = true)`);
  }
  times.load_ms = performance.now() - t0;
  t0 = performance.now();
  for (const f of ['periods.sql', 'dialect.duckdb.sql', 'common.sql']) {
    await con.run(readFileSync(join(sqlDir, f), 'utf8'));
  }
  times.setup_ms = performance.now() - t0;
  for (const q of QUERIES) {
    const sql = readFileSync(join(sqlDir, q + '.sql'), 'utf8');
    let best = Infinity;
    let reader;
    for (let i = 0; i < runs; i++) {
      t0 = performance.now();
      reader = await con.runAndReadAll(sql);
      best = Math.min(best, performance.now() - t0);
    }
    times.query_ms[q] = best;
    const lines = [reader.columnNames().join(',')];
    for (const row of reader.getRows()) lines.push(row.map((v) => (v === null ? '' : String(v))).join(','));
    writeFileSync(join(outDir, `duckdb_${q}.csv`), lines.join('\n') + '\n');
  }
  writeFileSync(join(outDir, 'duckdb_times.json'), JSON.stringify(times));
}

// key -> [value, numerator, denominator] of a CSV with the columns
// indicator,measure,region,period,value,numerator,denominator (headers and SQLite's
// "Run Time" lines skipped).
function readResults(file) {
  const out = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split(',');
    if (f.length !== 7 || f[0] === 'indicator') continue;
    out.set(f.slice(0, 4).join(','), [f[4] === '' ? null : Number(f[4]), f[5], f[6]]);
  }
  return out;
}

function sameValue(a, b) {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function compare(files) {
  const [engine, ...others] = files.map(readResults);
  const names = ['sqlite', 'duckdb'];
  let differences = 0;
  const report = (msg) => {
    if (++differences <= 20) console.log('  DIFF ' + msg);
  };
  others.forEach((other, i) => {
    for (const [key, e] of engine) {
      const o = other.get(key);
      if (!o) report(`${names[i]} lacks ${key} (engine: ${e.join(' ')})`);
      else if (!sameValue(e[0], o[0]) || e[1] !== o[1] || e[2] !== o[2])
        report(`${key}: engine ${e.join(' ')} vs ${names[i]} ${o.join(' ')}`);
    }
    for (const key of other.keys()) if (!engine.has(key)) report(`only ${names[i]} has ${key}`);
  });
  const verdict = differences === 0 ? 'EQUAL' : `DIFFERENT (${differences} differences)`;
  console.log(`results: ${engine.size} figures from the engine; engine, SQLite and DuckDB ${verdict}`);
  return differences === 0 ? 0 : 1;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'duckdb') {
  await runDuckdb(args[0], args[1], args[2], Number(args[3] ?? 3));
} else if (mode === 'compare') {
  process.exitCode = compare(args);
} else {
  console.error('usage: indicators_vs_sql.mjs duckdb CSV_DIR SQL_DIR OUT_DIR RUNS | compare ENGINE SQLITE DUCKDB');
  process.exitCode = 2;
}
