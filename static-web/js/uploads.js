import { getJson, postBody, postJson, remove, url, ApiError } from './api.js';
import { esc, count, counted, date, dateTime } from './format.js';
import { openWithToken, signedIn } from './signin.js';

// The HTTP upload stops at 100 MiB; bigger files go straight to blob storage. Deployed, every file does: the body then
// never passes through the Function App, so no front end's request time limit applies to a slow upload.
const SAS_ABOVE_BYTES = signedIn ? 0 : 90 * 1024 * 1024;
const FINAL = new Set(['ingested', 'rejected', 'failed']);
// GET /uploads lists the newest 100 by default and 1,000 at most (with every file's current upload besides).
const LISTED = 100;
const MOST_LISTED = 1000;
// Ingested: the dashboard shows the version; its raw rows may still be being written to the tables (their own field).
const writingRawRows = (item) => item.rawRows?.state === 'writing';
const rawRowsNote = (item) => (writingRawRows(item)
  ? `<span class="muted small block raw-rows">raw rows being written: ${count(item.rawRows.written)} / ${count(item.rawRows.total)}</span>`
  : '');

/**
 * The upload panel: drag and drop (or choose) CSVs, the live ledger with progress, a rejected file's row-level errors
 * and retraction of a source. Calls onIngested when a watched upload finishes ingesting, so the figures refresh.
 */
