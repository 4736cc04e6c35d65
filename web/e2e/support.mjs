// Starts a real kefu server on demo data and Debian's chromium for the end-to-end tests.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = resolve(HERE, '..');
export const OUTPUT_DIR = resolve(HERE, 'output');
const KEFU = process.env.KEFU_BIN ?? resolve(WEB_DIR, '../build/bin/kefu');
const CHROMIUM = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
const START_TIMEOUT_MS = 20_000;

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitReady(url, child) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kefu exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('kefu did not become ready');
}

// Seeds a fresh data directory and serves it with the built console (web/dist).
export async function startKefu() {
  const data = mkdtempSync(join(tmpdir(), 'kefu-e2e-'));
  const password = 'E2e-Test-2026!';
  const seed = execFileSync(KEFU, ['seed-demo', '--data', data, '--tickets', '400', '--admin-password', password], { encoding: 'utf8' });
  const login = /admin login: (\S+)/.exec(seed);
  if (!login) throw new Error(`seed-demo printed no admin login:\n${seed}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(KEFU, ['serve', '--listen', `127.0.0.1:${port}`, '--data', data, '--web', join(WEB_DIR, 'dist')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  await waitReady(url, child);
  return {
    url,
    admin: { email: login[1], password },
    log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A page that fails the test on any console error or uncaught exception.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (msg) => {
    // A refused request (the wrong-password test's 401) is logged by chromium itself; only
    // the page's own errors count.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) page.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
  return page;
}

export async function signIn(page, url, { email, password }) {
  await page.goto(`${url}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

// Opens an Element Plus select and clicks the option with this text.
// A click during a dialog's opening animation can miss the select, so it is clicked again
// when its menu has not appeared.
export async function choose(page, select, optionText) {
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first();
  await select.click();
  if (!(await option.waitFor({ timeout: 3000 }).then(() => true, () => false))) await select.click();
  await option.click();
}

// Picks a language from the top bar's language menu ('zh-CN' or 'en').
export async function switchLanguage(page, language) {
  await page.locator('[data-test=language-switch]').first().click();
  const item = page.locator(`[data-test=language-${language}]:visible`);
  if (!(await item.waitFor({ timeout: 3000 }).then(() => true, () => false))) {
    await page.locator('[data-test=language-switch]').first().click();
  }
  await item.click();
}

// A fresh server on demo data, a browser, and the admin signed in on one page (and holding
// an API token): how the settings test files start.
export async function adminSession() {
  const server = await startKefu();
  const browser = await launchBrowser();
  const page = await newPage(browser);
  const adminToken = await apiLogin(server, server.admin.email, server.admin.password);
  await signIn(page, server.url, server.admin);
  return { server, browser, page, adminToken };
}

// Waits for the message ('success', 'warning', 'error') that contains this text, such as
// the one naming what was just saved.
export async function toast(page, text, type = 'success') {
  await page.locator(`.el-message--${type}`, { hasText: text }).first().waitFor();
}

// Waits until no dialog or message box is showing (their closing animations included).
export async function overlaysGone(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((e) => getComputedStyle(e).display === 'none'));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: false });
}

export async function api(server, token, method, path, body) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

export async function apiLogin(server, email, password) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return (await res.json()).access_token;
}
