import { getJson, url } from './api.js';
import { esc, date, count, counted } from './format.js';
import { FilterPanel } from './filters.js';
import { renderKpis, renderKpiSkeleton } from './kpis.js';
import { renderInsights, renderDataQuality } from './insights.js';
import { DataTable, columns } from './tables.js';
import * as charts from './charts.js';
import { ExportBar } from './exports.js';
import { UploadPanel } from './uploads.js';
import { PlanPanel } from './plan.js';

const app = document.getElementById('app');
const $ = (id) => document.getElementById(id);
const tables = {
  top: new DataTable($('table-top'), columns.influencers, { caption: 'Top performers' }),
  // Poor performers come worst ROI first: their "#" is that order, not the efficiency rank.
  poor: new DataTable($('table-poor'), columns.influencers.map((c) => (c.key === 'rank' ? columns.position : c)), { caption: 'Poor performers', empty: 'No poor performers in this selection.' }),
  influencers: new DataTable($('table-influencers'), columns.influencers, { caption: 'Every influencer' }),
  campaigns: new DataTable($('table-campaigns'), columns.metrics([{ key: 'campaign', label: 'Campaign' }]), { caption: 'Campaigns' }),
  platforms: new DataTable($('table-platforms'), columns.metrics([{ key: 'platform', label: 'Platform' }]), { caption: 'Platforms' }),
  personas: new DataTable($('table-personas'), columns.metrics([{ key: 'category', label: 'Category' }, { key: 'platform', label: 'Platform' }]), { caption: 'Personas' }),
  products: new DataTable($('table-products'), columns.metrics([{ key: 'product', label: 'Product' }, { key: 'brand', label: 'Brand' }]), { caption: 'Products' }),
  brands: new DataTable($('table-brands'), columns.metrics([{ key: 'brand', label: 'Brand' }]), { caption: 'Brands' }),
  genders: new DataTable($('table-genders'), columns.metrics([{ key: 'gender', label: 'Gender' }]), { caption: 'Genders' }),
  customers: new DataTable($('table-customers'), columns.cohorts, { caption: 'Acquisition cohorts', empty: 'No customer was first seen in this selection.' }),
};

const plan = new PlanPanel($('panel-plan'));
const empty = (id, items, text) => { $(id).classList.toggle('is-empty', !items.length); $(id).dataset.empty = text; };

/** A breakdown tab: the view's { items } as a chart (revenue and spend bars unless told otherwise) and a table. */
function breakdown(view, key, emptyText, draw = (items) => charts.revenueSpendBars(`chart-${view}`, items, key)) {
  return {
    report: view,
    async load(q) {
      const { items } = await getJson(`analytics/${view}`, q);
      draw(items);
      empty(`chart-${view}-box`, items, emptyText);
      tables[view].setRows(items);
    },
  };
}

// The influencer figures the overview's bubble chart draws, and those the influencers table shows (its columns, and
// what its name and score cells add): of each item's thirty, only these are fetched (docs/api.md).
const BUBBLE_FIELDS = 'name,tier,followers,paid,spend,incrementalRevenue';
const TABLE_FIELDS = [...columns.influencers.map((c) => c.key), 'influencerId', 'platform', 'category', 'paid'].join(',');

