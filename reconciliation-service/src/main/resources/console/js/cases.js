// The divergence case of one verdict (../shared/ARCHITECTURE.md, "Divergence cases"): its state, category, assignee,
// ticket and history, and, for OPERATOR and ADMIN only, the transitions (If-Match with the case's ETag). Where the
// service offers no cases (GET /api/v1/cases answers 404) the panel says so and the rest of the page works.
import * as api from './api.js';
import { announce, failure, fill, h, table, text, time } from './dom.js';

export const CATEGORIES = ['NEW_SERVICE_DEFECT', 'HIDDEN_LEGACY_RULE', 'EVENT_SEMANTICS', 'ACCEPTED_VARIANCE',
  'BOUNDARY_WRONG', 'LEGACY_DEFECT', 'UPSTREAM_DATA'];
const TRANSITIONS = {
  OPEN: [{ to: 'ACKNOWLEDGED', label: 'Acknowledge' }],
  ACKNOWLEDGED: [{ to: 'RESOLVED', label: 'Resolve' }],
  RESOLVED: [{ to: 'OPEN', label: 'Reopen' }],
};

function pick(object, ...names) {
  const name = names.find((candidate) => object && object[candidate] !== undefined && object[candidate] !== null);
  return name === undefined ? null : object[name];
}

/** A section that loads the case of the verdict's pair (correlation id, outcome type) by itself. */
export function casePanel(verdict, id) {
  const section = h('section.case-panel', { 'aria-labelledby': `${id}-heading`, id },
    h('h3', { id: `${id}-heading` }, 'Divergence case'), h('p', {}, 'Loading the case…'));
  load(section, verdict, id);
  return section;
}

async function load(section, verdict, id) {
  const heading = h('h3', { id: `${id}-heading` }, 'Divergence case');
  let found;
  try {
    const page = (await api.get('/api/v1/cases', {
      correlationId: verdict.correlationId, context: verdict.context, outcomeType: verdict.outcomeType, limit: 50,
    })).body;
    // the list is filtered by the server; checked again here so that a filter it did not apply shows no wrong case
    found = (page.items || []).find((c) => c.correlationId === verdict.correlationId && c.outcomeType === verdict.outcomeType);
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 404) {
      section.replaceChildren(heading, h('p.notice.cases-unavailable', {},
        h('span.marker', { 'aria-hidden': 'true' }, 'ℹ'), ' Cases unavailable: this service does not offer divergence '
        + 'cases (GET /api/v1/cases answered 404). Everything else on this page works.'));
      return;
    }
    section.replaceChildren(heading, h('p.error', {}, failure('Loading the case', error)));
    return;
  }
  if (!found) {
    section.replaceChildren(heading, h('p.no-case', {}, 'No divergence case for this outcome type '
      + '(a case is opened for every disagreeing verdict).'));
    return;
  }
  await showCase(section, verdict, id, pick(found, 'caseId', 'id'));
}

async function showCase(section, verdict, id, caseId, message) {
  const heading = h('h3', { id: `${id}-heading` }, 'Divergence case');
  let answer;
  try {
    answer = await api.get(`/api/v1/cases/${encodeURIComponent(caseId)}`);
  } catch (error) {
    section.replaceChildren(heading, h('p.error', {}, failure('Loading the case', error)));
    return;
  }
  const body = answer.body;
  const theCase = body.case || body;
  const history = body.history || theCase.history || [];
  const state = theCase.state;
  const category = theCase.category;
  const variance = pick(theCase, 'variance', 'varianceId');
  const item = (term, value, name) => [h('dt', {}, term), h('dd', { 'data-field': name }, value === null ? '—' : value)];
  fill(section, heading,
    message ? h('p.notice', { role: 'alert' }, message) : null,
    h('dl.summary.case-summary', {},
      item('Case', caseId, 'caseId'), item('State', state, 'state'), item('Category', category, 'category'),
      item('Accepted variance', variance, 'variance'), item('Assignee', pick(theCase, 'assignee'), 'assignee'),
      item('Ticket', pick(theCase, 'ticket'), 'ticket'), item('Opened at', time(pick(theCase, 'openedAt')), 'openedAt'),
      item('Updated at', time(pick(theCase, 'updatedAt')), 'updatedAt')),
    category === 'ACCEPTED_VARIANCE' && variance ? varianceSnippet(verdict, variance, history) : null,
    api.canWorkCases() ? transitionForm(section, verdict, id, caseId, state, answer.etag) : null,
    h('h4', {}, 'Case history'),
    history.length === 0 ? h('p', {}, 'No change recorded yet.')
      : table('Every change of the case, oldest first', ['When', 'Who', 'From', 'To', 'Category', 'Note'],
        history.map((entry) => ({ cells: [time(pick(entry, 'at', 'when')), text(pick(entry, 'actor', 'by', 'who')),
          text(pick(entry, 'from', 'fromState')), text(pick(entry, 'to', 'toState')), text(pick(entry, 'category')),
          text(pick(entry, 'note'))] })), { rowHeaders: true, className: 'case-history', id: `${id}-history` }));
}

