// The lists that forms choose from (organizations, departments, profiles, RA certificates, Azure
// accounts), with the names the API expects, and the labels the product uses for endpoint types.
import { api, listAll } from './api.js';

export const ENDPOINT_TYPES = [
  { value: 'scep:client', label: 'Client certificate SCEP' },
  { value: 'scep:device', label: 'Device certificate SCEP' },
  { value: 'intune:client', label: 'Client certificate Intune SCEP' },
  { value: 'intune:device', label: 'Device certificate Intune SCEP' },
];

export function endpointTypeLabel(endpoint) {
  return ENDPOINT_TYPES.find((t) => t.value === `${endpoint.type}:${endpoint.cert_type}`)?.label
    || `${endpoint.cert_type} ${endpoint.type}`;
}

export function delegationLabel(mode) {
  return mode === 'customized' ? 'Customized' : 'General';
}

export const GETCACERT_FORMATS = [
  { value: 'single-pem', label: 'Single PEM' },
  { value: 'single-der', label: 'Single DER' },
  { value: 'chain-cms', label: 'Chain in CMS' },
];

export const GETCERT_FORMATS = [
  { value: 'single', label: 'Single Certificate' },
  { value: 'full-chain', label: 'Full Chain' },
];

export function termLabel(days) {
  if (days % 365 === 0) return `${days / 365} year${days === 365 ? '' : 's'} (${days} days)`;
  return `${days} days`;
}

// A list the admin may not read (403) or the server does not offer (404, 501) is empty here;
// the form then says so beside the field instead of failing as a whole.
async function optional(path) {
  try {
    const answer = await api.get(path);
    return Array.isArray(answer) ? answer : answer.items;
  } catch (error) {
    if ([403, 404, 501].includes(error.status)) return [];
    throw error;
  }
}

export async function loadCatalog({ ra = false, azure = false } = {}) {
  const [organizations, departments, profiles, raCertificates, azureAccounts] = await Promise.all([
    listAll('/organizations'),
    listAll('/departments'),
    listAll('/profiles'),
    ra ? optional('/ra-certificates') : [],
    azure ? optional('/azure-accounts') : [],
  ]);
  return { organizations, departments, profiles, raCertificates, azureAccounts };
}

export function departmentsOf(catalog, organization) {
  return catalog.departments.filter((d) => d.organization === organization);
}

export function profilesFor(catalog, certType) {
  return catalog.profiles.filter((p) => !certType || p.cert_type === certType);
}

// The API describes itself (GET /api/v1/openapi.json). Screens ask it whether an item route
// exists (PATCH /organizations/{x}, ...) and whether {x} is the item's id or its name, so that
// a server without a route simply shows no button for it.
let described = null;
function description() {
  described ??= fetch('/api/v1/openapi.json', { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : { paths: {} }))
    .catch(() => ({ paths: {} }));
  return described;
}

export async function itemRoute(method, collection) {
  const { paths = {} } = await description();
  const pattern = new RegExp(`^/api/v1/${collection}/\\{([^}]+)\\}$`);
  for (const [path, operations] of Object.entries(paths)) {
    const match = path.match(pattern);
    if (!match || !operations[method.toLowerCase()]) continue;
    const byId = /(^|_)id$/.test(match[1]);
    return (item) => `/${collection}/${encodeURIComponent(byId ? item.id : item.name)}`;
  }
  return null;
}

// What the console needs to know of its server beyond the API: where SCEP URLs start.
let settings = null;
export function serverSettings() {
  settings ??= fetch('/console/settings.json', { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return settings;
}
