// DOM building blocks of the console: elements, icons, buttons, dialogs, form fields with
// field-level errors, toasts, and the data table (selection, filter, grouping, sorting, paging).

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('button', {class: 'btn', onclick}, 'Save'): attributes, properties for on*/value/checked.
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'readOnly') element[key] = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

// 24x24 stroke icons, drawn for this console.
const ICONS = {
  add: 'M12 5v14M5 12h14',
  edit: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  delete: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13M10 11v6M14 11v6',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  people: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2 .6 3.5 2.8 3.5 6',
  key: 'M14.5 9.5a4.5 4.5 0 1 0-3.9 4.46L9 15.5V18H6.5v2.5H3v-3.5l7.04-7.04A4.5 4.5 0 0 0 14.5 9.5zM15.5 7.5h.01',
  share: 'M7 12a2.5 2.5 0 1 1 0-.01M17 6a2.5 2.5 0 1 1 0-.01M17 18a2.5 2.5 0 1 1 0-.01M9.2 10.8l5.6-3.4M9.2 13.2l5.6 3.4',
  certificate: 'M4 4h16v12H4zM8 8h8M8 11h5M14 16l-1 5 3-2 3 2-1-5',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  logout: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  x: 'M6 6l12 12M18 6L6 18',
  building: 'M4 21V5l8-2v18M12 8h8v13M7 8h2M7 12h2M7 16h2M15 12h2M15 16h2M2 21h20',
  profile: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
  cloud: 'M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 9.5 4.25 4.25 0 0 0 7 18z',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  scep: 'M4 6h16v12H4zM4 10h16M8 14h4',
  shield: 'M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v6M12 7.5h.01',
  menu: 'M4 7h16M4 12h16M4 17h16',
  approve: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12.5l3 3 5-6',
  reject: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9 9l6 6M15 9l-6 6',
  plug: 'M9 3v5M15 3v5M6 8h12v3a6 6 0 0 1-12 0zM12 17v4',
  empty: 'M4 13l2-8h12l2 8v6H4zM4 13h5l1 2h4l1-2h5',
};

export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '1.8');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name] || ICONS.info);
  svg.append(path);
  return svg;
}

// A toolbar button: icon plus a label that narrow windows hide (the accessible name stays).
export function button(label, { icon: iconName, kind = '', onClick, disabled = false, title, type = 'button' } = {}) {
  return h('button', {
    type,
    class: `btn ${kind}`.trim(),
    'aria-label': label,
    title: title || label,
    disabled,
    onclick: onClick,
  }, iconName ? icon(iconName) : null, h('span', { class: 'label' }, label));
}

export function badge(text, color = '') {
  return h('span', { class: `badge ${color}`.trim() }, text);
}

// Quick successive actions would otherwise pile notices over the page: a repeated notice
// replaces its twin, only the newest few stay, and a click dismisses one.
const kToastsShown = 3;

export function toast(message, kind = '') {
  const host = document.getElementById('toasts');
  const className = `toast ${kind}`.trim();
  for (const shown of [...host.children]) {
    if (shown.className === className && shown.textContent === message) shown.remove();
  }
  const item = h('div', { class: className, title: 'Dismiss', onclick: () => item.remove() }, message);
  host.append(item);
  while (host.children.length > kToastsShown) host.firstElementChild.remove();
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard access needs a secure context and permission; select-and-copy is the fallback.
    const area = h('textarea', { class: 'sr-only' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast('Copied to the clipboard', 'ok');
}

export function copyButton(text, what) {
  return h('button', {
    type: 'button',
    class: 'btn icon small ghost',
    title: `Copy ${what}`,
    'aria-label': `Copy ${what}`,
    onclick: (event) => {
      event.stopPropagation();
      copyText(text);
    },
  }, icon('copy'));
}

export function spinner() {
  return h('span', { class: 'spinner', role: 'progressbar', 'aria-label': 'Loading' });
}

function stateBlock(kind, title, detail) {
  return h('div', { class: 'state', role: kind === 'error' ? 'alert' : null },
    kind === 'loading' ? spinner() : icon(kind === 'error' ? 'info' : 'empty'),
    h('strong', {}, title), detail ? h('span', {}, detail) : null);
}

export function banner(kind, content) {
  return h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, content);
}

// ---------- form fields ----------

let fieldCounter = 0;

// A labelled control with a hint and an error slot; data-field ties it to the API's field name.
export function field({ label, name, control, hint, required = false }) {
  const id = control.id || `f${++fieldCounter}`;
  control.id = id;
  if (name && !control.name) control.name = name;
  const error = h('div', { class: 'error', id: `${id}-error`, role: 'alert' });
  const hintNode = hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintNode ? `${id}-hint` : '', `${id}-error`].join(' ').trim());
  // A message about the old value goes once the admin changes it.
  const forget = () => {
    error.textContent = '';
    control.removeAttribute('aria-invalid');
  };
  control.addEventListener('input', forget);
  control.addEventListener('change', forget);
  return h('div', { class: 'field', dataset: { field: name || '' } },
    h('label', { for: id, class: required ? 'required' : null }, label), control, hintNode, error);
}