/** What to add to the next rule set for a case resolved as an accepted variance. */
function varianceSnippet(verdict, variance, history) {
  const resolution = [...history].reverse().find((entry) => pick(entry, 'to', 'toState') === 'RESOLVED');
  const reason = (resolution && pick(resolution, 'note')) || 'why the difference is acceptable';
  const paths = [...new Set(verdict.differences.map((d) => d.path))];
  const yaml = ['outcomeTypes:', `  ${verdict.outcomeType}:`, '    variances:', `      - id: ${variance}`,
    `        paths: [${paths.join(', ')}]`, '        reason: >-', `          ${reason}`].join('\n');
  return h('div.snippet', {}, h('h4', {}, 'Rule-set snippet to propose'),
    h('p', {}, `Add this accepted variance to the next version of the ${verdict.context} rule set (docs/rules.md):`),
    h('pre', { tabindex: '0' }, h('code', {}, yaml)));
}

function transitionForm(section, verdict, id, caseId, state, etag) {
  const allowed = TRANSITIONS[state] || [];
  if (allowed.length === 0) {
    return h('p', {}, `A ${state} case takes no transition.`);
  }
  const resolving = allowed.some((t) => t.to === 'RESOLVED');
  const error = h('p.error', { id: `${id}-error`, role: 'alert' });
  const field = (name, label, control) => h('div.field', {}, h('label', { for: `${id}-${name}` }, label), control);
  const form = h('form.case-form', { 'aria-labelledby': `${id}-form-heading`, novalidate: true },
    h('h4', { id: `${id}-form-heading` }, 'Work this case'),
    field('note', 'Note (required)', h('textarea', { id: `${id}-note`, name: 'note', rows: 3, required: true })),
    h('div.field-row', {},
      field('assignee', 'Assignee', h('input', { id: `${id}-assignee`, name: 'assignee' })),
      field('ticket', 'Ticket', h('input', { id: `${id}-ticket`, name: 'ticket' })),
      resolving ? field('category', 'Category (required to resolve)', h('select', { id: `${id}-category`, name: 'category' },
        h('option', { value: '' }, 'choose a category'), CATEGORIES.map((c) => h('option', { value: c }, c)))) : null,
      resolving ? field('variance', 'Accepted variance id (for ACCEPTED_VARIANCE)',
        h('input', { id: `${id}-variance`, name: 'variance' })) : null),
    h('div.actions', {}, allowed.map((transition) => h('button', {
      type: 'button', 'data-to': transition.to,
      onclick: () => submit(section, verdict, id, caseId, etag, transition, form, error),
    }, transition.label))),
    error);
  return form;
}

async function submit(section, verdict, id, caseId, etag, transition, form, error) {
  const value = (name) => {
    const control = form.querySelector(`[name="${name}"]`);
    return control ? control.value.trim() : '';
  };
  const body = { to: transition.to, note: value('note') };
  if (!body.note) {
    error.textContent = 'Write a note: every change of a case says why.';
    form.querySelector('[name="note"]').focus();
    return;
  }
  ['assignee', 'ticket'].forEach((name) => { if (value(name)) { body[name] = value(name); } });
  if (transition.to === 'RESOLVED') {
    body.category = value('category');
    if (!body.category) {
      error.textContent = 'Choose a category: a resolved case says what the divergence was.';
      form.querySelector('[name="category"]').focus();
      return;
    }
    if (body.category === 'ACCEPTED_VARIANCE') {
      body.variance = value('variance');
      if (!body.variance) {
        error.textContent = 'Name the accepted variance id to propose for the next rule set.';
        form.querySelector('[name="variance"]').focus();
        return;
      }
    }
  }
  error.textContent = '';
  form.querySelectorAll('button').forEach((button) => { button.disabled = true; });
  try {
    await api.post(`/api/v1/cases/${encodeURIComponent(caseId)}/transitions`, body, { 'If-Match': etag });
    const done = { ACKNOWLEDGED: 'acknowledged', RESOLVED: `resolved as ${body.category}`, OPEN: 'reopened' };
    const message = `Case ${done[transition.to]}.`;
    announce(message);
    await showCase(section, verdict, id, caseId, message);
  } catch (failed) {
    form.querySelectorAll('button').forEach((button) => { button.disabled = false; });
    if (failed instanceof api.ApiError && failed.status === 412) {
      const message = 'Someone changed this case since you loaded it: it has been reloaded; check it and try again.';
      announce(message);
      await showCase(section, verdict, id, caseId, message);
      return;
    }
    error.textContent = failure(`${transition.label}`, failed);
    announce(error.textContent);
  }
}
