// Match rates per context and outcome type against their targets (GET /api/v1/match-rates), and the rate over time
// (GET /api/v1/match-rates/history) drawn as inline SVG, with the same figures as a table for anyone who cannot
// see the chart. Below-target points have their own shape and words, not only their own colour.
import * as api from './api.js';
import { announce, failure, fill, h, percent, show, svg, table, time } from './dom.js';

const WINDOWS = [['PT15M', 'last 15 minutes'], ['PT1H', 'last hour'], ['PT6H', 'last 6 hours'], ['PT24H', 'last 24 hours']];
const PERIODS = [['PT24H', 'PT1H', 'last 24 hours, hourly'], ['PT6H', 'PT15M', 'last 6 hours, every 15 minutes'],
  ['P7D', 'PT6H', 'last 7 days, every 6 hours']];

function againstTarget(rate, target) {
  if (rate === null || rate === undefined) {
    return h('span.judgement.unjudged', {}, h('span.marker', { 'aria-hidden': 'true' }, '–'), ' no verdict counted');
  }
  return rate >= target
    ? h('span.judgement.meets', {}, h('span.marker', { 'aria-hidden': 'true' }, '✓'), ' meets target')
    : h('span.judgement.differs', {}, h('span.marker', { 'aria-hidden': 'true' }, '✗'), ' below target');
}

function currentTable(rates) {
  if (rates.length === 0) {
    return h('p', {}, 'No verdict in this window.');
  }
  return table('Match rate per context and outcome type', ['Context / outcome type', 'Agree', 'Disagree', 'Excluded',
    'Match rate', 'Target', 'Against target'],
  rates.map((rate) => ({
    attributes: { 'data-series': `${rate.context}/${rate.outcomeType}` },
    cells: [`${rate.context} / ${rate.outcomeType}`, String(rate.agree), String(rate.disagree), String(rate.excluded),
      percent(rate.matchRate), percent(rate.target), againstTarget(rate.matchRate, rate.target)],
  })), { rowHeaders: true, id: 'match-rate-table' });
}

