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
- Message requests: a first message is a request (apart from the conversations and the unread
  count, with its own count); the sender can't write again until it is accepted ("waiting");
  accept makes it a conversation; decline hides it and the sender sees no difference; decline
  and block blocks; the group's moderators skip requests; a blocked pair never sees one.
- The live count: GET /api/v1/me/events tells the recipient of a new message or request, and
  nobody else; on PostgreSQL also when the stream is on another node.
"""
import html as htmllib
import json
import re
import time
import unittest

from community_fixture import (CommunityTestCase, Person, idempotency_key, join_active, marker, pseudonym, query,
                               set_role, shows, start_thread)
from groups_fixtures import LIMITS
from hearth_server import HearthServer, database_env, on_postgres
from test_live_updates import EventStream

UNAVAILABLE = "This member isn't taking private messages right now."
WAITING = "Your message is waiting for them to accept it."
CRISIS = "I can't do this any more. I want to die."
HURTFUL = "Honestly you are so pathetic for writing this."


class MessagesTest(CommunityTestCase):
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
        # The three members already talk to each other (their requests accepted and read), so
        # the tests below about sending, filters and reports are about ordinary conversations.
        for sender, to in ((cls.alice, cls.bob), (cls.alice, cls.carol), (cls.bob, cls.carol)):
            cls._befriend(sender, to)

    @classmethod
    def _befriend(cls, sender, to):
        sent = sender.call("POST", f"/api/v1/personas/{to.persona['id']}/messages",
                           {"group": cls.slug, "body": "Hello, may I write to you?",
                            "idempotency_key": idempotency_key()})
        assert sent.status == 201 and sent.json()["request"] == "waiting", sent.text[:300]
        conversation = sent.json()["conversation_id"]
        accepted = to.call("POST", f"/api/v1/conversations/{conversation}/accept")
        assert accepted.status == 200, accepted.text[:300]
        assert to.call("GET", f"/api/v1/conversations/{conversation}/messages").status == 200  # read
        return conversation
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
        self.assertIn("Your private conversation with", persona_page.text)  # they have one already
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
        # The strike's notice says what was removed: a private message, not a post.
        notices = htmllib.unescape(self.carol.web.get("/me/notices").text)
        self.assertIn("A moderator removed your private message", notices)
        self.assertNotIn("removed your post", notices)
        record = self.mod.web.get(f"/g/{self.slug}/moderation/p/{self.carol.persona['id']}").text
        self.assertIn("Private message removed", record)
        self.assertNotIn("Post removed", record)
        (_, _, deleted_at, by_moderator), = query(self.server, "SELECT id, held_at, deleted_at, removed_by_moderator "
                                                               "FROM private_messages WHERE id = ?", (message_id,))
        self.assertIsNotNone(deleted_at)
        self.assertEqual(by_moderator, 1)

    def test_the_sender_can_take_a_message_back(self):
        words = marker("oops")
        conversation, _ = self.send(self.bob, self.alice, f"Oops {words}.")
        (message_id, _, _, _), = self.messages_with(words)
        remove_path = f"/g/{self.slug}/messages/{conversation}/m/{message_id}/delete"
        self.assertEqual(self.alice.web_form(remove_path, {}).status, 404)  # not hers to take back
        self.assertEqual(self.alice.web.get(remove_path).status, 404)
        # Bob's page links to a page that asks first, with the message and a way to keep it.
        self.assertIn(f'<a href="{remove_path}">Remove', self.conversation(self.bob, conversation).text)
        asked = self.bob.web.get(remove_path)
        self.assertEqual(asked.status, 200)
        self.assertIn("Take this message back?", asked.text)
        self.assertIn(words, asked.text)
        self.assertIn("Keep it</a>", asked.text)
        done = self.bob.web_form(f"/g/{self.slug}/messages/{conversation}/m/{message_id}/delete", {})
        self.assertEqual(done.status, 303)
        page = self.conversation(self.alice, conversation).text
        self.assertIn("This message was removed by its author.", page)
        self.assertNotIn(words, page)
        self.assertEqual(self.bob.web.get(remove_path).status, 404)  # nothing left to take back

    # -- message requests ------------------------------------------------------------------------

    def newcomers(self, *labels):
        people = []
        for label in labels:
            person = Person(self.server, label[:3].lower())
            person.persona = join_active(person, self.owner, self.group, pseudonym(label))
            people.append(person)
        return people

    def inbox(self, person):
        response = person.call("GET", "/api/v1/messages")
        self.assertEqual(response.status, 200, response.text[:300])
        return response.json()

    def nav(self, person):
        found = re.search(r'<a id="nav-messages" href="/messages">(.*?)</a>', person.web.get("/settings").text)
        self.assertIsNotNone(found)
        return re.sub(r"<[^>]+>", "", found.group(1))

    def test_a_first_message_is_a_request_until_it_is_accepted(self):
        hazel, ivy = self.newcomers("Hazel", "Ivy")
        self.assertIn("Send a private message", hazel.web.get(f"/g/{self.slug}/p/{ivy.persona['id']}").text)
        words = marker("first")
        conversation, response = self.send(hazel, ivy, f"Hi Ivy, I liked your reply. {words}")
        self.assertIn("request=1", response.location)
        self.assertIn("reaches them as a request",
                      htmllib.unescape(hazel.web.get(response.location.split("#")[0]).text))
        # For Ivy: a request, apart from the conversations and from the unread count.
        inbox = self.inbox(ivy)
        self.assertEqual((inbox["unread_total"], inbox["requests_total"]), (0, 1))
        self.assertEqual(inbox["conversations"], [])
        (request,) = inbox["requests"]
        self.assertEqual((request["id"], request["with"]["name"], request["group"]["slug"]),
                         (str(conversation), hazel.persona["name"], self.slug))
        self.assertIn(words, request["message"]["body"])
        self.assertEqual(self.nav(ivy), "Messages · 1 request")
        page = ivy.web.get("/messages").text
        section = re.search(r'<section class="card" id="requests".*?</section>', page, re.S).group(0)
        self.assertIn(hazel.persona["name"], section)
        self.assertIn(self.group["name"], section)
        self.assertRegex(section, r"<details><summary>Read their message</summary>.*" + re.escape(words))
        self.assertIn(f"/g/{self.slug}/messages/{conversation}/accept", section)
        # For Hazel: waiting, and no second message, in plain words, on every way in.
        self.assertEqual(self.inbox(hazel)["conversations"][0]["request"], "waiting")
        self.assertIn("Waiting for them to accept", hazel.web.get("/messages").text)
        second = marker("second")
        again = self.write(hazel, ivy, f"Hello? {second}")
        self.assertEqual(again.status, 409, again.text[:500])
        self.assertIn(WAITING, htmllib.unescape(again.text))
        api = hazel.call("POST", f"/api/v1/conversations/{conversation}/messages",
                         {"body": f"Hello? {second}", "idempotency_key": idempotency_key()})
        self.assertEqual((api.status, api.json()["error"]["message"]), (409, WAITING))
        self.assertIn(WAITING, htmllib.unescape(self.conversation(hazel, conversation).text))
        self.assertEqual(hazel.call("POST", f"/api/v1/conversations/{conversation}/accept").status, 409)
        self.assertEqual(self.messages_with(second), [])
        # Ivy accepts: an ordinary conversation both ways.
        accepted = ivy.web_form(f"/g/{self.slug}/messages/{conversation}/accept", {})
        self.assertEqual(accepted.status, 303, accepted.text[:500])
        self.assertIn(f"/g/{self.slug}/messages/{conversation}", accepted.location)
        inbox = self.inbox(ivy)
        self.assertEqual((inbox["requests_total"], inbox["requests"]), (0, []))
        self.assertEqual([c["id"] for c in inbox["conversations"]], [str(conversation)])
        self.assertIsNone(inbox["conversations"][0]["request"])
        self.send(hazel, ivy, f"Thank you! {marker()}")
        self.assertEqual(self.unread(ivy), 1)
        self.assertIsNone(self.inbox(hazel)["conversations"][0]["request"])

    def test_declining_looks_to_the_sender_like_no_answer_yet(self):
        jay, kim = self.newcomers("Jay", "Kim")
        conversation, _ = self.send(jay, kim, f"Hello Kim {marker()}")

        def senders_view():
            listed = self.inbox(jay)
            return (listed["conversations"], listed["unread_total"],
                    jay.call("GET", f"/api/v1/conversations/{conversation}/messages").json(),
                    self.write(jay, kim, "Still there?").status,
                    jay.call("POST", f"/api/v1/conversations/{conversation}/messages",
                             {"body": "Still there?", "idempotency_key": idempotency_key()}).text,
                    self.refusal_text(jay.web.get(f"/g/{self.slug}/p/{kim.persona['id']}/message").text),
                    re.sub(r'name="(csrf|idempotency_key)" value="[^"]*"', "",
                           self.conversation(jay, conversation).text))

        before = senders_view()
        self.assertEqual(before[3], 409)
        declined = kim.web_form(f"/g/{self.slug}/messages/{conversation}/decline", {})
        self.assertEqual(declined.status, 303, declined.text[:500])
        self.assertIn("Declined. They aren't told", htmllib.unescape(kim.web.get(declined.location.split("#")[0]).text))
        self.assertEqual(senders_view(), before)
        # Gone from Kim's requests and counts; the pair can't start another.
        inbox = self.inbox(kim)
        self.assertEqual((inbox["requests"], inbox["requests_total"], inbox["conversations"]), ([], 0, []))
        self.assertEqual(self.nav(kim), "Messages")
        self.assertEqual(len(self.messages_with("Still there?")), 0)
        self.assertEqual(kim.call("POST", f"/api/v1/conversations/{conversation}/decline").status, 204)  # again
        # Kim may change her mind: it still opens for her, and accepting makes it ordinary.
        self.assertIn("You declined this request", self.conversation(kim, conversation).text)
        self.assertEqual(kim.call("POST", f"/api/v1/conversations/{conversation}/accept").status, 200)
        self.send(jay, kim, f"Oh, hello! {marker()}")

    def test_decline_and_block_uses_the_block(self):
        lee, max_ = self.newcomers("Lee", "Max")
        conversation, _ = self.send(lee, max_, f"Hi Max {marker()}")
        done = max_.web_form(f"/g/{self.slug}/messages/{conversation}/decline", {"block": "1"})
        self.assertEqual(done.status, 303, done.text[:500])
        self.assertIn("you've blocked them", htmllib.unescape(max_.web.get(done.location.split("#")[0]).text))
        blocks = max_.call("GET", "/api/v1/me/blocks")
        self.assertIn(lee.persona["name"], blocks.text)
        refused = self.write(lee, max_, "Hello?")
        self.assertEqual(refused.status, 403)
        self.assertIn(UNAVAILABLE, htmllib.unescape(refused.text))

    def test_the_groups_moderators_skip_the_request(self):
        (nia,) = self.newcomers("Nia")
        sent = self.mod.call("POST", f"/api/v1/personas/{nia.persona['id']}/messages",
                             {"group": self.slug, "body": "Hello from the moderators.",
                              "idempotency_key": idempotency_key()})
        self.assertEqual(sent.status, 201, sent.text[:300])
        self.assertIsNone(sent.json()["request"])
        inbox = self.inbox(nia)
        self.assertEqual((inbox["unread_total"], inbox["requests_total"]), (1, 0))
        self.assertEqual(inbox["conversations"][0]["with"]["name"], self.mod.persona["name"])
        # A member writing to a moderator sends a request like anyone else.
        (olive,) = self.newcomers("Olive")
        asked = olive.call("POST", f"/api/v1/personas/{self.mod.persona['id']}/messages",
                           {"group": self.slug, "body": "A question for you.", "idempotency_key": idempotency_key()})
        self.assertEqual(asked.json()["request"], "waiting")
        # The moderator answering a member's request accepts it.
        answer = self.mod.call("POST", f"/api/v1/conversations/{asked.json()['conversation_id']}/messages",
                               {"body": "Of course.", "idempotency_key": idempotency_key()})
        self.assertEqual(answer.status, 201, answer.text[:300])
        self.assertIsNone(self.inbox(olive)["conversations"][0]["request"])

    def test_a_blocked_pair_never_sees_requests(self):
        pat, quin, rue = self.newcomers("Pat", "Quin", "Rue")
        # Quin blocked Pat before anything was sent: no request can be made.
        blocked = quin.call("POST", f"/api/v1/groups/{self.slug}/members/{pat.persona['id']}/block")
        self.assertEqual(blocked.status, 204, blocked.text[:300])
        refused = self.write(pat, quin, "Hi")
        self.assertEqual(refused.status, 403)
        self.assertEqual(self.inbox(quin)["requests_total"], 0)
        # A request already waiting leaves the list once a block stands between them, either way.
        self.send(rue, pat, f"Hi Pat {marker()}")
        self.assertEqual(self.inbox(pat)["requests_total"], 1)
        self.assertEqual(rue.call("POST", f"/api/v1/groups/{self.slug}/members/{pat.persona['id']}/block").status,
                         204)
        inbox = self.inbox(pat)
        self.assertEqual((inbox["requests"], inbox["requests_total"]), ([], 0))
        self.assertNotIn("Message requests", pat.web.get("/messages").text)
        self.assertEqual(self.nav(pat), "Messages")

    def test_request_counts_add_up(self):
        sam, tia, uma = self.newcomers("Sam", "Tia", "Uma")
        self.send(tia, sam, f"From Tia {marker()}")
        self.send(uma, sam, f"From Uma {marker()}")
        inbox = self.inbox(sam)
        self.assertEqual((inbox["requests_total"], len(inbox["requests"]), inbox["unread_total"]), (2, 2, 0))
        self.assertEqual(self.nav(sam), "Messages · 2 requests")
        self.assertEqual(self.nav(tia), "Messages")  # a request sent counts nothing for its sender
        self.assertEqual(sam.call("POST", f"/api/v1/conversations/{inbox['requests'][0]['id']}/accept").status, 200)
        self.assertEqual(self.nav(sam), "Messages (1 new) · 1 request")

    # -- the live count ----------------------------------------------------------------------------

    def counts_stream(self, server, person):
        stream = EventStream(server, "/api/v1/me/events", token=person.token)
        self.addCleanup(stream.close)
        self.assertEqual(stream.status, 200)
        return stream

    def counts(self, stream, timeout=4.0):
        event = stream.next(timeout=timeout)
        if event is None:
            return None
        self.assertEqual(event["event"], "unread")
        data = json.loads(event["data"])
        return data["unread_messages"], data["message_requests"]

    def test_the_live_count_tells_the_recipient_and_nobody_else(self):
        vic, wren, xan = self.newcomers("Vic", "Wren", "Xan")
        wren_stream, xan_stream = self.counts_stream(self.server, wren), self.counts_stream(self.server, xan)
        self.assertEqual(self.counts(wren_stream), (0, 0))
        self.assertEqual(self.counts(xan_stream), (0, 0))
        time.sleep(0.3)  # listening
        conversation, _ = self.send(vic, wren, f"Hello Wren {marker()}")
        self.assertEqual(self.counts(wren_stream), (0, 1))  # a request
        self.assertEqual(wren.call("POST", f"/api/v1/conversations/{conversation}/accept").status, 200)
        self.assertEqual(self.counts(wren_stream), (1, 0))
        self.send(vic, wren, f"Thanks {marker()}")
        self.assertEqual(self.counts(wren_stream), (2, 0))
        self.assertEqual(self.conversation(wren, conversation).status, 200)  # reading brings it down
        self.assertEqual(self.counts(wren_stream), (0, 0))
        self.assertIsNone(self.counts(xan_stream, timeout=2.5), "a third account heard of someone else's message")

    def test_a_block_and_its_lifting_move_the_live_count_at_once(self):
        yan, zoe = self.newcomers("Yan", "Zoe")
        conversation, _ = self.send(yan, zoe, f"Hello Zoe {marker()}")
        self.assertEqual(zoe.call("POST", f"/api/v1/conversations/{conversation}/accept").status, 200)
        self.send(yan, zoe, f"How are you {marker()}")
        stream = self.counts_stream(self.server, zoe)
        self.assertEqual(self.counts(stream), (2, 0))
        time.sleep(0.3)  # listening
        # Zoe blocks Yan: the conversation leaves her list, and her count with it, live.
        blocked = zoe.call("POST", f"/api/v1/groups/{self.slug}/members/{yan.persona['id']}/block")
        self.assertEqual(blocked.status, 204, blocked.text[:300])
        self.assertEqual(self.counts(stream), (0, 0))
        unblocked = zoe.call("DELETE", f"/api/v1/me/blocks/{yan.persona['id']}")
        self.assertIn(unblocked.status, (200, 204), unblocked.text[:300])
        self.assertEqual(self.counts(stream), (2, 0))

    @unittest.skipUnless(on_postgres(), "several nodes need PostgreSQL (HEARTH_TEST_POSTGRES)")
    def test_the_live_count_crosses_nodes(self):
        yan, zed = self.newcomers("Yan", "Zed")
        node_b = HearthServer(env={**LIMITS, **database_env(self.server.data_dir)}).start()
        self.addCleanup(node_b.stop)
        stream = self.counts_stream(node_b, zed)
        self.assertEqual(self.counts(stream), (0, 0))
        time.sleep(0.3)
        self.send(yan, zed, f"Across nodes {marker()}")  # through the first node
        self.assertEqual(self.counts(stream), (0, 1), "node B's stream heard nothing of a request via node A")

    # -- limits ----------------------------------------------------------------------------------

    def test_sending_is_limited_per_hour_in_plain_words(self):
        sender, to = Person(self.server, "lim"), Person(self.server, "lto")
        for person, label in ((sender, "Limit"), (to, "Target")):
            person.persona = join_active(person, self.owner, self.group, pseudonym(label))
        path = f"/api/v1/personas/{to.persona['id']}/messages"
        self._befriend(sender, to)  # the first of the 60
        statuses = [sender.call("POST", path, {"group": self.slug, "body": f"Message {n}",
                                               "idempotency_key": idempotency_key()}).status for n in range(59)]
        self.assertEqual(set(statuses), {201})
        refused = sender.call("POST", path, {"group": self.slug, "body": "One too many",
                                             "idempotency_key": idempotency_key()})
        self.assertEqual(refused.status, 429, refused.text[:300])
        self.assertIn("private messages in the last hour", refused.json()["error"]["message"])


if __name__ == "__main__":
    unittest.main()