export function input(props = {}) {
  return h('input', { type: 'text', autocomplete: 'off', ...props });
}

export function select(options, { value, placeholder, ...props } = {}) {
  const element = h('select', props);
  setOptions(element, options, { value, placeholder });
  return element;
}

// options: [{value, label}] or strings.
export function setOptions(element, options, { value, placeholder } = {}) {
  clear(element);
  if (placeholder !== undefined) element.append(h('option', { value: '' }, placeholder));
  for (const option of options) {
    const item = typeof option === 'string' ? { value: option, label: option } : option;
    element.append(h('option', { value: item.value }, item.label));
  }
  if (value !== undefined && value !== null) element.value = String(value);
}

export function clearErrors(container) {
  for (const slot of container.querySelectorAll('.field .error')) slot.textContent = '';
  for (const control of container.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const old of container.querySelectorAll('.form-problem')) old.remove();
}

// Shows an API error: each field's message beside it, the rest in a banner at the top of
// `container`. Returns the fields it placed, so a caller can reveal a hidden tab holding one.
export function showErrors(container, error, { aliases = {} } = {}) {
  clearErrors(container);
  const placed = [];
  const unplaced = [];
  for (const [apiField, message] of Object.entries(error.fields || {})) {
    const name = aliases[apiField] || apiField;
    const slot = container.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
    if (!slot) {
      unplaced.push(`${apiField}: ${message}`);
      continue;
    }
    slot.querySelector('.error').textContent = message;
    slot.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
    placed.push(slot);
  }
  if (placed.length === 0 || unplaced.length > 0) {
    const text = placed.length === 0 ? error.message : unplaced.join('; ');
    container.prepend(h('div', { class: 'banner error form-problem', role: 'alert' },
      h('strong', {}, error.title || 'The request failed'), ' ', text));
  }
  if (placed.length) placed[0].querySelector('input, select, textarea')?.focus();
  return placed;
}

// One page of a list searched server-side: the filter controls' values as query parameters, one
// row more than shown to learn whether another page follows, and field errors beside the filters.
export async function loadSearchPage({ table, form, filters, pageSize, offset, fetchPage, onPage }) {
  table.setLoading();
  clearErrors(form);
  const query = { limit: pageSize + 1, offset };
  for (const [key, control] of Object.entries(filters)) query[key] = control.value.trim();
  try {
    const page = await fetchPage(query);
    table.setRows(page.items.slice(0, pageSize), { offset, limit: pageSize, hasMore: page.items.length > pageSize, onPage });
  } catch (error) {
    table.setError(error);
    if (Object.keys(error.fields || {}).length) showErrors(form, error);
  }
}

// ---------- dialogs ----------