function chart(series, index) {
  const width = 640;
  const height = 220;
  const left = 52;
  const right = 12;
  const top = 12;
  const bottom = 36;
  const points = series.points;
  const x = (i) => left + (points.length <= 1 ? 0 : (i * (width - left - right)) / (points.length - 1));
  const y = (rate) => top + (1 - rate) * (height - top - bottom);
  const titleId = `chart-${index}-title`;
  const descId = `chart-${index}-desc`;
  const counted = points.filter((p) => p.matchRate !== null);
  const below = counted.filter((p) => p.matchRate < series.target).length;
  const children = [
    svg('title', { id: titleId }, `Match rate over time, ${series.context} / ${series.outcomeType}`),
    svg('desc', { id: descId }, `${counted.length} of ${points.length} steps have counted verdicts; ${below} of them are `
      + `below the target of ${percent(series.target)}. The table after the chart lists every step.`),
  ];
  [0, 0.5, 1].forEach((tick) => {
    children.push(svg('line', { x1: left, x2: width - right, y1: y(tick), y2: y(tick), class: 'grid' }));
    children.push(svg('text', { x: left - 6, y: y(tick) + 4, class: 'axis', 'text-anchor': 'end' }, `${tick * 100}%`));
  });
  children.push(svg('line', { x1: left, x2: width - right, y1: y(series.target), y2: y(series.target), class: 'target' }));
  children.push(svg('text', { x: width - right, y: y(series.target) - 4, class: 'axis', 'text-anchor': 'end' },
    `target ${percent(series.target)}`));
  // the line breaks where a step has no counted verdict: a gap in traffic is not drawn over
  let path = '';
  let drawing = false;
  points.forEach((point, i) => {
    if (point.matchRate === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(point.matchRate).toFixed(1)} `;
    drawing = true;
  });
  if (path) {
    children.push(svg('path', { d: path.trim(), class: 'rate' }));
  }
  points.forEach((point, i) => {
    if (point.matchRate === null) {
      return;
    }
    const label = `${point.from}: ${percent(point.matchRate)} (${point.agree} agree, ${point.disagree} disagree)`;
    if (point.matchRate >= series.target) {
      children.push(svg('circle', { cx: x(i), cy: y(point.matchRate), r: 3.5, class: 'point meets' }, svg('title', {}, label)));
    } else {
      // below target: a cross, not only another colour
      const cx = x(i);
      const cy = y(point.matchRate);
      children.push(svg('path', { d: `M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`,
        class: 'point below' }, svg('title', {}, `${label}, below target`)));
    }
  });
  if (points.length > 0) {
    [0, Math.floor((points.length - 1) / 2), points.length - 1].forEach((i, n, all) => {
      if (all.indexOf(i) !== n) {
        return;
      }
      children.push(svg('text', { x: x(i), y: height - 12, class: 'axis', 'text-anchor': n === 0 ? 'start' : n === 2 ? 'end' : 'middle' },
        points[i].from.replace('T', ' ').replace(/:00Z$/, 'Z')));
    });
  }
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    class: 'chart' }, children);
}

function historySection(history) {
  if (history.series.length === 0) {
    return h('p', {}, 'No verdict in this period.');
  }
  return history.series.map((series, index) => h('figure.series', { 'data-series': `${series.context}/${series.outcomeType}` },
    h('figcaption', {}, h('h3', {}, `${series.context} / ${series.outcomeType}`), `target ${percent(series.target)}; `
      + '● meets the target, ✕ below it; gaps are steps without counted verdicts'),
    chart(series, index),
    h('details', {}, h('summary', {}, `The figures of ${series.context} / ${series.outcomeType} as a table`),
      table(`Match rate per step, ${series.context} / ${series.outcomeType}`,
        ['Step from', 'Agree', 'Disagree', 'Excluded', 'Match rate', 'Against target'],
        series.points.map((point) => ({ cells: [time(point.from), String(point.agree), String(point.disagree),
          String(point.excluded), percent(point.matchRate), againstTarget(point.matchRate, series.target)] })),
        { rowHeaders: true, className: 'history-table' }))));
}

export async function renderMatchRates(params) {
  const rateWindow = params.window || 'PT1H';
  const period = PERIODS.find((p) => p[0] === params.period) || PERIODS[0];
  const form = h('form.filters', { 'aria-label': 'Match-rate filters' },
    h('div.field-row', {},
      h('div.field', {}, h('label', { for: 'rates-context' }, 'Context'),
        h('input', { id: 'rates-context', value: params.context || '', 'aria-describedby': 'rates-context-hint' }),
        h('p.hint', { id: 'rates-context-hint' }, 'empty: every context')),
      h('div.field', {}, h('label', { for: 'rates-window' }, 'Current rate over the'),
        h('select', { id: 'rates-window' }, WINDOWS.map(([value, label]) => h('option', { value, selected: value === rateWindow }, label)))),
      h('div.field', {}, h('label', { for: 'rates-period' }, 'Chart'),
        h('select', { id: 'rates-period' }, PERIODS.map(([value, , label]) => h('option', { value, selected: value === period[0] }, label))))),
    h('div.actions', {}, h('button', { type: 'submit' }, 'Show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.hash = `#/match-rates${api.query({ context: form.querySelector('#rates-context').value.trim(),
      window: form.querySelector('#rates-window').value, period: form.querySelector('#rates-period').value })}`;
  });
  const current = h('section', { 'aria-labelledby': 'current-heading' }, h('h2#current-heading', {}, 'Now'), h('p', {}, 'Loading…'));
  const overTime = h('section', { 'aria-labelledby': 'over-time-heading' }, h('h2#over-time-heading', {}, 'Over time'), h('p', {}, 'Loading…'));
  show('Match rates', h('h1', {}, 'Match rates'),
    h('p', {}, 'agree / (agree + disagree) of live verdicts, per context and outcome type, against the target of its rule set.'),
    form, current, overTime);
  const context = params.context || undefined;
  const periodMillis = { PT24H: 24 * 3600e3, PT6H: 6 * 3600e3, P7D: 7 * 24 * 3600e3 }[period[0]];
  const now = Date.now();
  const [rates, history] = await Promise.allSettled([
    api.get('/api/v1/match-rates', { context, window: rateWindow }),
    api.get('/api/v1/match-rates/history', { context, step: period[1],
      from: new Date(now - periodMillis).toISOString(), to: new Date(now).toISOString() }),
  ]);
  fill(current, h('h2#current-heading', {}, 'Now'), rates.status === 'fulfilled' ? currentTable(rates.value.body)
    : h('p.error', {}, failure('Loading the match rates', rates.reason)));
  fill(overTime, h('h2#over-time-heading', {}, 'Over time'), history.status === 'fulfilled'
    ? historySection(history.value.body) : h('p.error', {}, failure('Loading the match-rate history', history.reason)));
  announce(rates.status === 'fulfilled' && history.status === 'fulfilled' ? 'Match rates loaded.'
    : 'Some match rates could not be loaded.');
}
