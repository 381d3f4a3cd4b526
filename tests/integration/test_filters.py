"""The safety filters wired into posting, over HTTP (issue 4, "Filters"): watched words that
block (with the list's message), hold, flag and censor; the third-party guard and the
kindness nudge asking first, "post anyway" publishing once; strict groups holding; crisis
language published with the region's crisis lines and a high-priority queue item; crisis
search; a list change taking effect at the next post; personal mute words; and anonymous
authors never revealed through what the filters hand to moderators."""
import re
import unittest

from community_fixture import (CommunityTestCase, Person, idempotency_key, join_active, marker, pseudonym, query, reply,
                               set_role)
from community_fixture import shows, start_server, start_thread
from hearth_server import run_hearth

THIRD_PARTY = "Please ring my neighbour Sarah Jones on 07700 900123 about it."
HURTFUL = "Honestly you are so pathetic for posting this."
CRISIS = "I can't do this any more. I want to die."


def posts_with(server, text):
    return query(server, "SELECT id, held_at, held_reason, body FROM posts WHERE body LIKE ?", (f"%{text}%",))


class FiltersTest(CommunityTestCase):
    @classmethod
    def _build(cls):
        server = cls.server
        cls.owner, cls.mod = Person(server, "own"), Person(server, "mod")
        cls.alice, cls.bob = Person(server, "ali"), Person(server, "bob")
        group = cls.owner.create_group(f"Parents {marker()}", anonymous_posting=True, region="AU",
                                       persona_name=pseudonym("Owner"))
        cls.slug = group["slug"]
        for person, label in ((cls.mod, "Mod"), (cls.alice, "Alice"), (cls.bob, "Bob")):
            person.persona = join_active(person, cls.owner, group, pseudonym(label))
        set_role(cls.owner, cls.slug, cls.mod.persona["id"], "moderator")
        updated = cls.alice.call("PATCH", "/api/v1/me", {"region": "GB"})
        assert updated.status == 200, updated.text[:300]
        cls.thread, cls.opening = start_thread(cls.owner, cls.slug, f"Nights {marker()}", "How are the nights?")

    # -- helpers ---------------------------------------------------------------------------------

    def watch(self, phrase, action, message=""):
        added = self.mod.call("POST", f"/api/v1/groups/{self.slug}/watched-words",
                              {"phrase": phrase, "action": action, "message": message})
        self.assertEqual(added.status, 201, added.text[:300])
        return added.json()["watched_word"]["id"]

    def web_reply(self, who, body, **fields):
        form = {"body": body, "idempotency_key": fields.pop("key", None) or idempotency_key(), **fields}
        return who.web_form(f"/g/{self.slug}/t/{self.thread}/reply", form)

    def queue(self):
        response = self.mod.call("GET", f"/api/v1/groups/{self.slug}/moderation/queue")
        self.assertEqual(response.status, 200, response.text[:300])
        return response.json()["items"]

    def queue_item(self, post_id):
        return next((i for i in self.queue() if i.get("post", {}).get("id") == str(post_id)), None)

    def visible_to(self, who, post_id):
        posts = who.call("GET", f"/api/v1/threads/{self.thread}?limit=200").json()["posts"]
        return any(p["id"] == str(post_id) for p in posts)

    def kindness_counts(self):
        rows = query(self.server, "SELECT COALESCE(SUM(shown), 0), COALESCE(SUM(edited), 0), "
                     "COALESCE(SUM(cancelled), 0), COALESCE(SUM(posted_anyway), 0) FROM kindness_outcomes k "
                     "JOIN support_groups g ON g.id = k.group_id WHERE g.slug = ?", (self.slug,))
        return dict(zip(("shown", "edited", "cancelled", "posted_anyway"), rows[0]))

    # -- watched words -----------------------------------------------------------------------

    def test_block_shows_the_lists_message_and_posts_nothing(self):
        word = marker("blk")
        self.watch(word, "block", "Please leave that word out here.")
        page = self.web_reply(self.alice, f"Something with {word} in it.")
        self.assertEqual(page.status, 400, page.text[:500])
        self.assertIn("Please leave that word out here.", page.text)
        self.assertIn(f"<mark>{word}</mark>", page.text)
        self.assertEqual(posts_with(self.server, word), [])
        api = self.alice.call("POST", f"/api/v1/threads/{self.thread}/posts",
                              {"body": f"Also {word.upper()} spelled loudly.", "idempotency_key": idempotency_key()})
        self.assertEqual(api.status, 400, api.text[:300])
        error = api.json()["error"]
        self.assertEqual((error["field"], error["message"]), ("body", "Please leave that word out here."))
        self.assertTrue(error["prompt"]["body"]["spans"])
        self.assertEqual(posts_with(self.server, word.upper()), [])

    def test_hold_shows_only_to_author_and_moderators_until_approved(self):
        word = marker("hld")
        self.watch(word, "hold")
        response = self.web_reply(self.alice, f"A reply with {word}.")
        self.assertEqual(response.status, 303, response.text[:500])
        (post_id, held_at, reason, _), = posts_with(self.server, word)
        self.assertIsNotNone(held_at)
        self.assertEqual(reason, "filter")
        self.assertFalse(self.visible_to(self.bob, post_id))
        self.assertTrue(self.visible_to(self.alice, post_id))
        self.assertTrue(self.visible_to(self.mod, post_id))
        self.assertNotIn(word, self.bob.web.get(f"/g/{self.slug}/t/{self.thread}").text)
        item = self.queue_item(post_id)
        self.assertIsNotNone(item)
        self.assertEqual(item["post"]["held_reason"], "filter")
        self.assertIn(word, item["filter_flags"][0]["words"])
        self.assertIn("Held by the group&#39;s word filter", self.mod.web.get(f"/g/{self.slug}/moderation").text)
        approved = self.mod.call("POST", f"/api/v1/posts/{post_id}/moderation", {"action": "approve"})
        self.assertEqual(approved.status, 204, approved.text[:300])
        self.assertTrue(self.visible_to(self.bob, post_id))
        self.assertIsNone(self.queue_item(post_id))

    def test_flag_publishes_and_puts_an_item_in_the_queue(self):
        word = marker("flg")
        self.watch(word, "flag")
        post_id = reply(self.bob, self.slug, self.thread, f"Flag me: {word}.")
        self.assertTrue(self.visible_to(self.alice, post_id))
        item = self.queue_item(post_id)
        self.assertIsNotNone(item)
        flag = item["filter_flags"][0]
        self.assertEqual((flag["filter"], flag["action"], flag["at_risk"]), ("watched_words", "flag", False))
        self.assertIn(word, flag["words"])
        self.assertIn(word, flag["detail"])
        queue_page = self.mod.web.get(f"/g/{self.slug}/moderation").text
        self.assertIn("Found by the group's filters", queue_page)
        dismissed = self.mod.call("POST", f"/api/v1/posts/{post_id}/moderation", {"action": "dismiss"})
        self.assertEqual(dismissed.status, 204, dismissed.text[:300])
        self.assertIsNone(self.queue_item(post_id))
        self.assertTrue(self.visible_to(self.alice, post_id))

    def test_censor_stores_the_masked_text(self):
        word = marker("cns")
        self.watch(word, "censor")
        keep = marker("keep")
        post_id = reply(self.bob, self.slug, self.thread, f"{keep} and {word} here.")
        body = query(self.server, "SELECT body, body_html FROM posts WHERE id = ?", (post_id,))[0]
        self.assertNotIn(word, body[0] + body[1])
        self.assertIn(keep, body[0])
        self.assertIn("\u2022" * len(word), body[0])
        page = self.alice.web.get(f"/g/{self.slug}/t/{self.thread}").text
        self.assertIn(keep, page)
        self.assertNotIn(word, page)

    def test_a_list_change_takes_effect_at_the_next_post(self):
        word = marker("chg")
        first = reply(self.bob, self.slug, self.thread, f"Before the list: {word}.")
        self.assertIsNone(self.queue_item(first))
        entry = self.watch(word, "block")
        self.assertEqual(self.web_reply(self.bob, f"Now listed: {word}.").status, 400)
        removed = self.mod.call("DELETE", f"/api/v1/groups/{self.slug}/watched-words/{entry}")
        self.assertEqual(removed.status, 204, removed.text[:300])
        self.assertEqual(self.web_reply(self.bob, f"Removed again: {word}.").status, 303)
        # Through the moderators' page too.
        page = self.mod.web.get(f"/g/{self.slug}/moderation/words")
        self.assertEqual(page.status, 200)
        added = self.mod.web_form(f"/g/{self.slug}/moderation/words", {"phrase": word, "action": "hold", "message": ""})
        self.assertEqual(added.status, 303, added.text[:500])
        self.assertIn(word, self.mod.web.get(f"/g/{self.slug}/moderation/words").text)
        self.assertEqual(self.web_reply(self.bob, f"Held now: {word}.").status, 303)
        self.assertIsNotNone(posts_with(self.server, f"Held now: {word}")[0][1])

    def test_only_keepers_see_and_change_the_lists(self):
        self.assertEqual(self.alice.web.get(f"/g/{self.slug}/moderation/words").status, 403)
        self.assertEqual(self.alice.call("GET", f"/api/v1/groups/{self.slug}/watched-words").status, 403)
        refused = self.alice.call("POST", f"/api/v1/groups/{self.slug}/watched-words", {"phrase": "x y", "action": "flag"})
        self.assertEqual(refused.status, 403)
        self.assertEqual(self.mod.web.get("/admin/words").status, 403)
        self.assertEqual(self.mod.call("POST", "/api/v1/admin/watched-words", {"phrase": "zz", "action": "block"}).status, 403)
        # A moderator keeps the words; the strict setting is the admins'.
        self.assertEqual(self.mod.call("PATCH", f"/api/v1/groups/{self.slug}/filter-settings",
                                       {"strict_third_party": True}).status, 403)

    def test_the_platform_list_applies_in_every_group(self):
        admin = Person(self.server, "adm")
        done = run_hearth(["admin", "grant", admin.login, "--data", self.server.data_dir])
        self.assertEqual(done.returncode, 0, done.stdout)
        word = marker("plt")
        added = admin.call("POST", "/api/v1/admin/watched-words", {"phrase": word, "action": "block", "message": "Not on Hearth."})
        self.assertEqual(added.status, 201, added.text[:300])
        self.assertIn(word, admin.web.get("/admin/words").text)
        refused = self.web_reply(self.bob, f"Platform {word}.")
        self.assertEqual(refused.status, 400)
        self.assertIn("Not on Hearth.", refused.text)
        removed = admin.call("DELETE", f"/api/v1/admin/watched-words/{added.json()['watched_word']['id']}")
        self.assertEqual(removed.status, 204)

    # -- asking first: the third-party guard and the kindness nudge -----------------------------

    def test_third_party_guard_asks_and_post_anyway_publishes_once(self):
        key = idempotency_key()
        asked = self.web_reply(self.alice, THIRD_PARTY, key=key)
        self.assertEqual(asked.status, 409, asked.text[:500])
        self.assertIn("someone else&#39;s details", asked.text)
        self.assertIn("<mark>Sarah Jones</mark>", asked.text)
        self.assertIn("<mark>07700 900123</mark>", asked.text)
        for button in ('name="edit" value="1"', 'name="confirm" value="1"', 'name="cancel" value="1"'):
            self.assertIn(button, asked.text)
        self.assertIn(f'name="idempotency_key" value="{key}"', asked.text)
        self.assertEqual(posts_with(self.server, "07700 900123"), [])
        first = self.web_reply(self.alice, THIRD_PARTY, key=key, confirm="1")
        self.assertEqual(first.status, 303, first.text[:500])
        again = self.web_reply(self.alice, THIRD_PARTY, key=key, confirm="1")  # a double click
        self.assertEqual(again.status, 303)
        self.assertEqual(first.location, again.location)
        self.assertEqual(len(posts_with(self.server, "07700 900123")), 1)
        self.assertIsNone(posts_with(self.server, "07700 900123")[0][1])  # published, not held

    def test_third_party_guard_in_the_api(self):
        body = {"body": "Call Dr Patel at 020 7946 0018 tomorrow.", "idempotency_key": idempotency_key()}
        asked = self.alice.call("POST", f"/api/v1/threads/{self.thread}/posts", body)
        self.assertEqual(asked.status, 409, asked.text[:300])
        error = asked.json()["error"]
        self.assertEqual((error["code"], error["field"]), ("needs_confirmation", "confirm"))
        self.assertTrue(error["prompt"]["third_party"])
        marked = [s["text"] for s in error["prompt"]["body"]["segments"] if s["marked"]]
        self.assertIn("020 7946 0018", marked)
        posted = self.alice.call("POST", f"/api/v1/threads/{self.thread}/posts", {**body, "confirm": True})
        self.assertEqual(posted.status, 201, posted.text[:300])
        self.assertFalse(posted.json()["filters"]["held"])

    def test_edit_asks_too(self):
        post_id = reply(self.alice, self.slug, self.thread, f"Plain words {marker()}.")
        details = "You could email sarah.jones@example.com about it."
        asked = self.alice.web_form(f"/g/{self.slug}/posts/{post_id}/edit", {"body": details})
        self.assertEqual(asked.status, 409, asked.text[:500])
        self.assertIn("<mark>sarah.jones@example.com</mark>", asked.text)
        saved = self.alice.web_form(f"/g/{self.slug}/posts/{post_id}/edit", {"body": details, "confirm": "1"})
        self.assertEqual(saved.status, 303, saved.text[:500])

    def test_strict_group_holds_posts_with_someone_elses_details(self):
        group = self.owner.create_group(f"Strict {marker()}", persona_name=pseudonym("Owner"))
        join_active(self.bob, self.owner, group, pseudonym("Bob"))
        strict = self.owner.call("PATCH", f"/api/v1/groups/{group['slug']}/filter-settings", {"strict_third_party": True})
        self.assertEqual(strict.status, 200, strict.text[:300])
        self.assertTrue(strict.json()["strict_third_party"])
        thread, _ = start_thread(self.owner, group["slug"], f"Strict {marker()}", "Welcome.")
        response = self.bob.web_form(f"/g/{group['slug']}/t/{thread}/reply",
                                     {"body": "My sister Emma Clarke lives at 12 Elm Road.", "idempotency_key": idempotency_key()})
        self.assertEqual(response.status, 303, response.text[:500])
        (post_id, held_at, reason, _), = posts_with(self.server, "12 Elm Road")
        self.assertIsNotNone(held_at)
        self.assertEqual(reason, "third_party")
        queue = self.owner.call("GET", f"/api/v1/groups/{group['slug']}/moderation/queue").json()["items"]
        item = next(i for i in queue if i.get("post", {}).get("id") == str(post_id))
        self.assertEqual(item["filter_flags"][0]["filter"], "third_party")

    def test_kindness_nudge_on_replies_counts_its_outcomes(self):
        before = self.kindness_counts()
        asked = self.web_reply(self.bob, HURTFUL)
        self.assertEqual(asked.status, 409, asked.text[:500])
        self.assertIn("Would you like to rephrase?", asked.text)
        self.assertIn("<mark>", asked.text)
        self.assertIn('name="nudged" value="1"', asked.text)
        cancelled = self.web_reply(self.bob, HURTFUL, cancel="1", nudged="1")
        self.assertEqual(cancelled.status, 303)
        edit = self.web_reply(self.bob, HURTFUL, edit="1", nudged="1")
        self.assertEqual(edit.status, 200)
        self.assertIn('name="nudged" value="1"', edit.text)
        self.assertIn("so pathetic for posting", edit.text)  # the words come back to edit
        kinder = marker("kind")
        self.assertEqual(self.web_reply(self.bob, f"I see it differently, {kinder}.", nudged="1").status, 303)
        key = idempotency_key()
        self.assertEqual(self.web_reply(self.bob, HURTFUL + " Again.", key=key).status, 409)
        self.assertEqual(self.web_reply(self.bob, HURTFUL + " Again.", key=key, confirm="1", nudged="1").status, 303)
        after = self.kindness_counts()
        self.assertEqual(after["shown"] - before["shown"], 2)
        self.assertEqual(after["cancelled"] - before["cancelled"], 1)
        self.assertEqual(after["edited"] - before["edited"], 1)
        self.assertEqual(after["posted_anyway"] - before["posted_anyway"], 1)
        # The transparency card says the same, in aggregate, to anyone who can see the group.
        # Under 5 prompts, without the breakdown (it could point at a reply's author).
        card = " ".join(re.sub(r"<[^>]+>", " ", self.bob.web.get(f"/g/{self.slug}").text).split())
        if after["shown"] < 5:
            self.assertIn("Hearth asked a few times whether a reply could be worded more kindly.", card)
            self.assertNotIn("posted as written", card)
        else:
            self.assertIn(f"Hearth asked {after['shown']} times whether a reply could be worded more kindly: "
                          f"{after['edited']} rephrased, {after['cancelled']} decided not to post, "
                          f"{after['posted_anyway']} posted as written.", card)
        self.assertEqual(len(posts_with(self.server, "so pathetic for posting this. Again.")), 1)
        # An opening post is not a reply to someone: no nudge.
        start_thread(self.bob, self.slug, f"Mine {marker()}", "I felt so pathetic today, you are so pathetic.")

    def test_inline_prompt_answers_json_for_the_script(self):
        headers = {"Accept": "application/json"}
        form = [("csrf", self.bob.csrf), ("body", HURTFUL), ("idempotency_key", idempotency_key())]
        asked = self.bob.web.post_form(f"/g/{self.slug}/t/{self.thread}/reply", form, headers=headers)
        self.assertEqual(asked.status, 409, asked.text[:300])
        prompt = asked.json()["prompt"]
        self.assertTrue(prompt["kindness"])
        self.assertEqual("".join(s["text"] for s in prompt["body"]["segments"]), HURTFUL)
        posted = self.bob.web.post_form(f"/g/{self.slug}/t/{self.thread}/reply", form + [("confirm", "1")],
                                        headers=headers)
        self.assertEqual(posted.status, 200, posted.text[:300])
        self.assertRegex(posted.json()["location"], rf"/g/{self.slug}/t/{self.thread}.*#post-\d+")

    # -- crisis ------------------------------------------------------------------------------

    def test_crisis_post_is_published_with_crisis_lines_and_goes_first_in_the_queue(self):
        earlier = marker("old")
        self.watch(earlier, "flag")
        reply(self.bob, self.slug, self.thread, f"An older flagged reply {earlier}.")
        response = self.web_reply(self.alice, CRISIS)
        self.assertEqual(response.status, 303, response.text[:500])
        self.assertRegex(response.location, r"\?crisis=\d+#support$")
        (post_id, held_at, _, _), = posts_with(self.server, "I want to die")
        self.assertIsNone(held_at)
        self.assertTrue(self.visible_to(self.bob, post_id))
        landing = self.alice.web.get(response.location.split("#")[0])
        self.assertEqual(landing.status, 200)
        self.assertIn('id="support"', landing.text)
        self.assertIn("Samaritans", landing.text)  # Alice's region, GB
        self.assertIn("Lifeline", landing.text)    # the group's region, AU
        self.assertIn(f'href="#post-{post_id}"', landing.text)
        self.assertIn("I want to die", landing.text)  # her post is there, not hidden
        queue = self.queue()
        self.assertTrue(queue[0]["at_risk"])
        ids = [i.get("post", {}).get("id") for i in queue]
        mine = ids.index(str(post_id))
        older = next(n for n, i in enumerate(queue) if earlier in str(i))
        self.assertLess(mine, older)
        self.assertTrue(queue[mine]["at_risk"])
        self.assertEqual(queue[mine]["filter_flags"][0]["filter"], "crisis")
        page = self.mod.web.get(f"/g/{self.slug}/moderation").text
        first_item = page[page.index('<ol class="mod-queue">'):]
        self.assertLess(first_item.index("Someone may be at risk"), first_item.index(earlier))
        api = self.alice.call("POST", f"/api/v1/threads/{self.thread}/posts",
                              {"body": "I am going to kill myself tonight.", "idempotency_key": idempotency_key()})
        self.assertEqual(api.status, 201, api.text[:300])
        self.assertEqual(api.json()["filters"]["crisis"]["regions"], ["GB", "AU"])

    def test_crisis_search_shows_crisis_lines(self):
        guest = self.server.client()
        page = guest.get("/search?q=suicide")
        self.assertEqual(page.status, 200)
        self.assertIn('id="support"', page.text)
        self.assertIn('href="/help"', page.text)
        mine = self.alice.web.get("/search?q=how+to+kill+myself")
        self.assertIn("Samaritans", mine.text)
        plain = guest.get("/search?q=gardening")
        self.assertNotIn('id="support"', plain.text)
        api = self.alice.call("GET", "/api/v1/search?q=suicide")
        self.assertEqual(api.json()["crisis"]["regions"], ["GB"])
        self.assertIsNone(self.alice.call("GET", "/api/v1/search?q=gardening").json()["crisis"])

    # -- mute words ---------------------------------------------------------------------------

    def test_mute_words_collapse_posts_for_that_member_only(self):
        word = marker("mut")
        post_id = reply(self.alice, self.slug, self.thread, f"Talking about {word} today.")
        added = self.bob.web_form("/settings/mute-words", {"phrase": word.capitalize()})
        self.assertEqual(added.status, 303, added.text[:500])
        self.assertIn(word.capitalize(), self.bob.web.get("/settings/mute-words").text)
        path = f"/g/{self.slug}/t/{self.thread}?post={post_id}"
        hidden = self.bob.web.get(path).text
        article = hidden[hidden.index(f'id=post-{post_id}>'):]
        article = article[:article.index("</article>")]
        self.assertIn("Hidden by your mute words", article)
        self.assertIn(word, article)  # folded away, not taken away
        for other in (self.alice, self.mod):
            self.assertNotIn("Hidden by your mute words", other.web.get(path).text)
        self.assertNotIn("Hidden by your mute words", self.server.client().get(path).text)
        words = self.bob.call("GET", "/api/v1/me/mute-words").json()["mute_words"]
        entry = next(w for w in words if w["phrase"] == word.capitalize())
        self.assertEqual(self.bob.call("DELETE", f"/api/v1/me/mute-words/{entry['id']}").status, 204)
        self.assertNotIn("Hidden by your mute words", self.bob.web.get(path).text)

    # -- anonymity -----------------------------------------------------------------------------

    def test_filter_items_never_reveal_an_anonymous_author(self):
        word = marker("anf")
        self.watch(word, "flag")
        response = self.web_reply(self.alice, f"Anonymously: {word}. Also, I want to die.", anonymous="1")
        self.assertEqual(response.status, 303, response.text[:500])
        (post_id, _, _, _), = posts_with(self.server, f"Anonymously: {word}")
        secrets = [self.alice.login, self.alice.persona["name"], self.alice.persona["id"], self.alice.account_id]
        item = self.queue_item(post_id)
        self.assertEqual({f["filter"] for f in item["filter_flags"]}, {"crisis", "watched_words"})
        queue_page = self.mod.web.get(f"/g/{self.slug}/moderation").text
        items = [li for li in queue_page.split('<li class="card mod-item') if f"/moderation/posts/{post_id}" in li]
        self.assertEqual(len(items), 1)
        self.assertIn("Anonymous member", items[0])
        for text in (str(item), items[0], self.mod.web.get(f"/g/{self.slug}/moderation/posts/{post_id}").text,
                     self.mod.call("GET", f"/api/v1/posts/{post_id}/moderation").text):
            for secret in secrets:
                self.assertFalse(shows(text, secret), f"{secret!r} shown to a moderator")
        flags = query(self.server, "SELECT * FROM filter_flags WHERE post_id = ?", (post_id,))
        for row in flags:
            for secret in secrets:
                self.assertFalse(any(shows(str(value), secret) for value in row))


if __name__ == "__main__":
    unittest.main()
