// Reports and moderation in a real browser, without JavaScript in the forms' way (issue 4):
// a member reports a reply through the no-JavaScript form and lands on "Your reports"; the
// moderator finds it first in the queue ("someone may be at risk"), opens it, and removes it
// with an explanation and the rule it broke; the author reads why on "Messages from
// moderators"; a member reads the public moderation log without names, the moderator the full
// one; an admin sets slow mode and held first posts on the manage page.
// Every page visited is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark.
//   HEARTH_BIN=build/dev/hearth node moderation.test.mjs      (ctest: ctest -L browser)
// Set-up (accounts, the group, the posts) goes through the JSON API; the moderation itself
// through the pages. Screenshots land in tests/browser/screenshots/moderation-*.png.
import {
  apiClient, browseAs, checkBothSchemes, expect, expectHeading, expectNoPageProblems, goto, runJourney,
  submit, uniqueSuffix,
} from './harness.mjs';

const password = 'slow river mornings';
const suffix = uniqueSuffix();
const rules = ['Be gentle with each other.', 'No medical advice.'];
const words = `Double your dose tonight, it worked for me ${suffix}.`;
const explanation = 'Advice about doses can hurt someone. Please talk to your prescriber instead.';

let run;
let server;
let browser;
const { account, api } = apiClient(() => server.baseURL, { password, suffix });

await runJourney('moderation browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await moderationJourney();
});

// ---------------------------------------------------------------------------------------------

async function moderationJourney() {
  const step = run.group('moderation');
  const owner = await account('own');
  const mod = await account('mod');
  const author = await account('aut');
  const reader = await account('rea');
  let slug;
  let threadId;
  let replyId;
  const people = [];
  try {
    await step('set-up through the API: a group with rules, a moderator, a thread and a reply', async () => {
      const group = await api(owner, 'POST', '/api/v1/groups', {
        name: `Night owls ${suffix}`, description: 'For people awake at night.', privacy: 'public', rules,
        persona_name: 'Lantern Keeper',
      });
      slug = group.slug;
      for (const [who, name] of [[mod, 'Steady Lamp'], [author, 'Restless Wren'], [reader, 'Quiet Heron']]) {
        await api(who, 'POST', `/api/v1/groups/${slug}/join`, { accept_rules: true, persona_name: name });
      }
      const modPersona = (await api(mod, 'GET', `/api/v1/groups/${slug}`)).viewer.membership.persona.id;
      await api(owner, 'PUT', `/api/v1/groups/${slug}/members/${modPersona}/role`, { role: 'moderator' });
      const thread = await api(owner, 'POST', `/api/v1/groups/${slug}/threads`, {
        title: 'Who else is up?', body: 'Say hello if you are awake.', idempotency_key: `k-${suffix}-1`,
      });
      threadId = thread.thread.id;
      const reply = await api(author, 'POST', `/api/v1/threads/${threadId}/posts`, {
        body: words, idempotency_key: `k-${suffix}-2`,
      });
      replyId = reply.post.id;
    });

    await step('a member reports the reply through the form and sees it was received', async () => {
      const who = await browse(reader, people);
      await goto(who.page, `/g/${slug}/posts/${replyId}/report`);
      await expectHeading(who.page, 'Report a post');
      await checkBothSchemes(who.page, 'moderation-report-form');
      await who.page.getByLabel('Someone may be at risk').check();
      await who.page.getByLabel('Anything the moderators should know').fill('This could really hurt someone.');
      await submit(who.page, 'Send the report');
      await expectHeading(who.page, 'Your reports');
      const status = await who.page.getByRole('status').textContent();
      expect(status.includes('Your report was received'), `no receipt: ${status}`);
      await checkBothSchemes(who.page, 'moderation-your-reports');
    });

    await step('the moderator finds it at the top of the queue and removes it with an explanation', async () => {
      const who = await browse(mod, people);
      await goto(who.page, `/g/${slug}/moderation`);
      await expectHeading(who.page, 'Moderation');
      const first = who.page.locator('.mod-queue > li').first();
      expect((await first.textContent()).includes('Someone may be at risk'), 'the at-risk report is not first');
      await checkBothSchemes(who.page, 'moderation-queue');
      await first.getByRole('link', { name: 'Look at this report' }).click();
      await expectHeading(who.page, 'A post to look at');
      await checkBothSchemes(who.page, 'moderation-post');
      await who.page.getByLabel('Remove the post, telling the author why').check();
      await who.page.getByLabel('Explanation').fill(explanation);
      await who.page.getByLabel('The rule it breaks').selectOption('2');
      await submit(who.page, 'Do it');
      const status = await who.page.getByRole('status').textContent();
      expect(status.includes('The post is removed'), `no confirmation: ${status}`);
      await checkBothSchemes(who.page, 'moderation-post-done');
      await goto(who.page, `/g/${slug}/moderation/log`);
      expect((await who.page.locator('main').textContent()).includes('Steady Lamp'), 'the full log names the moderator');
      await checkBothSchemes(who.page, 'moderation-log-full');
    });

    await step('the author reads why; a member reads the public log without names', async () => {
      const who = await browse(author, people);
      await goto(who.page, '/me/notices');
      await expectHeading(who.page, 'Messages from moderators');
      const main = await who.page.locator('main').textContent();
      expect(main.includes(explanation) && main.includes('Rule 2'), `the explanation is missing: ${main}`);
      await checkBothSchemes(who.page, 'moderation-notices');
      const other = await browse(reader, people);
      await goto(other.page, `/g/${slug}/moderation/log`);
      const log = await other.page.locator('main').textContent();
      expect(log.includes('Removed a reply. Breaks rule 2: No medical advice.'), `no public summary: ${log}`);
      expect(!log.includes('Steady Lamp') && !log.includes('Restless Wren'), 'the public log names someone');
      await checkBothSchemes(other.page, 'moderation-log-public');
      await goto(other.page, '/me/reports');
      expect((await other.page.locator('main').textContent()).includes('removed it'), 'the reporter is not told');
    });

    await step('the moderator looks at a member; the owner sets slow mode and held first posts', async () => {
      const who = await browse(mod, people);
      const persona = (await api(author, 'GET', `/api/v1/groups/${slug}`)).viewer.membership.persona.id;
      await goto(who.page, `/g/${slug}/moderation/p/${persona}`);
      await expectHeading(who.page, 'Restless Wren');
      expect((await who.page.locator('main').textContent()).includes('1 strike'), 'the removal is not a strike');
      await checkBothSchemes(who.page, 'moderation-member');
      const admin = await browse(owner, people);
      await goto(admin.page, `/g/${slug}/manage`);
      await admin.page.getByLabel("New members' first posts that wait for approval").fill('2');
      await admin.page.getByLabel("Slow mode: time between one member's posts").selectOption('60');
      await submit(admin.page, 'Save moderation settings');
      const status = await admin.page.getByRole('status').textContent();
      expect(status.includes('moderation settings are saved'), `no confirmation: ${status}`);
      await checkBothSchemes(admin.page, 'moderation-manage-settings');
    });

    await expectNoPageProblems(step, people);
  } finally {
    for (const who of people) await who.context.close();
  }
}

// A logged-in browser for the account (one per account, reused).
function browse(who, people) {
  return browseAs(browser, server.baseURL, who, password, people);
}
