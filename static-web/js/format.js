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
export const percent = (v) => (missing(v) ? NONE : `${dec1.format(v)}%`);
export const ratio = (v) => (missing(v) ? NONE : `${dec2.format(v)}×`);
export const score = (v) => (missing(v) ? NONE : dec1.format(v));
export const short = (v) => (missing(v) ? NONE : compact.format(v));
export const change = (v, unit = '%') => (missing(v) ? null : `${v > 0 ? '▲' : v < 0 ? '▼' : '■'} ${dec1.format(Math.abs(v))}${unit}`);
export const dateTime = (iso) => (iso ? new Date(iso).toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short' }) : NONE);

/** Escapes text for innerHTML templates; every value from the API goes through it. */
export const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
