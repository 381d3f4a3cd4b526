// Private messages in a real browser (docs/messages.md). The sender writes from a member's page
// without JavaScript; the recipient sees "Messages (1 new)" in the header and the count on
// /messages, opens the conversation (the count goes), and answers with JavaScript on (the form is
// sent by hearth.js, as the posting forms are). Every page is checked with axe-core (WCAG
// 2.0/2.1/2.2 A and AA) in light and dark.
//   HEARTH_BIN=build/dev/hearth node messages.test.mjs      (ctest: ctest -L browser)
// Set-up (accounts, the group) goes through the JSON API. Screenshots land in
// tests/browser/screenshots/messages-*.png.
import {
  apiClient, browseAs, checkBothSchemes, expect, expectHeading, expectNoPageProblems, expectNoSidewaysScroll, goto,
  loggedInPage, runJourney, submit, uniqueSuffix,
} from './harness.mjs';

const password = 'quiet lanterns at dusk';
const suffix = uniqueSuffix();

let run;
let server;
let browser;
const { account, api } = apiClient(() => server.baseURL, { password, suffix });

await runJourney('messages browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await messagesJourney();
});

// ---------------------------------------------------------------------------------------------

async function messagesJourney() {
  const step = run.group('private messages');
  const owner = await account('own');
  const sender = await account('snd');
  const recipient = await account('rcp');
  const people = [];
  const contexts = [];
  let slug;
  let recipientPersona;
  let conversationPath;
  const words = `Thinking of you this evening ${suffix}.`;
  try {
    await step('set-up through the API: a group with two members', async () => {
      const group = await api(owner, 'POST', '/api/v1/groups', {
        name: `New parents ${suffix}`, description: 'Nights and naps.', privacy: 'public',
        persona_name: 'Harbour Light',
      });
      slug = group.slug;
      await api(sender, 'POST', `/api/v1/groups/${slug}/join`, { accept_rules: true, persona_name: 'Morning Finch' });
      await api(recipient, 'POST', `/api/v1/groups/${slug}/join`, { accept_rules: true, persona_name: 'Still Pond' });
      const members = await api(sender, 'GET', `/api/v1/groups/${slug}/members`);
      recipientPersona = members.members.find((m) => m.persona.name === 'Still Pond').persona.id;
    });

    const { context, page } = await loggedInPage(browser, server.baseURL, sender.login, password,
      { javaScriptEnabled: false, bypassCSP: false });
    contexts.push(context);
    const scripted = (await browseAs(browser, server.baseURL, sender, password, people)).page;
    const a11y = async (who, path, name) => {
      await goto(who, path);
      await checkBothSchemes(who, name);
      await expectNoSidewaysScroll(who, name);
    };

    await step('without JavaScript: send a private message from the member\'s page', async () => {
      await goto(page, `/g/${slug}/p/${recipientPersona}`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
        page.getByRole('link', { name: 'Send a private message' }).click()]);
      await expectHeading(page, 'Write to Still Pond');
      await a11y(scripted, new URL(page.url()).pathname, 'messages-new');
      await page.getByLabel('Your message').fill(words);
      await submit(page, 'Send');
      await expectHeading(page, 'Still Pond');
      const main = await page.locator('main').textContent();
      expect(main.includes('Your message is sent.'), 'not told it was sent');
      expect(main.includes(words), 'the message is not in the conversation');
      conversationPath = new URL(page.url()).pathname;
    });

    const reader = await browseAs(browser, server.baseURL, recipient, password, people);
    await step('the recipient sees the unread count in the header and on /messages', async () => {
      await goto(reader.page, '/');
      const nav = await reader.page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(nav.includes('Messages (1 new)'), `the header says ${nav}`);
      await Promise.all([reader.page.waitForNavigation({ waitUntil: 'load' }),
        reader.page.getByRole('link', { name: /^Messages \(1/ }).click()]);
      await expectHeading(reader.page, 'Private messages');
      const list = await reader.page.locator('main').textContent();
      expect(list.includes('Morning Finch') && list.includes('1 new'), 'the conversation is not listed as new');
      await checkBothSchemes(reader.page, 'messages-inbox');
      await expectNoSidewaysScroll(reader.page, 'messages-inbox');
    });

    await step('the recipient reads it; the count goes', async () => {
      await Promise.all([reader.page.waitForNavigation({ waitUntil: 'load' }),
        reader.page.getByRole('link', { name: 'Morning Finch' }).click()]);
      await expectHeading(reader.page, 'Morning Finch');
      expect((await reader.page.locator('main').textContent()).includes(words), 'the words are not there');
      await checkBothSchemes(reader.page, 'messages-conversation');
      await expectNoSidewaysScroll(reader.page, 'messages-conversation');
      await goto(reader.page, '/messages');
      const nav = await reader.page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(!nav.includes('Messages ('), `still counted: ${nav}`);
    });

    await step('with JavaScript: the recipient answers; the sender has one new', async () => {
      await goto(reader.page, conversationPath);
      await reader.page.getByLabel('Your message').fill(`Thank you, it helps ${suffix}.`);
      await submit(reader.page, 'Send');
      expect((await reader.page.locator('main').textContent()).includes(`Thank you, it helps ${suffix}.`),
        'the answer is not there');
      await goto(page, '/messages');
      const nav = await page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(nav.includes('Messages (1 new)'), `the sender's header says ${nav}`);
    });

    await step('the setting on the persona page, and a third member is not let in', async () => {
      const mine = await api(recipient, 'GET', '/api/v1/me/personas');
      const persona = mine.personas.find((p) => p.name === 'Still Pond');
      await a11y(reader.page, `/me/personas/${persona.id}`, 'messages-setting');
      await reader.page.getByLabel('Nobody').check();
      await submit(reader.page, 'Save who can write to me');
      expect(await reader.page.getByLabel('Nobody').isChecked(), 'the setting did not stay');
      await goto(page, `/g/${slug}/p/${recipientPersona}`);
      expect(await page.getByRole('link', { name: 'Send a private message' }).count() === 0,
        'still offered to write');
      const response = await page.goto(conversationPath.replace(/\d+$/, '12345'));
      expect(response.status() === 404, 'an unknown conversation is not 404');
    });
    await expectNoPageProblems(step, people);
  } finally {
    for (const c of contexts) await c.close();
    for (const who of people) await who.context.close();
  }
}
