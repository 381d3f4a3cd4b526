// A member's first visit, end to end, in a real browser: sign up, keep the recovery codes, log
// out and in, set time zone, region and language, find the region's support services, log out.
// Every page is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark. Then the
// same core journey with JavaScript off, and every page on a 360 px wide phone.
//   HEARTH_BIN=build/dev/hearth node journey.test.mjs      (ctest: ctest -L browser)
// Screenshots land in tests/browser/screenshots/ (not committed).
import { rm } from 'node:fs/promises';
import {
  checkBothSchemes, expect, expectHeading, expectNoSidewaysScroll, goto, newContext, runJourney, screenshot,
  screenshotDir, submit, uniqueSuffix, watchPage,
} from './harness.mjs';

const choice = { timeZone: 'Australia/Sydney', region: 'AU', regionName: 'Australia', language: 'de' };
const password = 'quiet harbour lanterns';
const uniqueLogin = (prefix) => `${prefix}_${uniqueSuffix()}`;

let run;
let server;
let browser;
await rm(screenshotDir, { recursive: true, force: true });

await runJourney('browser tests', async (ctx) => {
  ({ run, server, browser } = ctx);
  await memberJourney();
  await journeyWithoutJavaScript();
  await narrowPhone();
}, { checkShutdown: true });

// ---------------------------------------------------------------------------------------------

