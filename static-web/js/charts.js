import { money, percent, ratio, count, counted, esc, moneyShort, date, dayMonth } from './format.js';

// Chart.js comes from npm, vendored into vendor/ by `npm ci` (scripts/vendor.mjs): no CDN, works offline.
const { Chart } = window;
if (!Chart) {
  throw new Error('The chart library is missing from static-web/vendor/: run "npm ci" in the repository root (it vendors chart.js).');
}
Chart.defaults.animation = false;
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'system-ui';
Chart.defaults.color = '#42505f';
Chart.defaults.maintainAspectRatio = false;

export const COLORS = { revenue: '#0f7b6c', spend: '#e07a1f', incremental: '#2f6fde', roas: '#7b3fe4', muted: '#9aa5b1' };
export const TIER_COLORS = { Micro: '#2f6fde', Mid: '#0f7b6c', Macro: '#e07a1f', Mega: '#c2185b' };

const charts = new Map();

function draw(id, config) {
  const canvas = document.getElementById(id);
  if (!canvas) return;
  charts.get(id)?.destroy();
  charts.set(id, new Chart(canvas, config));
}

const moneyAxis = { ticks: { callback: moneyShort }, beginAtZero: true };
const moneyTip = { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.y)}` } };

const DAY_MS = 86_400_000;
const addDays = (isoDate, days) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const periodEnd = (start, granularity) => {
  if (granularity === 'week') return addDays(start, 6);
  if (granularity === 'month') { const d = new Date(`${start}T00:00:00Z`); return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10); }
  return start;
};

/**
 * Revenue, spend and incremental revenue per period, drawn point to point (a smoothed curve would invent values between
 * periods). When the data stop inside the last week or month, that period holds only some of its days: its segment is
 * dashed and its point hollow, and the function returns { from, to, days, of } for the page to say so; else null.
 */
export function revenueVsSpend(id, items, granularity = 'week', lastDay = null) {
  const last = items.at(-1);
  const end = last ? periodEnd(last.period, granularity) : null;
  const partial = last && lastDay && end > lastDay && lastDay >= last.period
    ? { from: last.period, to: lastDay, days: Math.round((Date.parse(lastDay) - Date.parse(last.period)) / DAY_MS) + 1, of: Math.round((Date.parse(end) - Date.parse(last.period)) / DAY_MS) + 1 }
    : null;
  const lastIndex = items.length - 1;
  const dashed = { borderDash: (ctx) => (partial && ctx.p1DataIndex === lastIndex ? [6, 4] : undefined) };
  const hollow = (color) => items.map((_, i) => (partial && i === lastIndex ? '#fff' : color));
  const line = (label, key, color, extra = {}) => ({
    label, data: items.map((i) => i[key]), borderColor: color, backgroundColor: color, pointBackgroundColor: hollow(color), tension: 0, segment: dashed, ...extra,
  });
  draw(id, {
    type: 'line',
    data: {
      labels: items.map((i) => i.period),
      datasets: [
        line('Revenue', 'revenue', COLORS.revenue, { backgroundColor: `${COLORS.revenue}22`, fill: true }),
        line('Spend', 'spend', COLORS.spend),
        line('Incremental revenue', 'incrementalRevenue', COLORS.incremental, { borderDash: [5, 4], pointRadius: 0, segment: {} }),
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: { x: { ticks: { callback(value) { return dayMonth(this.getLabelForValue(value)); } } }, y: moneyAxis },
      plugins: {
        tooltip: {
          callbacks: {
            title: (c) => `${granularity === 'day' ? '' : `${granularity[0].toUpperCase()}${granularity.slice(1)} of `}${date(c[0].label)}${partial && c[0].dataIndex === lastIndex ? ` (partial: ${partial.days} of ${partial.of} days)` : ''}`,
            label: moneyTip.callbacks.label,
          },
        },
      },
    },
  });
  return partial;
}

/** New customers per month of first purchase (stacked), with the share of each group who bought again within 30 days (the table has 60 and 90). */
export function customerCohorts(id, items) {
  const months = items.map((i) => i.month.slice(0, 7));
  draw(id, {
    type: 'bar',
    data: {
      labels: months,
      datasets: [
        { label: 'By influencers', data: items.map((i) => i.influencerCustomers), backgroundColor: COLORS.incremental, stack: 'customers' },
        { label: 'Organic', data: items.map((i) => i.organicCustomers), backgroundColor: COLORS.revenue, stack: 'customers' },
        { label: 'Existing or unknown', data: items.map((i) => i.existingOrUnknownCustomers), backgroundColor: COLORS.muted, stack: 'customers' },
        { type: 'line', label: 'Influencer-acquired, bought again ≤30 days', data: items.map((i) => i.influencerRepeat30), borderColor: COLORS.roas, yAxisID: 'share' },
        { type: 'line', label: 'Organic, bought again ≤30 days', data: items.map((i) => i.organicRepeat30), borderColor: COLORS.spend, borderDash: [5, 4], yAxisID: 'share' },
      ],
    },
    options: {
      scales: {
        x: { stacked: true },
        // Customers are whole: a small month's axis steps by one, not 0.1 rounded to the same label.
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0, callback: (v) => count(v) } },
        share: { position: 'right', beginAtZero: true, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: (v) => `${v}%` } },
      },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.dataset.yAxisID === 'share' ? percent(c.parsed.y) : count(c.parsed.y)}` } } },
    },
  });
}

