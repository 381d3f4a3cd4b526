// A conversation in a private group, end to end, in a real browser (issue 3's browser journey):
// member A starts a private group with rules, a question and anonymous posting; member B finds
// it in the directory, sees only its card, asks to join and is let in; B starts a conversation
// anonymously behind a content warning; A replies without ever seeing who B is; B answers A's
// reply (threaded) and marks it "This helped"; a logged-out visitor can read none of it, not even
// through search. A repeated submission makes exactly one reply (double click, and the same form
// posted again with the same idempotency key). The thread page also fits a 360 px phone and
// takes a reply with JavaScript off.
// Every page visited is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) in light and dark.
//   HEARTH_BIN=build/dev/hearth node conversation.test.mjs      (ctest: ctest -L browser)
// Screenshots land in tests/browser/screenshots/conversation-*.png (not committed).
import {
  checkBothSchemes, expect, expectHeading, expectNoSidewaysScroll, fillCredentials, goto, newContext,
  runJourney, screenshot, submit, uniqueSuffix, watchPage,
} from './harness.mjs';

const password = 'slow river mornings';
const suffix = uniqueSuffix();
const uniqueLogin = (prefix) => `${prefix}_${suffix}`;
const group = {
  name: `Bereaved by suicide ${Math.floor(Math.random() * 1e4)}`,
  description: 'For people who lost someone to suicide. Go gently.',
  about: 'Founded by a few of us who met at a support evening (about-text-for-members).',
  rules: ['Be gentle with each other.', 'No detail about methods.'],
  question: 'Who did you lose, if you want to say?',
  answer: 'My brother, two winters ago.',
};
const personaA = 'Quiet Heron';
const personaB = 'Gentle Fern';
const thread = {
  title: 'The first anniversary is coming',
  body: 'I keep buying marigolds for a grave I cannot bring myself to visit.',
  warning: 'grief',
};
const replyA = 'Going with a friend made the first visit bearable for me. Marigolds are a lovely thought.';
// On the thread page, the actions row and every post must fit inside themselves too.
const wideSelf = '.site-header, .header-row, .nav-list, form, .field, .acts, article';
const replyB = 'Thank you. I will ask my cousin to come with me on Sunday.';

let run;
let server;
let browser;

await runJourney('conversation browser test', async (ctx) => {
  ({ run, server, browser } = ctx);
  await conversationJourney();
}, { checkShutdown: true });

// ---------------------------------------------------------------------------------------------

