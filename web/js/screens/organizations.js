// Organizations and Departments: the tenants certificates belong to. Organizations on the left,
// the departments of the selected one on the right.
import { api, currentAdmin, isMrao, listAll } from '../api.js';
import { itemRoute } from '../catalog.js';
import { button, confirmAction, DataTable, field, filterBox, formatDate, h, input, openDialog, pageHead, toast } from '../ui.js';

function nameDialog({ title, label, value = '', intro, onSave }) {
  const name = input({ value, maxlength: '128' });
  openDialog({
    title,
    body: h('div', {}, intro ? h('p', { class: 'muted' }, intro) : null, field({ label, name: 'name', control: name, required: true })),
    actions: [{ label: 'Save', kind: 'primary', submit: true, onClick: () => onSave(name.value.trim()) }],
  });
}

export async function render(main) {
  const mrao = isMrao();
  // Departments are changed at organization level: by an MRAO or the RAO of their organization.
  const organizationLevel = currentAdmin()?.role !== 'drao';
  const [patchOrg, deleteOrg, patchDept, deleteDept] = await Promise.all([
    itemRoute('PATCH', 'organizations'), itemRoute('DELETE', 'organizations'),
    itemRoute('PATCH', 'departments'), itemRoute('DELETE', 'departments'),
  ]);
  let departments = [];

  const organizations = new DataTable({
    caption: 'Organizations',
    rowKey: (o) => o.name,
    emptyTitle: 'No organizations yet',
    emptyDetail: mrao ? 'Click Add to create the first organization.' : null,
    columns: [
      { key: 'name', label: 'Name', sort: (o) => o.name.toLowerCase(), render: (o) => h('strong', {}, o.name) },
      { key: 'departments', label: 'Departments', render: (o) => String(departments.filter((d) => d.organization === o.name).length) },
      { key: 'created_at', label: 'Created', render: (o) => formatDate(o.created_at) },
    ],
    onSelect: () => showDepartments(),
  });
  const departmentTable = new DataTable({
    caption: 'Departments',
    rowKey: (d) => String(d.id),
    emptyTitle: 'Select an organization',
    columns: [
      { key: 'name', label: 'Name', sort: (d) => d.name.toLowerCase(), render: (d) => h('strong', {}, d.name) },
      { key: 'created_at', label: 'Created', render: (d) => formatDate(d.created_at) },
    ],
    onSelect: () => sync(),
  });

  const departmentsTitle = h('h2', {}, 'Departments');
  const addOrg = button('Add', { icon: 'add', kind: 'primary', onClick: () => nameDialog({
    title: 'Add Organization', label: 'Name',
    onSave: async (name) => {
      await api.post('/organizations', { name });
      toast(`Organization ${name} created`, 'ok');
      await reload(name);
    },
  }) });
  const renameOrg = button('Rename', { icon: 'edit', onClick: () => {
    const org = organizations.selected();
    nameDialog({
      title: `Rename ${org.name}`, label: 'Name', value: org.name,
      onSave: async (name) => {
        await api.patch(patchOrg(org), { name });
        toast(`Organization renamed to ${name}`, 'ok');
        await reload(name);
      },
    });
  } });
  const removeOrg = button('Delete', { icon: 'delete', kind: 'danger', onClick: async () => {
    const org = organizations.selected();
    const owned = departments.filter((d) => d.organization === org.name);
    if (!await confirmAction({
      title: `Delete organization ${org.name}?`,
      message: owned.length
        ? `It still has ${owned.length} department(s) (${owned.map((d) => d.name).join(', ')}): delete them first. The server refuses while departments, accounts, Intune endpoints, admins or delegations refer to it.`
        : 'The server refuses while accounts, Intune endpoints, admins or delegations refer to it.',
      lost: [`The organization ${org.name}`],
      confirmLabel: 'Delete organization',
    })) return;
    try {
      await api.del(deleteOrg(org));
      toast(`Organization ${org.name} deleted`, 'ok');
      await reload();
    } catch (error) {
      toast(error.message, 'error');
    }
  } });
  const addDept = button('Add', { icon: 'add', kind: 'primary', onClick: () => {
    const org = organizations.selected();
    nameDialog({
      title: 'Add Department', label: 'Name', intro: `In organization ${org.name}.`,
      onSave: async (name) => {
        await api.post('/departments', { organization: org.name, name });
        toast(`Department ${name} created`, 'ok');
        await reload(org.name);
      },
    });
  } });
  const renameDept = button('Rename', { icon: 'edit', onClick: () => {
    const dept = departmentTable.selected();
    nameDialog({
      title: `Rename ${dept.name}`, label: 'Name', value: dept.name,
      onSave: async (name) => {
        await api.patch(patchDept(dept), { name });
        toast(`Department renamed to ${name}`, 'ok');
        await reload(dept.organization);
      },
    });
  } });
  const removeDept = button('Delete', { icon: 'delete', kind: 'danger', onClick: async () => {
    const dept = departmentTable.selected();
    if (!await confirmAction({
      title: `Delete department ${dept.name}?`,
      message: 'The server refuses while accounts, Intune endpoints, admins or delegations refer to it.',
      lost: [`The department ${dept.name} of ${dept.organization}`],
      confirmLabel: 'Delete department',
    })) return;
    try {
      await api.del(deleteDept(dept));
      toast(`Department ${dept.name} deleted`, 'ok');
      await reload(dept.organization);
    } catch (error) {
      toast(error.message, 'error');
    }
  } });

  function sync() {
    const org = organizations.selected();
    addOrg.disabled = !mrao;
    renameOrg.disabled = !org || !mrao;
    removeOrg.disabled = !org || !mrao;
    addDept.disabled = !org || !organizationLevel;
    renameDept.disabled = !departmentTable.selected() || !organizationLevel;
    removeDept.disabled = !departmentTable.selected() || !organizationLevel;
  }

  function showDepartments() {
    const org = organizations.selected();
    departmentsTitle.textContent = org ? `Departments of ${org.name}` : 'Departments';
    departmentTable.emptyTitle = org ? 'No departments yet' : 'Select an organization';
    departmentTable.emptyDetail = org ? 'Click Add to create one.' : 'Its departments are listed here.';
    departmentTable.setRows(org ? departments.filter((d) => d.organization === org.name) : []);
    sync();
  }

  async function reload(selectName) {
    organizations.setLoading();
    try {
      const [orgs, depts] = await Promise.all([listAll('/organizations', { sort: 'name' }), listAll('/departments', { sort: 'name' })]);
      departments = depts;
      organizations.setRows(orgs);
      organizations.select(selectName || organizations.selectedKey || (orgs.length === 1 ? orgs[0].name : null));
    } catch (error) {
      organizations.setError(error);
    }
    showDepartments();
  }

  main.append(
    pageHead([['Settings'], ['Organizations']], 'Organizations and Departments', 'The tenants that accounts, admins and certificates belong to.'),
    h('div', { class: 'split' },
      h('section', { class: 'card', 'aria-label': 'Organizations' },
        h('div', { class: 'card-head' }, h('h2', {}, 'Organizations')),
        h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Organization actions' },
          mrao ? addOrg : null, mrao && patchOrg ? renameOrg : null, mrao && deleteOrg ? removeOrg : null,
          h('span', { class: 'grow' }), filterBox(organizations, 'Filter organizations'),
          button('Refresh', { icon: 'refresh', onClick: () => reload() })),
        organizations.element),
      h('section', { class: 'card', 'aria-label': 'Departments' },
        h('div', { class: 'card-head' }, departmentsTitle),
        h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Department actions' },
          organizationLevel ? addDept : null,
          organizationLevel && patchDept ? renameDept : null,
          organizationLevel && deleteDept ? removeDept : null),
        departmentTable.element)));
  sync();
  reload();
}
