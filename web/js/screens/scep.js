// Enrollment / SCEP: the endpoints, with Add, Edit, Delete, Delegate, Accounts and SCEP RA
// Certificates; filter, group by type or delegation, refresh.
import { api, isMrao, listAll, segment } from '../api.js';
import { delegationLabel, endpointTypeLabel } from '../catalog.js';
import { badge, button, confirmAction, copyButton, DataTable, filterBox, h, pageHead, select, toast } from '../ui.js';
import { openEndpointDialog } from './endpoint_dialog.js';
import { openDelegateDialog } from './delegate_dialog.js';

const GROUPS = {
  none: null,
  type: (endpoint) => endpointTypeLabel(endpoint),
  delegation: (endpoint) => `Delegation: ${delegationLabel(endpoint.delegation)}`,
};

export function render(main) {
  const mrao = isMrao();
  let endpoints = [];
  const table = new DataTable({
    caption: 'SCEP endpoints',
    rowKey: (e) => e.uri_extension,
    emptyTitle: 'No SCEP endpoints yet',
    emptyDetail: mrao ? 'Click Add to create the first enrollment endpoint.' : 'No endpoint is delegated to your organization.',
    columns: [
      { key: 'name', label: 'Name', sort: (e) => e.name.toLowerCase(), render: (e) => h('strong', {}, e.name) },
      {
        key: 'scep_url', label: 'URL', text: (e) => e.scep_url,
        render: (e) => h('div', { class: 'cell-url' }, h('code', { title: e.scep_url }, e.scep_url), copyButton(e.scep_url, `URL of ${e.name}`)),
      },
      { key: 'type', label: 'Type', text: endpointTypeLabel, sort: endpointTypeLabel, render: (e) => badge(endpointTypeLabel(e), e.type === 'intune' ? 'violet' : 'blue') },
      { key: 'delegation', label: 'Delegation Mode', text: (e) => delegationLabel(e.delegation), sort: (e) => e.delegation, render: (e) => delegationLabel(e.delegation) },
      { key: 'enabled', label: 'Status', text: (e) => (e.enabled ? 'Enabled' : 'Disabled'), render: (e) => (e.enabled ? badge('Enabled', 'green') : badge('Disabled', 'red')) },
    ],
    onSelect: () => syncButtons(),
    onActivate: (e) => (mrao ? edit(e) : openAccounts(e)),
  });

  const add = button('Add', { icon: 'add', kind: 'primary', onClick: () => openEndpointDialog({ endpoints, onSaved: (saved) => reload(saved.uri_extension) }) });
  const editButton = button('Edit', { icon: 'edit', onClick: () => edit(table.selected()) });
  const remove = button('Delete', { icon: 'delete', kind: 'danger', onClick: () => deleteEndpoint(table.selected()) });
  const delegate = button('Delegate', { icon: 'share', onClick: () => openDelegateDialog(table.selected(), () => reload()) });
  const accounts = button('Accounts', { icon: 'people', onClick: () => openAccounts(table.selected()) });
  const raCertificates = button('SCEP RA Certificates', { icon: 'key', onClick: () => { location.hash = '#/enrollment/scep-ra-certificates'; } });
  const group = select([
    { value: 'none', label: 'No grouping' },
    { value: 'type', label: 'Group by type' },
    { value: 'delegation', label: 'Group by delegation' },
  ], { 'aria-label': 'Group', onchange: (event) => table.setGroup(GROUPS[event.target.value]) });
  const refresh = button('Refresh', { icon: 'refresh', onClick: () => reload() });

  function syncButtons() {
    const selected = table.selected();
    editButton.disabled = !selected;
    remove.disabled = !selected;
    delegate.disabled = !selected;
    accounts.disabled = !selected || selected.type === 'intune';
    accounts.title = selected?.type === 'intune'
      ? 'Intune SCEP endpoints have no accounts: they are connected to an Azure account'
      : 'Accounts';
  }

  function edit(endpoint) {
    if (endpoint) openEndpointDialog({ endpoint, endpoints, onSaved: (saved) => reload(saved.uri_extension) });
  }

  function openAccounts(endpoint) {
    if (endpoint && endpoint.type !== 'intune') location.hash = `#/enrollment/scep/${segment(endpoint.uri_extension)}/accounts`;
  }

  async function deleteEndpoint(endpoint) {
    if (!endpoint) return;
    let accountCount = 0;
    if (endpoint.type !== 'intune') {
      accountCount = (await listAll(`/endpoints/${segment(endpoint.uri_extension)}/accounts`)).length;
    }
    const lost = [
      `The SCEP URL ${endpoint.scep_url} stops answering: clients configured with it can no longer enroll or renew.`,
      accountCount ? `Its ${accountCount} account${accountCount === 1 ? '' : 's'} and their access codes.` : null,
      endpoint.delegation === 'customized' ? 'Its delegation to organizations and departments.' : null,
    ].filter(Boolean);
    const confirmed = await confirmAction({
      title: `Delete endpoint ${endpoint.name}?`,
      message: 'Certificates already issued through this endpoint stay valid and listed under Certificates.',
      lost,
      confirmLabel: 'Delete endpoint',
    });
    if (!confirmed) return;
    try {
      await api.del(`/endpoints/${segment(endpoint.uri_extension)}`, accountCount ? { force: 'true' } : {});
      toast(`Endpoint ${endpoint.name} deleted`, 'ok');
      reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function reload(select) {
    table.setLoading();
    try {
      endpoints = await listAll('/endpoints', { sort: 'name' });
      table.setRows(endpoints);
      if (select) table.select(select);
    } catch (error) {
      table.setError(error);
    }
    syncButtons();
  }

  main.append(
    pageHead([['Enrollment'], ['SCEP']], 'SCEP', 'Enrollment endpoints: each has its own URL that SCEP clients connect to.'),
    h('div', { class: 'card' },
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Endpoint actions' },
        mrao ? [add, editButton, remove, h('span', { class: 'sep' }), delegate] : null,
        accounts, mrao ? raCertificates : null),
      h('div', { class: 'toolbar secondary', role: 'toolbar', 'aria-label': 'Endpoint view' },
        filterBox(table, 'Filter endpoints'), group, h('span', { class: 'grow' }), refresh),
      table.element));
  syncButtons();
  reload();
}
