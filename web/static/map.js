// The map page (/kaart): choosing another indicator or period recolours the map in place.
// The server renders the whole page for the new choice (one colour scale, one place: C++);
// this script fetches it and swaps the map, legend and table, so the page never reloads
// and works the same without script (the form's button).
//
// With imported municipality boundaries (`onderdak geo import`; #map-view carries data-geo-*
// attributes) each tile is redrawn as its region's shape: the union of the member
// municipalities on the period's date (topojson.merge), projected with d3-geo. Only the
// tile's square and labels are replaced: its link, colour, class and title (its accessible name) stay
// as the server rendered them; a count's circle moves to the shape's centroid. The shapes
// are computed once and reused for every choice.
'use strict';
(() => {
  const form = document.getElementById('map-form');
  const status = document.getElementById('map-status');
  if (!form) return;
  const svgNS = 'http://www.w3.org/2000/svg';
  const width = 520;
  const height = 600;
  let shapes = null; // {key, paths: Map(region code -> SVG path data)}

  // A municipality code as stored: "GM0363" from "GM0363", "gm0363", "0363", "363" or 363
  // (the same rule as `onderdak geo import`, ingest/geo_import.h).
  const normalise = (v) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9999) return 'GM' + String(v).padStart(4, '0');
    if (typeof v !== 'string') return null;
    const m = /^(?:gm)?(\d{1,4})$/i.exec(v);
    if (!m || (v.length === 6) !== /^gm/i.test(v) || Number(m[1]) < 1) return null;
    return 'GM' + m[1].padStart(4, '0');
  };

  // d3-geo's spherical projections take a ring's inside to be on its right: a ring wound
  // the other way (as RFC 7946 GeoJSON is) would cover the rest of the globe. Such polygons
  // are turned round.
  const rewind = (geometry) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const fixed = polygons.map((rings) =>
      d3.geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((r) => r.slice().reverse()) : rings);
    return { type: 'MultiPolygon', coordinates: fixed };
  };

  async function loadShapes(view) {
    const d = view.dataset;
    const key = `${d.geoSha256}|${d.geoRegions}`;
    if (shapes && shapes.key === key) return shapes;
    const [fileRes, regionsRes] = await Promise.all([fetch(d.geo), fetch(d.geoRegions)]);
    if (!fileRes.ok || !regionsRes.ok) return null;
    const file = await fileRes.json();
    const regions = await regionsRes.json();
    let topology;
    let object;
    if (d.geoFormat === 'topojson') {
      topology = file;
      object = file.objects[d.geoObject];
    } else {
      topology = topojson.topology({ municipalities: file });
      object = topology.objects.municipalities;
    }
    const byCode = new Map();
    for (const g of object.geometries) {
      const code = normalise(g.properties ? g.properties[d.geoCode] : undefined);
      if (code) byCode.set(code, g);
    }
    const merged = new Map();
    for (const region of regions.regions) {
      const members = region.municipalities.map((m) => byCode.get(m.code)).filter(Boolean);
      if (members.length === 0) continue;
      const union = topojson.merge(topology, members);
      merged.set(region.code, d.geoCrs === 'rd_new' ? union : rewind(union));
    }
    const all = { type: 'GeometryCollection', geometries: [...merged.values()] };
    const projection = d.geoCrs === 'rd_new'
      ? d3.geoIdentity().reflectY(true).fitSize([width, height], all)
      : d3.geoMercator().fitSize([width, height], all);
    const path = d3.geoPath(projection);
    const paths = new Map();
    const centroids = new Map();
    for (const [code, geometry] of merged) {
      paths.set(code, path(geometry));
      centroids.set(code, path.centroid(geometry));
    }
    shapes = { key, paths, centroids };
    return shapes;
  }

  // Redraws the tiles of `view` as region shapes; leaves the tile grid when a region of
  // the page has no shape (a region list the boundary file does not cover).
  async function drawBoundaries(view) {
    if (!view || !view.dataset.geo || typeof d3 === 'undefined' || typeof topojson === 'undefined') return;
    const s = await loadShapes(view);
    const svg = view.querySelector('#map');
    if (!s || !svg) return;
    const tiles = [...svg.querySelectorAll('a.tile')];
    if (tiles.some((a) => !s.paths.get(a.dataset.region))) {
      view.dataset.drawn = 'tiles';
      return;
    }
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    // Counts' circles, above every shape (a neighbour's shape must not cover a circle that
    // reaches over the border); the pointer goes through them to the region below.
    const symbols = document.createElementNS(svgNS, 'g');
    symbols.id = 'map-symbols';
    symbols.setAttribute('aria-hidden', 'true');
    symbols.setAttribute('pointer-events', 'none');
    for (const a of tiles) {
      const rect = a.querySelector('rect');
      const shape = document.createElementNS(svgNS, 'path');
      shape.setAttribute('d', s.paths.get(a.dataset.region));
      for (const name of ['fill', 'data-class', 'stroke-dasharray']) {
        if (rect.hasAttribute(name)) shape.setAttribute(name, rect.getAttribute(name));
      }
      rect.replaceWith(shape);
      for (const label of a.querySelectorAll('text')) label.remove();
      // A count's circle goes to the middle of the region's shape.
      const circle = a.querySelector('circle.symbol');
      if (circle) {
        const [cx, cy] = s.centroids.get(a.dataset.region);
        circle.setAttribute('cx', cx.toFixed(1));
        circle.setAttribute('cy', cy.toFixed(1));
        circle.dataset.region = a.dataset.region;
        symbols.appendChild(circle);
      }
    }
    svg.appendChild(symbols);
    // The focused or hovered region's outline, drawn above its neighbours, and its value
    // in words beside the map (screen readers get it from the link's title).
    const highlight = document.createElementNS(svgNS, 'path');
    highlight.id = 'map-highlight';
    svg.appendChild(highlight);
    const readout = document.createElement('p');
    readout.id = 'map-readout';
    readout.setAttribute('aria-hidden', 'true');
    svg.before(readout);
    const show = (event) => {
      const a = event.target.closest('a.tile');
      if (!a) return;
      highlight.setAttribute('d', s.paths.get(a.dataset.region));
      readout.textContent = a.querySelector('title').textContent;
    };
    const hide = () => {
      highlight.removeAttribute('d');
      readout.textContent = '';
    };
    svg.addEventListener('mouseover', show);
    svg.addEventListener('focusin', show);
    svg.addEventListener('mouseleave', hide);
    svg.addEventListener('focusout', hide);
    const intro = document.getElementById('map-intro');
    if (intro && view.dataset.geoIntro) intro.textContent = view.dataset.geoIntro;
    view.dataset.drawn = 'boundaries';
  }

  let pending = 0;
  form.addEventListener('change', async () => {
    const query = new URLSearchParams(new FormData(form)).toString();
    const mine = ++pending;
    const res = await fetch('/kaart?' + query, { headers: { Accept: 'text/html' } });
    if (!res.ok || mine !== pending) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('map-view');
    const current = document.getElementById('map-view');
    if (!fresh || !current) return;
    const view = document.importNode(fresh, true);
    current.replaceWith(view);
    history.replaceState(null, '', '/kaart?' + query);
    const langSwitch = document.getElementById('lang-switch');
    const freshSwitch = doc.getElementById('lang-switch');
    if (langSwitch && freshSwitch) langSwitch.setAttribute('href', freshSwitch.getAttribute('href'));
    status.textContent = (document.documentElement.lang === 'en' ? 'Map updated: ' : 'Kaart bijgewerkt: ') +
      document.getElementById('map-caption').textContent;
    await drawBoundaries(view);
  });

  drawBoundaries(document.getElementById('map-view'));
})();
