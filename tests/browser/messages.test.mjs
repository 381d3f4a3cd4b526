// Private messages in a real browser (docs/messages.md). The sender writes from a member's page
// without JavaScript; it arrives as a message request: the recipient sees "Messages · 1 request"
// in the header and the request on /messages, reads its folded message and accepts it (the
// conversation opens, the count goes), and answers with JavaScript on (the form is sent by
// hearth.js, as the posting forms are); the sender's header, open in another tab with
// JavaScript, turns to "Messages (1 new)" without a reload (the live count). Every page is
// checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark.
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
      expect(main.includes('reaches them as a request'), 'not told it is a request');
      expect(main.includes('Your message is waiting for them to accept it.'), 'not told it waits');
      expect(main.includes(words), 'the message is not in the conversation');
      conversationPath = new URL(page.url()).pathname;
    });

    const reader = await browseAs(browser, server.baseURL, recipient, password, people);
    await step('the recipient sees the request in the header and on /messages', async () => {
      await goto(reader.page, '/');
      const nav = await reader.page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(nav.includes('Messages · 1 request') && !nav.includes('Messages ('), `the header says ${nav}`);
      await Promise.all([reader.page.waitForNavigation({ waitUntil: 'load' }),
        reader.page.getByRole('link', { name: /^Messages/ }).click()]);
      await expectHeading(reader.page, 'Private messages');
      const requests = reader.page.locator('#requests');
      const text = await requests.textContent();
      expect(text.includes('Message requests') && text.includes('Morning Finch') && text.includes(`New parents`),
        'the request is not listed with its sender and group');
      expect(!(await reader.page.getByText(words).isVisible()), 'the message is not folded away');
      await checkBothSchemes(reader.page, 'messages-requests');
      await expectNoSidewaysScroll(reader.page, 'messages-requests');
    });

    await step('the recipient reads the request and accepts it; the conversation opens, the count goes', async () => {
      await reader.page.getByText('Read their message').click();
      expect(await reader.page.getByText(words).isVisible(), 'the message does not unfold');
      await Promise.all([reader.page.waitForNavigation({ waitUntil: 'load' }),
        reader.page.getByRole('button', { name: /^Accept/ }).click()]);
      await expectHeading(reader.page, 'Morning Finch');
      const main = await reader.page.locator('main').textContent();
      expect(main.includes('You accepted.') && main.includes(words), 'not the accepted conversation');
      await checkBothSchemes(reader.page, 'messages-conversation');
      await expectNoSidewaysScroll(reader.page, 'messages-conversation');
      await goto(reader.page, '/messages');
      const nav = await reader.page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(!nav.includes('Messages (') && !nav.includes('request'), `still counted: ${nav}`);
    });

    await step('with JavaScript: the recipient answers; the sender\'s open page says one new, live', async () => {
      await goto(scripted, '/groups');
      await scripted.waitForTimeout(500); // the live count's stream is open
      await goto(reader.page, conversationPath);
      await reader.page.getByLabel('Your message').fill(`Thank you, it helps ${suffix}.`);
      await submit(reader.page, 'Send');
      expect((await reader.page.locator('main').textContent()).includes(`Thank you, it helps ${suffix}.`),
        'the answer is not there');
      await scripted.waitForFunction(
        () => document.getElementById('nav-messages').textContent === 'Messages (1 new)', null, { timeout: 8000 });
      await goto(page, '/messages');
      const nav = await page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(nav.includes('Messages (1 new)'), `the sender's header says ${nav}`);
    });

    await step('with JavaScript: a new message shows on the open conversation at once, and is announced', async () => {
      await goto(scripted, conversationPath);
      await scripted.waitForTimeout(500); // the live count's stream is open
      const id = conversationPath.split('/').pop();
      const later = `Sleep well tonight ${suffix}.`;
      await api(recipient, 'POST', `/api/v1/conversations/${id}/messages`, { body: later, idempotency_key: `live-${suffix}` });
      await scripted.waitForFunction((text) => document.getElementById('message-list').textContent.includes(text),
        later, { timeout: 8000 });
      await scripted.waitForFunction(() => /A new message arrived/.test(document.getElementById('message-status').textContent),
        null, { timeout: 3000 });
      // Shown means read: the header's count goes back down.
      await scripted.waitForFunction(() => !/new/.test(document.getElementById('nav-messages').textContent),
        null, { timeout: 8000 });
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
