// End-to-end test of the web console: a real `scepter serve` on loopback, Debian's chromium driven
// headless by playwright-core, and micromdm's scepclient enrolling with an access code read off
// the screen. Follows the product steps of adding a SCEP endpoint and an account to the letter.
//
// Environment: SCEPTER_BIN (required), SCEPCLIENT_BIN (default /usr/bin/scepclient), CHROMIUM_BIN
// (default /usr/bin/chromium), ARTIFACTS_DIR (screenshots; default ./test-artifacts/console),
// E2E_KEEP_WORK=1 keeps the server's data dir. Exit 77 (skipped) only when chromium,
// playwright-core or scepclient is not installed.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';

const SKIP = 77;
const run = promisify(execFile);
const scepterBin = process.env.SCEPTER_BIN;
const scepclientBin = process.env.SCEPCLIENT_BIN || '/usr/bin/scepclient';
const chromiumBin = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const artifacts = path.resolve(process.env.ARTIFACTS_DIR || 'test-artifacts/console');

function log(message) {
  process.stderr.write(`[console e2e] ${message}\n`);
}

for (const [what, file] of [['chromium', chromiumBin], ['scepclient', scepclientBin]]) {
  if (!existsSync(file)) {
    log(`SKIP: ${what} not installed at ${file} (bash scripts/install-deps.sh installs it)`);
    process.exit(SKIP);
  }
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  log('SKIP: playwright-core not installed (npm ci in tests/e2e; scripts/install-deps.sh does it)');
  process.exit(SKIP);
}
if (!scepterBin || !existsSync(scepterBin)) {
  log(`FAIL: SCEPTER_BIN (${scepterBin || 'unset'}) is not a file`);
  process.exit(1);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'scepter-console-'));
const data = path.join(work, 'data');
mkdirSync(artifacts, { recursive: true });
let server;
let browser;
let passed = 0;
const problems = []; // what the page logged as errors

async function scepter(...args) {
  const { stdout } = await run(scepterBin, [...args, '--data', data], { timeout: 60_000 });
  return stdout;
}

