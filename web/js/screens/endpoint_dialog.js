// Create / Edit Enrollment Endpoint: name and certificate type, Next, then the Details tab (URI
// extension with the resulting URL; organization, department, profile and term for Intune) and
// the Configuration tab (RA certificate, GetCACert and GetCert formats; Azure account for Intune).
// Type, certificate type, organization and department are fixed once created: read-only on edit.
import { api, segment } from '../api.js';
import { departmentsOf, ENDPOINT_TYPES, GETCACERT_FORMATS, GETCERT_FORMATS, loadCatalog, profilesFor, serverSettings, termLabel } from '../catalog.js';
import { banner, clear, clearErrors, field, h, input, openDialog, select, setOptions, showErrors, tabs, toast } from '../ui.js';

// The SCEP URL base: the server's public URL, else as its endpoints report it, else this origin.
async function publicBase(endpoints) {
  const { public_base_url: configured } = await serverSettings();
  if (configured) return configured.replace(/\/+$/, '');
  const known = endpoints.find((e) => e.scep_url);
  if (known) return known.scep_url.slice(0, known.scep_url.lastIndexOf('/scep/'));
  return location.origin;
}

export async function openEndpointDialog({ endpoint = null, endpoints, onSaved }) {
  const editing = Boolean(endpoint);
  const [catalog, base] = await Promise.all([loadCatalog({ ra: true, azure: true }), publicBase(endpoints)]);

  // Step 1
  const name = input({ value: endpoint?.name || '', maxlength: '128' });
  const certificateType = select(ENDPOINT_TYPES, {
    placeholder: 'Select a certificate type',
    value: endpoint ? `${endpoint.type}:${endpoint.cert_type}` : '',
    disabled: editing,
  });
  const stepOne = h('section', { 'data-pane': 'start' },
    field({ label: 'Name', name: 'name', control: name, required: true, hint: 'A name that helps identify the endpoint.' }),
    field({
      label: 'Certificate type', name: 'certificate_type', control: certificateType, required: true,
      hint: editing ? 'The certificate type cannot be changed once the endpoint is created.' : 'The type of certificate issued through the endpoint.',
    }));

  // Details tab
  const uriExtension = input({ value: endpoint?.uri_extension || '', maxlength: '64', spellcheck: 'false' });
  const liveUrl = h('code', { class: 'live-url', 'data-live-url': '' });
  const updateUrl = () => {
    const ext = uriExtension.value.trim();
    liveUrl.textContent = `${base}/scep/${ext ? encodeURIComponent(ext) : '{uri-extension}'}`;
  };
  uriExtension.addEventListener('input', updateUrl);
  updateUrl();
  const organization = select(catalog.organizations.map((o) => o.name), { placeholder: 'Select an organization', value: endpoint?.organization, disabled: editing });
  const department = select([], { disabled: editing });
  const profile = select([]);
  const term = select([]);
  const fillDepartments = () => setOptions(department, departmentsOf(catalog, organization.value).map((d) => d.name),
    { placeholder: 'Select a department', value: endpoint?.department });
  const certTypeOf = () => (certificateType.value.split(':')[1] || endpoint?.cert_type);
  const fillProfiles = () => setOptions(profile, profilesFor(catalog, certTypeOf()).map((p) => p.name),
    { placeholder: 'Select a certificate profile', value: profile.value || endpoint?.profile });
  const fillTerms = () => {
    const chosen = catalog.profiles.find((p) => p.name === profile.value);
    setOptions(term, (chosen?.terms_days || []).map((days) => ({ value: String(days), label: termLabel(days) })),
      { placeholder: 'Select a term', value: term.value || endpoint?.term_days });
  };
  organization.addEventListener('change', fillDepartments);
  profile.addEventListener('change', fillTerms);
  fillDepartments();
  fillProfiles();
  fillTerms();
  const intuneDetails = h('div', {},
    field({ label: 'Organization', name: 'organization', control: organization, required: true, hint: 'The organization cannot be changed once the endpoint is created.' }),
    field({ label: 'Department', name: 'department', control: department, required: true, hint: 'The department cannot be changed once the endpoint is created.' }),
    field({ label: 'Certificate Profile', name: 'profile', control: profile, required: true, hint: 'The profile used when enrolling certificates through the endpoint.' }),
    field({ label: 'Term', name: 'term_days', control: term, required: true, hint: 'The validity period of certificates issued through the endpoint.' }));
  const details = h('section', { 'data-pane': 'details', role: 'tabpanel', 'aria-label': 'Details' },
    field({
      label: 'URI Extension', name: 'uri_extension', control: uriExtension, required: true,
      hint: 'Letters, digits and . _ ~ - only. It makes the endpoint\'s unique URL, which SCEP clients connect to:',
    }),
    h('div', { class: 'field' }, h('span', { class: 'label' }, 'SCEP URL'), liveUrl),
    intuneDetails);

  // Configuration tab
  const ra = select(catalog.raCertificates.map((r) => ({ value: r.name, label: `${r.name} — ${r.subject}` })),
    { value: endpoint?.ra, placeholder: catalog.raCertificates.length ? undefined : 'No RA certificate yet' });
  const getcacert = select(GETCACERT_FORMATS, { value: endpoint?.getcacert_format || 'chain-cms' });
  const getcert = select(GETCERT_FORMATS, { value: endpoint?.getcert_format || 'single' });
  const azure = select(catalog.azureAccounts.map((a) => a.name), {
    placeholder: catalog.azureAccounts.length ? 'Select an Azure account' : 'No Azure account is available',
    value: endpoint?.azure_account,
  });
  const azureField = field({ label: 'Azure Account', name: 'azure_account', control: azure, required: true, hint: 'The Azure account used to authenticate the endpoint to Intune.' });
  const configuration = h('section', { 'data-pane': 'configuration', role: 'tabpanel', 'aria-label': 'Configuration' },
    field({
      label: 'SCEP RA Certificate', name: 'ra', control: ra, required: true,
      hint: 'Signs SCEP responses; clients encrypt their requests to it. Give it to the SCEP client during its configuration.',
    }),
    field({ label: 'GetCACert Response Format', name: 'getcacert_format', control: getcacert, hint: 'Single PEM or DER: the RA certificate alone. Chain in CMS: the RA certificate with the issuing CA and its intermediates.' }),
    field({ label: 'GetCert Response Format', name: 'getcert_format', control: getcert, hint: 'Single Certificate: only the issued certificate. Full Chain: with any intermediates and the root.' }),
    azureField);

  const tabBar = tabs(['Details', 'Configuration'], (index) => {
    details.classList.toggle('hidden', index !== 0);
    configuration.classList.toggle('hidden', index !== 1);
  });
  [details, configuration].forEach((panel, index) => {
    panel.id = `endpoint-${panel.dataset.pane}`;
    tabBar.buttons[index].setAttribute('aria-controls', panel.id);
  });
  const stepTwo = h('section', { 'data-pane': 'tabs', class: 'hidden' }, tabBar.element, details, configuration);
  configuration.classList.add('hidden');
  const steps = h('div', { class: 'steps', 'aria-label': 'Progress' },
    h('span', { 'aria-current': 'step' }, '1. Name and type'), '›', h('span', {}, '2. Details and configuration'));
  const isIntune = () => certificateType.value.startsWith('intune:');
  const syncIntune = () => {
    intuneDetails.classList.toggle('hidden', !isIntune());
    azureField.classList.toggle('hidden', !isIntune());
    fillProfiles();
    fillTerms();
  };
  certificateType.addEventListener('change', syncIntune);
  syncIntune();

  const body = h('div', {}, steps, stepOne, stepTwo);
  const showStep = (second, dialog) => {
    stepOne.classList.toggle('hidden', second);
    stepTwo.classList.toggle('hidden', !second);
    steps.querySelectorAll('span').forEach((span, index) => {
      if ((index === 1) === second) span.setAttribute('aria-current', 'step');
      else span.removeAttribute('aria-current');
    });
    dialog.setActions(second ? stepTwoActions : stepOneActions);
    (second ? uriExtension : name).focus();
  };

  // Moves to the step and tab that hold the first field with an error.
  const reveal = (slot, dialog) => {
    if (!slot) return;
    if (stepOne.contains(slot)) {
      if (!editing) showStep(false, dialog);
    } else {
      tabBar.choose(configuration.contains(slot) ? 1 : 0);
    }
    slot.querySelector('select, input')?.focus();
  };

  const requiredMissing = (pairs) => {
    const error = { title: 'Some fields need attention', message: 'Fill in the required fields.', fields: {} };
    for (const [fieldName, control, message] of pairs) {
      if (!control.value.trim()) error.fields[fieldName] = message;
    }
    return Object.keys(error.fields).length ? error : null;
  };

  const stepOneActions = [{
    label: 'Next', kind: 'primary', submit: true,
    onClick: (dialog) => {
      const missing = requiredMissing([
        ['name', name, 'Enter a name for the endpoint.'],
        ['certificate_type', certificateType, 'Select the type of certificate to be issued through the endpoint.'],
      ]);
      if (missing) {
        reveal(showErrors(dialog.body, missing)[0], dialog);
        return false;
      }
      clearErrors(dialog.body);
      syncIntune();
      showStep(true, dialog);
      return false;
    },
  }];

  const payload = () => {
    const [type, certType] = certificateType.value.split(':');
    const out = {
      name: name.value.trim(),
      uri_extension: uriExtension.value.trim(),
      ra: ra.value || undefined,
      getcacert_format: getcacert.value,
      getcert_format: getcert.value,
    };
    if (!editing) Object.assign(out, { type, cert_type: certType });
    if (type === 'intune') {
      if (!editing) Object.assign(out, { organization: organization.value || undefined, department: department.value || undefined });
      Object.assign(out, {
        profile: profile.value || undefined,
        term_days: term.value ? Number(term.value) : undefined,
        azure_account: azure.value || undefined,
      });
    }
    if (editing) {
      // Only what changed, so that an edit never touches a field the admin did not.
      for (const key of Object.keys(out)) {
        if (out[key] === undefined || String(out[key]) === String(endpoint[key] ?? '')) delete out[key];
      }
    }
    return out;
  };

  const stepTwoActions = [
    ...(editing ? [] : [{ label: 'Back', onClick: (dialog) => { showStep(false, dialog); return false; } }]),
    {
      label: 'Save', kind: 'primary', submit: true,
      onClick: async (dialog) => {
        const body = payload();
        try {
          const saved = editing
            ? await api.patch(`/endpoints/${segment(endpoint.uri_extension)}`, body)
            : await api.post('/endpoints', body);
          toast(`Endpoint ${saved.name} ${editing ? 'saved' : 'created'}`, 'ok');
          onSaved(saved);
          return true;
        } catch (error) {
          const placed = showErrors(dialog.body, error, { aliases: { type: 'certificate_type', cert_type: 'certificate_type' } });
          reveal(placed[0], dialog);
          return false;
        }
      },
    },
  ];

  const dialog = openDialog({
    title: editing ? `Edit Enrollment Endpoint: ${endpoint.name}` : 'Create Enrollment Endpoint',
    body,
    wide: true,
  });
  if (catalog.raCertificates.length === 0) {
    configuration.prepend(banner('warn', 'There is no SCEP RA certificate yet: issue one under Enrollment / SCEP RA Certificates first.'));
  }
  if (editing) {
    clear(steps);
    stepOne.classList.remove('hidden');
    stepTwo.classList.remove('hidden');
    dialog.setActions(stepTwoActions);
    name.focus();
  } else {
    showStep(false, dialog);
  }
  return dialog;
}
