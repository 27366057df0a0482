// The console's entry point: the login form, the session bar and a hash router (#/verdicts, #/verdict/<id>,
// #/match-rates, #/authority), so that every view has a link of its own and the browser's back button works.
import * as api from './api.js';
import { announce, failure } from './dom.js';
import { renderVerdicts } from './verdicts.js';
import { renderVerdict } from './verdict.js';
import { renderMatchRates } from './match-rates.js';
import { renderAuthority } from './authority.js';

const routes = [
  { pattern: /^\/verdict\/(.+)$/, section: 'verdicts', render: (match) => renderVerdict(decodeURIComponent(match[1])) },
  { pattern: /^\/match-rates$/, section: 'match-rates', render: (match, params) => renderMatchRates(params) },
  { pattern: /^\/authority$/, section: 'authority', render: (match, params) => renderAuthority(params) },
  { pattern: /^\/verdicts$/, section: 'verdicts', render: (match, params) => renderVerdicts(params) },
];

function showLogin(message) {
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  document.getElementById('view').replaceChildren();
  document.getElementById('login').hidden = false;
  document.getElementById('login-error').textContent = message || '';
  document.title = 'Log in · Reconciliation console';
  document.getElementById('login-user').focus();
}

function showSession() {
  const who = api.me();
  document.getElementById('login').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  document.getElementById('whoami').textContent = `Logged in as ${who.user} (${who.roles.join(', ')})`;
}

async function route() {
  if (!api.loggedIn()) {
    showLogin();
    return;
  }
  showSession();
  const hash = window.location.hash.replace(/^#/, '') || '/verdicts';
  const [path, search] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(search || ''));
  const target = routes.find((candidate) => candidate.pattern.test(path)) || routes[routes.length - 1];
  document.querySelectorAll('#nav a').forEach((link) => {
    if (link.dataset.section === target.section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  try {
    await target.render(path.match(target.pattern) || [], params);
  } catch (error) {
    if (!(error instanceof api.ApiError && error.status === 401)) {
      announce(failure('Loading the page', error));
    }
  }
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = document.getElementById('login-user').value.trim();
  const password = document.getElementById('login-password').value;
  const error = document.getElementById('login-error');
  if (!user || !password) {
    error.textContent = 'Enter a user and a password.';
    return;
  }
  error.textContent = '';
  try {
    await api.login(user, password);
    document.getElementById('login-password').value = '';
    announce(`Logged in as ${user}.`);
    await route();
  } catch (failed) {
    error.textContent = failed instanceof api.ApiError && failed.status === 401
      ? 'The user or the password is wrong.'
      : failure('Logging in', failed);
  }
});

document.getElementById('logout').addEventListener('click', () => {
  api.logout();
  announce('Logged out.');
  showLogin('You are logged out.');
});

window.addEventListener('console:logged-out', (event) => showLogin(event.detail));
window.addEventListener('hashchange', route);
route();
