import { esc, date, parseDate } from './format.js';

// Sidebar dimension -> (API filter parameter, field of GET /filters).
const DIMENSIONS = [
  ['platform', 'Platform', 'platforms'],
  ['category', 'Category', 'categories'],
  ['campaign', 'Campaign', 'campaigns'],
  ['product', 'Product', 'products'],
  ['brand', 'Brand', 'brands'],
  ['gender', 'Gender', 'genders'],
  ['tier', 'Tier', 'tiers'],
];

const PRESETS = [
  ['all', 'All dates'],
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['month', 'Last month of data'],
  ['custom', 'Custom range'],
];

const iso = (d) => d.toISOString().slice(0, 10);
const DATE_HINT = 'e.g. 1 Jun 2025';
const addDays = (isoDate, days) => { const d = new Date(`${isoDate}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return iso(d); };

/** The filter sidebar: multi-selects built from GET /filters, a date range with presets relative to the data's last day. */
export class FilterPanel {
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    this.range = null;
    this.form.addEventListener('change', (event) => {
      if (event.target.name === 'preset') this.applyPreset(event.target.value);
      else if (event.target.dataset.date !== undefined) { if (!this.readDate(event.target)) return; this.form.elements.preset.value = 'custom'; }
      this.updateBadges();
      this.onChange();
    });
    // A typed date counts as soon as it is a whole date, without waiting for the field to lose focus.
    this.form.addEventListener('input', (event) => {
      if (event.target.dataset.date === undefined || !parseDate(event.target.value)) return;
      this.readDate(event.target);
      this.form.elements.preset.value = 'custom';
      this.onChange();
    });
    this.form.addEventListener('reset', () => setTimeout(() => { this.setDate('from', ''); this.setDate('to', ''); this.updateBadges(); this.onChange(); }));
  }

  render(options) {
    this.range = options.dateRange;
    const groups = DIMENSIONS.map(([param, label, field]) => {
      const values = options[field] ?? [];
      const boxes = values.map((v, i) => `
        <label class="check"><input type="checkbox" name="${param}" value="${esc(v)}" id="f-${param}-${i}"> <span>${esc(v)}</span></label>`).join('');
      return `<details class="filter-group" data-filter="${param}">
        <summary>${label} <span class="badge" hidden></span></summary>
        <fieldset><legend class="sr-only">${label}</legend>${boxes || '<p class="muted">No values yet</p>'}</fieldset>
      </details>`;
    }).join('');
    const presetOptions = PRESETS.map(([v, l]) => `<option value="${v}">${l}</option>`).join('');
    const min = this.range?.from ?? '';
    const max = this.range?.to ?? '';
    this.form.innerHTML = `
      <div class="date-range">
        <label for="f-preset">Date range</label>
        <select id="f-preset" name="preset">${presetOptions}</select>
        <div class="dates">
          <label>From <input type="text" id="f-from" name="from" data-date="" data-iso="" inputmode="text" autocomplete="off" placeholder="${DATE_HINT}" data-min="${esc(min)}" data-max="${esc(max)}"></label>
          <label>To <input type="text" id="f-to" name="to" data-date="" data-iso="" inputmode="text" autocomplete="off" placeholder="${DATE_HINT}" data-min="${esc(min)}" data-max="${esc(max)}"></label>
        </div>
        <p class="muted small date-error" id="f-date-error" role="alert" hidden></p>
        ${this.range ? `<p class="muted small">Data from ${esc(date(this.range.from))} to ${esc(date(this.range.to))}</p>` : ''}
      </div>
      <div class="method">
        <label for="f-incrementality">Incremental revenue</label>
        <select id="f-incrementality" name="incrementality">
          <option value="flat">Flat: revenue less ${esc(String(Math.round((options.baselineRate ?? 0.02) * 100)))} %</option>
          <option value="prepost">Measured: pre/post</option>
        </select>
      </div>
      ${groups}
      <button type="reset" class="button secondary" id="f-clear">Clear filters</button>`;

  }

  /** Shows an ISO date (or none) in a date field as people read it, keeping the ISO value for the query. */
  setDate(name, isoDate) {
    const field = this.form.elements[name];
    field.dataset.iso = isoDate ?? '';
    field.value = isoDate ? date(isoDate) : '';
    field.removeAttribute('aria-invalid');
  }

  /** Reads a typed date ("1 Jun 2025" or 2025-06-01); says what is wrong instead of guessing (06/01/2025). */
  readDate(field) {
    const error = this.form.querySelector('#f-date-error');
    const text = field.value.trim();
    const isoDate = text ? parseDate(text) : '';
    if (isoDate === null) {
      field.setAttribute('aria-invalid', 'true');
      error.textContent = `"${text}" is not a date: write it as ${DATE_HINT.slice(5)} (or 2025-06-01).`;
      error.hidden = false;
      return false;
    }
    error.hidden = true;
    this.setDate(field.name, isoDate);
    return true;
  }

  applyPreset(preset) {
    if (preset === 'all' || !this.range) { this.setDate('from', ''); this.setDate('to', ''); return; }
    if (preset === 'custom') return;
    const end = this.range.to;
    if (preset === 'month') {
      this.setDate('from', `${end.slice(0, 7)}-01`); this.setDate('to', end);
      return;
    }
    const start = addDays(end, -(Number(preset) - 1));
    this.setDate('from', start < this.range.from ? this.range.from : start);
    this.setDate('to', end);
  }

  updateBadges() {
    for (const group of this.form.querySelectorAll('.filter-group')) {
      const n = group.querySelectorAll('input:checked').length;
      const badge = group.querySelector('.badge');
      badge.hidden = n === 0;
      badge.textContent = n;
    }
  }

  /**
   * Chooses what a query string (from query(), a link or the address) names: the values the sidebar offers are ticked,
   * dates shown, the method selected; a value no file holds any more is left out.
   */
  apply(query) {
    for (const [k, v] of new URLSearchParams(query)) {
      const box = [...this.form.querySelectorAll(`input[name="${k}"]`)].find((b) => b.value === v);
      if (box) box.checked = true;
      else if ((k === 'from' || k === 'to') && parseDate(v) === v) { this.setDate(k, v); this.form.elements.preset.value = 'custom'; }
      else if (k === 'incrementality' && [...this.form.elements.incrementality.options].some((o) => o.value === v)) this.form.elements.incrementality.value = v;
    }
    this.updateBadges();
  }

  /** The filters as the API's query string: repeated parameters for multi-select, inclusive from/to. */
  query() {
    const params = new URLSearchParams();
    for (const [param] of DIMENSIONS) {
      for (const box of this.form.querySelectorAll(`input[name="${param}"]:checked`)) params.append(param, box.value);
    }
    const { from, to } = this.form.elements;
    if (from?.dataset.iso) params.set('from', from.dataset.iso);
    if (to?.dataset.iso) params.set('to', to.dataset.iso);
    const method = this.form.elements.incrementality?.value;
    if (method && method !== 'flat') params.set('incrementality', method);
    return params.toString();
  }
}