export class UploadPanel {
  constructor(root, { onIngested, onError }) {
    Object.assign(this, { root, onIngested, onError, timer: null, watched: new Set(), items: [], limit: LISTED });
    this.drop = root.querySelector('#drop-zone');
    this.input = root.querySelector('#file-input');
    this.ledger = root.querySelector('#ledger');
    this.detail = root.querySelector('#upload-detail');
    this.status = root.querySelector('#upload-status');

    this.input.addEventListener('change', () => { this.uploadAll([...this.input.files]); this.input.value = ''; });
    for (const type of ['dragenter', 'dragover']) {
      this.drop.addEventListener(type, (e) => { e.preventDefault(); this.drop.classList.add('over'); });
    }
    for (const type of ['dragleave', 'drop']) this.drop.addEventListener(type, () => this.drop.classList.remove('over'));
    this.drop.addEventListener('drop', (e) => { e.preventDefault(); this.uploadAll([...e.dataTransfer.files]); });
    this.drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.input.click(); } });
    if (signedIn) {
      this.detail.addEventListener('click', (e) => {
        const link = e.target.closest('a[href]');
        if (!link) return;
        e.preventDefault();
        openWithToken(link.href, link.hasAttribute('download')).catch((error) => this.say(error.message, 'error'));
      });
    }
    this.ledger.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-action]');
      if (!button) return;
      if (button.dataset.action === 'details') this.showDetail(button.dataset.id);
      if (button.dataset.action === 'retract') this.retract(button.dataset.id, button.dataset.name);
      if (button.dataset.action === 'dismiss') this.dismiss(button.dataset.id, button.dataset.name);
      if (button.dataset.action === 'older') { this.limit = MOST_LISTED; this.refresh(); }
    });
  }

  say(text, kind = 'info') {
    this.status.className = `notice ${kind}`;
    this.status.textContent = text;
    this.status.hidden = !text;
  }

  async uploadAll(files) {
    for (const file of files) {
      try {
        this.say(`Uploading ${file.name} (${count(Math.ceil(file.size / 1024))} KB)…`);
        const record = file.size > SAS_ABOVE_BYTES ? await this.viaSas(file) : await postBody(`uploads/${encodeURIComponent(file.name)}`, file);
        this.say(`${file.name} received; validating…`);
        if (record?.upload?.id) this.watched.add(record.upload.id);
        else this.watched.add(`name:${file.name}`);
      } catch (error) {
        this.say(`${file.name}: ${error.message}`, 'error');
      }
    }
    await this.refresh();
  }

  /** Big files: a write-only SAS for that one blob, then PUT straight to storage with the headers it asks for. */
  async viaSas(file) {
    const sas = await postJson(`uploads/${encodeURIComponent(file.name)}/sas`, {});
    const response = await fetch(sas.url, { method: sas.method ?? 'PUT', headers: sas.headers ?? {}, body: file });
    if (!response.ok) throw new ApiError(response.status, 'Upload to storage failed', `Storage answered ${response.status} ${response.statusText}.`);
    return null;
  }

  async refresh() {
    try {
      const { items, more } = await getJson('uploads', `limit=${this.limit}`);
      this.items = items;
      this.renderLedger(items, more);
      await this.settleWatched(items);
    } catch (error) {
      this.ledger.innerHTML = `<p class="notice error" role="alert">Could not load the uploads: ${esc(error.message)}</p>`;
    }
    this.schedule();
  }

  async settleWatched(items) {
    for (const key of [...this.watched]) {
      const item = key.startsWith('name:') ? items.find((i) => i.fileName === key.slice(5)) : items.find((i) => i.id === key);
      if (!item || !FINAL.has(item.status)) continue;
      this.watched.delete(key);
      if (item.status === 'ingested') {
        this.say(`${item.fileName} ingested${writingRawRows(item) ? ' (on the dashboard; its raw rows are still being written)' : ''}: ${counted(item.rows, 'row')}${item.warnings ? `, ${counted(item.warnings, 'warning')}` : ''}.`, 'ok');
        this.onIngested();
      } else {
        this.say(`${item.fileName} was ${item.status}: ${item.message ?? counted(item.errors, 'error')}`, 'error');
        await this.showDetail(item.id);
      }
    }
  }

  schedule() {
    clearTimeout(this.timer);
    const busy = this.watched.size > 0 || this.items.some((i) => !FINAL.has(i.status) || writingRawRows(i));
    if (busy || !this.root.hidden) this.timer = setTimeout(() => this.refresh(), busy ? 700 : 5000);
  }

  renderLedger(items, more) {
    if (!items.length) { this.ledger.innerHTML = '<p class="empty">No uploads yet. Drop a CSV above to start.</p>'; return; }
    const rows = items.map((i) => {
      const pct = Math.round((i.progress ?? (FINAL.has(i.status) ? 1 : 0)) * 100);
      return `<tr data-id="${esc(i.id)}" data-status="${esc(i.status)}">
        <td><strong>${esc(i.fileName)}</strong><span class="muted small block">${esc(i.dataset ?? '')}${i.current ? ' · current' : ''}</span></td>
        <td><span class="status status-${esc(i.status)}">${esc(i.status)}</span>
          ${FINAL.has(i.status) && !writingRawRows(i) ? '' : `<progress max="100" value="${pct}" aria-label="${esc(i.fileName)} progress">${pct}%</progress>`}
          ${rawRowsNote(i)}
          ${i.message ? `<span class="muted small block message">${esc(i.message)}</span>` : ''}</td>
        <td class="num">${count(i.rowsProcessed ?? 0)} / ${count(i.rows)}</td>
        <td class="num">${i.errors ? `<span class="bad">${count(i.errors)}</span>` : '0'}</td>
        <td class="num">${count(i.warnings)}</td>
        <td>${esc(dateTime(i.receivedAt))}<span class="muted small block">${esc(i.uploadedBy ?? '')}</span></td>
        <td class="actions">
          <button type="button" class="button secondary" data-action="details" data-id="${esc(i.id)}">Details</button>
          ${i.current && i.status === 'ingested' ? `<button type="button" class="button danger" data-action="retract" data-id="${esc(i.id)}" data-name="${esc(i.fileName)}">Retract</button>` : ''}
          ${i.status === 'rejected' ? `<button type="button" class="button secondary" data-action="dismiss" data-id="${esc(i.id)}" data-name="${esc(i.fileName)}">Dismiss</button>` : ''}
        </td></tr>`;
    }).join('');
    this.ledger.innerHTML = `<div class="table-scroll"><table>
      <caption class="sr-only">Upload ledger, newest first</caption>
      <thead><tr><th scope="col">File</th><th scope="col">Status</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col">Received</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${rows}</tbody></table></div>
      ${more ? this.olderNote() : ''}`;
  }

  /** Under a ledger that leaves older uploads out: what it shows, and a button for more while there can be more. */
  olderNote() {
    const shown = `Showing the newest ${count(this.limit)} uploads and the current upload of every file.`;
    return `<p class="muted small" data-ledger="more">${this.limit < MOST_LISTED
      ? `${shown} <button type="button" class="button secondary" data-action="older">Show up to ${count(MOST_LISTED)}</button>`
      : `${shown} Older ones stay in the ledger's table.`}</p>`;
  }

  async showDetail(id) {
    try {
      const d = await getJson(`uploads/${encodeURIComponent(id)}`);
      const u = d.upload;
      const errors = d.firstErrors ?? [];
      const errorTable = errors.length ? `
        <div class="table-scroll"><table class="errors">
          <caption>First ${count(errors.length)} of ${counted(u.errors, 'error')}</caption>
          <thead><tr><th scope="col" class="num">Row</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Reason</th></tr></thead>
          <tbody>${errors.map((e) => `<tr><td class="num">${esc(e.row)}</td><td>${esc(e.column ?? '')}</td><td><code>${esc(e.value ?? '')}</code></td><td>${esc(e.reason)}</td></tr>`).join('')}</tbody>
        </table></div>` : '<p class="muted">No errors.</p>';
      const links = [
        d.links?.issuesCsv ? `<a class="button secondary" href="${esc(url(d.links.issuesCsv.replace(/^\/api\//, '')))}" download>Error report (CSV)</a>` : '',
        d.links?.report ? `<a class="button secondary" href="${esc(url(d.links.report.replace(/^\/api\//, '')))}" target="_blank" rel="noopener">Full report (JSON)</a>` : '',
      ].join(' ');
      const r = d.replaced;
      const replaced = r ? `<p class="muted small">Replaced the previous version: ${counted(r.previousRows, 'row')}${r.previousFirstDate ? `, ${esc(date(r.previousFirstDate))} to ${esc(date(r.previousLastDate))}` : ''}.</p>` : '';
      this.detail.hidden = false;
      this.detail.dataset.id = id;
      this.detail.innerHTML = `
        <h3>${esc(u.fileName)} <span class="status status-${esc(u.status)}">${esc(u.status)}</span></h3>
        ${u.message ? `<p>${esc(u.message)}</p>` : ''}${rawRowsNote(u)}
        <p class="muted small">${counted(u.rows, 'row')} · ${counted(u.errors, 'error')} · ${counted(u.warnings, 'warning')}${u.firstDate ? ` · ${esc(date(u.firstDate))} to ${esc(date(u.lastDate))}` : ''}</p>
        ${replaced}${errorTable}<p class="links">${links}</p>`;
    } catch (error) {
      this.onError(error);
    }
  }

  /** A rejected file changed nothing: dismissing it removes it from the ledger (with its report and inbox blob). */
  async dismiss(id, name) {
    try {
      await remove(`uploads/${encodeURIComponent(id)}`);
      this.say(`${name} dismissed.`, 'ok');
      if (this.detail.dataset.id === id) { this.detail.hidden = true; this.detail.innerHTML = ''; }
    } catch (error) {
      this.say(`Could not dismiss ${name}: ${error.message}`, 'error');
    }
    await this.refresh();
  }

  async retract(id, name) {
    if (!window.confirm(`Retract ${name}? Its rows leave every report; the file can be uploaded again later.`)) return;
    try {
      await remove(`uploads/${encodeURIComponent(id)}`);
      this.say(`${name} retracted.`, 'ok');
      this.onIngested();
    } catch (error) {
      this.say(`Could not retract ${name}: ${error.message}`, 'error');
    }
    await this.refresh();
  }
}
