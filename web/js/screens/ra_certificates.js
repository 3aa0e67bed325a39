// SCEP RA Certificates: the certificates that sign SCEP replies and that clients encrypt to.
// List with subject, validity and fingerprint; details; download PEM or DER; issue a new one.
import { api, listAll, segment } from '../api.js';
import { badge, button, DataTable, field, filterBox, formatDate, formatTime, h, input, openDialog, pageHead, saveBlob, select, summary, toast } from '../ui.js';

function validity(ra) {
  const now = Date.now();
  if (Date.parse(ra.not_after) < now) return badge('Expired', 'red');
  if (Date.parse(ra.not_after) - now < 30 * 86400e3) return badge('Expires soon', 'amber');
  return badge('Valid', 'green');
}

async function download(ra, format) {
  try {
    const blob = await api.blob(`/ra-certificates/${segment(ra.name)}/certificate`, { format });
    saveBlob(blob, `${ra.name}.${format === 'der' ? 'cer' : 'pem'}`);
  } catch (error) {
    toast(error.message, 'error');
  }
}

function details(ra) {
  openDialog({
    title: `SCEP RA Certificate ${ra.name}`,
    wide: true,
    body: summary([
      ['Name', ra.name],
      ['Subject', h('code', {}, ra.subject)],
      ['Valid from', formatTime(ra.not_before)],
      ['Valid to', formatTime(ra.not_after)],
      ['Status', validity(ra)],
      ['SHA-256 fingerprint', h('code', {}, ra.fingerprint)],
      ['Issuing CA id', String(ra.ca_id)],
      ['Created', formatTime(ra.created_at)],
    ]),
    actions: [
      { label: 'Download PEM', onClick: () => { download(ra, 'pem'); return false; } },
      { label: 'Download DER', onClick: () => { download(ra, 'der'); return false; } },
    ],
    cancelLabel: 'Close',
  });
}

function issue(onSaved) {
  const name = input({ maxlength: '128' });
  const key = select([
    { value: 'rsa2048', label: 'RSA 2048' },
    { value: 'rsa3072', label: 'RSA 3072' },
    { value: 'rsa4096', label: 'RSA 4096' },
  ], { value: 'rsa2048' });
  openDialog({
    title: 'Issue SCEP RA Certificate',
    body: h('div', {},
      h('p', { class: 'muted' }, 'The issuing CA signs a new RA certificate (digital signature and key encipherment) with a freshly generated key kept by this server.'),
      field({ label: 'Name', name: 'name', control: name, required: true }),
      field({ label: 'Key', name: 'key', control: key, hint: 'SCEP clients encrypt to this key, so it must be RSA.' })),
    actions: [{
      label: 'Issue', kind: 'primary', submit: true,
      onClick: async () => {
        const created = await api.post('/ra-certificates', { name: name.value.trim(), key: key.value });
        toast(`RA certificate ${created.name} issued`, 'ok');
        onSaved(created);
      },
    }],
  });
}

export function render(main) {
  const table = new DataTable({
    caption: 'SCEP RA certificates',
    rowKey: (r) => r.name,
    emptyTitle: 'No RA certificates yet',
    emptyDetail: 'Issue one to create SCEP endpoints.',
    columns: [
      { key: 'name', label: 'Name', sort: (r) => r.name, render: (r) => h('strong', {}, r.name) },
      { key: 'subject', label: 'Subject', render: (r) => h('code', {}, r.subject) },
      { key: 'not_before', label: 'Valid from', sort: (r) => r.not_before, render: (r) => formatDate(r.not_before) },
      { key: 'not_after', label: 'Valid to', sort: (r) => r.not_after, render: (r) => h('span', {}, formatDate(r.not_after), ' ', validity(r)) },
      { key: 'fingerprint', label: 'SHA-256 fingerprint', render: (r) => h('code', { title: r.fingerprint }, `${r.fingerprint.slice(0, 23)}…`) },
    ],
    onSelect: () => sync(),
    onActivate: details,
  });
  const detailsButton = button('Details', { icon: 'info', onClick: () => details(table.selected()) });
  const pem = button('Download PEM', { icon: 'download', onClick: () => download(table.selected(), 'pem') });
  const der = button('Download DER', { icon: 'download', onClick: () => download(table.selected(), 'der') });
  function sync() {
    for (const b of [detailsButton, pem, der]) b.disabled = !table.selected();
  }
  async function reload(selectName) {
    table.setLoading();
    try {
      table.setRows(await listAll('/ra-certificates', { sort: 'name' }));
      if (selectName) table.select(selectName);
    } catch (error) {
      table.setError(error);
    }
    sync();
  }
  main.append(
    pageHead([['Enrollment'], ['SCEP', '#/enrollment/scep'], ['SCEP RA Certificates']], 'SCEP RA Certificates',
      'Each endpoint signs its SCEP replies with one of these; clients encrypt their requests to it.'),
    h('div', { class: 'card' },
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'RA certificate actions' },
        button('Issue', { icon: 'add', kind: 'primary', onClick: () => issue((created) => reload(created.name)) }),
        detailsButton, pem, der, h('span', { class: 'grow' }), filterBox(table, 'Filter RA certificates'),
        button('Refresh', { icon: 'refresh', onClick: () => reload() })),
      table.element));
  sync();
  reload();
}
