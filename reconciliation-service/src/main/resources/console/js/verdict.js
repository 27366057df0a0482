// One business transaction: per outcome type, the two normalized outcomes side by side with every difference
// marked (a marker and words, never colour alone), the comparator, tolerance or accepted variance that judged it,
// the verdict's history (superseded verdicts) and its divergence case.
import * as api from './api.js';
import { announce, failure, h, show, table, text, time } from './dom.js';
import { casePanel } from './cases.js';

/** How a difference was judged, as a marker and words. */
export function judgement(difference) {
  if (difference.variance) {
    return { marker: '≈', words: `accepted variance ${difference.variance}`, kind: 'variance' };
  }
  if (difference.withinTolerance) {
    return { marker: '≈', words: 'within tolerance', kind: 'tolerated' };
  }
  return { marker: '≠', words: 'differs', kind: 'differs' };
}

function judgementCell(difference) {
  const judged = judgement(difference);
  return h(`span.judgement.${judged.kind}`, {},
    h('span.marker', { 'aria-hidden': 'true' }, judged.marker), ' ',
    h('strong', {}, judged.words), ` (comparator ${difference.comparator})`);
}

/** Every leaf of a JSON value as [JSON Pointer, value]; empty objects and arrays are leaves too. */
function flatten(value, path = '', into = new Map()) {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    Object.entries(value).forEach(([key, child]) => {
      flatten(child, `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`, into);
    });
  } else {
    into.set(path === '' ? '/' : path, value);
  }
  return into;
}

function differenceAt(differences, path) {
  return differences.find((d) => d.path === path || path.startsWith(`${d.path}/`) || d.path === '' || d.path === '/');
}

function sideBySide(verdict) {
  const legacy = verdict.legacy === null || verdict.legacy === undefined ? null : flatten(verdict.legacy);
  const shadow = verdict.shadow === null || verdict.shadow === undefined ? null : flatten(verdict.shadow);
  const paths = [...new Set([...(legacy ? legacy.keys() : []), ...(shadow ? shadow.keys() : []),
    ...verdict.differences.map((d) => d.path)])].sort();
  const rows = paths.map((path) => {
    const difference = differenceAt(verdict.differences, path);
    const legacyValue = legacy ? (legacy.has(path) ? text(legacy.get(path)) : '(absent)') : '(no legacy outcome)';
    const shadowValue = shadow ? (shadow.has(path) ? text(shadow.get(path)) : '(absent)') : '(no shadow outcome)';
    let comparison;
    if (difference) {
      comparison = judgementCell(difference);
    } else if (legacyValue === shadowValue) {
      comparison = h('span.judgement.same', {}, h('span.marker', { 'aria-hidden': 'true' }, '='), ' same');
    } else {
      comparison = h('span.judgement.unjudged', {}, h('span.marker', { 'aria-hidden': 'true' }, '~'),
        ' values differ; the rule set records no difference (ignored or not compared)');
    }
    const kind = difference ? judgement(difference).kind : 'same';
    return { attributes: { class: `row-${kind}`, 'data-path': path }, cells: [path, legacyValue, shadowValue, comparison] };
  });
  return table(`${verdict.outcomeType}: the normalized outcomes side by side`, ['Field', 'Legacy', 'Shadow', 'Comparison'],
    rows, { rowHeaders: true, className: 'side-by-side' });
}

function differencesTable(verdict) {
  if (verdict.differences.length === 0) {
    return h('p', {}, 'No differences: the rule set found both outcomes equal.');
  }
  return table(`${verdict.outcomeType}: ${verdict.differences.length} difference(s) and what judged them`,
    ['Path', 'Legacy', 'Shadow', 'Judgement', 'Rule (comparator)', 'Tolerance', 'Accepted variance', 'Severity'],
    verdict.differences.map((d) => ({
      attributes: { class: `row-${judgement(d).kind}`, 'data-path': d.path },
      cells: [d.path, text(d.legacy), text(d.shadow), judgementCell(d), d.comparator,
        d.withinTolerance ? 'within tolerance' : 'not within tolerance', d.variance || 'none', d.severity],
    })), { rowHeaders: true, className: 'differences' });
}

function summary(verdict) {
  const item = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  return h('dl.summary', {},
    item('Classification', verdict.classification), item('Severity', verdict.severity),
    item('Rule set', verdict.ruleSetVersion || '—'), item('Revision', String(verdict.revision)),
    item('Decided at', time(verdict.decidedAt)), item('Legacy received', time(verdict.legacyReceivedAt)),
    item('Shadow received', time(verdict.shadowReceivedAt)), item('Verdict id', verdict.verdictId));
}

function historyTable(verdict) {
  const history = verdict.history || [];
  if (history.length === 0) {
    return h('p', {}, 'No earlier verdict: this is the first for this outcome type.');
  }
  return table(`${verdict.outcomeType}: superseded verdicts, newest first`,
    ['Revision', 'Decided at', 'Classification', 'Severity', 'Rule set', 'Differences'],
    history.map((old) => ({ cells: [String(old.revision), time(old.decidedAt), old.classification, old.severity,
      old.ruleSetVersion || '—', String(old.differences.length)] })), { rowHeaders: true, className: 'history' });
}

function rawOutcomes(verdict) {
  const pre = (label, value) => h('div', {}, h('h4', {}, label),
    h('pre', { tabindex: '0' }, value === null || value === undefined ? '(none)' : JSON.stringify(value, null, 2)));
  return h('details', {}, h('summary', {}, 'Both outcomes as JSON'),
    h('div.two-columns', {}, pre('Legacy', verdict.legacy), pre('Shadow', verdict.shadow)));
}

function verdictSection(verdict, index) {
  const id = `verdict-${index}`;
  return h('section.verdict', { 'aria-labelledby': `${id}-heading`, 'data-outcome-type': verdict.outcomeType },
    h('h2', { id: `${id}-heading` }, `${verdict.outcomeType}: ${verdict.classification}`),
    summary(verdict),
    h('h3', {}, 'Differences'), differencesTable(verdict),
    h('h3', {}, 'Outcomes side by side'), sideBySide(verdict), rawOutcomes(verdict),
    h('h3', {}, 'History'), historyTable(verdict),
    casePanel(verdict, `${id}-case`));
}

export async function renderVerdict(correlationId) {
  show(`Verdict ${correlationId}`, h('h1', {}, `Business transaction ${correlationId}`), h('p', {}, 'Loading…'));
  try {
    const transaction = (await api.get(`/api/v1/reconciliations/${encodeURIComponent(correlationId)}`)).body;
    show(`Verdict ${correlationId}`,
      h('p.breadcrumb', {}, h('a', { href: '#/verdicts' }, 'Back to the verdict search')),
      h('h1', {}, `Business transaction ${correlationId}`),
      h('p', {}, `${transaction.verdicts.length} outcome type(s) compared. Differences are marked ≠ (differs) or ≈ `
        + '(within tolerance, or an accepted variance), with the comparator that judged them.'),
      transaction.verdicts.map(verdictSection));
    announce(`Verdict ${correlationId} loaded.`);
  } catch (error) {
    show(`Verdict ${correlationId}`, h('p.breadcrumb', {}, h('a', { href: '#/verdicts' }, 'Back to the verdict search')),
      h('h1', {}, `Business transaction ${correlationId}`), h('p.error', {}, failure('Loading the verdict', error)));
    announce(failure('Loading the verdict', error));
  }
}
