import { postJson, url } from './api.js';
import { esc } from './format.js';
import { signedIn } from './signin.js';

/** Export links for the current view and filters, and a signed share link (POST exports/links). */
export class ExportBar {
  constructor(root) {
    this.root = root;
    this.report = 'summary';
    this.query = '';
    root.addEventListener('click', (e) => { if (e.target.closest('#share-link')) this.share(); });
    // Deployed, a plain link cannot carry the sign-in token: download through a short signed link to the Function
    // App's own host instead (no proxy in the way of a large export, and the signature is the check there).
    if (signedIn) root.addEventListener('click', (e) => { const a = e.target.closest('a[data-format]'); if (a) this.download(e, a); });
  }

  async download(event, anchor) {
    event.preventDefault();
    const status = this.root.querySelector('#share-status');
    try {
      const link = await postJson('exports/links', { report: anchor.dataset.report, format: anchor.dataset.format, query: this.query, ttlHours: 1 });
      window.location.assign(link.url);
    } catch (error) {
      status.textContent = `Could not start the download: ${error.message}`;
    }
  }

  update(report, query) {
    this.report = report;
    this.query = query;
    const link = (fmt, r = report) => url(`exports/${r}.${fmt}`, query);
    this.root.innerHTML = report ? `
      <span class="export-label">Export <strong>${esc(report)}</strong>:</span>
      <a class="button secondary" id="export-csv" href="${esc(link('csv'))}" data-report="${esc(report)}" data-format="csv" download>CSV</a>
      <a class="button secondary" id="export-xlsx" href="${esc(link('xlsx'))}" data-report="${esc(report)}" data-format="xlsx" download>XLSX</a>
      <a class="button secondary" id="export-full" href="${esc(link('xlsx', 'full'))}" data-report="full" data-format="xlsx" download>Full report</a>
      <button type="button" class="button" id="share-link">Copy share link</button>
      <label class="share-out" hidden><span class="sr-only">Share link</span><input id="share-url" readonly></label>
      <span id="share-status" class="muted small" role="status"></span>` : '';
  }

  async share() {
    const status = this.root.querySelector('#share-status');
    const out = this.root.querySelector('#share-url');
    status.textContent = 'Signing a link…';
    try {
      const link = await postJson('exports/links', { report: this.report, format: 'xlsx', query: this.query, ttlHours: 168 });
      out.value = link.url;
      out.parentElement.hidden = false;
      out.select();
      let copied = false;
      try { await navigator.clipboard.writeText(link.url); copied = true; } catch { /* no clipboard permission: the field shows it */ }
      status.textContent = `${copied ? 'Copied. ' : ''}Valid until ${new Date(link.expiresAt).toLocaleString('en-IN')}.`;
    } catch (error) {
      status.textContent = `Could not make a link: ${error.message}`;
    }
  }
}
