// Context notes and verified members in a real browser, through the no-JavaScript forms
// (issue 4, misinformation): a platform admin verifies a member on /admin/verifications; the
// member shows the badge with their pseudonym on its own page; they add a context note with a
// source, shown at once under the post with "Context from a verified nurse" and the badge by
// their name; a moderator labels another post "needs context" and adds a note, which waits for
// ratings; a member rates it on "Notes awaiting ratings"; with JavaScript, a note with someone
// else's details is asked about inline (the third-party guard, as for replies) and added anyway.
// Every page visited is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark.
//   HEARTH_BIN=build/dev/hearth node context_notes.test.mjs      (ctest: ctest -L browser)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import {
  apiClient, browseAs, checkBothSchemes, expect, expectHeading, expectNoPageProblems, goto, runJourney,
  submit, uniqueSuffix,
} from './harness.mjs';

const password = 'slow river mornings';
const suffix = uniqueSuffix();
const noteWords = `Melatonin can help some people fall asleep for a while; it does not cure insomnia ${suffix}.`;

let run;
let server;
let browser;
const { account, api } = apiClient(() => server.baseURL, { password, suffix });

await runJourney('context notes browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await notesJourney();
});

// ---------------------------------------------------------------------------------------------

async function notesJourney() {
  const step = run.group('context notes');
  const admin = await account('adm');
  const owner = await account('own');
  const nurse = await account('nur');
  const reader = await account('rea');
  let slug;
  let threadId;
  let openingId;
  let secondId;
  let nursePersona;
  const people = [];
  try {
    await step('set-up: a platform admin, a group, a nurse and a reader who joined, two posts', async () => {
      await promisify(execFile)(process.env.HEARTH_BIN, ['admin', 'grant', admin.login, '--data', server.dataDir]);
      const group = await api(owner, 'POST', '/api/v1/groups', {
        name: `Sleep ${suffix}`, description: 'For people who sleep badly.', privacy: 'public',
        persona_name: 'Lantern Keeper',
      });
      slug = group.slug;
      for (const [who, name] of [[nurse, 'Steady Harbour'], [reader, 'Quiet Heron']]) {
        await api(who, 'POST', `/api/v1/groups/${slug}/join`, { accept_rules: true, persona_name: name });
      }
      nursePersona = (await api(nurse, 'GET', `/api/v1/groups/${slug}`)).viewer.membership.persona.id;
      const thread = await api(owner, 'POST', `/api/v1/groups/${slug}/threads`, {
        title: 'Does melatonin cure insomnia?', body: 'A friend says melatonin cures insomnia for good.',
        idempotency_key: `k-${suffix}-1`,
      });
      threadId = thread.thread.id;
      openingId = (await api(owner, 'GET', `/api/v1/threads/${threadId}`)).posts[0].id;
      await api(nurse, 'POST', `/api/v1/threads/${threadId}/posts`, {
        body: 'I work nights on a sleep ward.', idempotency_key: `k-${suffix}-2`,
      });
      const second = await api(reader, 'POST', `/api/v1/threads/${threadId}/posts`, {
        body: 'Screens before bed never matter.', idempotency_key: `k-${suffix}-3`,
      });
      secondId = second.post.id;
    });

    await step('the platform admin verifies the nurse by their login name', async () => {
      const who = await browse(admin, people);
      await goto(who.page, '/admin/verifications');
      await expectHeading(who.page, 'Verified members');
      await checkBothSchemes(who.page, 'notes-admin-verifications');
      await who.page.getByLabel("The member's login name").fill(nurse.login);
      await who.page.getByLabel('Verified as').selectOption('health_professional');
      await who.page.getByLabel('Profession').fill('nurse');
      await who.page.getByLabel('Registered or trained in').fill('Scotland');
      await submit(who.page, 'Verify');
      const status = await who.page.getByRole('status').textContent();
      expect(status.includes('The member is verified'), `no confirmation: ${status}`);
      expect((await who.page.locator('table').textContent()).includes(nurse.login), 'the list misses the nurse');
      await checkBothSchemes(who.page, 'notes-admin-verified');
    });

    await step('the nurse shows the badge with this pseudonym, then adds a note shown at once', async () => {
      const who = await browse(nurse, people);
      await goto(who.page, `/me/personas/${nursePersona}`);
      await checkBothSchemes(who.page, 'notes-persona-badge');
      await submit(who.page, 'Show the badge with this pseudonym');
      expect((await who.page.getByRole('status').textContent()).includes('now shows'), 'no confirmation');
      await goto(who.page, `/g/${slug}/posts/${openingId}/notes`);
      await expectHeading(who.page, 'Context notes');
      await checkBothSchemes(who.page, 'notes-page-writer');
      await who.page.getByLabel('The context').fill(noteWords);
      await who.page.getByLabel('Sources').fill('https://www.nhs.uk/medicines/melatonin/');
      await submit(who.page, 'Add the note');
      expect((await who.page.getByRole('status').textContent()).includes('Your note is added'), 'no confirmation');
      await goto(who.page, `/g/${slug}/t/${threadId}`);
      const opening = await who.page.locator(`#post-${openingId}`).textContent();
      expect(opening.includes('Context from a verified nurse') && opening.includes(noteWords), `no note: ${opening}`);
      expect((await who.page.locator('main').textContent()).includes('Verified nurse'), 'no badge by the name');
      await checkBothSchemes(who.page, 'notes-thread');
    });

    await step('a moderator labels a post "needs context" and adds a note that waits for ratings', async () => {
      const who = await browse(owner, people);
      await goto(who.page, `/g/${slug}/posts/${secondId}/notes`);
      await submit(who.page, 'Label this post "needs context"');
      await who.page.getByLabel('The context').fill('Screens late at night can make it harder to fall asleep.');
      await who.page.getByLabel('Sources').fill('https://www.sleepfoundation.org/how-sleep-works');
      await submit(who.page, 'Add the note');
      const main = await who.page.locator('main').textContent();
      expect(main.includes('Needs context') && main.includes('Notes awaiting ratings'), `not waiting: ${main}`);
      await checkBothSchemes(who.page, 'notes-page-moderator');
    });

    await step('a member rates the waiting note on the post\'s notes page', async () => {
      const who = await browse(reader, people);
      await goto(who.page, `/g/${slug}/t/${threadId}`);
      await who.page.getByRole('link', { name: '1 note awaiting ratings' }).click();
      await who.page.waitForLoadState('load');
      await expectHeading(who.page, 'Context notes');
      await checkBothSchemes(who.page, 'notes-page-rater');
      await submit(who.page, 'Helpful');
      expect((await who.page.getByRole('status').textContent()).includes('rating is saved'), 'no confirmation');
      const pressed = await who.page.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed');
      expect(pressed === 'true', `the rating is not marked: ${pressed}`);
    });

    await step('with JavaScript: someone else\'s details in a note are asked about inline; Post anyway adds it', async () => {
      const who = await browse(nurse, people);
      const notesPath = `/g/${slug}/posts/${secondId}/notes`;
      await goto(who.page, notesPath);
      const details = `Ring Sarah Jones on 07700 900123 for the sleep clinic ${suffix}.`;
      await who.page.getByLabel('The context').fill(details);
      await who.page.getByLabel('Sources').fill('https://www.nhs.uk/');
      await who.page.getByRole('button', { name: 'Add the note', exact: true }).click();
      const prompt = who.page.locator('.filter-inline');
      await prompt.waitFor();
      expect(new URL(who.page.url()).pathname === notesPath, 'the page changed instead of asking inline');
      expect((await prompt.locator('[role=alert]').textContent()).includes("someone else's details"), 'no question');
      expect((await prompt.locator('mark').count()) >= 1, 'nothing marked inline');
      await checkBothSchemes(who.page, 'notes-third-party-inline');
      await Promise.all([
        who.page.waitForURL(/added=1/, { waitUntil: 'load' }),
        prompt.getByRole('button', { name: 'Post anyway' }).click(),
      ]);
      expect((await who.page.getByRole('status').textContent()).includes('Your note is added'), 'no confirmation');
      expect((await who.page.locator('main').textContent()).includes(details), 'the note is not there');
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
