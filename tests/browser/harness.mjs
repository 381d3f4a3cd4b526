// Shared pieces of Hearth's browser tests: the server under test, the browser, axe-core, and a
// tiny step runner. Nothing here downloads anything: the browser is Debian's chromium and the
// npm packages come from tests/browser/package-lock.json (scripts/install-deps runs `npm ci`).
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const screenshotDir = path.join(here, 'screenshots');

// ---------------------------------------------------------------------------------------------
// The server: `$HEARTH_BIN serve` on a free port with a fresh data directory.

export async function startServer({ startTimeoutMs = 30_000 } = {}) {
  const bin = process.env.HEARTH_BIN;
  if (!bin) throw new Error('HEARTH_BIN is not set (ctest sets it; by hand: HEARTH_BIN=build/dev/hearth)');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hearth-browser-'));
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const baseURL = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not say "listening on" within ${startTimeoutMs} ms`), startTimeoutMs);
    function fail(why) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`hearth serve ${why}\n--- server output ---\n${output}`));
    }
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/[^\s]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('error', (e) => fail(`could not start ${bin}: ${e.message}`));
    exited.then(({ code, signal }) => fail(`exited early (code ${code}, signal ${signal})`));
  });
  // Should the test process die or be stopped (ctest's timeout), do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  const killOnSignal = (signal) => {
    child.kill('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);

  async function stop({ timeoutMs = 15_000 } = {}) {
    process.off('exit', killOnExit);
    process.off('SIGINT', killOnSignal);
    process.off('SIGTERM', killOnSignal);
    let result;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      result = await exited;
      clearTimeout(timer);
    } else {
      result = await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
    return { ...result, output };
  }
  // dataDir: for `hearth admin grant … --data` (platform admins are made by the operator).
  return { baseURL, dataDir, stop, output: () => output };
}

// ---------------------------------------------------------------------------------------------
// The browser: Debian's chromium, never a downloaded one.
//
// chromium.launch() gives every run a fresh profile: Playwright creates a temporary
// user-data-dir with mkdtemp and deletes it on close (it refuses a --user-data-dir argument).
// We need launch() rather than launchPersistentContext() because the tests use several isolated
// contexts in one browser (JavaScript on and off, desktop and phone).

export const chromiumPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A context for the server under test. Unless told otherwise it bypasses the pages'
// Content-Security-Policy: Hearth sends `script-src 'self'`, which (rightly) blocks the inline
// <script> through which axe-core is injected. That bypass belongs to the test harness only —
// the product still sends its CSP — so `watchPage` below makes sure that pages opened in a
// context WITHOUT the bypass cause no CSP violation, and that no page asks for anything from
// another origin.
//
// HEARTH_CSS=path/to/hearth.css serves that file instead of the stylesheet embedded in the
// binary, to iterate on the CSS and its screenshots without rebuilding. Never set it in CI.
export async function newContext(browser, baseURL, options = {}) {
  const context = await browser.newContext({ baseURL, bypassCSP: true, locale: 'en-GB', timezoneId: 'UTC', ...options });
  context.setDefaultTimeout(20_000);  // a sanitizer build is slow, but nothing should take this long
  if (process.env.HEARTH_CSS) {
    const body = await readFile(process.env.HEARTH_CSS, 'utf8');
    await context.route(/\/assets\/hearth\.[0-9a-f]+\.css$/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/css; charset=utf-8', body }));
  }
  return context;
}

// Collects what a page should never do: CSP violations, script errors, third-party requests,
// failed requests for our own assets. Call problems() after the page has been exercised.
export function watchPage(page, baseURL) {
  const origin = new URL(baseURL).origin;
  const found = [];
  page.on('console', (msg) => {
    // "Failed to load resource" also follows every 4xx page (a form with errors is a 400, the
    // not-found page a 404); the steps check those statuses themselves, assets are checked below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      found.push(`console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (e) => found.push(`script error: ${e.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('about:')) return;
    if (new URL(url).origin !== origin) found.push(`third-party request: ${url}`);
  });
  page.on('requestfailed', (req) => {
    // Leaving a page aborts what it was still loading (often the favicon): not a fault.
    const why = req.failure()?.errorText;
    if (why !== 'net::ERR_ABORTED') found.push(`request failed: ${req.url()} (${why})`);
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith('/assets/') && res.status() >= 400) found.push(`asset ${url.pathname}: ${res.status()}`);
  });
  return { problems: () => found.splice(0) };
}

// ---------------------------------------------------------------------------------------------
// Accessibility: axe-core with the WCAG 2.0, 2.1 and 2.2 level A and AA rules.

const require = createRequire(import.meta.url);
let axeSource;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function checkA11y(page, label) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Inline script: needs the context's bypassCSP (see newContext).
    await page.addScriptTag({ content: axeSource });
  }
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, wcagTags);
  if (result.length === 0) return;
  const lines = [`${result.length} accessibility violation(s) on ${label} (${page.url()}):`];
  for (const v of result) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) lines.push(`      ${n.target}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`);
  }
  throw new A11yViolations(lines.join('\n'));
}

export class A11yViolations extends Error {}

// Runs axe in light and dark and takes a screenshot of each: `<name>-light.png`, `<name>-dark.png`.
// Violations fail the current step, but only once it has finished, so that the journey goes on
// and one run lists the problems of every page.
export async function checkBothSchemes(page, name) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    try {
      await checkA11y(page, `${name} (${colorScheme})`);
    } catch (e) {
      if (!(e instanceof A11yViolations)) throw e;
      failLater(e);
    }
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

let deferred = null;  // the running step's failures that need not stop its group

function failLater(error) {
  if (!deferred) throw error;
  deferred.push(error);
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

// ---------------------------------------------------------------------------------------------
// A minimal runner: named groups of dependent steps. After a step fails, the rest of its group
// is skipped (they would only fail for the same reason); other groups still run. Accessibility
// violations found by checkBothSchemes fail their step without stopping the group.

export class Runner {
  passed = 0;
  failed = 0;
  skipped = 0;

  group(name) {
    let broken = false;
    return async (stepName, fn) => {
      const title = `${name} › ${stepName}`;
      if (broken) {
        this.skipped++;
        console.log(`- skip ${title}`);
        return;
      }
      const started = performance.now();
      deferred = [];
      try {
        await fn();
        if (deferred.length) {
          this.failed++;
          console.log(`✗ ${title}\n${indent(deferred.map((e) => e.message).join('\n'))}`);
        } else {
          this.passed++;
          console.log(`✓ ${title} (${Math.round(performance.now() - started)} ms)`);
        }
      } catch (e) {
        broken = true;
        this.failed++;
        console.log(`✗ ${title}\n${indent([...deferred, e].map((x) => x?.stack || String(x)).join('\n'))}`);
      } finally {
        deferred = null;
      }
    };
  }

  summary() {
    const skipped = this.skipped ? `, ${this.skipped} skipped` : '';
    console.log(`${this.passed} passed, ${this.failed} failed${skipped}`);
    return this.failed === 0 && this.skipped === 0;
  }
}

function indent(text) {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// One browser test file: a server and a browser for its journeys, a watchdog, and the summary.
// `journeys({ run, server, browser })` runs the steps; anything it throws that a step did not
// catch (the server would not start, an API set-up call failed) counts as a failure. With
// checkShutdown, the server must also stop cleanly (exit code 0) on SIGTERM.

export async function runJourney(title, journeys, { timeoutMs = 240_000, checkShutdown = false } = {}) {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.log(`✗ the ${title} did not finish within ${timeoutMs / 1000} s`);
    process.exit(1);  // the exit hooks stop the server; Playwright closes chromium
  }, timeoutMs);
  watchdog.unref();
  const run = new Runner();
  let server;
  let browser;
  try {
    server = await startServer();
    browser = await launchBrowser();
    console.log(`hearth at ${server.baseURL}; chromium ${browser.version()}`);
    if (process.env.HEARTH_CSS) console.log(`NOTE: serving ${process.env.HEARTH_CSS} instead of the embedded stylesheet`);
    await journeys({ run, server, browser });
  } catch (e) {
    run.failed++;
    console.log(`✗ could not run the ${title}\n${e?.stack || e}`);
  } finally {
    await browser?.close();
    if (server) {
      const stopped = await server.stop();
      if (checkShutdown) {
        const step = run.group('server');
        await step('shuts down cleanly on SIGTERM', () => {
          expect(stopped.code === 0, `exit code ${stopped.code}, signal ${stopped.signal}\n${stopped.output.slice(-3000)}`);
        });
      }
    }
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = run.summary() ? 0 : 1;
}

// A suffix that keeps logins and group names apart between runs.
export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

// ---------------------------------------------------------------------------------------------
// Set-up through the JSON API. `baseURL` is a function because the server starts after the
// test file has made its client. Every call must succeed: a failed set-up fails the step.

export function apiClient(baseURL, { password, suffix }) {
  async function request(method, path, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(new URL(path, baseURL()), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  }
  // An account and a session for it: `${prefix}_${suffix}`.
  async function account(prefix) {
    const login = `${prefix}_${suffix}`;
    await request('POST', '/api/v1/accounts', { login, password });
    const session = await request('POST', '/api/v1/sessions', { login, password });
    return { login, token: session.token, name: prefix };
  }
  const api = (who, method, path, body) => request(method, path, body, who.token);
  return { request, account, api };
}

// ---------------------------------------------------------------------------------------------
// Pages and forms.

// Goes to a page and checks its status (200 unless told otherwise).
export async function goto(page, url, { allowStatus = [200] } = {}) {
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response, `no response for ${url}`);
  expect(allowStatus.includes(response.status()), `${url} answered ${response.status()}`);
  return response;
}

// Clicks a submit button and waits for the page it leads to (a POST, maybe a redirect).
export async function submit(page, name) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name, exact: true }).first().click(),
  ]);
}

export async function expectHeading(page, text) {
  const h1 = await page.locator('h1').allTextContents();
  expect(h1.length === 1 && h1[0].trim() === text, `expected one <h1> "${text}", found ${JSON.stringify(h1)} at ${page.url()}`);
}

// The sign-up and log-in forms share these two fields.
export async function fillCredentials(page, login, password) {
  await page.getByLabel('Login name').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

// A new context (options as for newContext) whose page has logged in through /login.
export async function loggedInPage(browser, baseURL, login, password, options = {}) {
  const context = await newContext(browser, baseURL, options);
  const page = await context.newPage();
  const watch = watchPage(page, baseURL);
  await goto(page, '/login');
  await fillCredentials(page, login, password);
  await submit(page, 'Log in');
  return { context, page, watch };
}

// A logged-in browser for an account from apiClient().account (one per account, reused);
// `people` collects them so that the journey can close them and check their pages' problems.
export async function browseAs(browser, baseURL, who, password, people) {
  if (who.browser) return who.browser;
  const { context, page, watch } = await loggedInPage(browser, baseURL, who.login, password);
  who.browser = { name: who.name, context, page, watch };
  people.push(who.browser);
  return who.browser;
}

// Nothing on the page is wider than the viewport, and the elements matched by `selfSelector`
// fit inside themselves too (a form can overflow without the page scrolling).
export async function expectNoSidewaysScroll(page, name, selfSelector = '.site-header, .header-row, .nav-list, form, .field') {
  const widths = await page.evaluate((selector) => {
    const wide = [];
    for (const el of document.querySelectorAll('header *, main *, footer *')) {
      const r = el.getBoundingClientRect();
      if (r.right > document.documentElement.clientWidth + 0.5) wide.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    for (const el of document.querySelectorAll(selector)) {
      if (el.scrollWidth > el.clientWidth + 1) wide.push(`${el.tagName.toLowerCase()}.${el.className} (overflows itself)`);
    }
    return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, wide };
  }, selfSelector);
  expect(widths.scroll <= widths.client && widths.wide.length === 0,
    `${name} scrolls sideways: scrollWidth ${widths.scroll} > clientWidth ${widths.client}; too wide: ${widths.wide.slice(0, 8).join(', ')}`);
}

// One step per person from browseAs: none of their pages broke the CSP, failed a request or
// asked another origin.
export async function expectNoPageProblems(step, people) {
  for (const who of people) {
    await step(`no page of ${who.name} broke the CSP, failed a request or asked another origin`, async () => {
      const problems = who.watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });
  }
}
