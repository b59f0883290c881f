import { esc, counted } from './format.js';

const KIND_LABELS = { 'best-segment': 'Best', 'worst-segment': 'Weakest', reallocation: 'Budget plan', scale: 'Scale', drop: 'Short of cost', risk: 'Risk' };

/** The insights and recommendations panel (GET analytics/insights). */
export function renderInsights(root, items, note) {
  if (!items.length) { root.innerHTML = '<p class="empty">No insights for this selection.</p>'; return; }
  const list = (shown) => `<ul class="insights">${shown.map((i) => `
    <li class="insight kind-${esc(i.kind)}"><span class="tag">${esc(KIND_LABELS[i.kind] ?? i.kind)}</span>
      <div><strong>${esc(i.title)}</strong><p class="muted small">${esc(i.reason)}</p></div></li>`).join('')}</ul>`;
  const first = 9;
  root.innerHTML = `${list(items.slice(0, first))}
    ${items.length > first ? `<details class="more"><summary>${counted(items.length - first, 'more recommendation')}</summary>${list(items.slice(first))}</details>` : ''}
    ${note ? `<p class="muted small">${esc(note)}</p>` : ''}`;
}

/** Cross-file warnings (GET data-quality). */
export function renderDataQuality(root, items) {
  if (!items.length) { root.innerHTML = '<p class="empty ok">No data-quality warnings: the current files agree with each other.</p>'; return; }
  root.innerHTML = `<ul class="insights">${items.map((w) => `
    <li class="insight kind-risk"><span class="tag">${esc(w.kind)}</span>
      <div><strong>${esc(w.message)}</strong><p class="muted small">${esc(counted(w.count, 'case'))}${w.examples?.length ? `, e.g. ${esc(w.examples.slice(0, 5).join(', '))}` : ''}</p></div></li>`).join('')}</ul>`;
}
