// Azure Accounts: the Entra applications Intune SCEP endpoints validate challenges through.
// Add, edit, delete, and Test Connection, which shows each step the server tried.
import { api, listAll } from '../api.js';
import { badge, banner, button, confirmAction, DataTable, field, filterBox, h, icon, input, openDialog, pageHead, select, spinner, summary, toast } from '../ui.js';

const ENVIRONMENTS = [
  { value: 'public', label: 'Azure public cloud' },
  { value: 'usgov', label: 'Azure US Government' },
  { value: 'china', label: 'Azure China (21Vianet)' },
];

function environmentLabel(value) {
  return ENVIRONMENTS.find((e) => e.value === value)?.label || value || '—';
}

function accountDialog({ account = null, onSaved }) {
  const editing = Boolean(account);
  const controls = {
    name: input({ value: account?.name || '' }),
    environment: select(ENVIRONMENTS, { value: account?.environment || 'public' }),
    tenant_id: input({ value: account?.tenant_id || '', placeholder: '00000000-0000-0000-0000-000000000000', spellcheck: 'false' }),
    client_id: input({ value: account?.client_id || '', placeholder: '00000000-0000-0000-0000-000000000000', spellcheck: 'false' }),
    client_secret: input({ type: 'password', autocomplete: 'new-password', placeholder: editing ? 'Unchanged' : '' }),
    authority_url: input({ value: account?.authority_url || '', placeholder: 'Default of the environment' }),
    graph_url: input({ value: account?.graph_url || '', placeholder: 'Default of the environment' }),
    intune_url: input({ value: account?.intune_url || '', placeholder: 'Discovered through Graph' }),
    trust_ca_pem: h('textarea', { rows: '4', placeholder: '-----BEGIN CERTIFICATE-----' }, account?.trust_ca_pem || ''),
  };
  openDialog({
    title: editing ? `Edit Azure Account ${account.name}` : 'Add Azure Account',
    wide: true,
    body: h('div', {},
      h('div', { class: 'grid2' },
        field({ label: 'Name', name: 'name', control: controls.name, required: true }),
        field({ label: 'Environment', name: 'environment', control: controls.environment })),
      h('div', { class: 'grid2' },
        field({ label: 'Directory (tenant) ID', name: 'tenant_id', control: controls.tenant_id, required: true }),
        field({ label: 'Application (client) ID', name: 'client_id', control: controls.client_id, required: true })),
      field({
        label: 'Client secret', name: 'client_secret', control: controls.client_secret, required: !editing,
        hint: editing ? 'Leave empty to keep the stored secret. Secrets are never shown again.' : 'Stored encrypted; never shown again.',
      }),
      h('details', {}, h('summary', {}, 'Advanced: endpoints and trust'),
        h('div', { class: 'grid2' },
          field({ label: 'Authority URL', name: 'authority_url', control: controls.authority_url }),
          field({ label: 'Graph URL', name: 'graph_url', control: controls.graph_url })),
        field({ label: 'Intune URL', name: 'intune_url', control: controls.intune_url }),
        field({ label: 'Trusted CA (PEM)', name: 'trust_ca_pem', control: controls.trust_ca_pem, hint: 'Only for a private test service; leave empty for Microsoft\'s clouds.' }))),
    actions: [{
      label: 'Save', kind: 'primary', submit: true,
      onClick: async () => {
        const payload = {};
        for (const [key, control] of Object.entries(controls)) {
          const value = control.value.trim();
          if (value || (editing && key !== 'client_secret' && (account[key] || '') !== value)) payload[key] = value;
        }
        const saved = editing ? await api.patch(`/azure-accounts/${account.id}`, payload) : await api.post('/azure-accounts', payload);
        toast(`Azure account ${saved.name} saved`, 'ok');
        onSaved(saved);
      },
    }],
  });
}

