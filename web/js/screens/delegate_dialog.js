// Delegate: who may use an endpoint. General: every organization. Customized: the chosen
// organizations (all their departments) and single departments.
import { api, listAll, segment } from '../api.js';
import { banner, h, openDialog, toast } from '../ui.js';

export async function openDelegateDialog(endpoint, onSaved) {
  if (!endpoint) return;
  const path = `/endpoints/${segment(endpoint.uri_extension)}/delegation`;
  const [current, organizations, departments] = await Promise.all([
    api.get(path), listAll('/organizations', { sort: 'name' }), listAll('/departments', { sort: 'name' }),
  ]);
  const chosen = (organization, department = null) => current.targets.some(
    (t) => t.organization === organization && (t.department ?? null) === department);

  const modeRadio = (value, label, hint) => h('label', {},
    h('input', { type: 'radio', name: 'mode', value, checked: current.mode === value, onchange: sync }),
    h('span', {}, h('strong', {}, label), h('span', { class: 'muted' }, ` — ${hint}`)));
  const general = modeRadio('general', 'General', 'every organization and department may use it');
  const customized = modeRadio('customized', 'Customized', 'only the organizations and departments chosen below');

  const tree = h('div', { class: 'tree', role: 'group', 'aria-label': 'Organizations and departments' },
    organizations.length === 0 ? h('p', { class: 'muted' }, 'There are no organizations yet.') : null,
    h('ul', {}, organizations.map((org) => {
      const orgBox = h('input', { type: 'checkbox', checked: chosen(org.name), dataset: { organization: org.name }, onchange: sync });
      const children = departments.filter((d) => d.organization === org.name);
      return h('li', {},
        h('label', {}, orgBox, h('strong', {}, org.name), h('span', { class: 'muted' }, ' (all departments)')),
        children.length ? h('ul', {}, children.map((d) => h('li', {}, h('label', {},
          h('input', { type: 'checkbox', checked: chosen(org.name, d.name), dataset: { organization: org.name, department: d.name } }),
          d.name)))) : null);
    })));

  function sync() {
    const custom = customized.querySelector('input').checked;
    for (const box of tree.querySelectorAll('input')) {
      const coveredByOrganization = box.dataset.department
        && tree.querySelector(`input[data-organization="${CSS.escape(box.dataset.organization)}"]:not([data-department])`).checked;
      box.disabled = !custom || Boolean(coveredByOrganization);
    }
  }

  const targets = () => {
    const out = [];
    for (const box of tree.querySelectorAll('input:checked:not(:disabled)')) {
      out.push(box.dataset.department
        ? { organization: box.dataset.organization, department: box.dataset.department }
        : { organization: box.dataset.organization });
    }
    return out;
  };

  openDialog({
    title: `Delegate ${endpoint.name}`,
    body: h('div', {},
      banner('info', 'Delegation decides which organizations and departments, and so which of their administrators, can use this endpoint.'),
      h('div', { class: 'field', dataset: { field: 'mode' } }, h('span', { class: 'label' }, 'Delegation mode'),
        h('div', { class: 'choices', role: 'radiogroup' }, general, customized), h('div', { class: 'error' })),
      h('div', { class: 'field', dataset: { field: 'targets' } }, h('span', { class: 'label' }, 'Organizations and departments'), tree, h('div', { class: 'error' }))),
    actions: [{
      label: 'Save', kind: 'primary', submit: true,
      onClick: async () => {
        const mode = customized.querySelector('input').checked ? 'customized' : 'general';
        await api.put(path, { mode, targets: mode === 'customized' ? targets() : [] });
        toast(`Delegation of ${endpoint.name} saved`, 'ok');
        onSaved();
      },
    }],
  });
  sync();
}