// What each tab loads and draws, and which export its buttons offer.
const TABS = {
  overview: {
    report: 'summary',
    async load(q) {
      const g = $('granularity').value;
      const [ts, tiers, infl, insights] = await Promise.all([
        getJson('analytics/timeseries', join(q, `granularity=${g}`)), getJson('analytics/tiers', q), getJson('analytics/influencers', join(q, `fields=${BUBBLE_FIELDS}`)), state.insights,
      ]);
      const partial = charts.revenueVsSpend('chart-timeseries', ts.items, g, state.period?.to);
      empty('chart-timeseries-box', ts.items, 'No sales or spend in this selection.');
      $('timeseries-note').textContent = partial ? `The last ${g} (${date(partial.from)} to ${date(partial.to)}) has ${partial.days} of its ${partial.of} days of data, so it is drawn dashed.` : '';
      charts.tierBreakdown('chart-tiers', tiers.items); empty('chart-tiers-box', tiers.items, 'No tiers in this selection.');
      charts.influencerBubbles('chart-bubbles', infl.items); empty('chart-bubbles-box', infl.items.filter((i) => i.paid), 'No paid influencers in this selection.');
      renderInsights($('insights'), insights.items, insights.incrementality?.note);
    },
  },
  top: { report: 'top', async load(q) { tables.top.setRows((await getJson('analytics/top', join(q, 'n=50'))).items); } },
  poor: { report: 'poor', async load(q) { tables.poor.setRows((await getJson('analytics/poor', join(q, 'n=50'))).items); } },
  influencers: { report: 'influencers', async load(q) { tables.influencers.setRows((await getJson('analytics/influencers', join(q, `fields=${TABLE_FIELDS}`))).items); } },
  campaigns: breakdown('campaigns', 'campaign', 'No campaigns in this selection.'),
  platforms: breakdown('platforms', 'platform', 'No platforms in this selection.', (items) => charts.roasByPlatform('chart-platforms', items)),
  personas: {
    report: 'personas',
    async load(q) {
      const { items } = await getJson('analytics/personas', q);
      charts.personaHeatmap($('heatmap'), items);
      tables.personas.setRows(items);
    },
  },
  products: breakdown('products', 'product', 'No products in this selection.',
    (items) => charts.revenueSpendBars('chart-products', items.slice(0, 12), 'product', { horizontal: true })),
  brands: breakdown('brands', 'brand', 'No brands in this selection.'),
  genders: breakdown('genders', 'gender', 'No influencers in this selection.'),
  customers: {
    report: 'customers',
    async load(q) {
      const view = await getJson('analytics/customers', q);
      charts.customerCohorts('chart-customers', view.items); empty('chart-customers-box', view.items, 'No customer was first seen in this selection.');
      $('customers-note').textContent = `${counted(view.totals.firstSeen, 'customer')} first seen: ${count(view.totals.byInfluencers)} acquired by influencers, `
        + `${count(view.totals.organic)} organic, ${count(view.totals.existingOrUnknown)} existing or unknown (first seen in the data's first ${view.historyDays} days). `
        + 'Bought again: share of each month\'s new customers with another purchase within 30, 60 or 90 days, once that window is inside the data.';
      tables.customers.setRows(view.items);
    },
  },
  plan: { report: 'plan', query: (q) => [q, plan.query()].filter(Boolean).join('&'), async load(q) { await plan.load(q); } },
  uploads: { report: null, async load() { await uploads.refresh(); } },
  quality: { report: 'data-quality', async load() { renderDataQuality($('quality'), (await getJson('data-quality')).items); } },
};

const state = { tab: 'overview', generation: 0, insights: null, datasetVersion: null, period: null };
const join = (q, extra) => (q ? `${q}&${extra}` : extra);
const exportBar = new ExportBar($('exports'));
const filters = new FilterPanel($('filters'), debounce(() => refresh(), 150));
const uploads = new UploadPanel($('panel-uploads'), { onIngested: () => refreshUntilNewData(), onError: showError });

function debounce(fn, ms) { let t; return () => { clearTimeout(t); t = setTimeout(fn, ms); }; }

function showError(error) {
  const box = $('error');
  box.hidden = false;
  box.innerHTML = `<strong>${esc(error.title || 'Something went wrong')}</strong> ${esc(error.message)}${error.parameter ? ` <span class="muted">(parameter: ${esc(error.parameter)})</span>` : ''}`;
}

