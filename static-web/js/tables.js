import { esc, money, percent, ratio, score, count, NONE } from './format.js';

/** The prepost verdict as a coloured tag (the column is left out under the flat assumption, which has none). */
const verdict = (v) => (v ? `<span class="verdict" data-verdict="${esc(v)}">${esc(v)}</span>` : NONE);

/** Column sets shared by the views (keys are the API's metric names). */
export const columns = {
  /** The row's place in the API's order (1, 2, 3...), for lists not ordered by efficiency rank. */
  position: { key: 'position', label: '#', num: true },
  influencers: [
    { key: 'rank', label: '#', format: (v) => (v ?? NONE), num: true },
    { key: 'name', label: 'Influencer', format: (v, r) => `${esc(v)}<span class="muted small block">${esc(r.influencerId)} · ${esc(r.platform)} · ${esc(r.category)}</span>`, html: true },
    { key: 'tier', label: 'Tier' },
    { key: 'followers', label: 'Followers', format: count, num: true },
    { key: 'revenue', label: 'Revenue', format: money, num: true },
    { key: 'spend', label: 'Spend', format: money, num: true },
    { key: 'roi', label: 'ROI', format: percent, num: true },
    { key: 'roas', label: 'ROAS', format: ratio, num: true },
    { key: 'incrementalRoas', label: 'Incr. ROAS', format: ratio, num: true },
    { key: 'incrementalVerdict', label: 'Verdict', format: verdict, html: true, onlyWithValues: true },
    { key: 'newCustomers', label: 'New cust.', format: count, num: true },
    { key: 'costPerNewCustomer', label: 'Cost / new cust.', format: money, num: true },
    { key: 'followOnRevenue', label: 'Follow-on', format: money, num: true },
    { key: 'returningOrderShare', label: 'Returning orders', format: percent, num: true },
    { key: 'efficiencyScore', label: 'Efficiency', format: (v, r) => (r.paid ? `<span class="score" style="--s:${v ?? 0}">${score(v)}</span>` : '<span class="tag">unpaid</span>'), html: true, num: true },
  ],
  cohorts: [
    { key: 'month', label: 'Month', format: (v) => esc(String(v).slice(0, 7)), html: true },
    { key: 'influencerCustomers', label: 'By influencers', format: count, num: true },
    { key: 'organicCustomers', label: 'Organic', format: count, num: true },
    { key: 'existingOrUnknownCustomers', label: 'Existing / unknown', format: count, num: true },
    { key: 'influencerRepeat30', label: 'Infl. again ≤30 d', format: percent, num: true },
    { key: 'influencerRepeat60', label: 'Infl. ≤60 d', format: percent, num: true },
    { key: 'influencerRepeat90', label: 'Infl. ≤90 d', format: percent, num: true },
    { key: 'organicRepeat30', label: 'Organic again ≤30 d', format: percent, num: true },
    { key: 'organicRepeat60', label: 'Organic ≤60 d', format: percent, num: true },
    { key: 'organicRepeat90', label: 'Organic ≤90 d', format: percent, num: true },
  ],
  metrics: (keyColumns) => [
    ...keyColumns,
    { key: 'revenue', label: 'Revenue', format: money, num: true },
    { key: 'orders', label: 'Orders', format: count, num: true },
    { key: 'spend', label: 'Spend', format: money, num: true },
    { key: 'roi', label: 'ROI', format: percent, num: true },
    { key: 'roas', label: 'ROAS', format: ratio, num: true },
    { key: 'incrementalRevenue', label: 'Incr. revenue', format: money, num: true },
    { key: 'incrementalRoas', label: 'Incr. ROAS', format: ratio, num: true },
    { key: 'incrementalVerdict', label: 'Verdict', format: verdict, html: true, onlyWithValues: true },
    { key: 'costPerOrder', label: 'Cost / order', format: money, num: true },
    { key: 'engagementRate', label: 'Engagement', format: percent, num: true },
  ],
};

const compare = (a, b) => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // missing values sort last either way
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en-IN', { numeric: true });
};

/**
 * A sortable (header buttons, aria-sort), paginated table; rows keep the API's order until a header is chosen. A column
 * marked onlyWithValues (the prepost verdict) is left out while no row has a value for it, rather than showing a dead column.
 */
export class DataTable {
  constructor(container, cols, { pageSize = 10, caption = '', empty = 'Nothing matches these filters.' } = {}) {
    Object.assign(this, { container, cols, visibleCols: cols, pageSize, caption, empty, rows: [], sortKey: null, sortDir: 1, page: 0 });
    container.addEventListener('click', (event) => {
      const sort = event.target.closest('button[data-sort]');
      const pager = event.target.closest('button[data-page]');
      if (sort) {
        const key = sort.dataset.sort;
        this.sortDir = this.sortKey === key ? -this.sortDir : (this.cols.find((c) => c.key === key)?.num ? -1 : 1);
        this.sortKey = key;
        this.page = 0;
        this.draw();
        this.container.querySelector(`button[data-sort="${key}"]`)?.focus();
      } else if (pager) {
        this.page += Number(pager.dataset.page);
        this.draw();
        this.container.querySelector(`button[data-page="${pager.dataset.page}"]`)?.focus();
      }
    });
  }

  setRows(rows) {
    this.rows = rows.map((r, i) => ({ ...r, position: i + 1 }));
    this.visibleCols = this.cols.filter((c) => !c.onlyWithValues || rows.some((r) => r[c.key] !== null && r[c.key] !== undefined));
    this.page = 0;
    this.draw();
  }

  sorted() {
    if (!this.sortKey) return this.rows;
    return [...this.rows].sort((a, b) => this.sortDir * compare(a[this.sortKey], b[this.sortKey]));
  }

  draw() {
    const rows = this.sorted();
    if (!rows.length) { this.container.innerHTML = `<p class="empty">${esc(this.empty)}</p>`; return; }
    const pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    this.page = Math.min(Math.max(0, this.page), pages - 1);
    const shown = rows.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);
    const head = this.visibleCols.map((c) => {
      const sort = this.sortKey === c.key ? (this.sortDir > 0 ? 'ascending' : 'descending') : 'none';
      const arrow = sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '↕';
      return `<th scope="col" aria-sort="${sort}" class="${c.num ? 'num' : ''}"><button type="button" data-sort="${c.key}">${esc(c.label)} <span aria-hidden="true">${arrow}</span></button></th>`;
    }).join('');
    const body = shown.map((r) => `<tr${r.poor ? ' class="poor"' : ''}>${this.visibleCols.map((c) => {
      const v = r[c.key];
      const text = c.format ? c.format(v, r) : v ?? NONE;
      return `<td class="${c.num ? 'num' : ''}" data-key="${c.key}">${c.html ? text : esc(text)}</td>`;
    }).join('')}</tr>`).join('');
    this.container.innerHTML = `
      <div class="table-scroll"><table>
        ${this.caption ? `<caption class="sr-only">${esc(this.caption)}</caption>` : ''}
        <thead><tr>${head}</tr></thead><tbody>${body}</tbody>
      </table></div>
      <div class="pager">
        <button type="button" class="button secondary" data-page="-1" ${this.page === 0 ? 'disabled' : ''}>Previous</button>
        <span aria-live="polite">Page ${this.page + 1} of ${pages} · ${rows.length} rows</span>
        <button type="button" class="button secondary" data-page="1" ${this.page >= pages - 1 ? 'disabled' : ''}>Next</button>
      </div>`;
  }
}
