import { esc } from './format.js';

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
const addDays = (isoDate, days) => { const d = new Date(`${isoDate}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + days); return iso(d); };

/** The filter sidebar: multi-selects built from GET /filters, a date range with presets relative to the data's last day. */
export class FilterPanel {
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    this.range = null;
    this.form.addEventListener('change', (event) => {
      if (event.target.name === 'preset') this.applyPreset(event.target.value);
      else if (event.target.type === 'date') this.form.elements.preset.value = 'custom';
      this.updateBadges();
      this.onChange();
    });
    this.form.addEventListener('reset', () => setTimeout(() => { this.updateBadges(); this.onChange(); }));
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
          <label>From <input type="date" id="f-from" name="from" min="${min}" max="${max}"></label>
          <label>To <input type="date" id="f-to" name="to" min="${min}" max="${max}"></label>
        </div>
        ${this.range ? `<p class="muted small">Data from ${esc(this.range.from)} to ${esc(this.range.to)}</p>` : ''}
      </div>
      <div class="method">
        <label for="f-incrementality">Incremental revenue</label>
        <select id="f-incrementality" name="incrementality">
          <option value="flat">Flat assumption (revenue less ${esc(String(Math.round((options.baselineRate ?? 0.02) * 100)))} %)</option>
          <option value="prepost">Measured (pre/post, with interval)</option>
        </select>
      </div>
      ${groups}
      <button type="reset" class="button secondary" id="f-clear">Clear filters</button>`;

  }

  applyPreset(preset) {
    const { from, to } = this.form.elements;
    if (preset === 'all' || !this.range) { from.value = ''; to.value = ''; return; }
    if (preset === 'custom') return;
    const end = this.range.to;
    if (preset === 'month') {
      const first = `${end.slice(0, 7)}-01`;
      from.value = first; to.value = end;
      return;
    }
    const start = addDays(end, -(Number(preset) - 1));
    from.value = start < this.range.from ? this.range.from : start;
    to.value = end;
  }

  updateBadges() {
    for (const group of this.form.querySelectorAll('.filter-group')) {
      const n = group.querySelectorAll('input:checked').length;
      const badge = group.querySelector('.badge');
      badge.hidden = n === 0;
      badge.textContent = n;
    }
  }

  /** The filters as the API's query string: repeated parameters for multi-select, inclusive from/to. */
  query() {
    const params = new URLSearchParams();
    for (const [param] of DIMENSIONS) {
      for (const box of this.form.querySelectorAll(`input[name="${param}"]:checked`)) params.append(param, box.value);
    }
    const { from, to } = this.form.elements;
    if (from?.value) params.set('from', from.value);
    if (to?.value) params.set('to', to.value);
    const method = this.form.elements.incrementality?.value;
    if (method && method !== 'flat') params.set('incrementality', method);
    return params.toString();
  }
}
