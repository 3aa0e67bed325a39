// The console's shell: sign-in, the navigation the admin's role may use, and hash routing
// (#/enrollment/scep, ...) to one screen module at a time.
import { currentAdmin, isMrao, signIn, signOut } from './api.js';
import { banner, button, clear, field, h, icon, input, showErrors, toast } from './ui.js';
import * as scep from './screens/scep.js';
import * as accounts from './screens/accounts.js';
import * as raCertificates from './screens/ra_certificates.js';
import * as organizations from './screens/organizations.js';
import * as profiles from './screens/profiles.js';
import * as azure from './screens/azure_accounts.js';
import * as certificates from './screens/certificates.js';
import * as requests from './screens/requests.js';
import * as audit from './screens/audit.js';

const ROLE_NAMES = { mrao: 'Master RAO', rao: 'RAO', drao: 'Department RAO' };

// [path pattern, screen, nav entry (or null), MRAO only]
const ROUTES = [
  [/^enrollment\/scep$/, scep, { group: 'Enrollment', label: 'SCEP', icon: 'scep' }, false],
  [/^enrollment\/scep\/([^/]+)\/accounts$/, accounts, null, false],
  [/^enrollment\/scep-ra-certificates$/, raCertificates, { group: 'Enrollment', label: 'SCEP RA Certificates', icon: 'key' }, true],
  [/^certificates$/, certificates, { group: 'Certificates', label: 'Certificates', icon: 'certificate' }, false],
  [/^requests$/, requests, { group: 'Certificates', label: 'Pending Requests', icon: 'clock' }, false],
  [/^organizations$/, organizations, { group: 'Settings', label: 'Organizations', icon: 'building' }, false],
  [/^profiles$/, profiles, { group: 'Settings', label: 'Certificate Profiles', icon: 'profile' }, false],
  [/^azure-accounts$/, azure, { group: 'Settings', label: 'Azure Accounts', icon: 'cloud' }, true],
  [/^audit$/, audit, { group: 'Settings', label: 'Audit Log', icon: 'list' }, true],
];
const HOME = '#/enrollment/scep';

const root = document.getElementById('app');

function allowed(mrraoOnly) {
  return !mrraoOnly || isMrao();
}

function currentPath() {
  return location.hash.replace(/^#\/?/, '').split('?')[0];
}

function brand() {
  return h('a', { class: 'brand', href: HOME },
    icon('shield'), 'scepter', h('small', {}, 'Certificate Enrollment'));
}

function renderSignIn(message) {
  const username = input({ autocomplete: 'username', name: 'username', required: true });
  const password = input({ type: 'password', autocomplete: 'current-password', name: 'password', required: true });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      try {
        const admin = await signIn(username.value.trim(), password.value);
        toast(`Signed in as ${admin.name}`, 'ok');
        if (!location.hash || location.hash === '#/signin') location.hash = HOME;
        else route();
      } catch (error) {
        showErrors(form, error);
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  },
  message ? banner('info', message) : null,
  field({ label: 'Username', name: 'username', control: username }),
  field({ label: 'Password', name: 'password', control: password }),
  button('Sign in', { kind: 'primary keep-label', type: 'submit' }));
  clear(root, h('main', { class: 'signin' }, h('div', { class: 'card' },
    brand(), h('h1', { class: 'sr-only' }, 'Sign in'),
    h('p', {}, 'Sign in with your administrator account.'), form)));
  username.focus();
}

function navigation(path) {
  const groups = new Map();
  for (const [pattern, , entry, mraoOnly] of ROUTES) {
    if (!entry || !allowed(mraoOnly)) continue;
    const href = `#/${pattern.source.replace(/^\^|\$$/g, '').replace(/\\\//g, '/')}`;
    const current = path.startsWith(href.slice(2)) && (path === href.slice(2) || path.startsWith(`${href.slice(2)}/`));
    if (!groups.has(entry.group)) groups.set(entry.group, []);
    groups.get(entry.group).push(h('a', { href, 'aria-current': current ? 'page' : null }, icon(entry.icon), entry.label));
  }
  return h('nav', { class: 'sidebar', 'aria-label': 'Main' },
    [...groups].map(([group, links]) => [h('h4', {}, group), links]));
}

function renderShell(path) {
  const admin = currentAdmin();
  const scope = [admin.organization, admin.department].filter(Boolean).join(' / ');
  const main = h('main', { class: 'main', id: 'main', tabindex: '-1' });
  const shell = h('div', { class: 'shell' },
    h('header', { class: 'topbar' },
      h('button', {
        type: 'button', class: 'btn icon ghost nav-toggle', 'aria-label': 'Menu', 'aria-expanded': 'false',
        onclick: (event) => {
          event.currentTarget.setAttribute('aria-expanded', String(shell.classList.toggle('nav-open')));
        },
      }, icon('menu')),
      brand(), h('span', { class: 'spacer' }),
      h('div', { class: 'user' },
        h('div', { class: 'who' }, h('strong', { 'data-admin': admin.name }, admin.name),
          h('span', {}, [ROLE_NAMES[admin.role] || admin.role, scope ? ` · ${scope}` : ''])),
        button('Sign out', {
          icon: 'logout',
          onClick: async () => {
            await signOut().catch(() => {});
            location.hash = '#/signin';
          },
        }))),
    navigation(path), main);
  clear(root, shell);
  return main;
}

function route() {
  if (!currentAdmin()) {
    renderSignIn();
    return;
  }
  const path = currentPath();
  if (path === '' || path === 'signin') {
    location.replace(HOME);
    return;
  }
  for (const [pattern, screen, , mraoOnly] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    const main = renderShell(path);
    if (!allowed(mraoOnly)) {
      main.append(banner('error', 'Your role does not give access to this screen.'));
      return;
    }
    screen.render(main, ...match.slice(1).map(decodeURIComponent));
    return;
  }
  renderShell(path).append(banner('error', `There is no screen at #/${path}.`), h('a', { href: HOME }, 'Go to Enrollment / SCEP'));
}

window.addEventListener('hashchange', route);
window.addEventListener('scepter:signed-out', (event) => {
  renderSignIn(`Your session has ended (${event.detail || 'signed out'}). Sign in again to continue.`);
});
window.addEventListener('unhandledrejection', (event) => {
  toast(event.reason?.message || String(event.reason), 'error');
});
route();
