// Audit Log: who changed what, newest first, filtered by actor, action, target and time.
import { api } from '../api.js';
import { button, DataTable, field, formatTime, h, input, loadSearchPage, openDialog, pageHead, summary } from '../ui.js';

const PAGE = 50;

function changes(event) {
  const text = (value) => (value === null || value === undefined ? '—' : h('pre', { class: 'pem' }, JSON.stringify(value, null, 2)));
  openDialog({
    title: `Audit event ${event.id}`,
    wide: true,
    body: h('div', {}, summary([['Time', formatTime(event.at)], ['Actor', event.actor], ['Action', event.action], ['Target', event.target], ['Source', event.source]]),
      h('h3', {}, 'Before'), text(event.before), h('h3', {}, 'After'), text(event.after)),
    cancelLabel: 'Close',
  });
}

export function render(main) {
  let offset = 0;
  const filters = {
    actor: input({ type: 'search', placeholder: 'admin:alice' }),
    action: input({ type: 'search', placeholder: 'endpoint. or account.add' }),
    target: input({ type: 'search' }),
    since: input({ type: 'date' }),
    until: input({ type: 'date' }),
  };
  const table = new DataTable({
    caption: 'Audit events',
    rowKey: (e) => String(e.id),
    emptyTitle: 'No audit events match',
    columns: [
      { key: 'at', label: 'Time', render: (e) => formatTime(e.at) },
      { key: 'actor', label: 'Actor', render: (e) => h('code', {}, e.actor) },
      { key: 'action', label: 'Action', render: (e) => h('strong', {}, e.action) },
      { key: 'target', label: 'Target' },
      { key: 'source', label: 'Source' },
    ],
    onActivate: changes,
    onSelect: () => { detailsButton.disabled = !table.selected(); },
  });
  const detailsButton = button('Details', { icon: 'info', onClick: () => changes(table.selected()) });
  async function load(at) {
    offset = at;
    await loadSearchPage({
      table, form: search, filters, pageSize: PAGE, offset,
      fetchPage: (query) => api.get('/audit-events', query), onPage: load,
    });
    detailsButton.disabled = !table.selected();
  }
  const search = h('form', {
    class: 'filters', role: 'search', 'aria-label': 'Filter audit events',
    onsubmit: (event) => { event.preventDefault(); load(0); },
  },
  field({ label: 'Actor', name: 'actor', control: filters.actor }),
  field({ label: 'Action', name: 'action', control: filters.action }),
  field({ label: 'Target contains', name: 'target', control: filters.target }),
  field({ label: 'Since', name: 'since', control: filters.since }),
  field({ label: 'Until', name: 'until', control: filters.until }),
  button('Filter', { icon: 'search', kind: 'primary keep-label', type: 'submit' }));
  main.append(
    pageHead([['Settings'], ['Audit Log']], 'Audit Log', 'Every change made through the console, the API and the command line.'),
    h('div', { class: 'card' }, search,
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Audit actions' }, detailsButton, h('span', { class: 'grow' }),
        button('Refresh', { icon: 'refresh', onClick: () => load(offset) })),
      table.element));
  detailsButton.disabled = true;
  load(0);
}
