// A region's page (/regio/{code}): draws each indicator's trend with chart.js from the
// table beside it (the table stays the accessible version; the canvas is aria-hidden).
'use strict';
(() => {
  if (typeof Chart === 'undefined') return;
  const number = (cell) => (cell && cell.dataset.value !== '' ? Number(cell.dataset.value) : null);
  for (const table of document.querySelectorAll('table.trend-table')) {
    const canvas = table.closest('section').querySelector('canvas');
    const rows = [...table.tBodies[0].rows];
    // The row header's period in words ("2e halfjaar 2021"), the year on a second line.
    const labels = rows.map((r) => {
      const text = r.cells[0].textContent.trim();
      const space = text.lastIndexOf(' ');
      return space > 0 ? [text.slice(0, space), text.slice(space + 1)] : text;
    });
    const locale = document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL';
    const share = table.dataset.unit === 'share';
    const scale = (v) => (v === null ? null : share ? v * 100 : v);
    const datasets = [{
      label: table.dataset.labelRegion,
      data: rows.map((r) => scale(number(r.querySelector('td.region')))),
      borderColor: '#154273', backgroundColor: '#154273', spanGaps: false,
    }];
    // The national line only where it is on the region's scale (shares, days).
    if (table.dataset.comparable === 'true' && table.querySelector('td.national')) {
      datasets.push({
        label: table.dataset.labelNational,
        data: rows.map((r) => scale(number(r.querySelector('td.national')))),
        borderColor: '#b35900', backgroundColor: '#b35900', borderDash: [6, 4], spanGaps: false,
      });
    }
    new Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1 } },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0 } },
          y: {
            beginAtZero: true,
            title: { display: true, text: table.dataset.axis },
            ticks: { callback: (v) => v.toLocaleString(locale) + (share ? ' %' : '') },
          },
        },
      },
    });
  }
})();
