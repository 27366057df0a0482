// Authority and readiness: who is authoritative per context now, the append-only timeline of authority decisions
// (GET /api/v1/authority/{context}/decisions) and the context's readiness (GET /api/v1/readiness/{context}).
// Read only: moving authority is an ADMIN's decision through the API, with a reason.
import * as api from './api.js';
import { announce, failure, fill, h, show, table, text, time } from './dom.js';

function cohorts(list) {
  if (!list || list.length === 0) {
    return 'all traffic of the stage';
  }
  return list.map((c) => Object.entries(c).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join(' ') || 'any').join('; ');
}

function met(isMet) {
  return isMet
    ? h('span.judgement.meets', {}, h('span.marker', { 'aria-hidden': 'true' }, '✓'), ' met')
    : h('span.judgement.differs', {}, h('span.marker', { 'aria-hidden': 'true' }, '✗'), ' not met');
}

function readinessSection(report) {
  return [
    h('p.readiness', { 'data-ready': String(report.ready) }, h('strong', {}, report.ready ? '✓ Ready' : '✗ Not ready'),
      ' — evaluated at ', time(report.evaluatedAt), '.'),
    table(`Readiness criteria of ${report.context}`, ['Criterion', 'Required', 'Actual', 'Met'],
      report.criteria.map((c) => ({ cells: [c.name, c.required, c.actual, met(c.met)] })),
      { rowHeaders: true, id: 'readiness-table' }),
  ];
}

function timeline(decisions, context) {
  if (decisions.length === 0) {
    return h('p', {}, `No authority decision yet: ${context} runs in SHADOW (the new service is not authoritative).`);
  }
  return table(`Authority decisions of ${context}, newest first`,
    ['Decided at', 'Stage', 'Previous stage', 'Cohorts', 'Reason', 'Decided by', 'Readiness override'],
    decisions.map((d) => ({ cells: [time(d.decidedAt), d.stage, d.previous ? text(d.previous.stage) : '—',
      cohorts(d.cohorts), d.reason, d.decidedBy, d.override || 'none (readiness met or not needed)'] })),
    { rowHeaders: true, id: 'decision-table' });
}

export async function renderAuthority(params) {
  let current = [];
  try {
    current = (await api.get('/api/v1/authority')).body.sort((a, b) => a.context.localeCompare(b.context));
  } catch (error) {
    announce(failure('Loading the current authority', error));
  }
  const context = params.context || (current[0] && current[0].context) || 'claims';
  const form = h('form.filters', { 'aria-label': 'Choose a context' },
    h('div.field-row', {}, h('div.field', {}, h('label', { for: 'authority-context' }, 'Context'),
      h('input', { id: 'authority-context', value: context, list: 'authority-contexts' }),
      h('datalist', { id: 'authority-contexts' }, current.map((c) => h('option', { value: c.context }))))),
    h('div.actions', {}, h('button', { type: 'submit' }, 'Show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.hash = `#/authority${api.query({ context: form.querySelector('#authority-context').value.trim() })}`;
  });
  const readiness = h('section', { 'aria-labelledby': 'readiness-heading' }, h('h2#readiness-heading', {}, `Readiness of ${context}`),
    h('p', {}, 'Loading…'));
  const decisions = h('section', { 'aria-labelledby': 'timeline-heading' }, h('h2#timeline-heading', {}, `Authority timeline of ${context}`),
    h('p', {}, 'Loading…'));
  show('Authority and readiness', h('h1', {}, 'Authority and readiness'),
    h('section', { 'aria-labelledby': 'current-authority-heading' }, h('h2#current-authority-heading', {}, 'Authority now'),
      current.length === 0 ? h('p', {}, 'No context has an authority decision yet: every context runs in SHADOW.')
        : table('Current stage per context', ['Context', 'Stage', 'Cohorts', 'Decided at'],
          current.map((c) => ({ cells: [h('a', { href: `#/authority?context=${encodeURIComponent(c.context)}` }, c.context),
            c.stage, cohorts(c.cohorts), time(c.decidedAt)] })), { rowHeaders: true })),
    form, readiness, decisions);
  const [report, log] = await Promise.allSettled([
    api.get(`/api/v1/readiness/${encodeURIComponent(context)}`),
    api.get(`/api/v1/authority/${encodeURIComponent(context)}/decisions`),
  ]);
  fill(readiness, h('h2#readiness-heading', {}, `Readiness of ${context}`), report.status === 'fulfilled'
    ? readinessSection(report.value.body) : h('p.error', {}, failure('Loading the readiness', report.reason)));
  fill(decisions, h('h2#timeline-heading', {}, `Authority timeline of ${context}`), log.status === 'fulfilled'
    ? timeline(log.value.body, context) : h('p.error', {}, failure('Loading the authority timeline', log.reason)));
  announce(report.status === 'fulfilled' && log.status === 'fulfilled' ? `Authority and readiness of ${context} loaded.`
    : `Some of ${context}'s authority data could not be loaded.`);
}