/** Loads the KPIs and the visible tab for the current filters; a newer refresh makes an older one's answers stale. */
async function refresh() {
  const generation = ++state.generation;
  const q = filters.query();
  // The address holds the tab and the filters, so a reload, a bookmark or a pasted link opens this same view.
  history.replaceState(null, '', `#${state.tab}${q ? `?${q}` : ''}`);
  app.dataset.state = 'loading';
  app.setAttribute('aria-busy', 'true');
  $('error').hidden = true;
  renderKpiSkeleton($('kpis'));
  exportBar.update(TABS[state.tab].report, TABS[state.tab].query?.(q) ?? q);
  try {
    state.insights = getJson('analytics/insights', q);
    const [summary, insights] = await Promise.all([getJson('analytics/summary', q), state.insights]);
    if (generation !== state.generation) return;
    state.datasetVersion = summary.datasetVersion;
    state.period = summary.period;
    renderKpis($('kpis'), summary, insights.executiveSummary, q);
    const p = summary.period;
    $('dataset').textContent = p?.from
      ? `Figures for ${date(p.from)} to ${date(p.to)}${p.immatureDays ? ` · the last ${p.immatureDays} day${p.immatureDays === 1 ? ' is' : 's are'} still maturing` : ''}`
      : 'No data yet: upload files on the Uploads tab';
    $('method-note').textContent = summary.incrementality?.method === 'prepost'
      ? 'incremental revenue is measured per product (pre/post), with an interval and a verdict.'
      : `incremental revenue is an assumption: revenue less a flat ${Math.round((summary.incrementality?.baselineRate ?? 0) * 100)} % baseline, not a measured lift.`;
    await TABS[state.tab].load(q);
    if (generation !== state.generation) return;
    app.dataset.state = 'ready';
  } catch (error) {
    if (generation !== state.generation) return;
    app.dataset.state = 'error';
    showError(error);
  } finally {
    if (generation === state.generation) {
      app.dataset.query = q;
      app.dataset.tab = state.tab;
      app.removeAttribute('aria-busy');
    }
  }
}

/**
 * After an upload or a retraction: the API's snapshot picks up the new dataset version within a few seconds
 * (Snapshot:VersionCheckSeconds), so refresh until the version moves on, then once more with the new filter values.
 */
async function refreshUntilNewData() {
  const before = state.datasetVersion;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      // The unfiltered summary: the refresh below asks for it anyway, and the API keeps it per dataset version.
      const { datasetVersion } = await getJson('analytics/summary', '');
      if (datasetVersion !== before) break;
    } catch { /* the refresh below reports it */ }
    await new Promise((resolve) => { setTimeout(resolve, 500); });
  }
  await reloadFilters();
  await refresh();
}

function selectTab(name, focus = false) {
  state.tab = name;
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of document.querySelectorAll('[role="tabpanel"]')) panel.hidden = panel.id !== `panel-${name}`;
  refresh();
}

const tabs = [...document.querySelectorAll('[role="tab"]')];
for (const tab of tabs) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
$('tablist').addEventListener('keydown', (e) => {
  const i = tabs.findIndex((t) => t.dataset.tab === state.tab);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  selectTab(tabs[(next + tabs.length) % tabs.length].dataset.tab, true);
});
$('granularity').addEventListener('change', () => refresh());
plan.onChange(() => refresh());
$('toggle-filters').addEventListener('click', (e) => {
  const open = e.currentTarget.getAttribute('aria-expanded') !== 'true';
  e.currentTarget.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('filters-open', open);
});

/** The filter values afresh (a new upload may add some), keeping what was chosen, or choosing what `keep` names. */
async function reloadFilters(keep = filters.query()) {
  try {
    filters.render(await getJson('filters'));
    filters.apply(keep);
  } catch (error) {
    showError(error);
  }
}

for (const link of document.querySelectorAll('a[data-api-path]')) link.href = url(link.dataset.apiPath);

// The address: #tab?filters (what refresh() writes), e.g. #campaigns?platform=Instagram&from=2025-07-01.
const [initial, initialQuery = ''] = location.hash.slice(1).split('?');
await reloadFilters(initialQuery);
selectTab(TABS[initial] ? initial : 'overview');