async function conversationJourney() {
  const step = run.group('conversation');
  const a = await person('A');
  const b = await person('B');
  const guest = await person('guest');
  const extraContexts = [];
  // Learned on the way.
  let groupPath;
  let threadPath;
  let personaIdB;
  let replyIdA;
  let replyIdB;
  try {
    await step('A signs up and starts a private group with two rules, a question and anonymous posts', async () => {
      await signUp(a, uniqueLogin('ash'));
      await goto(a.page, '/groups');
      await check(a.page, 'a-directory');
      await a.page.getByRole('link', { name: 'Start a group' }).click();
      await expectHeading(a.page, 'Start a group');
      await check(a.page, 'a-group-new');
      await a.page.getByLabel('Name', { exact: true }).fill(group.name);
      await a.page.getByLabel('Short description').fill(group.description);
      await a.page.getByLabel('About the group').fill(group.about);
      await a.page.getByLabel('Topics').fill('grief, suicide loss');
      await a.page.getByLabel('Private group').check();
      await a.page.getByLabel('Rules').fill(group.rules.join('\n'));
      await a.page.getByLabel('Questions for people asking to join').fill(group.question);
      await a.page.getByLabel('Allow anonymous posts').check();
      await a.page.locator('#f-persona_name').fill(personaA);
      await submit(a.page, 'Start the group');
      await expectHeading(a.page, group.name);
      groupPath = new URL(a.page.url()).pathname;
      expect(/^\/g\/[a-z0-9-]+$/.test(groupPath), `odd group address ${groupPath}`);
      const card = await a.page.locator('.transparency').textContent();
      expect(card.includes('Private group. Only members can read posts.'), `the card does not say who can read: ${card}`);
      expect(card.includes('Allowed.'), 'the transparency card does not say anonymous posts are allowed');
      expect(JSON.stringify(await a.page.locator('.group-side ol.rules li').allTextContents()) ===
        JSON.stringify(group.rules), 'the two rules are not listed in order');
      await check(a.page, 'a-group-created');
    });

    await step('B signs up, finds the group by name and sees only its card', async () => {
      await signUp(b, uniqueLogin('birch'));
      await goto(b.page, '/groups');
      await check(b.page, 'b-directory');
      await b.page.locator('#f-q').fill(group.name);
      await submit(b.page, 'Find groups');
      expect(new URL(b.page.url()).searchParams.get('q') === group.name, `the search did not run: ${b.page.url()}`);
      await b.page.getByRole('heading', { level: 2, name: 'Matching groups' }).waitFor();
      expect(await b.page.locator('.group-entry').count() === 1, 'the name search did not find exactly one group');
      await check(b.page, 'b-directory-search');
      await b.page.getByRole('link', { name: group.name }).click();
      await b.page.waitForURL(`**${groupPath}`);
      await expectHeading(b.page, group.name);
      const main = await b.page.locator('main').textContent();
      expect(main.includes(group.description), 'no description for a non-member');
      expect(group.rules.every((r) => main.includes(r)), 'no rules for a non-member');
      expect(main.includes('How this group is run') && main.includes('Only members can read posts.'),
        'no transparency card for a non-member');
      expect(await b.page.locator('#threads').count() === 0, 'a non-member sees the conversation list');
      expect(!main.includes(group.about), 'a non-member sees the members-only about text');
      expect(!main.includes(personaA), "a non-member sees the owner's pseudonym");
      await check(b.page, 'b-group-outsider');
    });

    await step('B asks to join, accepting the rules and answering the question', async () => {
      await b.page.getByRole('link', { name: 'Ask to join' }).click();
      await expectHeading(b.page, `Ask to join ${group.name}`);
      expect(JSON.stringify(await b.page.locator('ol.rules li').allTextContents()) === JSON.stringify(group.rules),
        'the join screen does not list the rules');
      await check(b.page, 'b-join');
      await b.page.getByLabel("I accept the group's rules").check();
      await b.page.getByLabel(group.question).fill(group.answer);
      await b.page.locator('#f-persona_name').fill(personaB);
      await submit(b.page, 'Send my request');
      await expectHeading(b.page, 'Request sent');
      await check(b.page, 'b-request-sent');
    });

    await step("A sees B's request with the answer and approves it", async () => {
      await goto(a.page, groupPath);
      await a.page.getByRole('link', { name: 'Manage the group' }).click();
      await expectHeading(a.page, 'Manage the group');
      const request = a.page.locator('.request-list > li').filter({ hasText: personaB });
      expect(await request.count() === 1, `no request from ${personaB}`);
      const answers = await request.locator('.answers').textContent();
      expect(answers.includes(group.question) && answers.includes(group.answer), `answer not shown: ${answers}`);
      await check(a.page, 'a-manage-request');
      await submit(a.page, `Let ${personaB} in`);
      expect((await a.page.getByRole('status').textContent()).includes('Request approved.'), 'no confirmation');
      await check(a.page, 'a-manage-approved');
    });

    await step('B posts a conversation anonymously behind a content warning', async () => {
      await goto(b.page, groupPath);
      expect(await b.page.locator('#threads').count() === 1, 'the new member sees no conversations');
      personaIdB = /\/p\/(\d+)$/.exec(await b.page.locator('.membership a[href*="/p/"]').getAttribute('href'))?.[1];
      expect(personaIdB, "B's persona link is missing");
      await check(b.page, 'b-group-member');
      await b.page.getByRole('link', { name: 'Start a conversation' }).click();
      await expectHeading(b.page, 'Start a conversation');
      await check(b.page, 'b-thread-new');
      await b.page.getByLabel('Title').fill(thread.title);
      await b.page.getByLabel('Your post').fill(thread.body);
      await b.page.getByLabel('Content warning').fill(thread.warning);
      await b.page.getByLabel('Post anonymously').check();
      await submit(b.page, 'Post');
      await expectHeading(b.page, thread.title);
      threadPath = new URL(b.page.url()).pathname;
      expect(threadPath.startsWith(`${groupPath}/t/`), `odd thread address ${threadPath}`);
      const by = await b.page.locator('.opening .by').textContent();
      expect(by.includes('Anonymous member'), `not shown as an anonymous member: ${by}`);
      expect(by.includes('You posted this anonymously'), `the author is not told it is anonymous: ${by}`);
      expect(!by.includes(personaB), `the author line names ${personaB}: ${by}`);
      await expectWarningGate(b.page, '.opening', thread.body);
      await check(b.page, 'b-thread-warning-closed');
      await openWarning(b.page, '.opening', thread.body);
      await check(b.page, 'b-thread-warning-open');
    });

    await step("A reads the conversation without learning who B is, and replies", async () => {
      await goto(a.page, groupPath);
      const entry = a.page.locator('.thread-list li').filter({ hasText: thread.title });
      expect((await entry.locator('.meta').textContent()).includes('Started by Anonymous member'),
        'the group page does not say an anonymous member started it');
      await check(a.page, 'a-group-with-thread');
      await entry.getByRole('link', { name: thread.title }).click();
      await expectHeading(a.page, thread.title);
      const by = (await a.page.locator('.opening .by').textContent()).replace(/\s+/g, ' ');
      expect(by.includes('Anonymous member · Anonymous A'), `expected "Anonymous member · Anonymous A" in "${by}"`);
      expect(!by.includes('You posted this anonymously'), 'another member is told they posted it');
      await expectNoTraceOfB(a.page, personaIdB, b.login);
      await expectWarningGate(a.page, '.opening', thread.body);
      await check(a.page, 'a-thread');
      await openWarning(a.page, '.opening', thread.body);
      await a.page.getByLabel('Your reply').fill(replyA);
      await submit(a.page, 'Post reply');
      replyIdA = postIdFromUrl(a.page);
      const article = a.page.locator(`#post-${replyIdA}`);
      expect((await article.textContent()).includes(replyA), "A's reply is not on the page");
      expect((await article.locator('.by').textContent()).includes(personaA), `A's reply is not by ${personaA}`);
      expect(await depthOf(a.page, replyIdA) === 1, "A's reply is not a top-level reply");
      await expectNoTraceOfB(a.page, personaIdB, b.login);
      await check(a.page, 'a-thread-replied');
    });

    await step("B answers A's reply, nested under it at depth 2", async () => {
      await goto(b.page, threadPath);
      await b.page.locator(`#post-${replyIdA}`).getByRole('link', { name: 'React or reply', exact: true }).click();
      await b.page.waitForURL(`**${threadPath}?to=${replyIdA}#react`);
      await b.page.getByRole('heading', { level: 2, name: `Reply to ${personaA}` }).waitFor();
      // The form sits in the conversation, right under the reply it answers.
      expect(await b.page.locator(`li:has(> #post-${replyIdA}) > #reply form`).count() === 1,
        "the reply form is not placed under A's reply");
      await check(b.page, 'b-thread-reply-to');
      await b.page.getByLabel('Your reply').fill(replyB);
      await b.page.getByLabel('Post anonymously').check();
      await submit(b.page, 'Post reply');
      replyIdB = postIdFromUrl(b.page);
      const nested = b.page.locator(`ol.replies > li:has(> #post-${replyIdA}) > ol > li > article#post-${replyIdB}`);
      expect(await nested.count() === 1, "B's reply is not nested inside A's reply");
      expect(await depthOf(b.page, replyIdB) === 2, `B's reply is at depth ${await depthOf(b.page, replyIdB)}, not 2`);
      expect((await nested.textContent()).includes(replyB), "B's reply text is missing");
      const by = (await nested.locator('.by').textContent()).replace(/\s+/g, ' ');
      expect(by.includes('Anonymous member · Anonymous A') && by.includes('You posted this anonymously'),
        `B's anonymous reply does not keep the thread's label "Anonymous A": ${by}`);
      await check(b.page, 'b-thread-nested');
    });

    await step("A sees B's answer marked new since A's last visit, with a link to it", async () => {
      await goto(a.page, threadPath);
      const marked = a.page.locator('.replies article:has(> .by > .badge-new)');
      expect(await marked.count() === 1, `${await marked.count()} replies marked new, expected 1`);
      expect(await marked.getAttribute('id') === `post-${replyIdB}`, "the marked reply is not B's answer");
      const jump = a.page.getByRole('link', { name: 'Jump to the first new reply' });
      expect(await jump.getAttribute('href') === `#post-${replyIdB}`, 'the jump link does not lead to the new reply');
      expect((await a.page.locator('.news').textContent()).includes('1 new'), 'the page does not say how many are new');
      await jump.click();
      expect(new URL(a.page.url()).hash === `#post-${replyIdB}`, `the jump link went to ${a.page.url()}`);
      await check(a.page, 'a-thread-new');
      await goto(a.page, threadPath);
      expect(await a.page.locator('.badge-new').count() === 0, 'the markers stay after the visit');
      await expectNoTraceOfB(a.page, personaIdB, b.login);
    });

    await step('B marks A\'s reply "This helped": count 1, button pressed', async () => {
      // A reply's reaction buttons open under it with the same link as the reply form.
      const open = async () => {
        await b.page.locator(`#post-${replyIdA}`).getByRole('link', { name: 'React or reply', exact: true }).click();
        await b.page.waitForURL(`**${threadPath}?to=${replyIdA}#react`);
      };
      const helped = () => b.page.locator(`#post-${replyIdA}`).getByRole('button', { name: /^This helped/ });
      await goto(b.page, threadPath);
      expect(await helped().count() === 0, "the buttons of A's reply are open before B asks");
      await open();
      expect((await helped().getAttribute('aria-pressed')) === 'false', 'the button starts pressed');
      await check(b.page, 'b-thread-react-open');
      await Promise.all([b.page.waitForNavigation({ waitUntil: 'load' }), helped().click()]);
      expect(postIdFromUrl(b.page) === replyIdA, `back at ${b.page.url()}, not at A's reply`);
      const counts = (await b.page.locator(`#post-${replyIdA} .acts > span`).textContent()).trim();
      expect(counts === 'This helped 1 (you)', `the reply's counts read "${counts}"`);
      await open();
      expect((await helped().getAttribute('aria-pressed')) === 'true', 'the button is not pressed');
      const count = (await helped().locator('span').textContent()).trim();
      expect(count === '1', `the count shows "${count}", not 1`);
      await check(b.page, 'b-thread-reacted');
      // A sees the count and still nothing of who B is.
      await goto(a.page, threadPath);
      const seen = (await a.page.locator(`#post-${replyIdA} .acts > span`).textContent()).trim();
      expect(seen === 'This helped 1', `A sees "${seen}"`);
      await expectNoTraceOfB(a.page, personaIdB, b.login);
    });

    await step('a logged-out visitor can read none of it', async () => {
      const secrets = [thread.title, thread.body, replyA, replyB, group.about, personaA, personaB, 'marigolds'];
      await goto(guest.page, groupPath);
      await expectHeading(guest.page, group.name);
      expect(await guest.page.locator('#threads').count() === 0, 'the visitor sees the conversation list');
      await expectNone(guest.page, secrets, 'the group page');
      await check(guest.page, 'guest-group');
      const refused = await goto(guest.page, threadPath, { allowStatus: [403] });
      expect(refused.status() === 403, 'the thread is not refused');
      await expectHeading(guest.page, 'Only members can read this');
      await expectNone(guest.page, secrets, 'the thread address');
      await check(guest.page, 'guest-thread-members-only');
      // The same answer for a reply's own address, a later page and a thread that doesn't exist.
      for (const url of [`${threadPath}?reply_to=${replyIdA}`, `${groupPath}/t/999999999`]) {
        await goto(guest.page, url, { allowStatus: [403] });
        await expectHeading(guest.page, 'Only members can read this');
        await expectNone(guest.page, secrets, url);
      }
      await goto(guest.page, '/search?q=marigolds');
      await guest.page.getByRole('heading', { level: 2, name: 'Nothing found' }).waitFor();
      expect(await guest.page.locator('.results li').count() === 0, 'the visitor gets search results');
      await expectNone(guest.page, secrets.filter((s) => s !== 'marigolds'), 'the search page');
      await check(guest.page, 'guest-search');
      // The same search finds the posts for a member: the empty answer above is about permission.
      await goto(b.page, '/search?q=marigolds');
      const hits = b.page.locator('.results > li');
      expect(await hits.count() === 2, `a member finds ${await hits.count()} posts for "marigolds", expected 2`);
      await check(b.page, 'b-search');
      await goto(a.page, '/search?q=marigolds');
      expect(await a.page.locator('.results > li').count() === 2, 'A does not find both posts');
      expect((await a.page.locator('.results').textContent()).includes('Anonymous member'),
        'the anonymous post is not shown as such in search');
      await expectNoTraceOfB(a.page, personaIdB, b.login);
    });

    await step('a double-clicked reply makes one reply', async () => {
      const text = `Double-clicked reply ${suffix}`;
      await goto(b.page, threadPath);
      const before = await b.page.locator('.replies article').count();
      const posts = trackPosts(b.page, '/reply');
      await b.page.getByLabel('Your reply').fill(text);
      await b.page.getByLabel('Post anonymously').check();
      await Promise.all([
        b.page.waitForURL(/#post-\d+$/, { waitUntil: 'load' }),
        b.page.getByRole('button', { name: 'Post reply', exact: true }).dblclick(),
      ]);
      await posts.settled();
      console.log(`    (the double click sent ${posts.count()} POST${posts.count() === 1 ? '' : 's'})`);
      await goto(b.page, threadPath);
      expect(await b.page.locator('.replies article').count() === before + 1,
        `${await b.page.locator('.replies article').count() - before} new replies after a double click`);
      expect(await b.page.locator('.replies article').filter({ hasText: text }).count() === 1,
        'the double-clicked reply is not there exactly once');
    });

    await step('the same form posted again with its idempotency key makes one reply', async () => {
      const text = `Resubmitted reply ${suffix}`;
      await goto(b.page, threadPath);
      const before = await b.page.locator('.replies article').count();
      await b.page.getByLabel('Your reply').fill(text);
      await b.page.getByLabel('Post anonymously').check();
      const form = b.page.locator('#reply form');
      const action = await form.getAttribute('action');
      const fields = await form.evaluate((f) => Object.fromEntries(new FormData(f)));
      expect(fields.idempotency_key && fields.csrf && fields.body === text && fields.anonymous === '1',
        `odd reply form: ${Object.keys(fields)}`);
      const post = () => b.page.request.post(action, { form: fields, maxRedirects: 0 });
      // Two at once (a double click that beats any script), then one more later (a retry).
      const answers = [...await Promise.all([post(), post()]), await post()];
      const places = answers.map((r) => `${r.status()} ${r.headers().location}`);
      expect(answers.every((r) => r.status() === 303), `answers: ${places.join(', ')}`);
      expect(new Set(places).size === 1, `the repeats lead to different posts: ${places.join(', ')}`);
      await goto(b.page, threadPath);
      const after = await b.page.locator('.replies article').count();
      expect(after === before + 1, `${after - before} new replies from one form sent three times`);
      expect(await b.page.locator('.replies article').filter({ hasText: text }).count() === 1,
        'the resubmitted reply is not there exactly once');
      const id = /#post-(\d+)$/.exec(answers[0].headers().location)?.[1];
      expect(id && (await b.page.locator(`#post-${id}`).textContent()).includes(text),
        'the repeats do not lead to the one reply');
    });

    await step('the thread page fits a 360×740 phone (and 320 px), under the real CSP', async () => {
      const phone = await newContext(browser, server.baseURL, {
        storageState: await a.context.storageState(), viewport: { width: 360, height: 740 }, deviceScaleFactor: 2,
        isMobile: true, hasTouch: true, bypassCSP: false,
      });
      extraContexts.push(phone);
      const page = await phone.newPage();
      const watch = watchPage(page, server.baseURL);
      const pages = [['thread', threadPath], ['thread-reply-to', `${threadPath}?reply_to=${replyIdB}#react`]];
      for (const [name, url] of pages) {
        await goto(page, url);
        await expectHeading(page, thread.title);
        await page.locator('.opening details.cw > summary').click();
        await expectNoSidewaysScroll(page, `${name} at 360 px`, wideSelf);
        await screenshot(page, `conversation-phone-${name}-light`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await screenshot(page, `conversation-phone-${name}-dark`);
        await page.emulateMedia({ colorScheme: 'light' });
        await page.setViewportSize({ width: 320, height: 740 });
        await expectNoSidewaysScroll(page, `${name} at 320 px`, wideSelf);
        await page.setViewportSize({ width: 360, height: 740 });
      }
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step('with JavaScript off, the warning opens and a reply posts', async () => {
      const nojs = await newContext(browser, server.baseURL, {
        storageState: await b.context.storageState(), javaScriptEnabled: false, bypassCSP: false,
      });
      extraContexts.push(nojs);
      const page = await nojs.newPage();
      const watch = watchPage(page, server.baseURL);
      const text = `Posted without JavaScript ${suffix}`;
      await goto(page, threadPath);
      await expectWarningGate(page, '.opening', thread.body);
      await openWarning(page, '.opening', thread.body);
      const before = await page.locator('.replies article').count();
      await page.getByLabel('Your reply').fill(text);
      await page.getByLabel('Post anonymously').check();
      await submit(page, 'Post reply');
      const id = postIdFromUrl(page);
      expect((await page.locator(`#post-${id}`).textContent()).includes(text), 'the reply is not shown');
      expect(await page.locator('.replies article').count() === before + 1, 'not exactly one new reply');
      await screenshot(page, 'conversation-nojs-replied');
      // Without the script that disables the button: however many times the browser sends it, one reply.
      const twice = `Double-clicked without JavaScript ${suffix}`;
      await goto(page, threadPath);
      const posts = trackPosts(page, '/reply');
      await page.getByLabel('Your reply').fill(twice);
      await page.getByLabel('Post anonymously').check();
      // The second submission aborts the first navigation (ERR_ABORTED); wait for the one
      // that lands.
      const landed = async () => {
        for (let attempt = 0; ; ++attempt) {
          try {
            return await page.waitForURL(/#post-\d+$/, { waitUntil: 'load' });
          } catch (error) {
            if (attempt >= 2 || !String(error).includes('ERR_ABORTED')) throw error;
          }
        }
      };
      await Promise.all([landed(), page.getByRole('button', { name: 'Post reply', exact: true }).dblclick()]);
      await posts.settled();
      console.log(`    (the double click without JavaScript sent ${posts.count()} POST${posts.count() === 1 ? '' : 's'})`);
      await goto(page, threadPath);
      expect(await page.locator('.replies article').count() === before + 2, 'not exactly one reply from a double click');
      expect(await page.locator('.replies article').filter({ hasText: twice }).count() === 1,
        'the double-clicked reply is not there exactly once');
      const problems = watch.problems();
      expect(problems.length === 0, problems.join('\n'));
    });

    await step("after all of B's anonymous posts, nothing A is shown names B", async () => {
      await goto(a.page, threadPath);
      const labels = await a.page.locator('.replies .by').allTextContents();
      const anonymous = labels.filter((l) => l.includes('Anonymous member'));
      expect(anonymous.length === 5 && anonymous.every((l) => /Anonymous member · Anonymous A\b/.test(l.replace(/\s+/g, ' '))),
        `B's replies do not all carry the thread's label "Anonymous A": ${JSON.stringify(labels)}`);
      await expectNoTraceOfB(a.page, personaIdB, b.login);
      await goto(a.page, `/search?q=${encodeURIComponent(suffix)}`);
      expect(await a.page.locator('.results > li').count() === 4, 'search does not find B\'s four later replies');
      await expectNoTraceOfB(a.page, personaIdB, b.login);
    });

    await step('no script errors or third-party requests', async () => {
      const problems = [...a.watch.problems(), ...b.watch.problems(), ...guest.watch.problems()];
      expect(problems.length === 0, problems.join('\n'));
    });
  } finally {
    for (const context of [a.context, b.context, guest.context, ...extraContexts]) await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function person(name) {
  const context = await newContext(browser, server.baseURL);
  const page = await context.newPage();
  return { name, context, page, watch: watchPage(page, server.baseURL), login: null };
}

async function signUp(who, login) {
  const tag = who.name.toLowerCase();
  who.login = login;
  await goto(who.page, '/signup');
  await check(who.page, `${tag}-signup`);
  await fillCredentials(who.page, login, password);
  await submit(who.page, 'Create my account');
  await expectHeading(who.page, 'Welcome to Hearth');
  await check(who.page, `${tag}-signup-done`);
  await who.page.getByRole('link', { name: /saved my codes/ }).click();
  await expectHeading(who.page, 'Welcome back');
  await check(who.page, `${tag}-home`);
}

function check(page, name) {
  return checkBothSchemes(page, `conversation-${name}`);
}

// The post's body sits in a closed <details> behind the warning: hidden until opened.
async function expectWarningGate(page, scope, text) {
  const details = page.locator(`${scope} details.cw`);
  expect(await details.count() === 1, `no content warning in ${scope}`);
  const summary = (await details.locator('> summary').textContent()).trim();
  expect(summary === `Content warning: ${thread.warning}`, `the warning reads "${summary}"`);
  expect(!(await details.evaluate((d) => d.open)), 'the warning starts open');
  const body = details.locator(':scope > p');
  expect((await body.textContent()).includes(text), 'the body is not inside the warning');
  expect(!(await body.isVisible()), 'the body is visible before the warning is opened');
}

async function openWarning(page, scope, text) {
  const details = page.locator(`${scope} details.cw`);
  await details.locator('> summary').click();
  expect(await details.evaluate((d) => d.open), 'the warning did not open');
  await details.locator(':scope > p').getByText(text).waitFor({ state: 'visible' });
}

// No trace of B in anything served to this page: not the pseudonym, not the persona's id or
// address, not the login name, in the text or in the markup.
async function expectNoTraceOfB(page, personaId, login) {
  const html = await page.content();
  const leaks = [personaB, login, `/p/${personaId}"`, `/p/${personaId}#`, `/me/personas/${personaId}"`]
    .filter((s) => html.includes(s));
  expect(leaks.length === 0, `${page.url()} shows B's identity: ${leaks.join(', ')}`);
}

async function expectNone(page, secrets, where) {
  const html = await page.content();
  const found = secrets.filter((s) => html.includes(s));
  expect(found.length === 0, `${where} shows to a visitor: ${found.join(' | ')}`);
}

// How deep a post sits in the reply tree: the number of lists around it.
async function depthOf(page, postId) {
  return page.locator(`#post-${postId}`).evaluate((article) => {
    let depth = 0;
    for (let el = article.parentElement; el && !el.matches('section'); el = el.parentElement) {
      if (el.tagName === 'OL') depth++;
    }
    return article.closest('ol.replies') ? depth : 0;
  });
}

function postIdFromUrl(page) {
  const id = /#post-(\d+)$/.exec(page.url())?.[1];
  expect(id, `not taken to a post: ${page.url()}`);
  return id;
}

// Counts the POSTs a page sends to addresses ending in `suffix`, and waits until each is over.
function trackPosts(page, suffix) {
  const pending = new Set();
  let count = 0;
  let wake = () => {};
  const done = (req) => {
    if (pending.delete(req) && pending.size === 0) wake();
  };
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname.endsWith(suffix)) {
      count++;
      pending.add(req);
    }
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    count: () => count,
    settled: async () => {
      if (pending.size) await new Promise((resolve) => { wake = resolve; });
      // A request the browser gave up on may still be running on the server.
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
  };
}
