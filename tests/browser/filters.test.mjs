// The safety filters in a real browser (issue 4): the third-party guard and the kindness nudge,
// with JavaScript off (the server's confirmation page: the words marked, Edit / Post anyway /
// Cancel) and on (the same prompt inline, above the form's button), and a post with crisis
// language landing on the conversation with the crisis lines of the author's region.
// Every page and prompt is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark.
//   HEARTH_BIN=build/dev/hearth node filters.test.mjs      (ctest: ctest -L browser)
// Set-up (accounts, the group, the thread) goes through the JSON API. Screenshots land in
// tests/browser/screenshots/filters-*.png.
import {
  apiClient, checkBothSchemes, expect, expectHeading, goto, loggedInPage, runJourney, submit, uniqueSuffix,
} from './harness.mjs';

const password = 'slow river mornings';
const suffix = uniqueSuffix();
const thirdParty = `Please ring my neighbour Sarah Jones on 07700 900123 ${suffix}.`;
const hurtful = `Honestly you are so pathetic for posting this ${suffix}.`;

let run;
let server;
let browser;
const { account, api } = apiClient(() => server.baseURL, { password, suffix });

await runJourney('filters browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await filtersJourney();
});

// ---------------------------------------------------------------------------------------------

async function filtersJourney() {
  const step = run.group('filters');
  const owner = await account('own');
  const author = await account('aut');
  let threadPath;
  const contexts = [];
  try {
    await step('set-up through the API: a group in Australia, an author in the UK, a thread', async () => {
      const group = await api(owner, 'POST', '/api/v1/groups', {
        name: `New parents ${suffix}`, description: 'Nights, feeds and everything else.', privacy: 'public',
        region: 'AU', persona_name: 'Lantern Keeper',
      });
      await api(author, 'POST', `/api/v1/groups/${group.slug}/join`, { accept_rules: true, persona_name: 'Restless Wren' });
      await api(author, 'PATCH', '/api/v1/me', { region: 'GB' });
      const thread = await api(owner, 'POST', `/api/v1/groups/${group.slug}/threads`, {
        title: 'How are the nights?', body: 'Tell us how you are sleeping.', idempotency_key: `k-${suffix}-1`,
      });
      threadPath = `/g/${group.slug}/t/${thread.thread.id}`;
    });

    // A logged-in context, with or without JavaScript.
    const loggedIn = async (javaScript, who = author) => {
      const options = javaScript ? {} : { javaScriptEnabled: false, bypassCSP: false };
      const { context, page, watch } = await loggedInPage(browser, server.baseURL, who.login, password, options);
      contexts.push(context);
      return { page, watch };
    };

    await step('without JavaScript: the third-party guard asks on a page of its own; Edit, then Post anyway', async () => {
      const { page, watch } = await loggedIn(false);
      await goto(page, threadPath);
      await page.getByLabel('Your reply').fill(thirdParty);
      await submit(page, 'Post reply');
      await expectHeading(page, 'Before you post your reply');
      expect((await page.locator('mark').allTextContents()).join('|') === 'Sarah Jones|07700 900123',
        `marked: ${await page.locator('mark').allTextContents()}`);
      expect((await page.locator('[role=alert]').textContent()).includes("someone else's details"), 'no message');
      await submit(page, 'Edit');
      expect(await page.getByLabel('Your reply').inputValue() === thirdParty, 'Edit lost the words');
      await submit(page, 'Post reply');
      await expectHeading(page, 'Before you post your reply');
      await submit(page, 'Post anyway');
      expect(/#post-\d+$/.test(page.url()), `not at the new reply: ${page.url()}`);
      expect(await page.locator('article').filter({ hasText: '07700 900123' }).count() === 1, 'not posted once');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step('without JavaScript: the kindness nudge asks before a reply; Cancel posts nothing', async () => {
      const { page, watch } = await loggedIn(false);
      await goto(page, threadPath);
      await page.getByLabel('Your reply').fill(hurtful);
      await submit(page, 'Post reply');
      await expectHeading(page, 'Before you post your reply');
      expect((await page.locator('[role=alert]').textContent()).includes('Would you like to rephrase?'), 'no question');
      expect((await page.locator('mark').count()) >= 1, 'nothing marked');
      await submit(page, 'Cancel');
      expect(new URL(page.url()).pathname === threadPath, `Cancel went to ${page.url()}`);
      expect(await page.locator('article').filter({ hasText: suffix }).filter({ hasText: 'pathetic' }).count() === 0,
        'the cancelled reply was posted');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step('the confirmation pages pass axe, light and dark', async () => {
      const { page } = await loggedIn(true);
      for (const [text, name] of [[thirdParty, 'filters-guard-page'], [hurtful, 'filters-nudge-page']]) {
        await goto(page, threadPath);
        await page.getByLabel('Your reply').fill(text);
        // The page a browser without JavaScript gets: the form sent as it is.
        await page.evaluate(() => document.querySelector('form[data-prompt]').removeAttribute('data-prompt'));
        await submit(page, 'Post reply');
        await checkBothSchemes(page, name);
      }
    });

    await step('with JavaScript: the kindness nudge asks inline; Post anyway posts it', async () => {
      const { page, watch } = await loggedIn(true);
      await goto(page, threadPath);
      const text = `${hurtful} Inline.`;
      await page.getByLabel('Your reply').fill(text);
      await page.getByRole('button', { name: 'Post reply', exact: true }).click();
      const prompt = page.locator('.filter-inline');
      await prompt.waitFor();
      expect(new URL(page.url()).pathname === threadPath, 'the page changed instead of asking inline');
      expect(await page.locator('.filter-inline h3').textContent() === 'Before you post', 'no heading');
      expect((await prompt.locator('[role=alert]').textContent()).includes('Would you like to rephrase?'), 'no question');
      expect(await page.getByRole('button', { name: 'Post reply', exact: true }).isHidden(), 'two ways to answer');
      expect(await page.evaluate(() => document.activeElement?.tagName) === 'H3', 'focus did not move to the prompt');
      expect((await prompt.locator('mark').count()) >= 1, 'nothing marked inline');
      await checkBothSchemes(page, 'filters-nudge-inline');
      await Promise.all([
        page.waitForURL(/#post-\d+$/, { waitUntil: 'load' }),
        prompt.getByRole('button', { name: 'Post anyway' }).click(),
      ]);
      expect(await page.locator('article').filter({ hasText: 'Inline.' }).count() === 1, 'not posted once');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step('with JavaScript: the third-party guard asks inline; Edit, take the details out, post', async () => {
      const { page, watch } = await loggedIn(true);
      await goto(page, threadPath);
      const field = page.getByLabel('Your reply');
      await field.fill(`Call Dr Patel on 020 7946 0018 ${suffix}.`);
      await page.getByRole('button', { name: 'Post reply', exact: true }).click();
      const prompt = page.locator('.filter-inline');
      await prompt.waitFor();
      expect((await prompt.locator('mark').allTextContents()).includes('020 7946 0018'), 'the number is not marked');
      await checkBothSchemes(page, 'filters-guard-inline');
      await prompt.getByRole('button', { name: 'Edit' }).click();
      expect(await prompt.count() === 0, 'the prompt stayed');
      expect(await page.getByRole('button', { name: 'Post reply', exact: true }).isVisible(), 'no way to post again');
      expect(await page.evaluate(() => document.activeElement?.name) === 'body', 'focus is not back in the text');
      const kind = `I asked my doctor and it helped ${suffix}.`;
      await field.fill(kind);
      await page.getByRole('button', { name: 'Post reply', exact: true }).click();
      // The page is loaded again at the new reply (only its #fragment differs).
      await page.locator('article').filter({ hasText: kind }).waitFor();
      await page.waitForLoadState('load');
      expect(/#post-\d+$/.test(page.url()), `not at the new reply: ${page.url()}`);
      expect(await page.locator('article').filter({ hasText: kind }).count() === 1, 'the edited reply is not there once');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step("a crisis post is published and shows the author's crisis lines", async () => {
      const { page, watch } = await loggedIn(true);
      await goto(page, threadPath);
      const text = `I can't do this any more. I want to die ${suffix}.`;
      await page.getByLabel('Your reply').fill(text);
      await Promise.all([
        page.waitForURL(/\?crisis=\d+#support$/, { waitUntil: 'load' }),
        page.getByRole('button', { name: 'Post reply', exact: true }).click(),
      ]);
      const card = page.locator('#support');
      expect(await card.isVisible(), 'no crisis lines card');
      const lines = await card.textContent();
      expect(lines.includes('Samaritans'), 'not the author’s region (GB)');
      expect(lines.includes('Lifeline'), 'not the group’s region (AU)');
      expect(await page.locator('article').filter({ hasText: 'I want to die' }).count() === 1, 'the post is hidden');
      await checkBothSchemes(page, 'filters-crisis');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step('word lists: the moderators add a watched word; a member folds posts away with mute words', async () => {
      const slug = threadPath.split('/')[2];
      const mod = await loggedIn(true, owner);
      await goto(mod.page, `/g/${slug}/moderation/words`);
      await expectHeading(mod.page, 'Watched words');
      await mod.page.getByLabel('Word or phrase', { exact: true }).fill(`miracle cure ${suffix}`);
      await mod.page.getByLabel('What happens').selectOption('hold');
      await submit(mod.page, 'Add');
      expect((await mod.page.locator('.word-list').textContent()).includes(`miracle cure ${suffix}`), 'not listed');
      await checkBothSchemes(mod.page, 'filters-watched-words');
      const muted = `Let me tell you about my diet ${suffix}.`;
      await api(owner, 'POST', `/api/v1/threads/${threadPath.split('/')[4]}/posts`, { body: muted, idempotency_key: `k-${suffix}-9` });
      const member = await loggedIn(true);
      await goto(member.page, '/settings/mute-words');
      await member.page.getByLabel('Word or phrase', { exact: true }).fill('diet');
      await submit(member.page, 'Add');
      await checkBothSchemes(member.page, 'filters-mute-words');
      await goto(member.page, threadPath);
      const folded = member.page.locator('details.muted').filter({ hasText: suffix });
      expect(await folded.count() === 1, 'the post is not folded away');
      expect(!(await folded.locator('p').filter({ hasText: 'my diet' }).isVisible()), 'the words show before opening');
      await folded.locator('summary').click();
      expect(await folded.locator('p').filter({ hasText: 'my diet' }).isVisible(), 'opening does not show the words');
      await checkBothSchemes(member.page, 'filters-muted-post');
      const problems = [...mod.watch.problems(), ...member.watch.problems()];
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    for (const context of contexts) await context.close();
  }
}