// A modal <dialog>: focus stays inside, Escape closes it. Each action runs with the dialog
// busy; an action that throws or returns false keeps it open.
export function openDialog({ title, body, actions = [], wide = false, cancelLabel = 'Cancel', onClose, label }) {
  const bodyNode = h('div', { class: 'dialog-body' }, body);
  const foot = h('div', { class: 'dialog-foot' });
  const heading = h('h2', { id: `d${++fieldCounter}` }, title);
  const dialog = h('dialog', { class: wide ? 'wide' : null, 'aria-labelledby': heading.id, 'aria-label': label },
    h('form', { method: 'dialog', onsubmit: (event) => event.preventDefault() },
      h('div', { class: 'dialog-head' }, heading,
        h('button', { type: 'button', class: 'btn icon ghost', 'aria-label': 'Close', title: 'Close', onclick: () => close() }, icon('x'))),
      bodyNode, foot));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    dialog.close();
    dialog.remove();
    onClose?.();
  };
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  const context = { dialog, body: bodyNode, close, setTitle: (text) => { heading.textContent = text; }, setActions };

  function setActions(list, cancel = cancelLabel) {
    clear(foot);
    if (cancel) foot.append(h('button', { type: 'button', class: 'btn', onclick: close }, cancel));
    for (const action of list) {
      if (action.spacer) {
        foot.prepend(h('span', { class: 'grow' }));
        continue;
      }
      const node = h('button', {
        type: action.submit ? 'submit' : 'button',
        class: `btn ${action.kind || ''}`.trim(),
        disabled: action.disabled,
        onclick: async (event) => {
          event.preventDefault();
          const buttons = foot.querySelectorAll('button');
          buttons.forEach((b) => { b.disabled = true; });
          try {
            const keepOpen = (await action.onClick?.(context)) === false;
            if (!keepOpen) close();
          } catch (error) {
            if (!error.handled) showErrors(bodyNode, error);
          } finally {
            if (!closed) buttons.forEach((b) => { b.disabled = false; });
          }
        },
      }, action.label);
      if (action.hidden) node.classList.add('hidden');
      if (action.id) node.dataset.action = action.id;
      foot.append(node);
    }
  }
  setActions(actions);
  document.body.append(dialog);
  dialog.showModal();
  const first = bodyNode.querySelector('input:not([readonly]):not([disabled]), select:not([disabled]), textarea, button');
  (first || foot.querySelector('.btn.primary') || foot.querySelector('button'))?.focus();
  return context;
}

// Asks before something is lost. `lost` lists, in plain words, what goes away.
export function confirmAction({ title, message, lost = [], confirmLabel, danger = true }) {
  return new Promise((resolve) => {
    let answered = false;
    openDialog({
      title,
      body: [
        h('p', {}, message),
        lost.length ? banner('warn', [h('strong', {}, 'This will be lost:'), h('ul', {}, lost.map((item) => h('li', {}, item)))]) : null,
      ],
      actions: [{
        label: confirmLabel,
        kind: danger ? 'danger solid' : 'primary',
        onClick: () => {
          answered = true;
          resolve(true);
        },
      }],
      onClose: () => { if (!answered) resolve(false); },
    });
  });
}

// A secret the server shows once (access code, password): monospace, copy button, warning.
export function secretPanel(label, value, note) {
  return h('div', { class: 'field' },
    h('span', { class: 'label' }, label),
    h('div', { class: 'secret' }, h('code', { 'data-secret': label, tabindex: '0' }, value), copyButton(value, label.toLowerCase())),
    banner('warn', note));
}

export function summary(pairs) {
  return h('dl', { class: 'summary' }, pairs.filter(Boolean).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));
}

export function tabs(names, onChange) {
  const buttons = names.map((name, index) => h('button', {
    type: 'button',
    role: 'tab',
    'aria-selected': index === 0 ? 'true' : 'false',
    tabindex: index === 0 ? '0' : '-1',
    onclick: () => choose(index),
    onkeydown: (event) => {
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        const next = (index + (event.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length;
        choose(next);
        buttons[next].focus();
      }
    },
  }, name));
  function choose(index) {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', i === index ? 'true' : 'false');
      b.tabIndex = i === index ? 0 : -1;
    });
    onChange(index);
  }
  const element = h('div', { class: 'tabs', role: 'tablist' }, buttons);
  return { element, buttons, choose };
}

// ---------- downloads and formatting ----------

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, class: 'hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function formatTime(text) {
  if (!text) return '—';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return date.toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

