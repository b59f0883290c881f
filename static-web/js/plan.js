import { getJson } from './api.js';
import { esc, money, ratio } from './format.js';
import { DataTable } from './tables.js';
import * as charts from './charts.js';

const signed = (v) => (v > 0 ? `+${money(v)}` : v < 0 ? `−${money(-v)}` : money(0));

const columns = [
  { key: 'name', label: 'Influencer', format: (v, r) => `${esc(v)}<span class="muted small block">${esc(r.influencerId)} · ${esc(r.platform)} · ${esc(r.tier)}</span>`, html: true },
  { key: 'currentSpend', label: 'Spend now', format: money, num: true },
  { key: 'proposedSpend', label: 'Proposed', format: money, num: true },
  { key: 'change', label: 'Change', format: signed, num: true },
  // Why a good return gets no more: nobody goes above 1.5x their spend or what a similar creator was paid.
  { key: 'maxSpend', label: 'Highest allowed', format: money, num: true },
  { key: 'currentIncrementalRevenue', label: 'Incr. revenue now', format: money, num: true },
  { key: 'proposedIncrementalRevenue', label: 'Incr. revenue, proposed', format: money, num: true },
  { key: 'currentMarginalRoas', label: 'Next ₹ returns', format: ratio, num: true },
  { key: 'curve', label: 'Curve' },
];

/**
 * The Plan tab: the budget planner's split (GET analytics/plan, docs/planner.md) for the current filters, with the
 * budget, scenario and target chosen here, the current and proposed split side by side, and the response curves of
 * the influencers it moves most, current and proposed points marked.
 */
export class PlanPanel {
  constructor(root) {
    this.root = root;
    this.plan = null;
    this.table = new DataTable(root.querySelector('#table-plan'), columns, { caption: 'Budget plan', empty: 'No paid influencer in this selection.' });
    this.form = root.querySelector('#plan-form');
    this.form.elements.scenario.addEventListener('change', () => this.showTarget());
    root.querySelector('#plan-curve').addEventListener('change', () => this.drawCurve());
    this.showTarget();
  }

  /** Submitting the form reloads the tab; the caller wires it to its refresh. */
  onChange(refresh) {
    this.form.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  }

  showTarget() {
    this.form.querySelector('#plan-target-box').hidden = this.form.elements.scenario.value !== 'target-roas';
  }

  /** The plan parameters chosen here, as a query string (empty ones left to the API's defaults). */
  query() {
    const { scenario, budget, target } = this.form.elements;
    const q = new URLSearchParams();
    if (scenario.value !== 'max-response') q.set('scenario', scenario.value);
    if (budget.value) q.set('budget', budget.value);
    if (scenario.value === 'target-roas' && target.value) q.set('target', target.value);
    return q.toString();
  }

  async load(filters) {
    const extra = this.query();
    const plan = await getJson('analytics/plan', [filters, extra].filter(Boolean).join('&'));
    this.plan = plan;
    this.form.elements.budget.placeholder = `${Math.round(plan.currentSpend)} (spend now)`;
    const advice = this.root.querySelector('#plan-advice');
    advice.dataset.advised = String(plan.advised);
    advice.textContent = plan.advice;
    const g = plan.expectedGain;
    this.root.querySelector('#plan-figures').innerHTML = `
      <div class="kpi"><h3>Spend now</h3><p class="kpi-value">${esc(money(plan.currentSpend))}</p></div>
      <div class="kpi"><h3>Proposed budget</h3><p class="kpi-value">${esc(money(plan.budget))}</p></div>
      <div class="kpi" data-plan="gain"><h3>Expected gain</h3><p class="kpi-value">${esc(signed(g.value))}</p>
        <p class="kpi-method">${Math.round(g.level * 100)} % interval ${esc(money(g.low))} to ${esc(money(g.high))}</p></div>
      <div class="kpi" data-plan="next-rupee"><h3>Next ₹ returns</h3><p class="kpi-value">${esc(ratio(plan.marginalRoas))}</p>
        <p class="kpi-method">incremental revenue per extra rupee after this split${(plan.marginalRoas ?? 1) < 1 ? ': less than it costs' : ''}</p></div>`;
    const rows = plan.allocations.map((a) => ({ ...a, change: a.proposedSpend - a.currentSpend }));
    this.table.setRows(rows);
    const movers = [...rows].sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, 12);
    charts.planSplit('chart-plan-split', movers);
    const select = this.root.querySelector('#plan-curve');
    select.innerHTML = plan.curves.map((c, i) => `<option value="${i}">${esc(c.name)} (${esc(c.influencerId)})</option>`).join('');
    this.drawCurve();
  }

  drawCurve() {
    const curve = this.plan?.curves[Number(this.root.querySelector('#plan-curve').value || 0)];
    this.root.querySelector('#chart-plan-curve-box').classList.toggle('is-empty', !curve);
    if (curve) charts.responseCurve('chart-plan-curve', curve);
  }
}
