// Derives the map's shipped municipality boundaries, data/reference/municipalities_2023.topo.json,
// from the shared TopoJSON of CBS/PDOK gebiedsindelingen 2023 (nl-vr-gm.topo.json; its
// README: the file itself is not to be copied, a simplified derivation may ship, crediting
// the source). Steps: keep only the municipalities (each with its `code`, GM####), drop
// the arcs they do not use, simplify with Visvalingam's effective area keeping the half
// of the points that matter most (topojson-simplify: shared borders stay shared, so
// neighbours still meet), and quantise to a 10,000 × 10,000 grid (about 30 m over the
// Netherlands, far below a pixel of the map). Deterministic: the same input gives the
// same bytes. Maintainer tool, run by scripts/build-reference-data; the build never runs it.
//
// Usage: node scripts/build-boundaries.mjs SOURCE.topo.json OUTPUT.topo.json
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../web/package.json', import.meta.url));
const { presimplify, simplify, quantile } = require('topojson-simplify');
const { quantize } = require('topojson-client');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/build-boundaries.mjs SOURCE.topo.json OUTPUT.topo.json');
  process.exit(2);
}
const source = JSON.parse(readFileSync(input, 'utf8'));
const gm = source.objects.gm_features;
if (!gm || gm.type !== 'GeometryCollection') throw new Error(`${input}: no object gm_features`);

// The municipalities only, with their code and nothing else.
const municipalities = {
  type: 'GeometryCollection',
  geometries: gm.geometries.map((g) => {
    if (!/^GM\d{4}$/.test(g.properties?.code ?? '')) throw new Error(`${input}: a municipality without a GM code`);
    return { type: g.type, arcs: g.arcs, properties: { code: g.properties.code } };
  }),
};

// Arcs the municipalities use, renumbered in order of first use.
const renumber = new Map();
const arcs = [];
const mapArc = (i) => {
  const index = i < 0 ? ~i : i;
  if (!renumber.has(index)) {
    renumber.set(index, arcs.length);
    arcs.push(source.arcs[index]);
  }
  const j = renumber.get(index);
  return i < 0 ? ~j : j;
};
const mapArcs = (a) => (typeof a === 'number' ? mapArc(a) : a.map(mapArcs));
for (const g of municipalities.geometries) g.arcs = mapArcs(g.arcs);

const topology = { type: 'Topology', transform: source.transform, arcs, objects: { municipalities } };
const weighted = presimplify(topology);
const simplified = simplify(weighted, quantile(weighted, 0.5));
const result = quantize(simplified, 1e4);
writeFileSync(output, JSON.stringify(result) + '\n');
let points = 0;
for (const a of result.arcs) points += a.length;
console.log(`wrote ${output}: ${municipalities.geometries.length} municipalities, ${result.arcs.length} arcs, ${points} points`);
