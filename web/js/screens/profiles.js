// Certificate Profiles: what an issued certificate looks like and what a request may ask for.
import { api, isMrao, listAll } from '../api.js';
import { itemRoute, termLabel } from '../catalog.js';
import { badge, button, confirmAction, DataTable, field, filterBox, h, input, openDialog, pageHead, select, summary, toast } from '../ui.js';

const SAN_TYPES = ['dns', 'email', 'uri', 'ip', 'upn'];
const KEY_TYPES = [['rsa', 'RSA'], ['ec', 'EC']];

function checkboxes(name, options, chosen) {
  return h('div', { class: 'inline', role: 'group', 'aria-label': name },
    options.map(([value, label]) => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', value, checked: chosen.includes(value), dataset: { group: name } }), label)));
}

function checkedValues(container, name) {
  return [...container.querySelectorAll(`input[data-group="${name}"]:checked`)].map((box) => box.value);
}

function list(values) {
  return values && values.length ? values.join(', ') : '—';
}

function profileDialog({ profile = null, onSaved, patch }) {
  const editing = Boolean(profile);
  const name = input({ value: profile?.name || '', maxlength: '128' });
  const certType = select([{ value: 'client', label: 'Client certificate' }, { value: 'device', label: 'Device certificate' }],
    { value: profile?.cert_type || 'client', disabled: editing });
  const terms = input({ value: (profile?.terms_days || [365]).join(', '), inputmode: 'numeric' });
  // The sizes offered, and the profile's own if it is another (up to 8192): saving keeps it.
  const rsaSize = String(profile?.min_rsa_bits || 2048);
  const minRsa = select([...new Set(['2048', '3072', '4096', rsaSize])], { value: rsaSize });
  const minEc = select(['256', '384', '521'], { value: String(profile?.min_ec_bits || 256) });
  const keyTypes = checkboxes('key_types', KEY_TYPES, profile?.key_types || ['rsa', 'ec']);
  const sanTypes = checkboxes('san_types', SAN_TYPES.map((s) => [s, s.toUpperCase()]), profile?.san_types || SAN_TYPES);
  const approval = h('input', { type: 'checkbox', checked: Boolean(profile?.requires_approval) });
  const body = h('div', {},
    h('div', { class: 'grid2' },
      field({ label: 'Name', name: 'name', control: name, required: true }),
      field({ label: 'Certificate type', name: 'cert_type', control: certType, hint: editing ? 'Fixed once created.' : 'Client or device certificates; endpoints of the same type can use it.' })),
    field({ label: 'Terms (days)', name: 'terms_days', control: terms, required: true, hint: 'The validity periods accounts and Intune endpoints may choose, comma separated, e.g. 365, 730.' }),
    h('div', { class: 'field', dataset: { field: 'key_types' } }, h('span', { class: 'label' }, 'Allowed key types'), keyTypes, h('div', { class: 'error' })),
    h('div', { class: 'grid2' },
      field({ label: 'Minimum RSA key size', name: 'min_rsa_bits', control: minRsa }),
      field({ label: 'Minimum EC key size', name: 'min_ec_bits', control: minEc })),
    h('div', { class: 'field', dataset: { field: 'san_types' } }, h('span', { class: 'label' }, 'Allowed subject alternative names'), sanTypes, h('div', { class: 'error' })),
    h('div', { class: 'field', dataset: { field: 'requires_approval' } },
      h('label', { class: 'inline' }, approval, 'Requests need an administrator\'s approval (Pending Requests)'),
      h('div', { class: 'error' })));
  openDialog({
    title: editing ? `Edit Certificate Profile ${profile.name}` : 'Add Certificate Profile',
    body,
    wide: true,
    actions: [{
      label: 'Save', kind: 'primary', submit: true,
      onClick: async () => {
        const termList = terms.value.split(/[\s,]+/).filter(Boolean).map(Number);
        const payload = {
          name: name.value.trim(),
          terms_days: termList,
          key_types: checkedValues(body, 'key_types'),
          min_rsa_bits: Number(minRsa.value),
          min_ec_bits: Number(minEc.value),
          san_types: checkedValues(body, 'san_types'),
          requires_approval: approval.checked,
        };
        if (termList.some((t) => !Number.isInteger(t))) {
          throw Object.assign(new Error('Terms are whole numbers of days.'), { fields: { terms_days: 'Terms are whole numbers of days, e.g. 365, 730.' } });
        }
        const saved = editing ? await api.patch(patch(profile), payload) : await api.post('/profiles', { ...payload, cert_type: certType.value });
        toast(`Certificate profile ${saved.name} saved`, 'ok');
        onSaved(saved);
      },
    }],
  });
}

function details(profile) {
  openDialog({
    title: `Certificate Profile ${profile.name}`,
    wide: true,
    body: summary([
      ['Certificate type', profile.cert_type],
      ['Terms', profile.terms_days.map(termLabel).join(', ')],
      ['Key types', list(profile.key_types)],
      ['Minimum RSA / EC', `${profile.min_rsa_bits} / ${profile.min_ec_bits} bits`],
      ['Key usage', list(profile.key_usage)],
      ['Extended key usage', list(profile.extended_key_usage)],
      ['Subject alternative names', list(profile.san_types)],
      ['Subject attributes', list(profile.subject_attributes)],
      ['Approval', profile.requires_approval ? 'Required' : 'Not required'],
    ]),
    cancelLabel: 'Close',
  });
}

export async function render(main) {
  const mrao = isMrao();
  const [patch, remove] = await Promise.all([itemRoute('PATCH', 'profiles'), itemRoute('DELETE', 'profiles')]);
  const table = new DataTable({
    caption: 'Certificate profiles',
    rowKey: (p) => p.name,
    emptyTitle: 'No certificate profiles yet',
    columns: [
      { key: 'name', label: 'Name', sort: (p) => p.name.toLowerCase(), render: (p) => h('strong', {}, p.name) },
      { key: 'cert_type', label: 'Type', sort: (p) => p.cert_type, render: (p) => badge(p.cert_type === 'device' ? 'Device' : 'Client', 'blue') },
      { key: 'terms_days', label: 'Terms', text: (p) => p.terms_days.join(' '), render: (p) => p.terms_days.map(termLabel).join(', ') },
      { key: 'key_types', label: 'Keys', render: (p) => list(p.key_types.map((k) => k.toUpperCase())) },
      { key: 'requires_approval', label: 'Approval', render: (p) => (p.requires_approval ? badge('Required', 'amber') : 'No') },
    ],
    onSelect: () => sync(),
    onActivate: details,
  });
  const detailsButton = button('Details', { icon: 'info', onClick: () => details(table.selected()) });
  const editButton = button('Edit', { icon: 'edit', onClick: () => profileDialog({ profile: table.selected(), patch, onSaved: (p) => reload(p.name) }) });
  const deleteButton = button('Delete', { icon: 'delete', kind: 'danger', onClick: async () => {
    const profile = table.selected();
    if (!await confirmAction({
      title: `Delete certificate profile ${profile.name}?`,
      message: 'The server refuses while accounts or Intune endpoints still use it, and names them.',
      lost: [`The profile ${profile.name} and its rules (type, keys, terms, names, approval)`],
      confirmLabel: 'Delete profile',
    })) return;
    try {
      await api.del(remove(profile));
      toast(`Profile ${profile.name} deleted`, 'ok');
      reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  } });
  function sync() {
    for (const b of [detailsButton, editButton, deleteButton]) b.disabled = !table.selected();
  }
  async function reload(selectName) {
    table.setLoading();
    try {
      table.setRows(await listAll('/profiles', { sort: 'name' }));
      if (selectName) table.select(selectName);
    } catch (error) {
      table.setError(error);
    }
    sync();
  }
  main.append(
    pageHead([['Settings'], ['Certificate Profiles']], 'Certificate Profiles', 'What issued certificates look like: type, keys, terms, names, approval.'),
    h('div', { class: 'card' },
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Profile actions' },
        mrao ? button('Add', { icon: 'add', kind: 'primary', onClick: () => profileDialog({ onSaved: (p) => reload(p.name) }) }) : null,
        detailsButton, mrao && patch ? editButton : null, mrao && remove ? deleteButton : null,
        h('span', { class: 'grow' }), filterBox(table, 'Filter profiles'),
        button('Refresh', { icon: 'refresh', onClick: () => reload() })),
      table.element));
  sync();
  reload();
}
