"""Private messages between personas of one group (docs/messages.md), over HTTP against the
real server, on SQLite or PostgreSQL (HEARTH_TEST_POSTGRES, hearth_server.py).

- Sending from a persona page, receiving: the unread count in the header, /messages and the
  API; reading clears it; replies go both ways.
- "Who can send me private messages here": members (default) / moderators / nobody; the
  group's moderators may always write; a block stops messages both ways, with the very
  words "nobody" gets; a persona that isn't in the group is 404.
- Nobody else reads a conversation: a third member, a guest and a moderator (without a
  report) get 404 on the page and the API; messages never reach search, the home feed,
  group pages or live thread events.
- Filters: a watched word blocks or holds (held until a moderator approves); crisis language
  is sent and the author sees crisis lines; the kindness nudge asks first.
- Reports: a participant reports, the queue shows the text, removal shows "removed by a
  moderator" to the recipient.
- A repeated form makes one message; the hourly limit answers in plain words.
- Unlinkability: nothing the recipient receives names the sender's account or other personas.
"""
import html as htmllib
import re
import unittest

from community_fixture import (Person, idempotency_key, join_active, marker, pseudonym, query, set_role, shows,
                               start_server, start_thread)

UNAVAILABLE = "This member isn't taking private messages right now."
CRISIS = "I can't do this any more. I want to die."
HURTFUL = "Honestly you are so pathetic for writing this."


class MessagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        try:
            cls._build()
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def _build(cls):
        server = cls.server
        cls.owner, cls.mod = Person(server, "own"), Person(server, "mod")
        cls.alice, cls.bob, cls.carol = Person(server, "ali"), Person(server, "bob"), Person(server, "car")
        group = cls.owner.create_group(f"Evening circle {marker()}", rules=["Be kind."], region="AU",
                                       persona_name=pseudonym("Owner"))
        cls.group, cls.slug = group, group["slug"]
        for person, label in ((cls.mod, "Mod"), (cls.alice, "Alder"), (cls.bob, "Birch"), (cls.carol, "Cedar")):
            person.persona = join_active(person, cls.owner, group, pseudonym(label))
        set_role(cls.owner, cls.slug, cls.mod.persona["id"], "moderator")
        # Alice also belongs to another group, under another name: it must never show here.
        other = cls.owner.create_group(f"Teachers {marker()}", persona_name=pseudonym("Owner"))
        cls.alice_elsewhere = join_active(cls.alice, cls.owner, other, pseudonym("Elsewhere"))
        updated = cls.alice.call("PATCH", "/api/v1/me", {"region": "GB"})
        assert updated.status == 200, updated.text[:300]
        cls.thread, _ = start_thread(cls.owner, cls.slug, f"Evenings {marker()}", "How are your evenings?")

    # -- helpers ---------------------------------------------------------------------------------

    def write(self, sender, to, body, key=None, **fields):
        """Sends from `to`'s page in the group (the web form); the response (303 when sent)."""
        form = {"body": body, "idempotency_key": key or idempotency_key(), **fields}
        return sender.web_form(f"/g/{self.slug}/p/{to.persona['id']}/message", form)

    def send(self, sender, to, body):
        response = self.write(sender, to, body)
        self.assertEqual(response.status, 303, response.text[:800])
        found = re.search(rf"/g/{self.slug}/messages/(\d+)", response.location)
        self.assertIsNotNone(found, response.location)
        return int(found.group(1)), response

    def conversation(self, person, conversation_id):
        return person.web.get(f"/g/{self.slug}/messages/{conversation_id}")

    def unread(self, person):
        response = person.call("GET", "/api/v1/messages")
        self.assertEqual(response.status, 200, response.text[:300])
        return response.json()["unread_total"]

    def allow(self, person, who):
        response = person.web_form(f"/me/personas/{person.persona['id']}/messages", {"allow": who})
        self.assertEqual(response.status, 303, response.text[:300])

    def refusal_text(self, html):
        found = re.search(r"<h1>Write to [^<]*</h1><p>([^<]*)</p>", html)
        self.assertIsNotNone(found, html[:1500])
        return htmllib.unescape(found.group(1))

    def watch(self, phrase, action, message=""):
        added = self.mod.call("POST", f"/api/v1/groups/{self.slug}/watched-words",
                              {"phrase": phrase, "action": action, "message": message})
        self.assertEqual(added.status, 201, added.text[:300])

    def messages_with(self, text):
        return query(self.server, "SELECT id, held_at, deleted_at, removed_by_moderator FROM private_messages "
                                  "WHERE body LIKE ?", (f"%{text}%",))

    # -- sending and reading ---------------------------------------------------------------------

    def test_a_message_arrives_unread_and_reading_it_clears_the_count(self):
        persona_page = self.alice.web.get(f"/g/{self.slug}/p/{self.bob.persona['id']}")
        self.assertIn("Send a private message", persona_page.text)
        before = self.unread(self.bob)
        words = marker("hello")
        conversation, response = self.send(self.alice, self.bob, f"Hello there, {words}.")
        self.assertIn("sent=1", response.location)
        self.assertEqual(self.unread(self.bob), before + 1)
        header = self.bob.web.get("/").text
        self.assertRegex(header, r'href="/messages">Messages \(\d+<span class="visually-hidden"> new</span>\)')
        inbox = self.bob.web.get("/messages").text
        self.assertIn(self.alice.persona["name"], inbox)
        self.assertIn(self.group["name"], inbox)
        self.assertIn(f"/g/{self.slug}/messages/{conversation}", inbox)
        self.assertIn("1 new", inbox)
        page = self.conversation(self.bob, conversation)
        self.assertEqual(page.status, 200)
        self.assertIn(words, page.text)
        self.assertIn(self.alice.persona["name"], page.text)
        self.assertEqual(self.unread(self.bob), before)  # read now
        # Bob answers in the conversation; Alice has one unread.
        answer = marker("answer")
        alice_before = self.unread(self.alice)
        replied = self.bob.web_form(f"/g/{self.slug}/messages/{conversation}",
                                    {"body": f"Hi, {answer}.", "idempotency_key": idempotency_key()})
        self.assertEqual(replied.status, 303, replied.text[:500])
        self.assertEqual(self.unread(self.alice), alice_before + 1)
        api = self.alice.call("GET", f"/api/v1/conversations/{conversation}/messages").json()
        self.assertEqual(api["conversation"]["with"]["name"], self.bob.persona["name"])
        bodies = [m.get("body", "") for m in api["messages"]]
        self.assertTrue(any(words in b for b in bodies) and any(answer in b for b in bodies), bodies)
        self.assertEqual([m["from"] for m in api["messages"]][-2:], ["you", "them"])
        # The same pair has one conversation, whoever starts it.
        again, _ = self.send(self.bob, self.alice, f"One more {marker()}.")
        self.assertEqual(again, conversation)

    def test_a_repeated_form_makes_one_message(self):
        words, key = marker("twice"), idempotency_key()
        first = self.write(self.alice, self.carol, f"Only once {words}.", key=key)
        second = self.write(self.alice, self.carol, f"Only once {words}.", key=key)
        self.assertEqual((first.status, second.status), (303, 303), second.text[:500])
        self.assertEqual(first.location, second.location)
        self.assertEqual(len(self.messages_with(words)), 1)
        # The API honours the same key.
        conversation = re.search(r"/messages/(\d+)", first.location).group(1)
        payload = {"body": f"Api once {words}", "idempotency_key": idempotency_key()}
        one = self.alice.call("POST", f"/api/v1/conversations/{conversation}/messages", payload)
        two = self.alice.call("POST", f"/api/v1/conversations/{conversation}/messages", payload)
        self.assertEqual((one.status, two.status), (201, 201), two.text[:300])
        self.assertEqual(one.json()["id"], two.json()["id"])
        self.assertEqual(len(self.messages_with(f"Api once {words}")), 1)

    # -- who may write -------------------------------------------------------------------------

    def test_the_setting_members_moderators_nobody(self):
        dana = Person(self.server, "dan")
        dana.persona = join_active(dana, self.owner, self.group, pseudonym("Dana"))
        try:
            self.allow(dana, "nobody")
            refused = self.alice.web.get(f"/g/{self.slug}/p/{dana.persona['id']}/message")
            self.assertEqual(refused.status, 403)
            self.assertEqual(self.refusal_text(refused.text), UNAVAILABLE)
            self.assertNotIn("Send a private message",
                             self.alice.web.get(f"/g/{self.slug}/p/{dana.persona['id']}").text)
            posted = self.write(self.alice, dana, f"Nobody {marker()}")
            self.assertEqual(posted.status, 403)
            self.assertIn(UNAVAILABLE, htmllib.unescape(posted.text))
            # The group's moderators can always write to a member.
            self.send(self.mod, dana, f"From the moderators {marker()}.")
            self.allow(dana, "moderators")
            self.assertEqual(self.write(self.alice, dana, f"Mods only {marker()}").status, 403)
            self.send(self.mod, dana, f"Still the moderators {marker()}.")
            self.allow(dana, "members")
            self.send(self.alice, dana, f"Members again {marker()}.")
            setting = dana.call("GET", f"/api/v1/me/personas/{dana.persona['id']}/message-setting")
            self.assertEqual(setting.json(), {"allow": "members"})
            # Nobody else can change or read someone's setting.
            self.assertEqual(self.alice.call("GET", f"/api/v1/me/personas/{dana.persona['id']}/message-setting")
                             .status, 404)
        finally:
            self.allow(dana, "members")

    def test_a_block_stops_messages_both_ways_with_the_same_words_as_nobody(self):
        erin, finn, gale = Person(self.server, "eri"), Person(self.server, "fin"), Person(self.server, "gal")
        for person, label in ((erin, "Erin"), (finn, "Finn"), (gale, "Gale")):
            person.persona = join_active(person, self.owner, self.group, pseudonym(label))
        conversation, _ = self.send(finn, erin, f"Before the block {marker()}.")
        blocked = erin.call("POST", f"/api/v1/groups/{self.slug}/members/{finn.persona['id']}/block")
        self.assertEqual(blocked.status, 204, blocked.text[:300])
        self.allow(gale, "nobody")
        nobody = self.refusal_text(finn.web.get(f"/g/{self.slug}/p/{gale.persona['id']}/message").text)
        for sender, to in ((finn, erin), (erin, finn)):
            page = sender.web.get(f"/g/{self.slug}/p/{to.persona['id']}/message")
            self.assertEqual(page.status, 403)
            self.assertEqual(self.refusal_text(page.text), nobody)
            posted = self.write(sender, to, f"Across a block {marker()}")
            self.assertEqual(posted.status, 403)
            self.assertIn(UNAVAILABLE, htmllib.unescape(posted.text))
            api = sender.call("POST", f"/api/v1/personas/{to.persona['id']}/messages",
                              {"group": self.slug, "body": "Hello?", "idempotency_key": idempotency_key()})
            self.assertEqual(api.status, 403)
            self.assertEqual(api.json()["error"]["message"], UNAVAILABLE)
            # The conversation they had is gone from both lists and pages.
            self.assertNotIn(f"/messages/{conversation}", sender.web.get("/messages").text)
            self.assertEqual(self.conversation(sender, conversation).status, 404)
        # A persona that isn't in the group: not found, like anywhere else.
        stranger = Person(self.server, "str")
        elsewhere = stranger.create_group(f"Elsewhere {marker()}", persona_name=pseudonym("Stranger"))
        persona = stranger.membership_in(elsewhere["slug"])["persona"]["id"]
        self.assertEqual(self.alice.web.get(f"/g/{self.slug}/p/{persona}/message").status, 404)
        api = self.alice.call("POST", f"/api/v1/personas/{persona}/messages",
                              {"group": self.slug, "body": "Hi", "idempotency_key": idempotency_key()})
        self.assertEqual(api.status, 404)

    # -- privacy -------------------------------------------------------------------------------

    def test_nobody_else_can_read_a_conversation(self):
        words = marker("private")
        conversation, _ = self.send(self.alice, self.bob, f"Just between us, {words}.")
        message_id = self.messages_with(words)[0][0]
        guest = self.server.client()
        for label, get_page, get_api in (
                ("third member", lambda p: self.carol.web.get(p), lambda p: self.carol.call("GET", p)),
                ("moderator", lambda p: self.mod.web.get(p), lambda p: self.mod.call("GET", p)),
                ("owner", lambda p: self.owner.web.get(p), lambda p: self.owner.call("GET", p)),
                ("guest", lambda p: guest.get(p), lambda p: guest.json("GET", p))):
            page = get_page(f"/g/{self.slug}/messages/{conversation}")
            self.assertEqual(page.status, 404, label)
            self.assertNotIn(words, page.text, label)
            api = get_api(f"/api/v1/conversations/{conversation}/messages")
            self.assertEqual(api.status, 404, label)
            self.assertNotIn(words, api.text, label)
        # Without a report or a filter, the moderators can't open it either.
        self.assertEqual(self.mod.web.get(f"/g/{self.slug}/moderation/m/{message_id}").status, 404)
        self.assertEqual(self.mod.call("GET", f"/api/v1/groups/{self.slug}/moderation/messages/{message_id}").status,
                         404)
        self.assertNotIn(words, self.mod.web.get(f"/g/{self.slug}/moderation").text)
        # Not in search, the home feed, the group's pages, or anyone's lists.
        for person in (self.alice, self.bob, self.carol):
            self.assertIn('<h2 id="results">Nothing found</h2>', person.web.get(f"/search?q={words}").text)
            self.assertEqual(person.call("GET", f"/api/v1/search?q={words}").json()["results"], [])
            self.assertNotIn(words, person.web.get("/").text)
            self.assertNotIn(words, person.web.get(f"/g/{self.slug}").text)
            self.assertNotIn(words, person.call("GET", f"/api/v1/groups/{self.slug}/threads").text)
        self.assertNotIn(f"/messages/{conversation}", self.carol.web.get("/messages").text)
        # No live event of any thread is written for a message.
        events = query(self.server, "SELECT COUNT(*) FROM thread_events e JOIN support_groups g ON g.id = e.group_id "
                                    "WHERE g.slug = ?", (self.slug,))[0][0]
        self.send(self.alice, self.bob, f"Quietly {marker()}.")
        self.assertEqual(query(self.server, "SELECT COUNT(*) FROM thread_events e JOIN support_groups g "
                                            "ON g.id = e.group_id WHERE g.slug = ?", (self.slug,))[0][0], events)

    def test_nothing_the_recipient_receives_links_the_sender(self):
        words = marker("link")
        conversation, _ = self.send(self.alice, self.bob, f"Who am I? {words}.")
        bodies = [self.bob.web.get("/messages").text,
                  self.conversation(self.bob, conversation).text,
                  self.bob.call("GET", "/api/v1/messages").text,
                  self.bob.call("GET", f"/api/v1/conversations/{conversation}/messages").text,
                  self.bob.web.get(f"/g/{self.slug}/p/{self.alice.persona['id']}").text]
        self.assertIn(words, bodies[1])
        for body in bodies:
            for label, secret in (("account id", self.alice.account_id), ("login", self.alice.login),
                                  ("other persona name", self.alice_elsewhere["name"]),
                                  ("other persona id", self.alice_elsewhere["id"])):
                self.assertFalse(shows(body, secret), f"{label} shows to the recipient")

    # -- filters -------------------------------------------------------------------------------

    def test_a_watched_word_blocks_a_message(self):
        word = marker("blk")
        self.watch(word, "block", "Please leave that word out here.")
        refused = self.write(self.alice, self.bob, f"Some {word} text")
        self.assertEqual(refused.status, 400, refused.text[:500])
        self.assertIn("Please leave that word out here.", refused.text)
        self.assertEqual(self.messages_with(word), [])

    def test_a_held_message_waits_for_a_moderator(self):
        word = marker("hld")
        self.watch(word, "hold")
        before = self.unread(self.carol)
        conversation, response = self.send(self.alice, self.carol, f"Held {word} words.")
        self.assertIn("held=1", response.location)
        (message_id, held_at, _, _), = self.messages_with(word)
        self.assertIsNotNone(held_at)
        self.assertIn("Waiting for a moderator", self.conversation(self.alice, conversation).text)
        self.assertNotIn(word, self.conversation(self.carol, conversation).text)
        self.assertEqual(self.unread(self.carol), before)
        queue = self.mod.call("GET", f"/api/v1/groups/{self.slug}/moderation/queue").json()["items"]
        item = next(i for i in queue if i.get("message", {}).get("id") == str(message_id))
        self.assertEqual(item["kind"], "message")
        self.assertIn(word, item["message"]["body"])
        self.assertIn(word, self.mod.web.get(f"/g/{self.slug}/moderation").text)
        approved = self.mod.web_form(f"/g/{self.slug}/moderation/m/{message_id}", {"action": "approve"})
        self.assertEqual(approved.status, 303, approved.text[:500])
        self.assertIn(word, self.conversation(self.carol, conversation).text)
        self.assertEqual(self.unread(self.carol), 0)  # just read it
        self.assertEqual(self.mod.web.get(f"/g/{self.slug}/moderation/m/{message_id}").status, 404)

    def test_crisis_language_is_sent_and_the_author_sees_crisis_lines(self):
        conversation, response = self.send(self.alice, self.bob, CRISIS)
        self.assertRegex(response.location, r"crisis=1#support$")
        landing = self.alice.web.get(response.location.split("#")[0])
        self.assertIn('id="support"', landing.text)
        self.assertIn("Samaritans", landing.text)  # Alice's region, GB
        self.assertIn("Lifeline", landing.text)    # the group's, AU
        self.assertIn("I want to die", self.conversation(self.bob, conversation).text)
        queue = self.mod.call("GET", f"/api/v1/groups/{self.slug}/moderation/queue").json()["items"]
        self.assertTrue(queue[0]["at_risk"])
        self.assertEqual(queue[0]["kind"], "message")

    def test_the_kindness_nudge_asks_first_with_and_without_javascript(self):
        key = idempotency_key()
        asked = self.write(self.bob, self.carol, HURTFUL, key=key)
        self.assertEqual(asked.status, 409, asked.text[:500])
        self.assertIn("Before you send your message", asked.text)
        self.assertEqual(self.messages_with("so pathetic for writing"), [])
        inline = self.bob.web.post_form(f"/g/{self.slug}/p/{self.carol.persona['id']}/message",
                                        {"csrf": self.bob.csrf, "body": HURTFUL, "idempotency_key": key},
                                        headers={"Accept": "application/json"})
        self.assertEqual(inline.status, 409, inline.text[:300])
        self.assertTrue(inline.json()["prompt"]["kindness"])
        sent = self.write(self.bob, self.carol, HURTFUL, key=key, confirm="1")
        self.assertEqual(sent.status, 303, sent.text[:500])
        self.assertEqual(len(self.messages_with("so pathetic for writing")), 1)

    # -- reports -------------------------------------------------------------------------------

    def test_a_reported_message_can_be_removed_by_a_moderator(self):
        words = marker("rude")
        conversation, _ = self.send(self.carol, self.bob, f"Something unkind {words}.")
        (message_id, _, _, _), = self.messages_with(words)
        report_path = f"/g/{self.slug}/messages/{conversation}/m/{message_id}/report"
        self.assertEqual(self.alice.web.get(report_path).status, 404)  # not hers
        self.assertIn(words, self.bob.web.get(report_path).text)
        filed = self.bob.web_form(report_path, {"reason": "hurtful", "note": "Not nice."})
        self.assertEqual(filed.status, 303, filed.text[:500])
        self.assertIn("received=1", filed.location)
        again = self.bob.web_form(report_path, {"reason": "hurtful"})
        self.assertIn("received=again", again.location)
        self.assertEqual(query(self.server, "SELECT COUNT(*) FROM reports WHERE item_kind = 'message' AND item_id = ?",
                               (message_id,))[0][0], 1)
        self.assertIn("A private message", self.bob.web.get("/me/reports").text)
        queue_page = self.mod.web.get(f"/g/{self.slug}/moderation").text
        self.assertIn(words, queue_page)
        self.assertIn(f"/moderation/m/{message_id}", queue_page)
        looked = self.mod.web.get(f"/g/{self.slug}/moderation/m/{message_id}")
        self.assertEqual(looked.status, 200)
        self.assertIn(f"/moderation/p/{self.carol.persona['id']}", looked.text)  # warn, mute or ban there
        removed = self.mod.web_form(f"/g/{self.slug}/moderation/m/{message_id}",
                                    {"action": "remove", "reason": "Please be kind in messages too."})
        self.assertEqual(removed.status, 303, removed.text[:500])
        seen = self.conversation(self.bob, conversation).text
        self.assertIn("This message was removed by a moderator.", seen)
        self.assertNotIn(words, seen)
        self.assertIn("Please be kind in messages too.", self.conversation(self.carol, conversation).text)
        (_, _, deleted_at, by_moderator), = query(self.server, "SELECT id, held_at, deleted_at, removed_by_moderator "
                                                               "FROM private_messages WHERE id = ?", (message_id,))
        self.assertIsNotNone(deleted_at)
        self.assertEqual(by_moderator, 1)

    def test_the_sender_can_take_a_message_back(self):
        words = marker("oops")
        conversation, _ = self.send(self.bob, self.alice, f"Oops {words}.")
        (message_id, _, _, _), = self.messages_with(words)
        self.assertEqual(self.alice.web_form(f"/g/{self.slug}/messages/{conversation}/m/{message_id}/delete", {})
                         .status, 404)  # not hers to take back
        done = self.bob.web_form(f"/g/{self.slug}/messages/{conversation}/m/{message_id}/delete", {})
        self.assertEqual(done.status, 303)
        page = self.conversation(self.alice, conversation).text
        self.assertIn("This message was removed by its author.", page)
        self.assertNotIn(words, page)

    # -- limits ----------------------------------------------------------------------------------

    def test_sending_is_limited_per_hour_in_plain_words(self):
        sender, to = Person(self.server, "lim"), Person(self.server, "lto")
        for person, label in ((sender, "Limit"), (to, "Target")):
            person.persona = join_active(person, self.owner, self.group, pseudonym(label))
        path = f"/api/v1/personas/{to.persona['id']}/messages"
        statuses = [sender.call("POST", path, {"group": self.slug, "body": f"Message {n}",
                                               "idempotency_key": idempotency_key()}).status for n in range(60)]
        self.assertEqual(set(statuses), {201})
        refused = sender.call("POST", path, {"group": self.slug, "body": "One too many",
                                             "idempotency_key": idempotency_key()})
        self.assertEqual(refused.status, 429, refused.text[:300])
        self.assertIn("private messages in the last hour", refused.json()["error"]["message"])


if __name__ == "__main__":
    unittest.main()
