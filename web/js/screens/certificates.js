// Certificates: search the issued certificates in scope, see details, download, revoke.
import { api, listAll, segment } from '../api.js';
import { badge, banner, button, DataTable, field, formatDate, formatTime, h, input, loadSearchPage, openDialog, pageHead, saveBlob, select, summary, toast } from '../ui.js';

const PAGE = 25;
const REASONS = [
  { value: 'unspecified', label: 'Unspecified' },
  { value: 'keyCompromise', label: 'Key compromise' },
  { value: 'affiliationChanged', label: 'Affiliation changed' },
  { value: 'superseded', label: 'Superseded' },
  { value: 'cessationOfOperation', label: 'Cessation of operation' },
  { value: 'privilegeWithdrawn', label: 'Privilege withdrawn' },
  { value: 'certificateHold', label: 'Certificate hold' },
  { value: 'cACompromise', label: 'CA compromise' },
];

function statusBadge(certificate) {
  if (certificate.status === 'revoked') return badge('Revoked', 'red');
  if (Date.parse(certificate.not_after) < Date.now()) return badge('Expired', 'amber');
  return badge('Valid', 'green');
}

async function download(certificate, format) {
  try {
    const blob = await api.blob(`/certificates/${segment(certificate.serial)}/download`, { format });
    saveBlob(blob, `${certificate.serial}${format === 'der' ? '.cer' : format === 'chain' ? '-chain.pem' : '.pem'}`);
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function details(certificate) {
  const full = await api.get(`/certificates/${segment(certificate.serial)}`);
  openDialog({
    title: 'Certificate details',
    wide: true,
    body: h('div', {},
      summary([
        ['Subject', h('code', {}, full.subject)],
        ['Serial number', h('code', {}, full.serial)],
        ['Status', statusBadge(full)],
        full.revoked_at ? ['Revoked', `${formatTime(full.revoked_at)} (${full.revocation_reason || 'unspecified'})`] : null,
        ['Alternative names', (full.alt_names || []).join(', ') || '—'],
        ['Valid from', formatTime(full.not_before)],
        ['Valid to', formatTime(full.not_after)],
        ['Endpoint', full.endpoint],
        ['Account', full.account],
        ['Issued', formatTime(full.issued_at)],
        ['Transaction ID', h('code', {}, full.transaction_id)],
      ]),
      full.pem ? h('pre', { class: 'pem', tabindex: '0', 'aria-label': 'Certificate PEM' }, full.pem) : null),
    actions: [
      { label: 'Download PEM', onClick: () => { download(full, 'pem'); return false; } },
      { label: 'Download DER', onClick: () => { download(full, 'der'); return false; } },
      { label: 'Download with chain', onClick: () => { download(full, 'chain'); return false; } },
    ],
    cancelLabel: 'Close',
  });
}

function revoke(certificate, onDone) {
  const reason = select(REASONS, { value: 'unspecified' });
  openDialog({
    title: 'Revoke certificate',
    body: h('div', {},
      banner('warn', [h('strong', {}, 'Revocation cannot be undone. '), 'The certificate is listed on the next CRL and relying parties stop trusting it.']),
      summary([['Subject', h('code', {}, certificate.subject)], ['Serial number', h('code', {}, certificate.serial)]]),
      field({ label: 'Reason', name: 'reason', control: reason, hint: 'The RFC 5280 reason written to the CRL.' })),
    actions: [{
      label: 'Revoke', kind: 'danger solid',
      onClick: async () => {
        await api.post(`/certificates/${segment(certificate.serial)}/revoke`, { reason: reason.value });
        toast(`Certificate ${certificate.serial} revoked`, 'ok');
        onDone();
      },
    }],
  });
}

export async function render(main) {
  let offset = 0;
  const filters = {
    subject: input({ type: 'search', placeholder: 'CN=…' }),
    san: input({ type: 'search' }),
    serial: input({ type: 'search', spellcheck: 'false' }),
    endpoint: select([], { placeholder: 'Any endpoint' }),
    status: select([{ value: 'valid', label: 'Valid' }, { value: 'revoked', label: 'Revoked' }], { placeholder: 'Any status' }),
    expires_before: input({ type: 'date' }),
  };
  listAll('/endpoints', { sort: 'name' }).then((endpoints) => {
    for (const e of endpoints) filters.endpoint.append(h('option', { value: e.uri_extension }, e.name));
  }).catch(() => {});

  const table = new DataTable({
    caption: 'Certificates',
    rowKey: (c) => c.serial,
    emptyTitle: 'No certificates found',
    emptyDetail: 'Certificates appear here once SCEP clients enroll.',
    columns: [
      { key: 'subject', label: 'Subject', render: (c) => h('code', {}, c.subject) },
      { key: 'serial', label: 'Serial number', render: (c) => h('code', { title: c.serial }, c.serial.length > 16 ? `${c.serial.slice(0, 16)}…` : c.serial) },
      { key: 'endpoint', label: 'Endpoint' },
      { key: 'account', label: 'Account' },
      { key: 'not_after', label: 'Expires', render: (c) => formatDate(c.not_after) },
      { key: 'status', label: 'Status', render: statusBadge },
    ],
    onSelect: () => sync(),
    onActivate: (c) => details(c),
  });
  const detailsButton = button('Details', { icon: 'info', onClick: () => details(table.selected()).catch((e) => toast(e.message, 'error')) });
  const pem = button('Download', { icon: 'download', onClick: () => download(table.selected(), 'pem'), title: 'Download PEM' });
  const revokeButton = button('Revoke', { icon: 'reject', kind: 'danger', onClick: () => revoke(table.selected(), () => load(offset)) });
  function sync() {
    const selected = table.selected();
    detailsButton.disabled = !selected;
    pem.disabled = !selected;
    revokeButton.disabled = !selected || selected.status === 'revoked';
  }

  async function load(at) {
    offset = at;
    await loadSearchPage({
      table, form: search, filters, pageSize: PAGE, offset,
      fetchPage: (query) => api.get('/certificates', query), onPage: load,
    });
    sync();
  }

  const search = h('form', {
    class: 'filters', role: 'search', 'aria-label': 'Search certificates',
    onsubmit: (event) => { event.preventDefault(); load(0); },
  },
  field({ label: 'Subject contains', name: 'subject', control: filters.subject }),
  field({ label: 'SAN contains', name: 'san', control: filters.san }),
  field({ label: 'Serial number', name: 'serial', control: filters.serial }),
  field({ label: 'Endpoint', name: 'endpoint', control: filters.endpoint }),
  field({ label: 'Status', name: 'status', control: filters.status }),
  field({ label: 'Expires before', name: 'expires_before', control: filters.expires_before }),
  button('Search', { icon: 'search', kind: 'primary keep-label', type: 'submit' }));

  main.append(
    pageHead([['Certificates']], 'Certificates', 'Certificates issued through SCEP, newest first.'),
    h('div', { class: 'card' }, search,
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Certificate actions' },
        detailsButton, pem, revokeButton, h('span', { class: 'grow' }),
        button('Refresh', { icon: 'refresh', onClick: () => load(offset) })),
      table.element));
  sync();
  load(0);
}