export function roasByPlatform(id, items) {
  draw(id, {
    type: 'bar',
    data: {
      labels: items.map((i) => i.platform),
      datasets: [
        { label: 'ROAS', data: items.map((i) => i.roas), backgroundColor: COLORS.roas },
        { label: 'Incremental ROAS', data: items.map((i) => i.incrementalRoas), backgroundColor: COLORS.incremental },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${v}×` } } }, plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${ratio(c.parsed.y)}` } } } },
  });
}

export function revenueSpendBars(id, items, key, { horizontal = false } = {}) {
  draw(id, {
    type: 'bar',
    data: {
      labels: items.map((i) => i[key]),
      datasets: [
        { label: 'Revenue', data: items.map((i) => i.revenue), backgroundColor: COLORS.revenue },
        { label: 'Spend', data: items.map((i) => i.spend), backgroundColor: COLORS.spend },
      ],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: moneyAxis } : { y: moneyAxis },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(horizontal ? c.parsed.x : c.parsed.y)}` } } },
    },
  });
}

export function influencerBubbles(id, influencers) {
  const paid = influencers.filter((i) => i.paid);
  const maxFollowers = Math.max(1, ...paid.map((i) => i.followers ?? 0));
  const tiers = Object.keys(TIER_COLORS);
  draw(id, {
    type: 'bubble',
    data: {
      datasets: tiers.map((tier) => ({
        label: tier,
        backgroundColor: `${TIER_COLORS[tier]}99`,
        borderColor: TIER_COLORS[tier],
        data: paid.filter((i) => i.tier === tier).map((i) => ({
          x: i.spend, y: i.incrementalRevenue, r: 4 + 22 * Math.sqrt((i.followers ?? 0) / maxFollowers), name: i.name, followers: i.followers,
        })),
      })),
    },
    options: {
      scales: { x: { ...moneyAxis, title: { display: true, text: 'Spend' } }, y: { ...moneyAxis, title: { display: true, text: 'Incremental revenue' } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.raw.name} (${c.dataset.label}, ${counted(c.raw.followers, 'follower')}): spend ${money(c.raw.x)}, incremental ${money(c.raw.y)}` } } },
    },
  });
}

export function tierBreakdown(id, items) {
  const order = Object.keys(TIER_COLORS);
  const sorted = [...items].sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier));
  draw(id, {
    type: 'bar',
    data: {
      labels: sorted.map((i) => i.tier),
      datasets: [
        { label: 'Revenue', data: sorted.map((i) => i.revenue), backgroundColor: COLORS.revenue, yAxisID: 'y' },
        { label: 'Spend', data: sorted.map((i) => i.spend), backgroundColor: COLORS.spend, yAxisID: 'y' },
        { label: 'ROAS', type: 'line', data: sorted.map((i) => i.roas), borderColor: COLORS.roas, backgroundColor: COLORS.roas, yAxisID: 'roas' },
      ],
    },
    options: {
      scales: { y: moneyAxis, roas: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { callback: (v) => `${v}×` } } },
      plugins: { tooltip: { callbacks: { label: (c) => (c.dataset.yAxisID === 'roas' ? `ROAS: ${ratio(c.parsed.y)}` : `${c.dataset.label}: ${money(c.parsed.y)}`) } } },
    },
  });
}

