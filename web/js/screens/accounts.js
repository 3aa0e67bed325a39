// The accounts of one regular SCEP endpoint: list, Add (Create SCEP account), rotate the access
// code, delete. Access codes come back from the server once and are shown once, with a copy button.
import { api, listAll, segment } from '../api.js';
import { departmentsOf, loadCatalog, profilesFor, termLabel } from '../catalog.js';
import { banner, button, confirmAction, DataTable, field, filterBox, formatTime, h, input, openDialog, pageHead, secretPanel, select, setOptions, toast } from '../ui.js';

const ONCE = 'This access code is shown only now. Copy it to the SCEP client\'s configuration before closing; afterwards it can only be replaced.';

function showAccessCode(title, account, code) {
  openDialog({
    title,
    body: [
      banner('ok', `Account ${account.name} is ready.`),
      secretPanel('Access Code', code, ONCE),
    ],
    actions: [{ label: 'Done', kind: 'primary' }],
    cancelLabel: null,
  });
}

async function openCreateAccount(endpoint, onSaved) {
  const catalog = await loadCatalog();
  const name = input({ maxlength: '128' });
  const organization = select(catalog.organizations.map((o) => o.name), { placeholder: 'Select an organization' });
  const department = select([], { placeholder: 'Select a department' });
  const profile = select(profilesFor(catalog, endpoint.cert_type).map((p) => p.name), { placeholder: 'Select a certificate profile' });
  const term = select([], { placeholder: 'Select a term' });
  const accessCode = input({ readOnly: true, placeholder: 'Generated when you save', 'aria-readonly': 'true' });
  organization.addEventListener('change', () => setOptions(department,
    departmentsOf(catalog, organization.value).map((d) => d.name), { placeholder: 'Select a department' }));
  profile.addEventListener('change', () => {
    const chosen = catalog.profiles.find((p) => p.name === profile.value);
    const terms = chosen?.terms_days || [];
    setOptions(term, terms.map((days) => ({ value: String(days), label: termLabel(days) })),
      { placeholder: 'Select a term', value: terms.length === 1 ? String(terms[0]) : undefined });
  });
  if (catalog.organizations.length === 1) {
    organization.value = catalog.organizations[0].name;
    organization.dispatchEvent(new Event('change'));
  }
  openDialog({
    title: 'Create SCEP account',
    body: h('div', {},
      h('p', { class: 'muted' }, `On endpoint ${endpoint.name} (${endpoint.scep_url}).`),
      field({ label: 'Name', name: 'name', control: name, required: true, hint: 'The name of the account.' }),
      h('div', { class: 'grid2' },
        field({ label: 'Organization', name: 'organization', control: organization, required: true, hint: 'Cannot be changed once the account is created.' }),
        field({ label: 'Department', name: 'department', control: department, required: true, hint: 'Cannot be changed once the account is created.' })),
      h('div', { class: 'grid2' },
        field({ label: 'Certificate Profile', name: 'profile', control: profile, required: true, hint: 'Used when enrolling through the account.' }),
        field({ label: 'Term', name: 'term_days', control: term, required: true, hint: 'Validity of certificates issued through it.' })),
      field({ label: 'Access Code', name: 'access_code', control: accessCode, hint: 'A strong code is generated and shown once after saving; SCEP clients send it as their challenge password.' })),
    actions: [{
      label: 'Save', kind: 'primary', submit: true,
      onClick: async () => {
        const created = await api.post(`/endpoints/${segment(endpoint.uri_extension)}/accounts`, {
          name: name.value.trim(),
          organization: organization.value,
          department: department.value,
          profile: profile.value,
          term_days: term.value ? Number(term.value) : undefined,
        });
        onSaved(created);
        showAccessCode('SCEP account created', created, created.access_code);
      },
    }],
  });
}

export async function render(main, uriExtension) {
  const base = `/endpoints/${segment(uriExtension)}`;
  const head = pageHead([['Enrollment'], ['SCEP', '#/enrollment/scep'], [uriExtension], ['Accounts']], 'Accounts', 'Loading the endpoint…');
  main.append(head);
  let endpoint;
  try {
    endpoint = await api.get(base);
  } catch (error) {
    main.append(banner('error', `Endpoint ${uriExtension} could not be loaded: ${error.message}`));
    return;
  }
  head.querySelector('h1').textContent = `Accounts of ${endpoint.name}`;
  head.querySelector('p').textContent = `Accounts are the way into ${endpoint.scep_url}: each has its own access code, organization, department, profile and term.`;

  const table = new DataTable({
    caption: 'Accounts',
    rowKey: (a) => a.name,
    emptyTitle: 'No accounts yet',
    emptyDetail: 'Click Add to create an account and get its access code.',
    columns: [
      { key: 'name', label: 'Name', sort: (a) => a.name.toLowerCase(), render: (a) => h('strong', {}, a.name) },
      { key: 'organization', label: 'Organization', sort: (a) => a.organization },
      { key: 'department', label: 'Department', sort: (a) => a.department },
      { key: 'profile', label: 'Certificate Profile' },
      { key: 'term_days', label: 'Term', render: (a) => termLabel(a.term_days) },
      { key: 'code_rotated_at', label: 'Code set', sort: (a) => a.code_rotated_at, render: (a) => formatTime(a.code_rotated_at) },
    ],
    onSelect: () => sync(),
  });
  const rotate = button('Rotate Access Code', { icon: 'key', onClick: () => rotateCode(table.selected()) });
  const remove = button('Delete', { icon: 'delete', kind: 'danger', onClick: () => deleteAccount(table.selected()) });
  function sync() {
    rotate.disabled = !table.selected();
    remove.disabled = !table.selected();
  }

  async function rotateCode(account) {
    const confirmed = await confirmAction({
      title: `Rotate the access code of ${account.name}?`,
      message: 'A new access code is generated and shown once.',
      lost: ['The current access code: clients still configured with it can no longer enroll.'],
      confirmLabel: 'Rotate access code',
    });
    if (!confirmed) return;
    try {
      const issued = await api.post(`${base}/accounts/${segment(account.name)}/rotate-code`, {});
      showAccessCode('Access code rotated', issued, issued.access_code);
      reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function deleteAccount(account) {
    const confirmed = await confirmAction({
      title: `Delete account ${account.name}?`,
      message: 'Certificates already issued through this account stay valid and listed under Certificates.',
      lost: [`The account ${account.name} of ${account.organization} / ${account.department} and its access code: clients using it can no longer enroll.`],
      confirmLabel: 'Delete account',
    });
    if (!confirmed) return;
    try {
      await api.del(`${base}/accounts/${segment(account.name)}`);
      toast(`Account ${account.name} deleted`, 'ok');
      reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function reload() {
    table.setLoading();
    try {
      table.setRows(await listAll(`${base}/accounts`, { sort: 'name' }));
    } catch (error) {
      table.setError(error);
    }
    sync();
  }

  main.append(h('div', { class: 'card' },
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Account actions' },
      button('Back', { onClick: () => { location.hash = '#/enrollment/scep'; } }), h('span', { class: 'sep' }),
      button('Add', { icon: 'add', kind: 'primary', onClick: () => openCreateAccount(endpoint, () => reload()) }),
      rotate, remove, h('span', { class: 'grow' }), filterBox(table, 'Filter accounts'),
      button('Refresh', { icon: 'refresh', onClick: () => reload() })),
    table.element));
  sync();
  reload();
}