export function formatDate(text) {
  if (!text) return '—';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString().slice(0, 10);
}

// ---------- the data table ----------

// columns: [{key, label, render(row) -> Node|string, sort?: (row) => value, width}]
// A row is selected by click, Enter or Space; double click or Enter on a selected row calls
// onActivate. `paging: 'client'` pages locally (25 a page); server paging sets hasMore itself.
export class DataTable {
  constructor({ columns, rowKey, caption, emptyTitle = 'Nothing here yet', emptyDetail, onSelect, onActivate, pageSize = 25, groupBy, filterText }) {
    Object.assign(this, { columns, rowKey, emptyTitle, emptyDetail, onSelect, onActivate, pageSize, groupBy, filterText });
    this.rows = [];
    this.selectedKey = null;
    this.page = 0;
    this.sortKey = null;
    this.sortDescending = false;
    this.server = null; // {offset, limit, hasMore, onPage}
    this.body = h('tbody');
    this.head = h('thead');
    this.table = h('table', { class: 'data' }, caption ? h('caption', { class: 'sr-only' }, caption) : null, this.head, this.body);
    this.pager = h('div', { class: 'pager' });
    this.element = h('div', {}, h('div', { class: 'table-wrap' }, this.table), this.pager);
    this.renderHead();
    this.setLoading();
  }

