// Groups in a real browser (the forms are plain HTML forms; the integration tests drive them
// without any JavaScript): member A
// starts a private group with rules and a question; member B finds it in the directory, asks
// to join, is let in, reads the group and sets who may see their profile; a logged-out visitor
// sees the group's card and rules but none of its content. Every page is checked with axe-core
// (WCAG 2.0/2.1/2.2 A and AA) in light and dark, and on a 320 px phone for sideways scrolling.
//   HEARTH_BIN=build/dev/hearth node groups.test.mjs      (ctest: ctest -L browser)
// Screenshots land in tests/browser/screenshots/groups-*.png (not committed).
import {
  checkBothSchemes, expect, expectHeading, expectNoSidewaysScroll, fillCredentials, goto, newContext,
  runJourney, submit, uniqueSuffix, watchPage,
} from './harness.mjs';

const password = 'warm kettle evenings';
const uniqueLogin = (prefix) => `${prefix}_${uniqueSuffix()}`;
const groupName = `Carers of people with dementia ${Math.floor(Math.random() * 1e4)}`;

let run;
let server;
let browser;

await runJourney('group browser tests', async (ctx) => {
  ({ run, server, browser } = ctx);
  await groupJourney();
}, { checkShutdown: true });

// ---------------------------------------------------------------------------------------------

async function member(prefix) {
  const context = await newContext(browser, server.baseURL);
  const page = await context.newPage();
  const watch = watchPage(page, server.baseURL);
  await goto(page, '/signup');
  await fillCredentials(page, uniqueLogin(prefix), password);
  await submit(page, 'Create my account');
  return { context, page, watch };
}

async function groupJourney() {
  const step = run.group('groups');
  const a = await member('ash');
  const b = await member('birch');
  const guestContext = await newContext(browser, server.baseURL);
  const guest = await guestContext.newPage();
  let groupPath;
  const check = (page, name) => checkPage(page, `groups-${name}`);
  try {
    await step('A starts a private group', async () => {
      await goto(a.page, '/groups');
      await expectHeading(a.page, 'Groups');
      await check(a.page, '01-directory-empty');
      await a.page.getByRole('link', { name: 'Start a group' }).click();
      await expectHeading(a.page, 'Start a group');
      await check(a.page, '02-new');
      await a.page.getByLabel('Name', { exact: true }).fill(groupName);
      await a.page.getByLabel('Short description').fill('For family carers. Share what helps.');
      await a.page.getByLabel('Topics').fill('dementia, carers');
      await a.page.getByLabel('Region').selectOption('GB');
      await a.page.getByLabel('Private group').check();
      await a.page.getByLabel('Rules').fill('Be kind.\nNo medical advice; share experience.');
      await a.page.getByLabel('Questions for people asking to join').fill('Who are you caring for?');
      await a.page.locator('#f-persona_name').fill('Quiet Heron');
      await submit(a.page, 'Start the group');
      await expectHeading(a.page, groupName);
      groupPath = new URL(a.page.url()).pathname;
      expect((await a.page.getByRole('status').textContent()).includes('owner as Quiet Heron'), 'no welcome for the owner');
      expect(await a.page.locator('#threads').count() === 1, 'the owner sees no conversation section');
      await check(a.page, '03-group-owner');
    });

    await step('B finds the group and asks to join', async () => {
      await goto(b.page, '/groups?topic=dementia');
      await b.page.getByRole('link', { name: groupName }).click();
      await expectHeading(b.page, groupName);
      expect(await b.page.locator('#threads').count() === 0, 'a non-member sees the conversations');
      await check(b.page, '04-group-outsider');
      await b.page.getByRole('link', { name: 'Ask to join' }).click();
      await expectHeading(b.page, `Ask to join ${groupName}`);
      await check(b.page, '05-join');
      await b.page.locator('#f-persona_name').fill('Gentle Fern');
      await b.page.getByLabel('Who are you caring for?').fill('My mum, since last spring.');
      await submit(b.page, 'Send my request');
      await expectHeading(b.page, `Ask to join ${groupName}`);  // the rules were not accepted
      const box = b.page.getByLabel("I accept the group's rules");
      expect((await box.getAttribute('aria-invalid')) === 'true', 'the rules checkbox is not marked invalid');
      await check(b.page, '06-join-error');
      await box.check();
      await submit(b.page, 'Send my request');
      await expectHeading(b.page, 'Request sent');
      await check(b.page, '07-request-sent');
    });

    await step('A lets B in', async () => {
      await goto(a.page, `${groupPath}/manage`);
      await expectHeading(a.page, 'Manage the group');
      expect((await a.page.locator('.answers').textContent()).includes('My mum, since last spring.'), 'no answers shown');
      await check(a.page, '08-manage');
      await submit(a.page, 'Let Gentle Fern in');
      expect((await a.page.getByRole('status').textContent()).includes('Request approved.'), 'no confirmation');
    });

    await step('B reads the group and chooses who sees their profile', async () => {
      await goto(b.page, groupPath);
      expect(await b.page.locator('#threads').count() === 1, 'the new member sees no conversation section');
      await check(b.page, '09-group-member');
      await b.page.getByRole('link', { name: 'Members' }).click();
      await expectHeading(b.page, 'Members');
      await check(b.page, '10-members');
      await b.page.getByRole('link', { name: 'Gentle Fern' }).click();
      await expectHeading(b.page, 'Gentle Fern');
      await check(b.page, '11-persona-self');
      await b.page.getByRole('link', { name: 'Edit your profile' }).click();
      await expectHeading(b.page, 'Gentle Fern');
      await check(b.page, '12-persona-edit');
      await b.page.getByLabel('In your own words').fill('Caring for my mum. Tea helps.');
      await b.page.locator('#f-about_audience').selectOption('members');
      await submit(b.page, 'Save');
      expect((await b.page.getByRole('status').textContent()).includes('Your profile is saved.'), 'not saved');
      await goto(b.page, '/');
      expect((await b.page.locator('.my-groups').textContent()).includes('You are Gentle Fern'), 'home lacks the group');
      await check(b.page, '13-home');
    });

    await step('a visitor sees the card and rules, none of the content', async () => {
      await goto(guest, groupPath);
      await expectHeading(guest, groupName);
      const text = await guest.locator('main').textContent();
      expect(text.includes('Be kind.') && text.includes('How this group is run'), 'no rules or card for the visitor');
      expect(!text.includes('Gentle Fern') && !text.includes('Quiet Heron'), 'the visitor sees member names');
      expect(await guest.locator('#threads').count() === 0, 'the visitor sees the conversations');
      await check(guest, '14-group-guest');
      await goto(guest, `${groupPath}/members`, { allowStatus: [403] });
      expect(!(await guest.locator('main').textContent()).includes('Gentle Fern'), 'the visitor sees the members');
    });

    await step('the pages fit a phone', async () => {
      const phone = await a.context.newPage();
      await phone.setViewportSize({ width: 320, height: 740 });
      for (const path of ['/groups', '/groups/new', groupPath, `${groupPath}/manage`, `${groupPath}/members`]) {
        await goto(phone, path);
        await expectNoSidewaysScroll(phone, path, 'form, .field');
      }
      await phone.close();
    });

    await step('no CSP violations, script errors or third-party requests', () => {
      const problems = [...a.watch.problems(), ...b.watch.problems()];
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await a.context.close();
    await b.context.close();
    await guestContext.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function checkPage(page, name) {
  await checkBothSchemes(page, name);
}
