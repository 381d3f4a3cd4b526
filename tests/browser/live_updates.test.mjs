// Live updates on a conversation page, in a real browser (issue 5): a guest and a member keep a
// thread open while others reply (top level and nested), edit and react through the API. The
// page's script adds the new replies where a reload would show them, updates the edited post
// and the reply count, announces new replies in its polite status region, and never moves the
// focus: a member typing a reply keeps their place and their words. Locking the conversation
// takes the reply form off a member's open page (the moderator keeps theirs), and unlocking
// brings it back. The guest's page runs
// under the real Content-Security-Policy (EventSource and fetch are same-origin) with no
// script error; the member's page is checked with axe-core after the updates.
//   HEARTH_BIN=build/dev/hearth node live_updates.test.mjs      (ctest: ctest -L browser)
import {
  apiClient, checkBothSchemes, expect, newContext, runJourney, uniqueSuffix, watchPage,
} from './harness.mjs';

const password = 'slow river mornings';
const suffix = uniqueSuffix();

let keys = 0;
const key = () => `live-${suffix}-${++keys}`;

let run;
let server;
let browser;
// Set-up through the JSON API: api(method, path, body, token); member(prefix) makes an account.
const { request: api, account: member } = apiClient(() => server.baseURL, { password, suffix });

await runJourney('live-updates browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await liveJourney();
}, { timeoutMs: 180_000, checkShutdown: true });

// ---------------------------------------------------------------------------------------------

async function replyAs(who, threadId, body, parent) {
  const payload = { body, idempotency_key: key() };
  if (parent) payload.parent_id = parent;
  return (await api('POST', `/api/v1/threads/${threadId}/posts`, payload, who.token)).post.id;
}

