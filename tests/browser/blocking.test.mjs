// Blocking and muting in a real browser (issue 4, docs/blocking.md), with JavaScript off: from a
// member's page to the confirmation page and back, the blocked member's post folded away on the
// conversation, "People you've blocked" and unblocking; muting a conversation and a group, and
// "Muted conversations and groups". Every page is checked with axe-core (WCAG 2.0/2.1/2.2 A and
// AA) in light and dark.
//   HEARTH_BIN=build/dev/hearth node blocking.test.mjs      (ctest: ctest -L browser)
// Set-up (accounts, the group, the posts) goes through the JSON API. Screenshots land in
// tests/browser/screenshots/blocking-*.png.
import {
  apiClient, checkBothSchemes, expect, expectHeading, goto, loggedInPage, runJourney, submit, uniqueSuffix,
} from './harness.mjs';

const password = 'slow river mornings';
const suffix = uniqueSuffix();

let run;
let server;
let browser;
const { account, api } = apiClient(() => server.baseURL, { password, suffix });

await runJourney('blocking browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await blockingJourney();
});

// ---------------------------------------------------------------------------------------------

async function blockingJourney() {
  const step = run.group('blocking and muting');
  const owner = await account('own');
  const member = await account('mem');
  const other = await account('oth');
  let slug;
  let threadPath;
  let otherPersona;
  const contexts = [];
  try {
    await step('set-up through the API: a group, two members, a conversation with a reply each', async () => {
      const group = await api(owner, 'POST', '/api/v1/groups', {
        name: `Carers ${suffix}`, description: 'Looking after someone.', privacy: 'public',
        anonymous_posting: true, persona_name: 'Lantern Keeper',
      });
      slug = group.slug;
      await api(member, 'POST', `/api/v1/groups/${slug}/join`, { accept_rules: true, persona_name: 'Restless Wren' });
      await api(other, 'POST', `/api/v1/groups/${slug}/join`, { accept_rules: true, persona_name: 'Sharp Thistle' });
      const thread = await api(owner, 'POST', `/api/v1/groups/${slug}/threads`, {
        title: 'How are the evenings?', body: 'Tell us how you are.', idempotency_key: `k-${suffix}-1`,
      });
      threadPath = `/g/${slug}/t/${thread.thread.id}`;
      const reply = await api(other, 'POST', `/api/v1/threads/${thread.thread.id}/posts`, {
        body: `Thistle says ${suffix}.`, idempotency_key: `k-${suffix}-2`,
      });
      await api(other, 'POST', `/api/v1/threads/${thread.thread.id}/posts`, {
        body: `Someone unsigned ${suffix}.`, anonymous: true, idempotency_key: `k-${suffix}-3`,
      });
      const members = await api(member, 'GET', `/api/v1/groups/${slug}/members`);
      otherPersona = members.members.find((m) => m.persona.name === 'Sharp Thistle').persona.id;
      expect(reply.post.id, 'no reply');
    });

    // The journey runs without JavaScript, under the real CSP; axe needs a script, so each page
    // is checked again in a second, scripted context of the same member.
    const loggedIn = async (options) => {
      const { context, page, watch } = await loggedInPage(browser, server.baseURL, member.login, password, options);
      contexts.push(context);
      return { page, watch };
    };
    const { page, watch } = await loggedIn({ javaScriptEnabled: false, bypassCSP: false });
    const scripted = (await loggedIn({})).page;
    const a11y = async (path, name) => {
      await goto(scripted, path);
      await checkBothSchemes(scripted, name);
    };

    await step('without JavaScript: block a member from their page, through the confirmation page', async () => {
      await goto(page, `/g/${slug}/p/${otherPersona}`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
        page.getByRole('link', { name: 'Block Sharp Thistle' }).click()]);
      await expectHeading(page, 'Block Sharp Thistle?');
      expect((await page.locator('main').textContent()).includes('Anonymous posts are never hidden'), 'no word on anonymity');
      await a11y(new URL(page.url()).pathname, 'blocking-confirm');
      await submit(page, 'Block Sharp Thistle');
      expect((await page.locator('main').textContent()).includes("You've blocked Sharp Thistle"), 'not told');
      await a11y(`/g/${slug}/p/${otherPersona}`, 'blocking-persona-blocked');
    });

    await step('the blocked member\'s signed post is folded away; the anonymous one is not', async () => {
      await goto(page, threadPath);
      const folded = page.locator('details.muted').filter({ hasText: 'Hidden because you blocked this member' });
      expect(await folded.count() === 1, 'the signed post is not folded away');
      expect(!(await folded.locator('p').filter({ hasText: 'Thistle says' }).isVisible()), 'its words show');
      expect(await page.locator('article').filter({ hasText: 'Someone unsigned' }).locator('details').count() === 0,
        'the anonymous post is folded');
      await a11y(threadPath, 'blocking-thread');
    });

    await step('People you\'ve blocked: listed, and unblocked', async () => {
      await goto(page, '/settings/blocked');
      await expectHeading(page, "People you've blocked");
      await a11y('/settings/blocked', 'blocking-list');
      await submit(page, 'Unblock Sharp Thistle');
      expect((await page.locator('main').textContent()).includes("You haven't blocked anyone"), 'still listed');
      await goto(page, threadPath);
      expect(await page.locator('details.muted').count() === 0, 'still folded after unblocking');
    });

    await step('mute the conversation and the group; Muted conversations and groups', async () => {
      await goto(page, threadPath);
      await submit(page, 'Mute this conversation');
      expect(await page.getByRole('button', { name: 'Unmute this conversation' }).count() === 1, 'not muted');
      await goto(page, `/g/${slug}`);
      await submit(page, 'Mute this group');
      expect((await page.locator('main').textContent()).includes("You've muted this group"), 'group not muted');
      await a11y(`/g/${slug}`, 'blocking-group-muted');
      await goto(page, '/settings/muted');
      await expectHeading(page, 'Muted conversations and groups');
      await a11y('/settings/muted', 'blocking-muted-list');
      await submit(page, 'Unmute How are the evenings?');
      await submit(page, `Unmute Carers ${suffix}`);
      expect((await page.locator('main').textContent()).includes("You haven't muted any groups"), 'still muted');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    for (const c of contexts) await c.close();
  }
}
