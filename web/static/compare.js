// The comparison table (/vergelijk): the buttons in the column headers sort the regions
// by that column (again: the other way round); aria-sort says how the table is sorted.
// Regions without a published value (suppressed, no data) sort last either way.
'use strict';
(() => {
  const table = document.getElementById('compare');
  if (!table) return;
  const body = table.tBodies[0];
  const collator = new Intl.Collator(document.documentElement.lang || 'nl');
  for (const button of table.tHead.querySelectorAll('button[data-column]')) {
    button.addEventListener('click', () => {
      const th = button.closest('th');
      const column = Number(button.dataset.column);
      const numeric = button.dataset.type === 'number';
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      const key = (row) => row.cells[column].dataset.value ?? '';
      const rows = [...body.rows];
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === '' || y === '') return (x === '') - (y === '');
        const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
        return ascending ? order : -order;
      });
      body.append(...rows);
      for (const other of table.tHead.querySelectorAll('th[aria-sort]')) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      table.dataset.sorted = String(column);
    });
  }
})();