async function testConnection(account) {
  const results = h('div', { 'aria-live': 'polite' }, h('p', { class: 'inline' }, spinner(), 'Testing the connection…'));
  const dialog = openDialog({ title: `Test Connection: ${account.name}`, body: results, cancelLabel: 'Close' });
  try {
    const outcome = await api.post(`/azure-accounts/${account.id}/test`, {});
    results.replaceChildren(
      banner(outcome.ok ? 'ok' : 'error', outcome.ok ? 'The connection works.' : 'The connection failed at the step marked below.'),
      h('ol', { class: 'checklist', 'aria-label': 'Steps' }, (outcome.steps || []).map((step) => h('li', { dataset: { ok: String(step.ok) } },
        h('span', { class: step.ok ? 'ok' : 'bad' }, icon(step.ok ? 'check' : 'x')),
        h('div', {}, h('strong', {}, step.name), h('div', { class: 'muted' }, step.detail || (step.ok ? 'OK' : 'Failed')))))));
  } catch (error) {
    results.replaceChildren(banner('error', error.message));
  }
  return dialog;
}

export function render(main) {
  const table = new DataTable({
    caption: 'Azure accounts',
    rowKey: (a) => String(a.id),
    emptyTitle: 'No Azure accounts yet',
    emptyDetail: 'Intune SCEP endpoints need one to validate their challenges.',
    columns: [
      { key: 'name', label: 'Name', sort: (a) => a.name.toLowerCase(), render: (a) => h('strong', {}, a.name) },
      { key: 'environment', label: 'Environment', render: (a) => badge(environmentLabel(a.environment), 'blue') },
      { key: 'tenant_id', label: 'Directory (tenant) ID', render: (a) => h('code', {}, a.tenant_id) },
      { key: 'client_id', label: 'Application (client) ID', render: (a) => h('code', {}, a.client_id) },
    ],
    onSelect: () => sync(),
    onActivate: (a) => openDialog({
      title: `Azure Account ${a.name}`,
      body: summary([['Environment', environmentLabel(a.environment)], ['Tenant ID', a.tenant_id], ['Client ID', a.client_id],
        ['Authority URL', a.authority_url], ['Graph URL', a.graph_url], ['Intune URL', a.intune_url], ['Delegation', a.delegation]]),
      cancelLabel: 'Close',
    }),
  });
  const edit = button('Edit', { icon: 'edit', onClick: () => accountDialog({ account: table.selected(), onSaved: () => reload() }) });
  const remove = button('Delete', { icon: 'delete', kind: 'danger', onClick: async () => {
    const account = table.selected();
    if (!await confirmAction({
      title: `Delete Azure account ${account.name}?`,
      message: 'The server refuses while an Intune SCEP endpoint still uses it.',
      lost: [`The application registration details and the encrypted client secret of ${account.name}`],
      confirmLabel: 'Delete Azure account',
    })) return;
    try {
      await api.del(`/azure-accounts/${account.id}`);
      toast(`Azure account ${account.name} deleted`, 'ok');
      reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  } });
  const test = button('Test Connection', { icon: 'plug', onClick: () => testConnection(table.selected()) });
  function sync() {
    for (const b of [edit, remove, test]) b.disabled = !table.selected();
  }
  async function reload() {
    table.setLoading();
    try {
      table.setRows(await listAll('/azure-accounts'));
    } catch (error) {
      table.setError(error);
    }
    sync();
  }
  main.append(
    pageHead([['Settings'], ['Azure Accounts']], 'Azure Accounts', 'Entra applications through which Intune SCEP endpoints validate challenges and report issuance.'),
    h('div', { class: 'card' },
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Azure account actions' },
        button('Add', { icon: 'add', kind: 'primary', onClick: () => accountDialog({ onSaved: () => reload() }) }),
        edit, remove, h('span', { class: 'sep' }), test, h('span', { class: 'grow' }), filterBox(table, 'Filter Azure accounts'),
        button('Refresh', { icon: 'refresh', onClick: () => reload() })),
      table.element));
  sync();
  reload();
}