function httpsStatus(url, ca) {
  return new Promise((resolve) => {
    const request = https.get(url, { ca, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(0));
    request.on('timeout', () => request.destroy());
  });
}

async function step(name, body) {
  const started = Date.now();
  await body();
  passed += 1;
  log(`ok ${passed} - ${name} (${Date.now() - started} ms)`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

// micromdm's scepclient, in a directory of its own; resolves to the certificate's file.
async function enroll(url, challenge, cn) {
  const dir = path.join(work, `client-${cn}`);
  mkdirSync(dir, { recursive: true });
  try {
    await run(scepclientBin, ['-server-url', url, '-challenge', challenge, '-private-key', 'key.pem',
      '-certificate', 'cert.pem', '-cn', cn, '-organization', 'scepter-e2e', '-keySize', '2048'],
    { cwd: dir, timeout: 60_000 });
  } catch (error) {
    throw new Error(`scepclient failed for ${cn}: ${error.stderr || error.stdout || error.message}`);
  }
  return path.join(dir, 'cert.pem');
}

// Hex, lower case, without leading zeros: how the API and openssl spell a serial may differ there.
function normalSerial(text) {
  return text.trim().replace(/^serial=/, '').replace(/[^0-9a-f]/gi, '').toLowerCase().replace(/^0+/, '');
}

async function serialOf(pemFile) {
  const { stdout } = await run('openssl', ['x509', '-in', pemFile, '-noout', '-serial']);
  return normalSerial(stdout);
}

async function signIn(page, base, username, password) {
  await page.goto(`${base}/console/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'SCEP', exact: true }).waitFor();
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').waitFor();
}

async function navigate(page, label) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

function row(scope, text) {
  return scope.getByRole('row').filter({ hasText: text });
}

// A REST call with the signed-in admin's session, for set-up the test does not mean to click through.
function apiFromPage(page, method, apiPath, body) {
  return page.evaluate(async ({ method, apiPath, body }) => {
    const { token } = JSON.parse(sessionStorage.getItem('scepter.session'));
    const response = await fetch(`/api/v1${apiPath}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  }, { method, apiPath, body });
}

// The ports a server started on port 0 reports in its "http listening" lines, once both are there.
function listeningPorts(logText) {
  const ports = {};
  for (const [, scheme, port] of logText.matchAll(/http listening scheme=(https?) address=\S+ port=(\d+)/g)) {
    ports[scheme] = Number(port);
  }
  return ports.http && ports.https ? ports : null;
}

// Starts `scepter serve` on ports the kernel picks, and waits until it answers over HTTPS.
async function startServer(rootPem) {
  const logFile = path.join(work, 'server.log');
  const serverLog = createWriteStream(logFile, { flags: 'a' });
  server = spawn(scepterBin, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--https-listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  // Two sources share the file: it is closed when the process has closed both.
  server.stdout.pipe(serverLog, { end: false });
  server.stderr.pipe(serverLog, { end: false });
  let logText = '';
  server.stderr.on('data', (chunk) => { logText += chunk; });
  server.stdout.on('data', (chunk) => { logText += chunk; });
  const closed = new Promise((resolve) => server.on('close', resolve));
  closed.then(() => serverLog.end());
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ports = listeningPorts(logText);
    if (ports && await httpsStatus(`https://127.0.0.1:${ports.https}/healthz`, rootPem) === 200) return ports;
    if (server.exitCode !== null) throw new Error('scepter serve exited before answering');
    if (Date.now() > deadline) throw new Error('scepter serve did not answer over HTTPS within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  // ---------- server ----------
  const init = JSON.parse(await scepter('init', '--json'));
  const rootPem = readFileSync(init.ca_certificate, 'utf8');
  const mrao = JSON.parse(await scepter('admin', 'create', '--name', 'alice', '--role', 'mrao', '--json'));
  const { http: httpPort, https: httpsPort } = await startServer(rootPem);
  const scepBase = `http://127.0.0.1:${httpPort}`;
  const base = `https://127.0.0.1:${httpsPort}`;
  await step('the console is served over HTTPS only', async () => {
    assert.equal(await httpsStatus(`${base}/console/`, rootPem), 200);
    const plain = await fetch(`${scepBase}/console/`);
    assert.equal(plain.status, 403, 'plain HTTP must not serve the console');
  });

  browser = await chromium.launch({ executablePath: chromiumBin, headless: true, args: ['--no-sandbox'] });
  // The server's certificate chains to the root `init` made, which chromium does not know.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });

  await step('sign in as MRAO with a wrong password, then the right one', async () => {
    await page.goto(`${base}/console/`);
    await shot(page, '01-sign-in');
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    await page.getByLabel('Password').fill(mrao.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'SCEP', exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['SCEP', 'SCEP RA Certificates', 'Certificates', 'Pending Requests', 'Organizations', 'Certificate Profiles', 'Azure Accounts', 'Audit Log']) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }
    await page.getByText('No SCEP endpoints yet').waitFor();
    await shot(page, '02-scep-empty');
  });

  await step('create organizations and departments', async () => {
    await navigate(page, 'Organizations');
    const orgs = page.getByRole('region', { name: 'Organizations' });
    for (const [org, department] of [['Acme Corp', 'Engineering'], ['Globex', 'Sales']]) {
      await orgs.getByRole('button', { name: 'Add', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add Organization' });
      await dialog.getByLabel('Name').fill(org);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row(orgs, org).click();
      await page.getByRole('region', { name: 'Departments' }).getByRole('button', { name: 'Add', exact: true }).click();
      const departmentDialog = page.getByRole('dialog', { name: 'Add Department' });
      await departmentDialog.getByLabel('Name').fill(department);
      await departmentDialog.getByRole('button', { name: 'Save' }).click();
      await departmentDialog.waitFor({ state: 'detached' });
      await row(page.getByRole('region', { name: 'Departments' }), department).waitFor();
    }
    // A duplicate is refused, and the API's message shows beside the field.
    await orgs.getByRole('button', { name: 'Add', exact: true }).click();
    const duplicate = page.getByRole('dialog', { name: 'Add Organization' });
    await duplicate.getByLabel('Name').fill('Acme Corp');
    await duplicate.getByRole('button', { name: 'Save' }).click();
    await duplicate.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    await duplicate.getByRole('button', { name: 'Cancel' }).click();
    await row(orgs, 'Acme Corp').click();
    await shot(page, '03-organizations');
  });

  await step('create a certificate profile', async () => {
    await navigate(page, 'Certificate Profiles');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Certificate Profile' });
    await dialog.getByLabel('Name').fill('acme-client');
    await dialog.getByLabel('Certificate type').selectOption({ label: 'Client certificate' });
    await dialog.getByLabel('Terms (days)').fill('0');
    await shot(page, '04-profile-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Field-level problem details land beside the field.
    await dialog.locator('[data-field="terms_days"] .error').filter({ hasText: /term/i }).waitFor();
    await dialog.getByLabel('Terms (days)').fill('365, 730');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'acme-client').waitFor();
    await shot(page, '05-profiles');
  });

  await step('rename and delete an organization, edit a profile', async () => {
    await navigate(page, 'Organizations');
    const orgs = page.getByRole('region', { name: 'Organizations' });
    await orgs.getByRole('button', { name: 'Add', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'Add Organization' });
    await add.getByLabel('Name').fill('Initech');
    await add.getByRole('button', { name: 'Save' }).click();
    await add.waitFor({ state: 'detached' });
    await row(orgs, 'Initech').click();
    await orgs.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Initech' });
    await rename.getByLabel('Name').fill('Initrode');
    await rename.getByRole('button', { name: 'Save' }).click();
    await rename.waitFor({ state: 'detached' });
    await row(orgs, 'Initrode').click();
    await orgs.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete organization Initrode?' });
    await confirm.getByText('The organization Initrode').waitFor();
    await confirm.getByRole('button', { name: 'Delete organization' }).click();
    await row(orgs, 'Initrode').waitFor({ state: 'detached' });
    // An organization that still has departments stays, and the server says what holds it.
    await row(orgs, 'Acme Corp').click();
    await orgs.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete organization Acme Corp?' }).getByRole('button', { name: 'Delete organization' }).click();
    await page.locator('.toast.error').filter({ hasText: "department 'Engineering'" }).waitFor();
    await row(orgs, 'Acme Corp').waitFor();

    await navigate(page, 'Certificate Profiles');
    await row(page, 'acme-client').click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Certificate Profile acme-client' });
    assert.equal(await edit.getByLabel('Certificate type').isDisabled(), true, 'the certificate type is fixed');
    await edit.getByLabel('Terms (days)').fill('365, 730, 90');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await row(page, 'acme-client').filter({ hasText: '90 days' }).waitFor();
  });

  await step('add a SCEP endpoint exactly as the product steps say', async () => {
    // 1. Navigate to Enrollment > SCEP.
    await navigate(page, 'SCEP');
    // 2. Click the Add icon.
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    // 3. In the Create Enrollment Endpoint dialog, provide a name.
    const dialog = page.getByRole('dialog', { name: 'Create Enrollment Endpoint' });
    await dialog.getByLabel('Name').fill('Acme Laptops');
    // 4. Select the type of certificate to be issued through the endpoint.
    await dialog.getByLabel('Certificate type').selectOption({ label: 'Client certificate SCEP' });
    await shot(page, '06-endpoint-dialog-start');
    // 5. Click Next.
    await dialog.getByRole('button', { name: 'Next' }).click();
    // 6. Details tab: the URI extension, with the resulting URL shown live.
    await dialog.getByRole('tab', { name: 'Details' }).click();
    await dialog.getByLabel('URI Extension').fill('bad extension!');
    await dialog.getByRole('tab', { name: 'Configuration' }).click();
    // 7. Configuration tab.
    await dialog.getByLabel('SCEP RA Certificate').selectOption('default-ra');
    await dialog.getByLabel('GetCACert Response Format').selectOption({ label: 'Chain in CMS' });
    await dialog.getByLabel('GetCert Response Format').selectOption({ label: 'Single Certificate' });
    await shot(page, '07-endpoint-dialog-configuration');
    // 8. Click Save: the bad URI extension is refused and shown beside its field, on its tab.
    await dialog.getByRole('button', { name: 'Save' }).click();
    const uriError = dialog.locator('[data-field="uri_extension"] .error');
    await uriError.filter({ hasText: /uri_extension/ }).waitFor();
    assert.equal(await dialog.getByRole('tab', { name: 'Details' }).getAttribute('aria-selected'), 'true');
    await dialog.getByLabel('URI Extension').fill('acme-laptops');
    assert.equal(await dialog.locator('[data-live-url]').textContent(), `${scepBase}/scep/acme-laptops`);
    await shot(page, '08-endpoint-dialog-details');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const endpointRow = row(page, 'Acme Laptops');
    await endpointRow.getByText('Client certificate SCEP').waitFor();
    await endpointRow.getByText(`${scepBase}/scep/acme-laptops`).waitFor();
    await endpointRow.getByText('General').waitFor();
    await endpointRow.getByRole('button', { name: 'Copy URL of Acme Laptops' }).waitFor();
    await shot(page, '09-scep-endpoints');
  });

  await step('edit shows the fixed fields read-only', async () => {
    await row(page, 'Acme Laptops').click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Edit Enrollment Endpoint/ });
    assert.equal(await dialog.getByLabel('Certificate type').isDisabled(), true);
    assert.equal(await dialog.getByLabel('Name').inputValue(), 'Acme Laptops');
    await dialog.getByRole('tab', { name: 'Configuration' }).click();
    await dialog.getByLabel('GetCert Response Format').selectOption({ label: 'Full Chain' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  await step('group by type and delegation, open Delegate', async () => {
    await page.getByLabel('Group').selectOption({ label: 'Group by type' });
    await page.getByRole('row', { name: /Client certificate SCEP \(1\)/ }).waitFor();
    await row(page, 'Acme Laptops').click();
    await page.getByRole('button', { name: 'Delegate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delegate Acme Laptops' });
    await dialog.getByText('Customized').click();
    await dialog.getByRole('checkbox', { name: /Acme Corp/ }).check();
    await dialog.getByRole('checkbox', { name: 'Sales' }).check();
    await shot(page, '10-delegate');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByLabel('Group').selectOption({ label: 'Group by delegation' });
    await page.getByRole('row', { name: /Delegation: Customized \(1\)/ }).waitFor();
    await row(page, 'Acme Laptops').getByText('Customized').waitFor();
    await page.getByLabel('Group').selectOption({ label: 'No grouping' });
  });

  let accessCode;
  await step('add an account and read its access code from the screen', async () => {
    // 1-2. Navigate to Enrollment > SCEP, select the endpoint and click Accounts.
    await navigate(page, 'SCEP');
    await row(page, 'Acme Laptops').click();
    await page.getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts of Acme Laptops' }).waitFor();
    // 3. Click the Add icon.
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    // 4. Complete the Create SCEP account dialog.
    const dialog = page.getByRole('dialog', { name: 'Create SCEP account' });
    await dialog.getByLabel('Name').fill('laptop-01');
    await dialog.getByLabel('Organization').selectOption('Acme Corp');
    await dialog.getByLabel('Department').selectOption('Engineering');
    await dialog.getByLabel('Certificate Profile').selectOption('acme-client');
    await dialog.getByLabel('Term').selectOption('365');
    await shot(page, '11-account-dialog');
    // 5. Click Save.
    await dialog.getByRole('button', { name: 'Save' }).click();
    const shown = page.getByRole('dialog', { name: 'SCEP account created' });
    accessCode = (await shown.locator('[data-secret="Access Code"]').textContent()).trim();
    assert.match(accessCode, /^[A-Za-z0-9 '()+,\-./:=?]{16,}$/);
    await shot(page, '12-access-code');
    await shown.getByRole('button', { name: 'Done' }).click();
    await row(page, 'laptop-01').waitFor();
    await shot(page, '13-accounts');
  });

  let serial;
  await step('scepclient enrolls with the code from the screen', async () => {
    const pem = await enroll(`${scepBase}/scep/acme-laptops`, accessCode, 'laptop-01.acme.test');
    serial = await serialOf(pem);
  });

  await step('the certificate appears on Certificates and is revoked there', async () => {
    await navigate(page, 'Certificates');
    const certificate = row(page, 'laptop-01.acme.test');
    await certificate.getByText('Valid').waitFor();
    await certificate.click();
    await page.getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('dialog', { name: 'Certificate details' });
    const shownSerial = await details.locator('dd code').nth(1).textContent();
    assert.equal(normalSerial(shownSerial), serial);
    await shot(page, '14-certificate-details');
    await details.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('button', { name: 'Revoke' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke certificate' });
    await revoke.getByLabel('Reason').selectOption('keyCompromise');
    await shot(page, '15-revoke');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await revoke.waitFor({ state: 'detached' });
    await row(page, 'laptop-01.acme.test').getByText('Revoked').waitFor();
    await shot(page, '16-certificates');
  });

  await step('a request held for approval is approved on Pending Requests', async () => {
    await navigate(page, 'Certificate Profiles');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Certificate Profile' });
    await dialog.getByLabel('Name').fill('acme-approved');
    await dialog.getByLabel(/need an administrator's approval/).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'acme-approved').getByText('Required').waitFor();
    const held = await apiFromPage(page, 'POST', '/endpoints/acme-laptops/accounts',
      { name: 'laptop-held', organization: 'Acme Corp', department: 'Engineering', profile: 'acme-approved', term_days: 365 });
    // scepclient polls again only after 30 s: the approval is checked on the server, and the client stopped.
    const dir = path.join(work, 'client-held');
    mkdirSync(dir, { recursive: true });
    const client = spawn(scepclientBin, ['-server-url', `${scepBase}/scep/acme-laptops`, '-challenge', held.access_code,
      '-private-key', 'key.pem', '-certificate', 'cert.pem', '-cn', 'laptop-held.acme.test', '-keySize', '2048'], { cwd: dir, stdio: 'ignore' });
    try {
      await navigate(page, 'Pending Requests');
      const until = Date.now() + 30_000;
      while (await row(page, 'laptop-held.acme.test').count() === 0) {
        if (Date.now() > until) throw new Error('the held request never appeared on Pending Requests');
        await page.getByRole('button', { name: 'Refresh' }).click();
        await page.waitForTimeout(500);
      }
      await row(page, 'laptop-held.acme.test').click();
      await shot(page, '17-pending-requests');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('dialog', { name: 'Approve request' }).getByRole('button', { name: 'Approve' }).click();
      await page.getByText('No pending requests').waitFor();
    } finally {
      client.kill('SIGTERM');
    }
    await navigate(page, 'Certificates');
    await row(page, 'laptop-held.acme.test').getByText('Valid').waitFor();
  });

  await step('the other screens load: RA certificates, Azure, pending requests, audit', async () => {
    await navigate(page, 'SCEP RA Certificates');
    await row(page, 'default-ra').click();
    await page.getByRole('button', { name: 'Details' }).click();
    await page.getByRole('dialog', { name: 'SCEP RA Certificate default-ra' }).getByText('SHA-256 fingerprint').waitFor();
    await shot(page, '18-ra-certificate');
    await page.keyboard.press('Escape');
    await navigate(page, 'Azure Accounts');
    await page.locator('.state').first().waitFor();
    await shot(page, '19-azure-accounts');
    await navigate(page, 'Pending Requests');
    await page.getByText('No pending requests').waitFor();
    await navigate(page, 'Audit Log');
    await page.getByLabel('Action', { exact: true }).fill('endpoint.');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await row(page, 'endpoint:acme-laptops').first().waitFor();
    await shot(page, '20-audit');
  });

  await step('a narrow window keeps the console usable', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    // The navigation folds away behind the Menu button.
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await shot(page, '21-narrow-menu');
    await navigate(page, 'SCEP');
    await row(page, 'Acme Laptops').waitFor();
    await shot(page, '22-narrow-scep');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  // Globex gets its own account and certificate on the same endpoint: the RAO of Acme must not see them.
  const globex = await apiFromPage(page, 'POST', '/endpoints/acme-laptops/accounts',
    { name: 'globex-01', organization: 'Globex', department: 'Sales', profile: 'acme-client', term_days: 365 });
  await enroll(`${scepBase}/scep/acme-laptops`, globex.access_code, 'globex-01.globex.test');

  await step('an RAO sees only its organization', async () => {
    const rao = JSON.parse(await scepter('admin', 'create', '--name', 'bob', '--role', 'rao', '--org', 'Acme Corp', '--json'));
    await signOut(page);
    await signIn(page, base, 'bob', rao.password);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const hidden of ['Audit Log', 'Azure Accounts', 'SCEP RA Certificates']) {
      assert.equal(await nav.getByRole('link', { name: hidden, exact: true }).count(), 0, `${hidden} shown to an RAO`);
    }
    assert.equal(await page.getByRole('button', { name: 'Add', exact: true }).count(), 0, 'an RAO may not add endpoints');
    await row(page, 'Acme Laptops').click();
    await page.getByRole('button', { name: 'Accounts' }).click();
    await row(page, 'laptop-01').waitFor();
    assert.equal(await row(page, 'globex-01').count(), 0, 'the RAO sees another organization\'s account');
    await shot(page, '23-rao-accounts');
    await navigate(page, 'Organizations');
    await row(page, 'Acme Corp').waitFor();
    assert.equal(await row(page, 'Globex').count(), 0, 'the RAO sees another organization');
    await navigate(page, 'Certificates');
    await row(page, 'laptop-01.acme.test').waitFor();
    assert.equal(await row(page, 'globex-01.globex.test').count(), 0, 'the RAO sees another organization\'s certificate');
    await shot(page, '24-rao-certificates');
    await page.goto(`${base}/console/#/audit`);
    await page.getByText('Your role does not give access to this screen.').waitFor();
  });

  await step('no script errors in the browser', async () => {
    // 4xx answers the console asked for on purpose (wrong password, bad fields) log as resource errors.
    const unexpected = problems.filter((p) => !/Failed to load resource: the server responded with a status of (401|403|409|422|501)/.test(p));
    assert.deepEqual(unexpected, []);
  });
}

let status = 0;
try {
  await main();
  log(`screenshots in ${artifacts}`);
} catch (error) {
  status = 1;
  log(`FAIL: ${error.stack || error.message}`);
  if (problems.length) log(`browser errors:\n${problems.join('\n')}`);
  await browser?.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(artifacts, 'failure.png'), fullPage: true }).catch(() => {});
  const serverLog = path.join(work, 'server.log');
  if (existsSync(serverLog)) log(`server.log (tail):\n${readFileSync(serverLog, 'utf8').split('\n').slice(-30).join('\n')}`);
} finally {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => { server.once('exit', resolve); setTimeout(resolve, 10_000); });
  }
  if (process.env.E2E_KEEP_WORK === '1') log(`work dir kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${passed} passed, ${status} failed\n`);
process.exit(status);
