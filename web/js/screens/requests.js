// Pending Requests: enrollments whose profile needs approval. Approve issues the certificate
// (the client gets it on its next poll); Reject answers the client with a failure.
import { api, listAll, segment } from '../api.js';
import { banner, button, DataTable, field, filterBox, formatTime, h, input, openDialog, pageHead, summary, toast } from '../ui.js';

export function render(main) {
  const table = new DataTable({
    caption: 'Pending requests',
    rowKey: (r) => `${r.endpoint}/${r.transaction_id}`,
    emptyTitle: 'No pending requests',
    emptyDetail: 'Requests through profiles that need approval wait here.',
    columns: [
      { key: 'subject', label: 'Subject', render: (r) => h('code', {}, r.subject) },
      { key: 'endpoint', label: 'Endpoint', sort: (r) => r.endpoint },
      { key: 'account', label: 'Account' },
      { key: 'message_type', label: 'Request' },
      { key: 'client_address', label: 'Client' },
      { key: 'created_at', label: 'Received', sort: (r) => r.created_at, render: (r) => formatTime(r.created_at) },
    ],
    onSelect: () => sync(),
  });
  const path = (r) => `/requests/${segment(r.endpoint)}/${segment(r.transaction_id)}`;
  const approve = button('Approve', { icon: 'approve', kind: 'primary', onClick: () => {
    const request = table.selected();
    openDialog({
      title: 'Approve request',
      body: h('div', {}, summary([['Subject', request.subject], ['Endpoint', request.endpoint], ['Account', request.account], ['Transaction ID', request.transaction_id]]),
        banner('info', 'The certificate is issued now; the client receives it when it next polls.')),
      actions: [{
        label: 'Approve', kind: 'primary',
        onClick: async () => {
          const issued = await api.post(`${path(request)}/approve`, {});
          toast(`Certificate ${issued.serial} issued`, 'ok');
          reload();
        },
      }],
    });
  } });
  const reject = button('Reject', { icon: 'reject', kind: 'danger', onClick: () => {
    const request = table.selected();
    const reason = input({ maxlength: '200' });
    openDialog({
      title: 'Reject request',
      body: h('div', {}, summary([['Subject', request.subject], ['Endpoint', request.endpoint]]),
        field({ label: 'Reason', name: 'reason', control: reason, hint: 'Kept in the audit log.' })),
      actions: [{
        label: 'Reject', kind: 'danger solid',
        onClick: async () => {
          await api.post(`${path(request)}/reject`, { reason: reason.value.trim() });
          toast('Request rejected', 'ok');
          reload();
        },
      }],
    });
  } });
  function sync() {
    approve.disabled = !table.selected();
    reject.disabled = !table.selected();
  }
  async function reload() {
    table.setLoading();
    try {
      table.setRows(await listAll('/requests'));
    } catch (error) {
      table.setError(error);
    }
    sync();
  }
  main.append(
    pageHead([['Certificates'], ['Pending Requests']], 'Pending Requests', 'Enrollment requests waiting for an administrator\'s decision.'),
    h('div', { class: 'card' },
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Request actions' },
        approve, reject, h('span', { class: 'grow' }), filterBox(table, 'Filter requests'),
        button('Refresh', { icon: 'refresh', onClick: () => reload() })),
      table.element));
  sync();
  reload();
}
