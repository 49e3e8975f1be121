// Delivering in the browser (/leveringen, issue 19 item 1): sends the chosen .zip (or the
// chosen files, or a folder's files, packed into one .zip here with fflate) to
// POST /api/v1/deliveries with the session's CSRF token, first with check=true (nothing
// is stored), then, once the check found no errors, for real. Shows the upload's progress,
// every error grouped per file and check with its fix, the errors as a CSV download, and
// after an import the refreshed list of deliveries. All texts come from the page (its
// language); values from the server are set as text, never as HTML.
'use strict';
(function () {
  const form = document.getElementById('upload-form');
  if (!form) return;
  form.hidden = false;
  const input = document.getElementById('delivery-file');
  const folderInput = document.getElementById('delivery-folder');
  const importButton = document.getElementById('import-button');
  const checkButton = document.getElementById('check-button');
  const progress = document.getElementById('upload-progress');
  const out = document.getElementById('upload-result');
  const text = document.getElementById('upload-texts').dataset;
  const lang = form.dataset.lang === 'en' ? 'en' : 'nl';
  let selection = null;  // the files chosen last (either input, or dropped)
  let checked = null;    // the packed delivery that passed the check: { selection, blob, name }

  // What is sent: a single .zip as chosen; otherwise the files (of a folder, those directly
  // in it; no hidden files) packed into one .zip named after the folder.
  const pack = async () => {
    const files = Array.from(selection || []);
    if (files.length === 1 && /\.zip$/i.test(files[0].name)) return { blob: files[0], name: files[0].name };
    const top = files.filter((f) => !f.name.startsWith('.') &&
      (!f.webkitRelativePath || f.webkitRelativePath.split('/').length === 2));
    if (top.length === 0 || typeof fflate === 'undefined') return null;
    const entries = {};
    for (const f of top) entries[f.name] = new Uint8Array(await f.arrayBuffer());
    const folder = files[0].webkitRelativePath ? files[0].webkitRelativePath.split('/')[0] : 'bestanden';
    return { blob: new Blob([fflate.zipSync(entries, { level: 6 })], { type: 'application/zip' }), name: folder + '.zip' };
  };

  const el = (tag, content, attrs) => {
    const e = document.createElement(tag);
    if (content !== undefined && content !== null) e.textContent = String(content);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  };
  // An NL Design System alert (ADR 0035) of one paragraph, for a refusal or errors; the
  // server's own words (English, ADR 0034), when given, follow marked as such.
  const alertBox = (id, message, serverWords) => {
    const box = el('div', null, { id, role: 'alert', class: 'utrecht-alert utrecht-alert--error' });
    const content = el('div', null, { class: 'utrecht-alert__content' });
    const p = el('p', message, { class: 'utrecht-alert__message' });
    if (serverWords) {
      p.appendChild(document.createTextNode(' '));
      p.appendChild(el('span', serverWords, { lang: 'en' }));
    }
    content.appendChild(p);
    box.appendChild(content);
    return box;
  };
  const table = (id, caption, headers, rows) => {
    const t = el('table', null, { id });
    t.appendChild(el('caption', caption));
    const head = t.createTHead().insertRow();
    for (const h of headers) head.appendChild(el('th', h, { scope: 'col' }));
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const cell of r) tr.appendChild(el('td', cell));
    }
    const box = el('div', null, { class: 'scroll', tabindex: '0' });
    box.appendChild(t);
    return box;
  };

  const showErrors = (body, file) => {
    const summary = alertBox('upload-errors', `${text.errors} ${body.errors.length}${body.errors_truncated ? '+' : ''}`);
    out.appendChild(summary);
    if (body.errors_truncated) out.appendChild(el('p', text.truncated));
    out.appendChild(table('error-groups', text.groups, [text.colFile, text.colRule, text.colCount, text.colFix],
      (body.error_groups || []).map((g) => [g.file || file.name, g.rule_title[lang], g.count, g.fix[lang]])));
    out.appendChild(table('error-details', text.details,
      [text.colFile, text.colLine, text.colColumn, text.colMessage, text.colSuggestion],
      (body.findings || []).map((f, i) => [f.file || file.name, f.line || '', f.column, body.errors[i], f.suggestion])));
    if (body.errors_csv) {
      const link = el('a', text.csv, {
        id: 'errors-csv',
        href: URL.createObjectURL(new Blob([body.errors_csv], { type: 'text/csv;charset=utf-8' })),
        download: file.name.replace(/\.zip$/i, '') + '-fouten.csv',
      });
      const p = el('p');
      p.appendChild(link);
      out.appendChild(p);
    }
  };

  const showReport = (body) => {
    if (body.rows && Object.keys(body.rows).length > 0) {
      out.appendChild(table('upload-rows', text.rows, [text.colFile, text.colCount],
        Object.entries(body.rows).map(([f, n]) => [f + '.csv', n.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL')])));
    }
    if (body.quality && body.quality.length > 0) {
      out.appendChild(table('upload-quality', text.quality,
        [text.colCheck, text.colFile, text.colOutcome, text.colLine, text.colDetail],
        body.quality.map((q) => [q.title[lang], q.file + (q.column ? ' ' + q.column : ''),
          q.flagged ? text.flagged : text.ok, (q.lines || []).join(', '), q.detail])));
      const rows = out.querySelectorAll('#upload-quality tbody tr');
      body.quality.forEach((q, i) => { if (q.flagged) rows[i].setAttribute('data-flagged', 'true'); });
    }
    if (body.warnings && body.warnings.length > 0) {
      out.appendChild(el('h4', `${text.warnings} (${body.warning_count})`));
      const list = el('ul', null, { id: 'upload-warnings' });
      for (const w of body.warnings) list.appendChild(el('li', w));
      out.appendChild(list);
    }
  };

  // Replaces the list of deliveries with the server's current one.
  const refreshHistory = async () => {
    const res = await fetch(window.location.pathname + window.location.search, { credentials: 'same-origin' });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const fresh = doc.getElementById('deliveries') || doc.getElementById('no-deliveries');
    const old = document.getElementById('deliveries') || document.getElementById('no-deliveries');
    if (!fresh || !old) return;
    const freshBox = fresh.closest('.scroll') || fresh;
    (old.closest('.scroll') || old).replaceWith(document.importNode(freshBox, true));
  };

  const send = async (check) => {
    out.textContent = '';
    let file = check ? null : checked;
    if (check) {
      const zipping = el('p', text.zipping, { id: 'upload-busy' });
      out.appendChild(zipping);
      file = await pack();
      zipping.remove();
    }
    if (!file) {
      out.appendChild(alertBox('upload-failed', text.choose));
      return;
    }
    const packedFrom = selection;
    checkButton.disabled = true;
    importButton.disabled = true;
    progress.value = 0;
    const status = el('p', check ? text.checking : text.sending, { id: 'upload-busy' });
    out.appendChild(status);
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ name: file.name, lang });
    if (check) query.set('check', 'true');
    xhr.open('POST', '/api/v1/deliveries?' + query.toString());
    xhr.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
    xhr.setRequestHeader('Content-Type', 'application/zip');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.addEventListener('loadend', async () => {
      status.remove();
      checkButton.disabled = false;
      progress.value = xhr.status > 0 ? 100 : 0;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
      if (xhr.status === 422 && Array.isArray(body.errors)) {
        checked = null;
        showErrors(body, file);
      } else if (xhr.status === 200 && body.checked) {
        checked = packedFrom === selection ? { ...file, selection: packedFrom } : null;
        importButton.disabled = false;
        out.appendChild(el('p', text.valid, { id: 'upload-valid' }));
        showReport(body);
      } else if ((xhr.status === 201 || xhr.status === 200) && body.delivery) {
        checked = null;
        const d = body.delivery;
        out.appendChild(el('p', body.unchanged ? `${text.unchanged} ${d.id}.` :
          `${text.imported} ${d.id}, ${d.period}, ${d.region}, v${d.version}.`, { id: 'upload-imported' }));
        showReport(body);
        await refreshHistory();
      } else {
        const message = (body.error && body.error.message) || xhr.statusText || String(xhr.status);
        out.appendChild(alertBox('upload-failed', text.failed, message));
      }
    });
    xhr.send(file.blob);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(true);
  });
  importButton.addEventListener('click', () => {
    if (checked && checked.selection === selection) send(false);
  });
  const chose = (files) => {
    selection = files;
    checked = null;
    importButton.disabled = true;
    out.textContent = '';
  };
  input.addEventListener('change', () => {
    if (folderInput) folderInput.value = '';
    chose(input.files);
  });
  if (folderInput) {
    folderInput.addEventListener('change', () => {
      input.value = '';
      chose(folderInput.files);
    });
  }
  // Files dropped anywhere on the form are taken as the chosen ones.
  form.addEventListener('dragover', (event) => event.preventDefault());
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      input.files = event.dataTransfer.files;
      input.dispatchEvent(new Event('change'));
    }
  });
})();