  renderHead() {
    clear(this.head, h('tr', {}, this.columns.map((column) => {
      if (!column.sort) return h('th', { scope: 'col' }, column.label);
      const active = this.sortKey === column.key;
      return h('th', { scope: 'col', 'aria-sort': active ? (this.sortDescending ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', onclick: () => this.sortBy(column.key) }, column.label, active ? (this.sortDescending ? ' ▼' : ' ▲') : ''));
    })));
  }

  sortBy(key) {
    this.sortDescending = this.sortKey === key ? !this.sortDescending : false;
    this.sortKey = key;
    this.renderHead();
    this.render();
  }

  fullWidth(node) {
    return h('tr', {}, h('td', { colspan: String(this.columns.length) }, node));
  }

  setLoading() {
    clear(this.body, this.fullWidth(stateBlock('loading', 'Loading…')));
    clear(this.pager);
  }

  setError(error) {
    clear(this.body, this.fullWidth(stateBlock('error', 'Could not load this list', error.message)));
    clear(this.pager);
  }

  setRows(rows, server = null) {
    this.rows = rows;
    this.server = server;
    if (!rows.some((row) => this.rowKey(row) === this.selectedKey)) this.select(null);
    const pages = Math.max(1, Math.ceil(this.visibleRows().length / this.pageSize));
    if (this.page >= pages) this.page = pages - 1;
    this.render();
  }

  setFilter(text) {
    this.filterText = text;
    this.page = 0;
    this.render();
  }

  setGroup(groupBy) {
    this.groupBy = groupBy;
    this.render();
  }

  selected() {
    return this.rows.find((row) => this.rowKey(row) === this.selectedKey) || null;
  }

  select(key) {
    this.selectedKey = key;
    for (const tr of this.body.querySelectorAll('tr.row')) {
      tr.setAttribute('aria-selected', tr.dataset.key === String(key) ? 'true' : 'false');
    }
    this.onSelect?.(this.selected());
  }

  visibleRows() {
    let rows = this.rows;
    const needle = (this.filterText || '').trim().toLowerCase();
    if (needle) {
      rows = rows.filter((row) => this.columns.some((column) => {
        const value = column.text ? column.text(row) : row[column.key];
        return value !== undefined && value !== null && String(value).toLowerCase().includes(needle);
      }));
    }
    if (this.sortKey) {
      const column = this.columns.find((c) => c.key === this.sortKey);
      const direction = this.sortDescending ? -1 : 1;
      rows = [...rows].sort((a, b) => {
        const x = column.sort(a);
        const y = column.sort(b);
        return (x < y ? -1 : x > y ? 1 : 0) * direction;
      });
    }
    return rows;
  }

  render() {
    const all = this.visibleRows();
    if (all.length === 0) {
      const filtered = this.rows.length > 0;
      clear(this.body, this.fullWidth(stateBlock('empty', filtered ? 'No match' : this.emptyTitle,
        filtered ? 'Nothing matches the filter.' : this.emptyDetail)));
      this.renderPager(0, 0);
      return;
    }
    const rows = this.server ? all : all.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);
    const out = [];
    let group = null;
    const grouped = this.groupBy ? [...rows].sort((a, b) => this.groupBy(a).localeCompare(this.groupBy(b))) : rows;
    for (const row of grouped) {
      if (this.groupBy && this.groupBy(row) !== group) {
        group = this.groupBy(row);
        const count = grouped.filter((r) => this.groupBy(r) === group).length;
        out.push(h('tr', { class: 'group' }, h('td', { colspan: String(this.columns.length) }, `${group} (${count})`)));
      }
      out.push(this.renderRow(row));
    }
    clear(this.body, out);
    this.renderPager(all.length, rows.length);
  }

  renderRow(row) {
    const key = String(this.rowKey(row));
    const tr = h('tr', {
      class: 'row',
      tabindex: '0',
      'aria-selected': key === String(this.selectedKey) ? 'true' : 'false',
      dataset: { key },
      onclick: () => this.select(key),
      ondblclick: () => { this.select(key); this.onActivate?.(row); },
      onkeydown: (event) => {
        if (event.target !== tr) return;
        if (event.key === ' ' || event.key === 'Enter') {
          event.preventDefault();
          if (event.key === 'Enter' && this.selectedKey === key) this.onActivate?.(row);
          else this.select(key);
        } else if (event.key === 'ArrowDown') {
          event.preventDefault();
          tr.nextElementSibling?.focus();
        } else if (event.key === 'ArrowUp') {
          event.preventDefault();
          tr.previousElementSibling?.focus();
        }
      },
    }, this.columns.map((column) => h('td', {}, column.render ? column.render(row) : (row[column.key] ?? '—'))));
    return tr;
  }

  renderPager(total, shown) {
    clear(this.pager);
    if (this.server) {
      const { offset, limit, hasMore, onPage } = this.server;
      if (offset === 0 && !hasMore) {
        this.pager.append(h('span', {}, `${shown} shown`));
        return;
      }
      this.pager.append(
        h('span', {}, `${offset + 1}–${offset + shown}`),
        button('Previous', { kind: 'small', disabled: offset === 0, onClick: () => onPage(Math.max(0, offset - limit)) }),
        button('Next', { kind: 'small', disabled: !hasMore, onClick: () => onPage(offset + limit) }));
      return;
    }
    if (total <= this.pageSize) {
      if (total) this.pager.append(h('span', {}, `${total} item${total === 1 ? '' : 's'}`));
      return;
    }
    const pages = Math.ceil(total / this.pageSize);
    this.pager.append(
      h('span', {}, `${this.page * this.pageSize + 1}–${Math.min(total, (this.page + 1) * this.pageSize)} of ${total}`),
      button('Previous', { kind: 'small', disabled: this.page === 0, onClick: () => { this.page -= 1; this.render(); } }),
      button('Next', { kind: 'small', disabled: this.page >= pages - 1, onClick: () => { this.page += 1; this.render(); } }));
  }
}

// A search box that filters a DataTable as one types.
export function filterBox(table, placeholder = 'Filter') {
  return h('label', { class: 'search' }, icon('search'), h('span', { class: 'sr-only' }, placeholder),
    h('input', { type: 'search', placeholder, 'aria-label': placeholder, oninput: (event) => table.setFilter(event.target.value) }));
}

// The head of a screen: breadcrumb ([label, href?] pairs), title and one line of explanation.
export function pageHead(crumbs, title, description, ...actions) {
  return h('div', { class: 'page-head' },
    h('div', {},
      h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
        crumbs.map(([label, href], index) => [index ? ' / ' : '', href ? h('a', { href }, label) : h('span', {}, label)])),
      h('h1', {}, title),
      description ? h('p', {}, description) : null),
    actions.length ? h('div', { class: 'inline' }, actions) : null);
}