async function memberJourney() {
  const step = run.group('journey');
  const context = await newContext(browser, server.baseURL);
  const page = await context.newPage();
  const watch = watchPage(page, server.baseURL);
  const login = uniqueLogin('ember');

  try {
    await step('guest home', async () => {
      await goto(page, '/');
      await expectHeading(page, 'Support from people who understand');
      await expectNav(page, { member: false });
      await checkBothSchemes(page, '01-guest-home');
    });

    await step('keyboard: the skip link comes first, shows, and moves focus to the content', async () => {
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      expect(await skip.evaluate((el) => el === document.activeElement), 'the first Tab does not reach the skip link');
      const box = await skip.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0, `the focused skip link is off screen: ${JSON.stringify(box)}`);
      await screenshot(page, '01-guest-home-skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id) === 'main', 'focus did not move to <main>');
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => document.activeElement?.textContent.trim());
      expect(next === 'Join Hearth', `after skipping, Tab reached "${next}"`);
      await screenshot(page, '01-guest-home-focus');
    });

    await step('sign-up form', async () => {
      await page.getByRole('link', { name: 'Join Hearth' }).first().click();
      await page.waitForURL('**/signup');
      await expectHeading(page, 'Join Hearth');
      await checkBothSchemes(page, '02-signup');
    });

    await step('sign-up with a mistake shows an accessible error', async () => {
      await page.getByLabel('Login name').fill(login);
      await page.getByLabel('Password', { exact: true }).fill('short');
      await submit(page, 'Create my account');
      await expectHeading(page, 'Join Hearth');
      const password = page.getByLabel('Password', { exact: true });
      expect((await password.getAttribute('aria-invalid')) === 'true', 'the password field is not marked invalid');
      expect((await password.getAttribute('aria-describedby') || '').split(' ').includes('f-password-error'),
        'the password field is not described by its error message');
      expect(await page.getByRole('alert').isVisible(), 'no error summary with role=alert');
      expect((await page.getByLabel('Login name').inputValue()) === login, 'the login name was not kept');
      await checkBothSchemes(page, '03-signup-error');
    });

    await step('sign-up shows recovery codes', async () => {
      await page.getByLabel('Password', { exact: true }).fill(password);
      await submit(page, 'Create my account');
      await expectHeading(page, 'Welcome to Hearth');
      const codes = await page.locator('.recovery-code').allTextContents();
      expect(codes.length >= 5, `expected recovery codes, found ${codes.length}`);
      expect(codes.every((c) => /^[a-z0-9]{4}(-[a-z0-9]{4})+$/.test(c.trim())), `odd codes: ${codes.join(', ')}`);
      await expectNav(page, { member: true });
      await checkBothSchemes(page, '04-signup-done');
    });

    await step('continue to the member home', async () => {
      await page.getByRole('link', { name: /saved my codes/ }).click();
      await expectHeading(page, 'Welcome back');
      await expectNav(page, { member: true });
      await checkBothSchemes(page, '05-member-home');
    });

    await step('log out', async () => {
      await submit(page, 'Log out');
      await expectHeading(page, 'Support from people who understand');
      await expectNav(page, { member: false });
    });

    await step('log in', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).click();
      await expectHeading(page, 'Log in');
      await checkBothSchemes(page, '06-login');
      await page.getByLabel('Login name').fill(login);
      await page.getByLabel('Password').fill(password);
      await submit(page, 'Log in');
      await expectHeading(page, 'Welcome back');
    });

    await step('settings', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await expectHeading(page, 'Settings');
      // WCAG 1.3.5: the member's own country and language say what they are.
      expect((await page.getByLabel('Country or region').getAttribute('autocomplete')) === 'country',
        'the region select lacks autocomplete="country"');
      expect((await page.getByLabel('Preferred language').getAttribute('autocomplete')) === 'language',
        'the language select lacks autocomplete="language"');
      await checkBothSchemes(page, '07-settings');
    });

    await step('change time zone, region and language, and save', async () => {
      await page.getByLabel('Time zone').selectOption(choice.timeZone);
      await page.getByLabel('Country or region').selectOption(choice.region);
      await page.getByLabel('Preferred language').selectOption(choice.language);
      await submit(page, 'Save preferences');
      await page.waitForURL('**/settings?saved=preferences');
      const status = page.getByRole('status');
      expect((await status.textContent()).includes('Your preferences are saved.'), 'no confirmation shown');
      await expectSelected(page, choice);
      await checkBothSchemes(page, '08-settings-saved');
    });

    await step(`help page shows services for ${choice.regionName}`, async () => {
      await page.getByRole('link', { name: 'Get help now' }).first().click();
      await expectHeading(page, 'Get help now');
      await page.getByRole('heading', { level: 2, name: `Support in ${choice.regionName}` }).waitFor();
      const services = await page.locator('.service h3').allTextContents();
      expect(services.includes('Lifeline'), `expected Lifeline among ${services.join(', ')}`);
      expect((await page.getByLabel('Show services for').inputValue()) === choice.region, 'region not preselected');
      expect(await page.locator('a[href^="tel:"]').count() > 0, 'no tap-to-call links');
      await checkBothSchemes(page, '09-help');
    });

    await step('log out to the guest home', async () => {
      await submit(page, 'Log out');
      await expectHeading(page, 'Support from people who understand');
      await expectNav(page, { member: false });
      await goto(page, '/settings', { allowStatus: [200, 401, 403] });
      expect(new URL(page.url()).pathname !== '/settings' || !(await page.getByLabel('Time zone').count()),
        'settings are still reachable after logging out');
    });

    await step('guest help page and region picker', async () => {
      await goto(page, '/help');
      await checkBothSchemes(page, '09b-help-guest');
      await page.getByLabel('Show services for').selectOption('GB');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL('**/help?region=GB');
      await page.getByRole('heading', { level: 2, name: 'Support in United Kingdom' }).waitFor();
      await checkBothSchemes(page, '09c-help-guest-gb');
    });

    await step('account recovery form', async () => {
      await goto(page, '/recover');
      await expectHeading(page, 'Get back into your account');
      await checkBothSchemes(page, '10-recover');
    });

    await step('404 page', async () => {
      await goto(page, '/no/such/page', { allowStatus: [404] });
      await expectHeading(page, "We couldn't find that page");
      await checkBothSchemes(page, '11-not-found');
    });

    await step('no CSP violations, script errors or third-party requests', async () => {
      // This context bypasses CSP for axe, so only script errors and foreign requests count here;
      // the phone check below runs with the real CSP.
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await context.close();
  }
}

