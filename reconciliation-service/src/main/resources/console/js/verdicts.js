// Verdict search: the list filters of GET /api/v1/reconciliations and its keyset paging (nextCursor).
import * as api from './api.js';
import { announce, failure, fill, h, show, table, time } from './dom.js';

export const CLASSIFICATIONS = ['MATCH', 'TOLERATED', 'EXPECTED_DIFFERENCE', 'TIMING', 'MISMATCH', 'MISSING_SHADOW',
  'MISSING_LEGACY', 'DATA_QUALITY', 'FAILED', 'UNANSWERED'];
export const SEVERITIES = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const FILTERS = ['context', 'outcomeType', 'classification', 'severity', 'from', 'to'];

function textField(id, label, value, hint) {
  return h('div.field', {},
    h('label', { for: id }, label),
    h('input', { id, name: id, value: value || '', 'aria-describedby': hint ? `${id}-hint` : null }),
    hint ? h('p.hint', { id: `${id}-hint` }, hint) : null);
}

function selectField(id, label, options, value) {
  return h('div.field', {},
    h('label', { for: id }, label),
    h('select', { id, name: id },
      h('option', { value: '' }, 'any'),
      options.map((option) => h('option', { value: option, selected: option === value }, option))));
}

export function verdictLink(correlationId) {
  return h('a', { href: `#/verdict/${encodeURIComponent(correlationId)}` }, correlationId);
}

export async function renderVerdicts(params) {
  const form = h('form.filters', { 'aria-labelledby': 'filters-heading' },
    h('h2#filters-heading', {}, 'Filters'),
    h('div.field-row', {},
      textField('filter-context', 'Context', params.context, 'e.g. claims'),
      textField('filter-outcomeType', 'Outcome type', params.outcomeType, 'e.g. ClaimAssessed'),
      selectField('filter-classification', 'Classification', CLASSIFICATIONS, params.classification),
      selectField('filter-severity', 'Severity', SEVERITIES, params.severity),
      textField('filter-from', 'Decided from', params.from, 'ISO-8601 UTC, e.g. 2026-11-01T00:00:00Z'),
      textField('filter-to', 'Decided before', params.to, 'ISO-8601 UTC, exclusive')),
    h('div.actions', {},
      h('button#search', { type: 'submit' }, 'Search'),
      h('a', { href: '#/verdicts' }, 'Clear filters')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = {};
    FILTERS.forEach((name) => { chosen[name] = form.querySelector(`#filter-${name}`).value.trim(); });
    window.location.hash = `#/verdicts${api.query(chosen)}`;
  });
  const results = h('section#results', { 'aria-labelledby': 'results-heading' },
    h('h2#results-heading', {}, 'Verdicts'), h('p', {}, 'Loading…'));
  show('Verdicts', h('h1', {}, 'Verdicts'),
    h('p', {}, 'Current verdicts of live traffic, newest first. Open one to see both outcomes, the differences and the case.'),
    form, results);

  const filters = {};
  FILTERS.forEach((name) => { filters[name] = params[name]; });
  try {
    const page = (await api.get('/api/v1/reconciliations', Object.assign({}, filters, { cursor: params.cursor, limit: 25 }))).body;
    const rows = page.items.map((verdict) => ({
      attributes: { 'data-correlation-id': verdict.correlationId },
      cells: [verdictLink(verdict.correlationId), time(verdict.decidedAt), verdict.context, verdict.outcomeType,
        verdict.classification, verdict.severity, String(verdict.differences.length)],
    }));
    const paging = h('div.actions', {},
      params.cursor ? h('a', { href: `#/verdicts${api.query(filters)}` }, 'First page') : null,
      page.nextCursor ? h('a#next-page', { href: `#/verdicts${api.query(Object.assign({}, filters, { cursor: page.nextCursor }))}` },
        'Next page') : null);
    fill(results, h('h2#results-heading', {}, 'Verdicts'),
      rows.length === 0 ? h('p', {}, 'No verdict matches these filters.')
        : table(`${rows.length} verdicts${params.cursor ? ' (a later page)' : ''}`,
          ['Correlation id', 'Decided at', 'Context', 'Outcome type', 'Classification', 'Severity', 'Differences'],
          rows, { rowHeaders: true, id: 'verdict-table' }),
      paging);
    announce(`${rows.length} verdicts loaded${page.nextCursor ? '; more on the next page' : ''}.`);
  } catch (error) {
    fill(results, h('h2#results-heading', {}, 'Verdicts'), h('p.error', {}, failure('Searching verdicts', error)));
    announce(failure('Searching verdicts', error));
  }
}
