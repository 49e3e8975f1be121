// The map page (/kaart): choosing another indicator or period recolours the map in place.
// The server renders the whole page for the new choice (one colour scale, one place: C++);
// this script fetches it and swaps the map, legend and table, so the page never reloads
// and works the same without script (the form's button).
'use strict';
(() => {
  const form = document.getElementById('map-form');
  const status = document.getElementById('map-status');
  if (!form) return;
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
    current.replaceWith(document.importNode(fresh, true));
    history.replaceState(null, '', '/kaart?' + query);
    const langSwitch = document.getElementById('lang-switch');
    const freshSwitch = doc.getElementById('lang-switch');
    if (langSwitch && freshSwitch) langSwitch.setAttribute('href', freshSwitch.getAttribute('href'));
    status.textContent = (document.documentElement.lang === 'en' ? 'Map updated: ' : 'Kaart bijgewerkt: ') +
      document.getElementById('map-caption').textContent;
  });
})();