// Every step a member needs must work with JavaScript switched off.
async function journeyWithoutJavaScript() {
  const step = run.group('without JavaScript');
  const context = await newContext(browser, server.baseURL, { javaScriptEnabled: false, bypassCSP: false });
  const page = await context.newPage();
  const login = uniqueLogin('nojs');
  try {
    await step('sign up', async () => {
      await goto(page, '/signup');
      await page.getByLabel('Login name').fill(login);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await submit(page, 'Create my account');
      await expectHeading(page, 'Welcome to Hearth');
      expect(await page.locator('.recovery-code').count() >= 5, 'no recovery codes');
      await page.getByRole('link', { name: /saved my codes/ }).click();
      await expectHeading(page, 'Welcome back');
    });

    await step('log out and log in', async () => {
      await submit(page, 'Log out');
      await expectNav(page, { member: false });
      await goto(page, '/login');
      await page.getByLabel('Login name').fill(login);
      await page.getByLabel('Password').fill(password);
      await submit(page, 'Log in');
      await expectHeading(page, 'Welcome back');
    });

    await step('save settings', async () => {
      await goto(page, '/settings');
      await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
      await page.getByLabel('Country or region').selectOption('GB');
      await page.getByLabel('Preferred language').selectOption('pt');
      await submit(page, 'Save preferences');
      await page.waitForURL('**/settings?saved=preferences');
      expect((await page.getByRole('status').textContent()).includes('saved'), 'no confirmation shown');
      await expectSelected(page, { timeZone: 'Europe/Lisbon', region: 'GB', language: 'pt' });
      await screenshot(page, '20-nojs-settings-saved');
    });

    await step('help page for the saved region', async () => {
      await page.getByRole('link', { name: 'Get help now' }).first().click();
      await page.getByRole('heading', { level: 2, name: 'Support in United Kingdom' }).waitFor();
      expect(await page.locator('.service').count() > 0, 'no services listed');
      // hearth.js would have set this cookie: proof that no script ran in this journey.
      const cookies = await context.cookies();
      expect(!cookies.some((c) => c.name === 'hearth_tz'), 'a script ran although JavaScript is off');
    });
  } finally {
    await context.close();
  }
}

// An old, small phone: nothing may scroll sideways, not even at 320 CSS px (WCAG 1.4.10 Reflow),
// and the pages keep the real CSP.
async function narrowPhone() {
  const step = run.group('phone 360×740');
  const context = await newContext(browser, server.baseURL, {
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, bypassCSP: false,
  });
  const page = await context.newPage();
  const watch = watchPage(page, server.baseURL);
  const login = uniqueLogin('phone');
  const pages = [];
  const visit = async (name, urlOrAction, allowStatus) => {
    if (typeof urlOrAction === 'string') await goto(page, urlOrAction, { allowStatus });
    else await urlOrAction();
    await expectNoSidewaysScroll(page, name);
    await screenshot(page, `30-phone-${name}-light`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, `30-phone-${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 320, height: 740 });
    await expectNoSidewaysScroll(page, `${name} at 320 px`);
    await page.setViewportSize({ width: 360, height: 740 });
    pages.push(name);
  };
  try {
    await step('guest pages fit the screen', async () => {
      await visit('guest-home', '/');
      await visit('signup', '/signup');
      await visit('login', '/login');
      await visit('help', '/help?region=US');
      await visit('not-found', '/a/rather/long/path/that/does/not/exist/on/this/server/at/all', [404]);
    });

    await step('member pages fit the screen', async () => {
      await goto(page, '/signup');
      await page.getByLabel('Login name').fill(login);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await visit('signup-done', () => submit(page, 'Create my account'));
      await visit('member-home', '/');
      await visit('settings', '/settings');
      await page.getByLabel('Time zone').selectOption('America/North_Dakota/New_Salem');
      await visit('settings-saved', () => submit(page, 'Save preferences'));
    });

    await step('the header stays usable and the help link visible', async () => {
      const help = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get help now' });
      const box = await help.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360 && box.y < 740, `help link off screen: ${JSON.stringify(box)}`);
      expect(box.height >= 24, `help link is only ${box.height}px tall`);
    });

    await step('the real CSP blocks nothing the pages need', async () => {
      // hearth.js ran under the real CSP: it tells the server the browser's time zone.
      const zone = (await context.cookies()).find((c) => c.name === 'hearth_tz');
      expect(zone?.value === 'UTC', `hearth.js did not run under the CSP (hearth_tz: ${zone?.value})`);
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function expectNav(page, { member }) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const hasLogout = (await nav.getByRole('button', { name: 'Log out' }).count()) === 1;
  const hasLogin = (await nav.getByRole('link', { name: 'Log in' }).count()) === 1;
  expect(hasLogout === member && hasLogin === !member,
    `expected the ${member ? 'member' : 'guest'} header (log out: ${hasLogout}, log in: ${hasLogin})`);
}

async function expectSelected(page, { timeZone, region, language }) {
  const actual = {
    timeZone: await page.getByLabel('Time zone').inputValue(),
    region: await page.getByLabel('Country or region').inputValue(),
    language: await page.getByLabel('Preferred language').inputValue(),
  };
  const expected = { timeZone, region, language };
  expect(JSON.stringify(actual) === JSON.stringify(expected),
    `selected ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}
