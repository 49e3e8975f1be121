// Browser test: after `onderdak geo import` of the shared 2023 municipality boundaries, the
// map (/kaart) draws every region as the union of its municipalities (d3-geo and
// topojson-client, served locally), coloured as the tile grid is; choosing another
// indicator recolours the shapes; hovering and keyboard focus show the value; clicking
// opens the region page. Any console error or uncaught exception fails the test.
//
// The boundary file is third-party data read in place from ../shared/data/ beside the
// repository (never copied into it); when it is missing the test fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, shots, generatedYear } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const boundaryFile = process.env.ONDERDAK_BOUNDARY_FILE ??
  join(here, '..', '..', '..', '..', 'shared', 'data', 'nl-vr-gm.topo.json');

let web, baseUrl;

before(async () => {
  assert.ok(existsSync(boundaryFile), `the shared boundary file is missing: ${boundaryFile}`);
  web = await startServer(['serve'], (run, dir) => {
    generatedYear(run, dir);
    run('geo', 'import', boundaryFile);
  });
  baseUrl = web.baseUrl;
});

after(async () => { await web?.stop(); });

const shapes = (page) => page.locator('#map a.tile path').evaluateAll((paths) =>
  paths.map((p) => ({ region: p.closest('a').dataset.region, fill: p.getAttribute('fill'), cls: p.dataset.class,
    d: p.getAttribute('d') })));