async function liveJourney() {
  const step = run.group('live updates');
  const owner = await member('owner');
  const alice = await member('alice');
  const group = await api('POST', '/api/v1/groups',
    { name: `Night shift parents ${suffix}`, description: 'Awake at odd hours.', privacy: 'public' }, owner.token);
  await api('POST', `/api/v1/groups/${group.slug}/join`, { accept_rules: true }, alice.token);
  const thread = (await api('POST', `/api/v1/groups/${group.slug}/threads`,
    { title: 'Who else is up at 3am?', body: 'The baby is finally asleep.', idempotency_key: key() }, owner.token)).thread;
  const threadPath = `/g/${group.slug}/t/${thread.id}`;
  const first = await replyAs(alice, thread.id, 'Me, with a cup of tea.');

  // The guest runs under the real CSP; the member's context bypasses it only for axe.
  const guestContext = await browser.newContext({ baseURL: server.baseURL, locale: 'en-GB', timezoneId: 'UTC' });
  const guest = await guestContext.newPage();
  const guestWatch = watchPage(guest, server.baseURL);
  const memberContext = await newContext(browser, server.baseURL);
  await memberContext.addCookies([{ name: 'hearth_session', value: owner.token, url: server.baseURL }]);
  const mine = await memberContext.newPage();
  const memberWatch = watchPage(mine, server.baseURL);
  let second;
  let nested;
  try {
    await step('both pages open the stream the page names', async () => {
      for (const page of [guest, mine]) {
        const streamed = page.waitForResponse((r) => r.url().includes(`${threadPath}/events`), { timeout: 10_000 });
        await page.goto(threadPath);
        expect((await streamed).status() === 200, 'the event stream was refused');
      }
      expect(await guest.locator('[data-live]').count() === 1, 'the page names no stream');
    });

    await step('a member typing a reply keeps focus and words while a reply and a nested reply arrive', async () => {
      const box = mine.getByLabel('Your reply');
      await box.click();
      await box.type('I was just thinking');
      second = await replyAs(alice, thread.id, 'Up again. Teething.');
      nested = await replyAs(owner, thread.id, 'Cold flannels helped ours.', first);
      for (const page of [guest, mine]) {
        await page.locator(`#post-${second}`).waitFor({ timeout: 5_000 });
        await page.locator(`#post-${nested}`).waitFor({ timeout: 5_000 });
      }
      expect(await mine.evaluate(() => document.activeElement?.getAttribute('name')) === 'body',
        'the focus moved away from the reply box');
      expect(await box.inputValue() === 'I was just thinking', 'the draft changed');
    });

    await step('the new replies sit where a reload shows them, and the count follows', async () => {
      // The nested reply hangs in the list under its parent, the top-level one in the replies list.
      const parentOfNested = await guest.evaluate((id) =>
        document.getElementById(`post-${id}`).closest('li').parentElement.closest('li')?.querySelector('article')?.id, nested);
      expect(parentOfNested === `post-${first}`, `the nested reply is under ${parentOfNested}`);
      const order = () => guest.evaluate(() => [...document.querySelectorAll("article[id^='post-']")].map((a) => a.id));
      const live = await order();
      const heading = await guest.locator('#replies-h').textContent();
      await guest.reload();
      expect(JSON.stringify(await order()) === JSON.stringify(live), `live ${live} but reloaded ${await order()}`);
      expect(await guest.locator('#replies-h').textContent() === heading, `the count said "${heading}"`);
    });

    await step('new replies are announced politely', async () => {
      const status = mine.locator('[role=status][aria-live=polite]');
      expect(await status.count() === 1, 'no polite status region');
      await mine.waitForFunction(() => /new repl/.test(document.querySelector('[role=status]').textContent),
        null, { timeout: 5_000 });
    });

    await step('an edit and a reaction show up in place', async () => {
      await guest.locator(`#post-${second}`).waitFor();
      await api('PATCH', `/api/v1/posts/${second}`, { body: 'Up again. Teething, and a cold.' }, alice.token);
      await api('PUT', `/api/v1/posts/${first}/reactions/support`, {}, owner.token);
      await guest.waitForFunction((id) => /and a cold/.test(document.getElementById(`post-${id}`).textContent),
        second, { timeout: 5_000 });
      await guest.waitForFunction((id) => /Sending support 1/.test(document.getElementById(`post-${id}`).textContent),
        first, { timeout: 5_000 });
    });

    await step('locking takes the reply form off a member\'s open page at once, and unlocking brings it back', async () => {
      const aliceContext = await newContext(browser, server.baseURL);
      await aliceContext.addCookies([{ name: 'hearth_session', value: alice.token, url: server.baseURL }]);
      const hers = await aliceContext.newPage();
      const herWatch = watchPage(hers, server.baseURL);
      try {
        const streamed = hers.waitForResponse((r) => r.url().includes(`${threadPath}/events`), { timeout: 10_000 });
        await hers.goto(threadPath);
        expect((await streamed).status() === 200, 'the event stream was refused');
        await hers.getByLabel('Your reply').fill('Half a thought');
        await api('PATCH', `/api/v1/threads/${thread.id}`, { locked: true }, owner.token);
        await hers.waitForFunction(() => /This conversation is locked/.test(document.getElementById('reply-area')?.textContent || ''),
          null, { timeout: 5_000 });
        expect(await hers.locator('#reply-area form').count() === 0, 'the reply form is still on the locked page');
        // What she had typed is not lost: it stays on the page, read-only, to copy.
        expect(await hers.getByLabel(/Your reply wasn't posted/).inputValue() === 'Half a thought',
          'the words typed before the lock were lost');
        expect(/Locked/.test(await hers.locator('#thread-flags').textContent()), 'no "Locked" badge');
        await hers.waitForFunction(() => /now locked/.test(document.querySelector('[role=status]').textContent),
          null, { timeout: 5_000 });
        await guest.waitForFunction(() => /Locked/.test(document.getElementById('thread-flags')?.textContent || ''),
          null, { timeout: 5_000 });
        // The moderator may still reply: their form stays, with their words; their button says Unlock.
        await mine.waitForFunction(() => /Unlock/.test(document.getElementById('thread-tools')?.textContent || ''),
          null, { timeout: 5_000 });
        expect(await mine.getByLabel('Your reply').inputValue() === 'I was just thinking', 'the moderator\'s draft changed');
        await api('PATCH', `/api/v1/threads/${thread.id}`, { locked: false }, owner.token);
        await hers.locator('#reply-area form').waitFor({ timeout: 5_000 });
        expect(await hers.getByLabel('Your reply').inputValue() === 'Half a thought', 'the reopened form lost her words');
        expect(await hers.locator('#thread-flags').count() === 0, 'the "Locked" badge stayed');
        const problems = herWatch.problems();
        expect(problems.length === 0, problems.join('\n'));
      } finally {
        await aliceContext.close();
      }
    });

    await step('the updated member page passes axe, and nothing went wrong on either page', async () => {
      await checkBothSchemes(mine, 'live-member-thread');
      const problems = [...guestWatch.problems(), ...memberWatch.problems()];
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await guestContext.close();
    await memberContext.close();
  }
}