/** Category x platform ROI as a CSS grid: green above break-even, red below, grey where there is no spend. */
export function personaHeatmap(container, items) {
  const categories = [...new Set(items.map((i) => i.category))].sort();
  const platforms = [...new Set(items.map((i) => i.platform))].sort();
  if (!items.length) { container.innerHTML = '<p class="empty">No personas match these filters.</p>'; return; }
  const cell = new Map(items.map((i) => [`${i.category}|${i.platform}`, i]));
  const max = Math.max(1, ...items.map((i) => Math.abs(i.roi ?? 0)));
  const colour = (roi) => {
    if (roi === null || roi === undefined) return '#eef1f4';
    const t = Math.min(1, Math.abs(roi) / Math.min(max, 300));
    return roi >= 0 ? `rgba(15,123,108,${0.15 + 0.75 * t})` : `rgba(200,60,40,${0.15 + 0.75 * t})`;
  };
  let html = `<div class="heatmap" role="table" aria-label="ROI by category and platform" style="--cols:${platforms.length}">
    <div role="row" class="hm-row"><span role="columnheader" class="hm-corner">Category \\ Platform</span>${platforms.map((p) => `<span role="columnheader" class="hm-head">${esc(p)}</span>`).join('')}</div>`;
  for (const category of categories) {
    html += `<div role="row" class="hm-row"><span role="rowheader" class="hm-head">${esc(category)}</span>`;
    for (const platform of platforms) {
      const i = cell.get(`${category}|${platform}`);
      const roi = i?.roi ?? null;
      const strong = roi !== null && Math.abs(roi) / Math.min(max, 300) > 0.5;
      html += `<span role="cell" class="hm-cell${strong ? ' strong' : ''}" style="background:${colour(roi)}" data-category="${esc(category)}" data-platform="${esc(platform)}"
        title="${esc(category)} on ${esc(platform)}: revenue ${money(i?.revenue)}, spend ${money(i?.spend)}">${i ? percent(roi) : '·'}</span>`;
    }
    html += '</div>';
  }
  container.innerHTML = `${html}</div><p class="muted small">ROI % per persona; green earns more than it costs, red less; — no spend to divide by; · no influencer of that category on that platform.</p>`;
}

/** The plan's current and proposed spend for the influencers it moves most, side by side. */
export function planSplit(id, allocations) {
  draw(id, {
    type: 'bar',
    data: {
      labels: allocations.map((a) => a.name),
      datasets: [
        { label: 'Spend now', data: allocations.map((a) => a.currentSpend), backgroundColor: COLORS.muted },
        { label: 'Proposed', data: allocations.map((a) => a.proposedSpend), backgroundColor: COLORS.spend },
      ],
    },
    options: { indexAxis: 'y', scales: { x: moneyAxis }, plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.x)}` } } } },
  });
}

/** One influencer's response curve with its band, and the current and proposed points on it. */
export function responseCurve(id, curve) {
  const at = (spend) => {
    const p = curve.points;
    const k = Math.max(1, p.findIndex((q) => q.spend >= spend));
    const [a, b] = [p[k - 1], p[k] ?? p[k - 1]];
    return b.spend === a.spend ? b.incrementalRevenue : a.incrementalRevenue + ((b.incrementalRevenue - a.incrementalRevenue) * (spend - a.spend)) / (b.spend - a.spend);
  };
  const xy = (key) => curve.points.map((p) => ({ x: p.spend, y: p[key] }));
  draw(id, {
    type: 'line',
    data: {
      datasets: [
        { label: 'Band (95 %)', data: xy('high'), borderWidth: 0, pointRadius: 0, backgroundColor: `${COLORS.incremental}22`, fill: '+1' },
        { label: 'Band low', data: xy('low'), borderWidth: 0, pointRadius: 0 },
        { label: 'Expected incremental revenue', data: xy('incrementalRevenue'), borderColor: COLORS.incremental, pointRadius: 0 },
        { type: 'scatter', label: 'Now', data: [{ x: curve.currentSpend, y: at(curve.currentSpend) }], backgroundColor: COLORS.muted, pointRadius: 6 },
        { type: 'scatter', label: 'Proposed', data: [{ x: curve.proposedSpend, y: at(curve.proposedSpend) }], backgroundColor: COLORS.spend, pointRadius: 6, pointStyle: 'rectRot' },
      ],
    },
    options: {
      parsing: false,
      scales: { x: { type: 'linear', title: { display: true, text: 'Spend over the period' }, ...moneyAxis }, y: moneyAxis },
      plugins: {
        legend: { labels: { filter: (item) => item.text !== 'Band low' } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.y)} at ${money(c.parsed.x)}` } },
      },
    },
  });
}
