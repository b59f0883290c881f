import { money, percent, ratio, count, change, esc, date, NONE } from './format.js';

// Each card: the summary metric, how to show it, and how its change against the previous period is worked out.
const CARDS = [
  { key: 'revenue', label: 'Revenue', format: money, delta: 'percent' },
  { key: 'incrementalRevenue', label: 'Incremental revenue', format: money, delta: 'percent' },
  { key: 'spend', label: 'Spend', format: money, delta: 'percent', upIsBad: true },
  { key: 'roi', label: 'ROI', format: percent, delta: 'points' },
  { key: 'incrementalRoas', label: 'Incremental ROAS', format: ratio, delta: 'percent' },
  { key: 'poorPerformerCount', label: 'Poor performers', format: count, delta: 'count', upIsBad: true },
];

function delta(card, summary, executive) {
  const previous = executive?.previous;
  // A previous period with no activity at all has nothing to compare with (every change would be "from zero").
  if (!previous || !(previous.revenue || previous.spend || previous.influencerCount)) return null;
  if (card.delta === 'percent') return { value: executive.changePercent?.[card.key], text: change(executive.changePercent?.[card.key]) };
  const now = summary[card.key];
  const before = previous[card.key];
  if (now === null || now === undefined || before === null || before === undefined) return { value: null, text: null };
  const d = now - before;
  return { value: d, text: card.delta === 'points' ? change(d, ' pts') : `${d > 0 ? '▲' : d < 0 ? '▼' : '■'} ${count(Math.abs(d))}` };
}

/** Under the card of an incremental figure: how it was obtained, and beside incremental ROAS the attributed one. */
function method(card, summary) {
  const info = summary.incrementality ?? {};
  if (card.key === 'incrementalRevenue') {
    if (info.method !== 'prepost') return `Flat assumption: revenue less ${count((info.baselineRate ?? 0) * 100)} %`;
    const i = summary.incrementalInterval;
    const range = i ? `${Math.round(i.level * 100)} % interval ${money(i.low)} to ${money(i.high)}` : 'no interval';
    return `<span class="verdict" data-verdict="${esc(summary.incrementalVerdict ?? '')}">${esc(summary.incrementalVerdict ?? NONE)}</span> ${esc(range)}`;
  }
  if (card.key === 'incrementalRoas') return `Attributed ROAS ${esc(ratio(summary.roas))}`;
  return null;
}

/** What a card says when there is no change to show: all dates have no period before them; a range may have an empty one. */
function noChange(query) {
  const params = new URLSearchParams(query);
  return params.has('from') || params.has('to') ? 'no activity in the period before' : 'all dates · pick a date range to compare';
}

export function renderKpis(root, summary, executive, query = '') {
  const period = executive?.previous?.period;
  const against = period ? `vs previous ${period.days} days` : 'vs previous period';
  const span = period ? `Previous period: ${date(period.from)} to ${date(period.to)}` : '';
  root.innerHTML = CARDS.map((card) => {
    const d = delta(card, summary, executive);
    const how = method(card, summary);
    const good = d?.value === null || d?.value === undefined || d.value === 0 ? 'flat' : (d.value > 0) !== !!card.upIsBad ? 'good' : 'bad';
    return `<article class="kpi" data-kpi="${card.key}">
      <h3>${esc(card.label)}</h3>
      <p class="kpi-value">${esc(card.format(summary[card.key]))}</p>
      ${how ? `<p class="kpi-method small">${how}</p>` : ''}
      <p class="kpi-change ${good}" title="${esc(span)}">${d?.text ? `${esc(d.text)} <span class="muted">${esc(against)}</span>` : `<span class="muted">${esc(noChange(query))}</span>`}</p>
    </article>`;
  }).join('');
}

export function renderKpiSkeleton(root) {
  if (!root.children.length) root.innerHTML = CARDS.map((c) => `<article class="kpi loading" data-kpi="${c.key}"><h3>${esc(c.label)}</h3><p class="kpi-value">…</p><p class="kpi-change">&nbsp;</p></article>`).join('');
}
