// Numbers as an Indian reader expects them: INR with lakh/crore grouping (₹1,23,45,678).
const inr0 = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const inr2 = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
const int = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dec2 = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-IN', { notation: 'compact', maximumFractionDigits: 1 });

const missing = (v) => v === null || v === undefined || Number.isNaN(v);
export const NONE = '—';

export const money = (v) => (missing(v) ? NONE : inr0.format(v));
export const moneyExact = (v) => (missing(v) ? NONE : inr2.format(v));
export const count = (v) => (missing(v) ? NONE : int.format(v));
/** 1 influencer, 12,34,567 rows: the noun in the count's number, never "row(s)". */
export const counted = (v, noun, plural = `${noun}s`) => `${count(v)} ${v === 1 ? noun : plural}`;
export const percent = (v) => (missing(v) ? NONE : `${dec1.format(v)}%`);
export const ratio = (v) => (missing(v) ? NONE : `${dec2.format(v)}×`);
export const score = (v) => (missing(v) ? NONE : dec1.format(v));
/** ₹20K, ₹1.2L, -₹5K: an axis's rupees, the sign before the symbol as in money(). */
export const moneyShort = (v) => (missing(v) ? NONE : `${v < 0 ? '-' : ''}₹${compact.format(Math.abs(v))}`);
export const change = (v, unit = '%') => (missing(v) ? null : `${v > 0 ? '▲' : v < 0 ? '▼' : '■'} ${dec1.format(Math.abs(v))}${unit}`);

// One date form for people everywhere (the API, the e-mail and hk say it the same way): 1 Jun 2025. ISO dates stay for
// machines (the query string, the API's JSON); the browser's own locale never decides the order of day and month.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-06-01 -> 1 Jun 2025. */
export const date = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : NONE;
};

/** 2025-06-01 -> 1 Jun (the year left to the axis or the sentence around it). */
export const dayMonth = (iso) => date(iso).replace(/ \d{4}$/, '');

/** Reads "1 Jun 2025" (or "1 June 2025") and ISO "2025-06-01" into ISO; null for anything else (06/01/2025 is ambiguous). */
export function parseDate(text) {
  const t = String(text ?? '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
  if (!m) {
    m = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(t);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), MONTHS.findIndex((x) => x.toLowerCase() === m[2].toLowerCase()) + 1, Number(m[3])];
  }
  const value = new Date(Date.UTC(y, mo - 1, d));
  if (!mo || value.getUTCFullYear() !== y || value.getUTCMonth() !== mo - 1 || value.getUTCDate() !== d) return null;
  return value.toISOString().slice(0, 10);
}

/** An instant on India's clock: 1 Jun 2025, 14:30. */
export const dateTime = (iso) => {
  if (!iso) return NONE;
  const ist = new Date(new Date(iso).getTime() + 330 * 60 * 1000).toISOString();
  return `${date(ist)}, ${ist.slice(11, 16)}`;
};

/** Escapes text for innerHTML templates; every value from the API goes through it. */
export const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