test('the map draws every region from its municipalities and recolours the shapes', async () => {
  const regions = (await (await fetch(`${baseUrl}/api/v1/regions?date=2021-07-01`)).json()).regions;
  const { page, res, problems } = await web.openPage('/kaart?period=2021H2');
  assert.equal(res.status(), 200);
  await page.waitForFunction(() => document.getElementById('map-view').dataset.drawn === 'boundaries');
  const before = await shapes(page);
  assert.equal(before.length, regions.length, 'one shape per region in force');
  assert.equal(before.length, 43);
  assert.equal(await page.locator('#map a.tile rect').count(), 0, 'no tile squares left');
  for (const s of before) assert.ok(s.d && s.d.length > 50 && s.d.startsWith('M'), `a real outline for ${s.region}`);
  // The shapes lie inside the map and fill a good part of it (the projection fits).
  const box = await page.locator('#map').evaluate((svg) => {
    const b = [...svg.querySelectorAll('a.tile path')].map((p) => p.getBBox());
    return { x0: Math.min(...b.map((r) => r.x)), y0: Math.min(...b.map((r) => r.y)),
      x1: Math.max(...b.map((r) => r.x + r.width)), y1: Math.max(...b.map((r) => r.y + r.height)),
      w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height };
  });
  assert.ok(box.x0 >= -1 && box.y0 >= -1 && box.x1 <= box.w + 1 && box.y1 <= box.h + 1, JSON.stringify(box));
  assert.ok(box.x1 - box.x0 > box.w * 0.9 || box.y1 - box.y0 > box.h * 0.9, JSON.stringify(box));
  // Colours and classes are the server's, as in the table: the same figures.
  const table = await page.locator('#map-table tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.region, r.dataset.state])));
  for (const s of before) {
    if (table[s.region] === 'suppressed') assert.equal(s.cls, 'suppressed');
    else if (table[s.region] === 'missing') assert.equal(s.cls, 'missing');
    else assert.equal(s.cls, 'symbol');  // P1 is a count: a circle, not a colour
  }
  // Each count's circle lies on its region's shape, above all shapes.
  const circles = await page.locator('#map-symbols circle').evaluateAll((cs) => cs.map((c) => {
    const shape = document.querySelector(`#map a.tile[data-region="${c.dataset.region}"] path`);
    const p = c.ownerSVGElement.createSVGPoint();
    p.x = Number(c.getAttribute('cx'));
    p.y = Number(c.getAttribute('cy'));
    const b = shape.getBBox();
    return { region: c.dataset.region, inBox: p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height };
  }));
  assert.equal(circles.length, Object.values(table).filter((state) => state === 'value').length);
  assert.ok(circles.length >= 10, 'regions with a value');
  for (const c of circles) assert.ok(c.inBox, `the circle of ${c.region} lies on its region`);
  assert.match(await page.textContent('#map-intro'), /grenzen van haar gemeenten/);
  await page.screenshot({ path: join(shots, 'map-boundaries-nl.png'), fullPage: true });

  await page.selectOption('#measure', 'P6.to_housing_share');
  await page.waitForFunction(() => {
    const view = document.getElementById('map-view');
    return view.dataset.measure === 'P6.to_housing_share' && view.dataset.drawn === 'boundaries';
  });
  const after = await shapes(page);
  assert.equal(after.length, 43);
  assert.deepEqual(after.map((s) => s.d), before.map((s) => s.d), 'the same outlines');
  assert.notDeepEqual(after.map((s) => s.fill), before.map((s) => s.fill), 'coloured');
  const shares = await page.locator('#map-table tbody tr[data-state="value"]').count();
  assert.ok(shares > 0);
  assert.equal(after.filter((s) => /^[0-4]$/.test(s.cls)).length, shares, 'a share colours each region with a value');
  assert.equal(await page.locator('#map-symbols circle').count(), 0);
  assert.match(await page.textContent('#map-caption'), /Uitstroom naar wonen, 2e halfjaar 2021/);
  await page.screenshot({ path: join(shots, 'map-boundaries-p6-nl.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('hovering or focusing a region shows its value, and clicking opens its page', async () => {
  const { page, problems } = await web.openPage('/kaart?period=2021H2&lang=en');
  await page.waitForFunction(() => document.getElementById('map-view').dataset.drawn === 'boundaries');
  const label = await page.textContent('#map a.tile[data-region="GM0599"] > title');
  assert.match(label, /^Rotterdam \(GM0599\): /);
  const value = await page.textContent('#map-table tr[data-region="GM0599"] td.num');
  assert.ok(label.endsWith(value.trim()), `${label} shows ${value}`);
  // Keyboard: the region is a link that takes focus and says its value.
  await page.focus('#map a.tile[data-region="GM0599"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.region), 'GM0599');
  assert.equal(await page.textContent('#map-readout'), label);
  assert.equal(await page.getAttribute('#map-highlight', 'd'),
    await page.getAttribute('#map a.tile[data-region="GM0599"] path', 'd'));
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement.dataset.region);
  assert.ok(next && next !== 'GM0599', 'Tab moves to the next region');
  assert.equal(await page.textContent('#map-readout'),
    await page.textContent(`#map a.tile[data-region="${next}"] > title`));
  // Mouse: hovering Amsterdam shows its value; its <title> is the tooltip. The pointer goes
  // to a point of the page where Amsterdam's shape is the topmost element (the centre of
  // its bounding box may lie in a neighbour, as regions are not convex).
  await page.locator('#map a.tile[data-region="GM0363"] path').scrollIntoViewIfNeeded();
  const spot = await page.locator('#map a.tile[data-region="GM0363"] path').evaluate((path) => {
    const r = path.getBoundingClientRect();
    for (let i = 1; i < 20; ++i) {
      for (let j = 1; j < 20; ++j) {
        const x = r.left + (r.width * i) / 20;
        const y = r.top + (r.height * j) / 20;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    }
    return null;
  });
  assert.ok(spot, 'some point of Amsterdam is not covered by a neighbour');
  await page.mouse.move(spot.x, spot.y);
  // The readout has its own row: showing a value never moves the map under the pointer.
  assert.equal(await page.evaluate((p) => document.elementFromPoint(p.x, p.y).closest('a').dataset.region, spot),
    'GM0363');
  const amsterdam = await page.textContent('#map a.tile[data-region="GM0363"] > title');
  assert.equal(await page.textContent('#map-readout'), amsterdam);
  assert.equal(await page.textContent('#map a.tile[data-region="GM0363"] title'), amsterdam);
  await page.screenshot({ path: join(shots, 'map-boundaries-hover-en.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/regio\/GM0363/), page.mouse.click(spot.x, spot.y)]);
  assert.match(await page.textContent('#region-title'), /Amsterdam/);
  // The region page shows counted beside estimated for each half-year.
  assert.equal(await page.locator('#hidden-table tbody tr').count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the boundaries come from the local API, cached by ETag', async () => {
  const res = await fetch(`${baseUrl}/api/v1/geo/municipalities`);
  assert.equal(res.status, 200);
  const topology = await res.json();
  assert.equal(topology.type, 'Topology');
  assert.equal(topology.objects.gm_features.geometries.length, 342);
  const again = await fetch(`${baseUrl}/api/v1/geo/municipalities`, { headers: { 'If-None-Match': res.headers.get('etag') } });
  assert.equal(again.status, 304);
});
