// The XLSX upload on the submission form (/aanlevering/{region}/{period}): sends the
// workbook with the session's CSRF token in the X-CSRF-Token header (a multipart form
// field would not reach the server's check) and reloads the page to show the new draft,
// or lists the findings, each naming the sheet and cell. Without this script the upload
// form is not shown as usable: the rest of the page works without JavaScript.
'use strict';
(function () {
  const form = document.getElementById('xlsx-upload');
  if (!form) return;
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = document.getElementById('xlsx-result');
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return;
    const version = form.querySelector('input[name=version]').value;
    const csrf = form.querySelector('input[name=csrf]').value;
    out.textContent = '';
    const res = await fetch(form.action + '?version=' + encodeURIComponent(version), {
      method: 'POST',
      headers: {
        'X-CSRF-Token': csrf,
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: file,
      credentials: 'same-origin',
    });
    if (res.ok) {
      const url = new URL(window.location.href);
      url.searchParams.set('msg', 'saved');
      window.location.assign(url.toString());
      return;
    }
    // The page's language first: what happened, and per finding what to do (its fix);
    // the server's English words folded beneath and marked (ADR 0034).
    const body = await res.json().catch(() => ({}));
    const dutch = document.documentElement.lang === 'nl';
    const lead = document.createElement('p');
    lead.textContent = form.dataset.refused;
    out.appendChild(lead);
    const list = document.createElement('ul');
    const technical = document.createElement('ul');
    technical.lang = 'en';
    const message = document.createElement('li');
    message.textContent = (body.error && body.error.message) || res.statusText;
    technical.appendChild(message);
    for (const e of body.errors || []) {
      const where = dutch ? e.field.replace(/^sheet /, 'blad ').replace(/, cell /, ', cel ') : e.field;
      const li = document.createElement('li');
      li.textContent = where + ': ' + (e.fix ? e.fix[dutch ? 'nl' : 'en'] : e.message);
      if (!e.fix) li.lang = 'en';
      list.appendChild(li);
      const detail = document.createElement('li');
      detail.textContent = e.field + ': ' + e.message;
      technical.appendChild(detail);
    }
    out.appendChild(list);
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = form.dataset.technical;
    details.append(summary, technical);
    out.appendChild(details);
  });
})();
