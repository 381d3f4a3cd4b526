"""Context notes and verified members end to end over HTTP (issue 4, misinformation).

A platform admin verifies a member's account; the member shows the badge with one persona and
not the other; the badge shows there (posts, persona page, member list, transparency card) and
never on an anonymous post; a note by a persona showing the badge is shown at once, any other
note once three members rate it helpful; guests read shown notes but can't rate; nobody outside
a private or hidden group sees anything of its notes; moderators label posts "needs context"
and remove notes (in the moderation log); revoking a verification takes the badges away."""
import re
import unittest

from community_fixture import (CommunityTestCase, Person, article, join_active, marker, pseudonym, query, reply,
                               set_role, start_server)
from community_fixture import start_thread
from hearth_server import run_hearth



class ContextNotesTest(CommunityTestCase):
    @classmethod
    def _build(cls):
        server = cls.server
        cls.admin = Person(server, "adm")
        done = run_hearth(["admin", "grant", cls.admin.login, "--data", server.data_dir])
        assert done.returncode == 0, done.stdout
        cls.owner, cls.nurse, cls.outsider = Person(server, "own"), Person(server, "nur"), Person(server, "out")
        cls.raters = [Person(server, f"r{i}") for i in range(3)]
        cls.group = cls.owner.create_group(f"Sleep {marker()}", anonymous_posting=True, persona_name=pseudonym("Owner"))
        cls.other = cls.owner.create_group(f"Parents {marker()}", persona_name=pseudonym("Host"))
        cls.closed = cls.owner.create_group(f"Closed {marker()}", privacy="private", persona_name=pseudonym("Keeper"))
        cls.hidden = cls.owner.create_group(f"Hidden {marker()}", privacy="hidden", persona_name=pseudonym("Warden"))
        cls.slug = cls.group["slug"]
        cls.nurse_here = join_active(cls.nurse, cls.owner, cls.group, pseudonym("Harbour"))
        cls.nurse_there = join_active(cls.nurse, cls.owner, cls.other, pseudonym("Meadow"))
        for person in cls.raters:
            join_active(person, cls.owner, cls.group, pseudonym("Rater"))
        cls.thread, cls.opening = start_thread(cls.owner, cls.slug, f"Melatonin {marker()}",
                                               "Melatonin cures insomnia for good.")
        cls.nurse_reply = reply(cls.nurse, cls.slug, cls.thread, "I look after people who can't sleep.")
        cls.nurse_anonymous = reply(cls.nurse, cls.slug, cls.thread, "Speaking just as me, anonymously.",
                                    anonymous=True)
        cls.other_thread, _ = start_thread(cls.owner, cls.other["slug"], f"Naps {marker()}", "How do naps go?")
        cls.nurse_other_reply = reply(cls.nurse, cls.other["slug"], cls.other_thread, "Mine nap at noon.")
        # The admin verifies the nurse's ACCOUNT by the login name the nurse gave them.
        verified = cls.admin.web_form("/admin/verifications", {"login": cls.nurse.login, "kind": "health_professional",
                                                               "profession": "Nurse", "jurisdiction": "Scotland"})
        assert verified.status == 303, verified.text[:1500]
        shown = cls.nurse.web_form(f"/me/personas/{cls.nurse_here['id']}/badge", {"show": "1"})
        assert shown.status == 303, shown.text[:1500]

    def guest_page(self, path):
        response = self.server.client().get(path)
        self.assertEqual(response.status, 200, response.text[:500])
        return response.text

    def add_note(self, who, post, body, sources="https://www.nhs.uk/medicines/melatonin/", slug=None):
        return who.web_form(f"/g/{slug or self.slug}/posts/{post}/notes", {"body": body, "sources": sources})

    def note_id_from(self, response):
        self.assertEqual(response.status, 303, response.text[:1500])
        return re.search(r"#note-(\d+)", response.location).group(1)

    # -- verification and the badge ----------------------------------------------------------------

    def test_the_badge_shows_only_where_the_member_chose_and_never_on_anonymous_posts(self):
        page = self.guest_page(f"/g/{self.slug}/t/{self.thread}")
        self.assertIn("Verified nurse", article(page, self.nurse_reply))
        self.assertNotIn("Verified", article(page, self.nurse_anonymous))
        self.assertIn("Anonymous member", article(page, self.nurse_anonymous))
        self.assertIn("Verified nurse", self.guest_page(f"/g/{self.slug}/p/{self.nurse_here['id']}"))
        members = self.guest_page(f"/g/{self.slug}/members")
        self.assertIn("Verified nurse", members)
        # The same member's other persona shows nothing: the badge doesn't link them.
        other_slug = self.other["slug"]
        self.assertNotIn("Verified", self.guest_page(f"/g/{other_slug}/t/{self.other_thread}"))
        self.assertNotIn("Verified", self.guest_page(f"/g/{other_slug}/p/{self.nurse_there['id']}"))
        self.assertNotIn("Verified", self.guest_page(f"/g/{other_slug}/members"))
        # The API says the same.
        guest_api = self.server.client(store_cookies=False)
        posts = {p["id"]: p for p in guest_api.json("GET", f"/api/v1/threads/{self.thread}").json()["posts"]}
        self.assertEqual(posts[str(self.nurse_reply)]["author"]["verified_badge"]["label"], "Verified nurse")
        self.assertNotIn("verified_badge", posts[str(self.nurse_anonymous)]["author"])
        persona = guest_api.json("GET", f"/api/v1/personas/{self.nurse_here['id']}?group={self.slug}").json()
        self.assertEqual(persona["verified_badge"]["label"], "Verified nurse")
        there = guest_api.json("GET", f"/api/v1/personas/{self.nurse_there['id']}?group={other_slug}").json()
        self.assertIsNone(there["verified_badge"])
        listed = guest_api.json("GET", f"/api/v1/groups/{self.slug}/members").json()["members"]
        self.assertEqual([m["verified_badge"]["label"] for m in listed if m["verified_badge"]], ["Verified nurse"])
        # Nothing in any answer names the verification or the jurisdiction.
        for text in (page, members):
            self.assertNotIn("Scotland", text)
            self.assertNotIn(self.nurse.login, text)

    def test_the_transparency_card_counts_badges_shown_here(self):
        self.assertIn("1 verified health professional takes part", self.guest_page(f"/g/{self.slug}"))
        self.assertIn("No member shows a verified", self.guest_page(f"/g/{self.other['slug']}"))
        api = self.server.client(store_cookies=False).json("GET", f"/api/v1/groups/{self.slug}").json()
        self.assertEqual(api["transparency"]["verified_professionals"],
                         {"health_professionals": 1, "peer_volunteers": 0})

    def test_only_platform_admins_verify_and_it_is_in_their_audit_log(self):
        refused = self.owner.web_form("/admin/verifications", {"login": self.owner.login, "kind": "peer_volunteer",
                                                               "jurisdiction": "Wales"})
        self.assertEqual(refused.status, 403)
        self.assertEqual(self.owner.call("GET", "/api/v1/me/verification").json()["verification"], None)
        listing = self.admin.web.get("/admin/verifications")
        self.assertIn(self.nurse.login, listing.text)
        self.assertIn("never stores it", listing.text)
        self.assertIn(f"Verified {self.nurse.login} as a health professional (nurse), Scotland.",
                      self.admin.web.get("/admin").text)
        mine = self.nurse.call("GET", "/api/v1/me/verification").json()["verification"]
        self.assertEqual((mine["badge"], mine["active"]), ("Verified nurse", True))
        # An unverified member has no badge to show.
        persona = self.raters[0].persona_in(self.slug)["id"]
        self.assertEqual(self.raters[0].call("PUT", f"/api/v1/me/personas/{persona}/badge").status, 403)

    # -- notes ------------------------------------------------------------------------------------

    def test_a_note_from_a_persona_showing_the_badge_is_shown_at_once(self):
        words = f"Melatonin helps some people fall asleep {marker()}; it cures nothing."
        note = self.note_id_from(self.add_note(self.nurse, self.opening, words))
        page = self.guest_page(f"/g/{self.slug}/t/{self.thread}")
        opening = article(page, self.opening)
        self.assertIn("Context from a verified nurse", opening)
        self.assertIn(words, opening)
        self.assertIn('href="https://www.nhs.uk/medicines/melatonin/" rel="nofollow noopener noreferrer ugc"', opening)
        api = self.server.client(store_cookies=False).json("GET", f"/api/v1/posts/{self.opening}/notes").json()
        shown = next(n for n in api["notes"] if n["id"] == note)
        self.assertEqual(shown["from"], "Context from a verified nurse")
        self.assertNotIn("pending", api)  # guests see only what is shown
        text = str(api)
        for secret in (self.nurse_here["name"], str(self.nurse_here["id"]), self.nurse.login, str(self.nurse.account_id)):
            self.assertNotIn(secret, text)
        # One note per author and post; the author can't rate their own.
        self.assertEqual(self.add_note(self.nurse, self.opening, "A second note on the same post.").status, 409)
        self.assertEqual(self.nurse.call("POST", f"/api/v1/notes/{note}/ratings", {"helpful": True}).status, 409)

    def test_any_other_note_waits_for_three_helpful_ratings(self):
        words = f"Most sleep problems improve with routines {marker()}."
        _, post = start_thread(self.owner, self.slug, f"Routines {marker()}", "Screens at night are fine.")
        note = self.note_id_from(self.add_note(self.owner, post, words))  # a moderator's: rated like any other
        thread_path = f"/g/{self.slug}/posts/{post}/notes"
        self.assertNotIn(words, self.guest_page(thread_path))
        member_view = self.raters[0].web.get(thread_path).text
        self.assertIn("Notes awaiting ratings", member_view)
        self.assertIn(words, member_view)
        for i, rater in enumerate(self.raters):
            rated = rater.web_form(f"/g/{self.slug}/notes/{note}/rating", {"helpful": "1"})
            self.assertEqual(rated.status, 303, rated.text[:800])
            shown = words in self.guest_page(thread_path)
            if i < 2:
                self.assertFalse(shown, f"shown after {i + 1} helpful ratings")
        self.assertTrue(words in self.guest_page(thread_path), "not shown after three helpful ratings")
        self.assertIn("Context rated helpful by members", self.guest_page(thread_path))
        # A change of mind counts once, and can hide the note again.
        self.raters[0].web_form(f"/g/{self.slug}/notes/{note}/rating", {"helpful": "0"})
        self.raters[0].web_form(f"/g/{self.slug}/notes/{note}/rating", {"helpful": "0"})
        self.assertNotIn(words, self.guest_page(thread_path))
        counts = query(self.server, "SELECT helpful, COUNT(*) FROM note_ratings WHERE note_id = ? GROUP BY helpful",
                       (int(note),))
        self.assertEqual(sorted(counts), [(0, 1), (1, 2)])

    def test_a_verified_members_note_where_the_badge_is_hidden_needs_ratings(self):
        other_slug = self.other["slug"]
        words = f"Naps longer than an hour can make nights harder {marker()}."
        response = self.add_note(self.nurse, self.nurse_other_reply, words, slug=other_slug)
        self.note_id_from(response)
        page = self.guest_page(f"/g/{other_slug}/t/{self.other_thread}")
        self.assertNotIn(words, page)
        self.assertNotIn("verified nurse", page)

    def test_guests_read_shown_notes_but_cannot_rate_and_members_without_verification_cannot_write(self):
        note = self.note_id_from(self.add_note(self.nurse, self.nurse_reply, f"Context on my own reply {marker()}."))
        guest = self.server.client()
        page = guest.get(f"/g/{self.slug}/posts/{self.nurse_reply}/notes")
        self.assertIn(f"Context on my own reply", page.text)
        self.assertNotIn("Not helpful</button>", page.text)  # no rating form for guests
        refused = guest.post_form(f"/g/{self.slug}/notes/{note}/rating", {"helpful": "1"})
        self.assertTrue(refused.status == 403 or "/login" in (refused.location or ""), refused.status)
        self.assertEqual(query(self.server, "SELECT COUNT(*) FROM note_ratings WHERE note_id = ?", (int(note),))[0][0], 0)
        anonymous_api = self.server.client(store_cookies=False).json("POST", f"/api/v1/notes/{note}/ratings",
                                                                     {"helpful": True})
        self.assertEqual(anonymous_api.status, 401)
        unverified = self.add_note(self.raters[1], self.nurse_reply, "I think this is wrong, honestly.")
        self.assertEqual(unverified.status, 403)
        self.assertIn("verified health professionals", unverified.text)

    def test_nothing_of_a_private_or_hidden_groups_notes_reaches_outsiders(self):
        for group in (self.closed, self.hidden):
            slug = group["slug"]
            words = f"Private context {marker()}."
            thread, post = start_thread(self.owner, slug, f"Inside {marker()}", "Inside words.")
            note = self.note_id_from(self.add_note(self.owner, post, words, slug=slug))
            for client in (self.outsider.web, self.server.client()):
                page = client.get(f"/g/{slug}/posts/{post}/notes")
                self.assertIn(page.status, (303, 403, 404))
                self.assertNotIn(words, page.text)
            expected = 404
            for caller in (self.outsider.call, self.server.client(store_cookies=False).json):
                listed = caller("GET", f"/api/v1/posts/{post}/notes")
                self.assertEqual(listed.status, expected)
                self.assertNotIn(words, listed.text)
            rated = self.outsider.call("POST", f"/api/v1/notes/{note}/ratings", {"helpful": True})
            random_note = self.outsider.call("POST", "/api/v1/notes/123456789/ratings", {"helpful": True})
            self.assertEqual((rated.status, rated.text), (random_note.status, random_note.text))
            if group is self.hidden:
                self.assertEqual(self.outsider.web.get(f"/g/{slug}/posts/{post}/notes").status, 404)

    # -- moderators --------------------------------------------------------------------------------

    def test_moderators_label_posts_and_remove_notes_in_the_moderation_log(self):
        _, post = start_thread(self.owner, self.slug, f"Doses {marker()}", "Double your dose when it stops working.")
        self.assertEqual(self.raters[0].web_form(f"/g/{self.slug}/posts/{post}/needs-context",
                                                 {"needs_context": "1"}).status, 403)
        labelled = self.owner.web_form(f"/g/{self.slug}/posts/{post}/needs-context", {"needs_context": "1"})
        self.assertEqual(labelled.status, 303, labelled.text[:800])
        thread_of_post = query(self.server, "SELECT thread_id FROM posts WHERE id = ?", (post,))[0][0]
        page = self.guest_page(f"/g/{self.slug}/t/{thread_of_post}")
        self.assertIn("Needs context", article(page, post))
        nurse_view = self.nurse.web.get(f"/g/{self.slug}/t/{thread_of_post}").text
        self.assertIn("Add a context note", article(nurse_view, post))
        words = f"Never change a dose without your prescriber {marker()}."
        note = self.note_id_from(self.add_note(self.nurse, post, words))
        self.assertEqual(self.raters[0].call("DELETE", f"/api/v1/notes/{note}").status, 403)
        removed = self.owner.web_form(f"/g/{self.slug}/notes/{note}/remove", {"reason": "Testing removal."})
        self.assertEqual(removed.status, 303, removed.text[:800])
        self.assertNotIn(words, self.guest_page(f"/g/{self.slug}/t/{thread_of_post}"))
        cleared = self.owner.call("DELETE", f"/api/v1/posts/{post}/needs-context")
        self.assertEqual(cleared.status, 204)
        self.assertNotIn("Needs context", article(self.guest_page(f"/g/{self.slug}/t/{thread_of_post}"), post))
        log = self.guest_page(f"/g/{self.slug}/moderation/log")
        self.assertIn("Removed a context note on a post.", log)
        self.assertIn("Asked for context on a post.", log)
        self.assertNotIn("Testing removal.", log)  # the reason is the moderators'

    def test_sources_must_be_web_addresses(self):
        _, post = start_thread(self.owner, self.slug, f"Sources {marker()}", "Trust me on this.")
        bad = self.add_note(self.nurse, post, "Context with a bad source.", sources="javascript:alert(1)")
        self.assertEqual(bad.status, 400)
        self.assertIn("doesn&#39;t look like a web address", bad.text)
        six = "\n".join(f"https://example.org/{i}" for i in range(6))
        api = self.owner.call("POST", f"/api/v1/posts/{post}/notes",
                              {"body": "Context with too many sources.", "sources": six.split("\n")})
        self.assertEqual(api.status, 400)


class ContextNoteFiltersTest(unittest.TestCase):
    """The safety filters on a note's text, as on a post's (docs/context_notes.md, "Safety
    filters"): blocked and held words refuse the note, censored ones are masked, flagged ones and
    crisis language reach the moderators' queue, the author sees the crisis lines, and the
    third-party guard asks first with and without JavaScript."""

    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        try:
            server = cls.server
            admin, cls.owner, cls.nurse = Person(server, "adm"), Person(server, "own"), Person(server, "nur")
            done = run_hearth(["admin", "grant", admin.login, "--data", server.data_dir])
            assert done.returncode == 0, done.stdout
            group = cls.owner.create_group(f"Sleep {marker()}", region="AU", persona_name=pseudonym("Owner"))
            cls.slug = group["slug"]
            join_active(cls.nurse, cls.owner, group, pseudonym("Harbour"))
            assert cls.nurse.call("PATCH", "/api/v1/me", {"region": "GB"}).status == 200
            verified = admin.call("POST", "/api/v1/admin/verifications",
                                  {"login": cls.nurse.login, "kind": "health_professional", "profession": "Nurse",
                                   "jurisdiction": "Wales"})
            assert verified.status == 204, verified.text[:300]
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def post(self):
        _, post = start_thread(self.owner, self.slug, f"Sleep {marker()}", "Melatonin cures insomnia for good.")
        return post

    def watch(self, phrase, action, message=""):
        added = self.owner.call("POST", f"/api/v1/groups/{self.slug}/watched-words",
                                {"phrase": phrase, "action": action, "message": message})
        self.assertEqual(added.status, 201, added.text[:300])

    def add(self, post, body, **fields):
        return self.nurse.web_form(f"/g/{self.slug}/posts/{post}/notes",
                                   {"body": body, "sources": "https://www.nhs.uk/", **fields})

    def notes_with(self, text):
        return query(self.server, "SELECT id, body FROM context_notes WHERE body LIKE ?", (f"%{text}%",))

    def queue_item(self, post):
        items = self.owner.call("GET", f"/api/v1/groups/{self.slug}/moderation/queue").json()["items"]
        return next((i for i in items if i.get("post", {}).get("id") == str(post)), None)

    def test_a_blocked_word_refuses_the_note_with_the_lists_message(self):
        word = marker("blk")
        self.watch(word, "block", "Please leave that word out here.")
        post = self.post()
        page = self.add(post, f"Context that says {word} in it.")
        self.assertEqual(page.status, 400, page.text[:500])
        self.assertIn("Please leave that word out here.", page.text)
        self.assertIn(f"<mark>{word}</mark>", page.text)
        api = self.nurse.call("POST", f"/api/v1/posts/{post}/notes",
                              {"body": f"Context that says {word.upper()} loudly.", "sources": ["https://a.org/x"]})
        self.assertEqual(api.status, 400, api.text[:300])
        self.assertEqual(api.json()["error"]["field"], "body")
        self.assertTrue(api.json()["error"]["prompt"]["body"]["spans"])
        self.assertEqual(self.notes_with(word) + self.notes_with(word.upper()), [])

    def test_words_the_group_holds_refuse_the_note_because_a_note_cannot_wait(self):
        word = marker("hld")
        self.watch(word, "hold")
        page = self.add(self.post(), f"Context that says {word} in it.")
        self.assertEqual(page.status, 400, page.text[:500])
        self.assertIn("can&#39;t wait for a moderator", page.text)
        self.assertEqual(self.notes_with(word), [])

    def test_censored_words_are_masked_and_flagged_ones_go_to_the_queue_as_a_notes(self):
        hidden, flagged = marker("cns"), marker("flg")
        self.watch(hidden, "censor")
        self.watch(flagged, "flag")
        post = self.post()
        added = self.add(post, f"Context with {hidden} and {flagged} in it.")
        self.assertEqual(added.status, 303, added.text[:500])
        (_, body), = self.notes_with(flagged)
        self.assertNotIn(hidden, body)
        self.assertIn("\u2022" * len(hidden), body)
        item = self.queue_item(post)
        self.assertIsNotNone(item, "the flag is not in the queue")
        flag = item["filter_flags"][0]
        self.assertEqual((flag["filter"], flag["action"]), ("watched_words", "flag"))
        self.assertTrue(flag["detail"].startswith("in a context note"), flag["detail"])
        self.assertEqual(flag["words"], flagged)

    def test_crisis_language_adds_the_note_shows_the_crisis_lines_and_raises_an_at_risk_item(self):
        post = self.post()
        added = self.add(post, "Honestly I can't go on any more. I want to die.")
        self.assertEqual(added.status, 303, added.text[:500])
        self.assertRegex(added.location, r"/notes\?added=1&crisis=1#support$")
        landing = self.nurse.web.get(added.location.split("#")[0])
        self.assertIn('id="support"', landing.text)
        self.assertIn("Samaritans", landing.text)  # the author's region, GB
        self.assertIn("Lifeline", landing.text)    # the group's, AU
        self.assertEqual(len(self.notes_with("I want to die")), 1)
        item = self.queue_item(post)
        self.assertTrue(item["at_risk"])
        self.assertEqual(item["filter_flags"][0]["filter"], "crisis")
        api = self.owner.call("POST", f"/api/v1/posts/{self.post()}/notes",
                              {"body": "I am going to kill myself tonight.", "sources": ["https://a.org/x"]})
        self.assertEqual(api.status, 201, api.text[:300])
        self.assertEqual(api.json()["filters"]["crisis"]["regions"], ["AU"])

    def test_someone_elses_details_ask_first_without_and_with_javascript(self):
        details = "Ring Sarah Jones on 07700 900123 for the clinic's advice."
        post = self.post()
        asked = self.add(post, details)
        self.assertEqual(asked.status, 409, asked.text[:500])
        self.assertIn("someone else&#39;s details", asked.text)
        self.assertIn("<mark>Sarah Jones</mark>", asked.text)
        self.assertIn('name="sources" value="https://www.nhs.uk/"', asked.text)
        for button in ('name="edit" value="1"', 'name="confirm" value="1"', 'name="cancel" value="1"'):
            self.assertIn(button, asked.text)
        self.assertEqual(self.notes_with("07700 900123"), [])
        edit = self.add(post, details, edit="1")
        self.assertEqual(edit.status, 200)
        self.assertIn("Ring Sarah Jones on 07700 900123", edit.text)  # the words, back in the form
        self.assertEqual(self.add(post, details, cancel="1").status, 303)
        self.assertEqual(self.notes_with("07700 900123"), [])
        added = self.add(post, details, confirm="1")
        self.assertEqual(added.status, 303, added.text[:500])
        self.assertEqual(len(self.notes_with("07700 900123")), 1)
        # hearth.js sends the form asking for JSON: the prompt, then where to go.
        other = self.post()
        headers = {"Accept": "application/json"}
        fields = [("csrf", self.nurse.csrf), ("body", details), ("sources", "https://www.nhs.uk/")]
        inline = self.nurse.web.post_form(f"/g/{self.slug}/posts/{other}/notes", fields, headers=headers)
        self.assertEqual(inline.status, 409, inline.text[:300])
        self.assertTrue(inline.json()["prompt"]["third_party"])
        posted = self.nurse.web.post_form(f"/g/{self.slug}/posts/{other}/notes", fields + [("confirm", "1")],
                                          headers=headers)
        self.assertEqual(posted.status, 200, posted.text[:300])
        self.assertIn(f"/posts/{other}/notes?added=1", posted.json()["location"])
        # The API asks the same, and "confirm": true adds it.
        third = self.post()
        body = {"body": "Call Dr Patel at 020 7946 0018 tomorrow.", "sources": ["https://a.org/x"]}
        api = self.nurse.call("POST", f"/api/v1/posts/{third}/notes", body)
        self.assertEqual(api.status, 409, api.text[:300])
        self.assertEqual(api.json()["error"]["code"], "needs_confirmation")
        self.assertEqual(self.nurse.call("POST", f"/api/v1/posts/{third}/notes", {**body, "confirm": True}).status, 201)

    def test_a_group_strict_about_details_refuses_such_a_note(self):
        strict = self.owner.create_group(f"Strict {marker()}", persona_name=pseudonym("Owner"))
        set_strict = self.owner.call("PATCH", f"/api/v1/groups/{strict['slug']}/filter-settings",
                                     {"strict_third_party": True})
        self.assertEqual(set_strict.status, 200, set_strict.text[:300])
        _, post = start_thread(self.owner, strict["slug"], f"Strict {marker()}", "Welcome.")
        refused = self.owner.web_form(f"/g/{strict['slug']}/posts/{post}/notes",
                                      {"body": "My sister Emma Clarke lives at 12 Elm Road.", "sources": "https://a.org/"})
        self.assertEqual(refused.status, 400, refused.text[:500])
        self.assertIn("someone else&#39;s details", refused.text)
        self.assertEqual(self.notes_with("12 Elm Road"), [])

class RevocationTest(unittest.TestCase):
    """Revoking a verification takes every badge away, and the member's notes then need ratings."""

    def test_revoking(self):
        server = start_server()
        try:
            admin, owner, nurse = Person(server, "adm"), Person(server, "own"), Person(server, "nur")
            self.assertEqual(run_hearth(["admin", "grant", admin.login, "--data", server.data_dir]).returncode, 0)
            group = owner.create_group(f"Pain {marker()}", persona_name=pseudonym("Owner"))
            persona = join_active(nurse, owner, group, pseudonym("Harbour"))
            thread, post = start_thread(owner, group["slug"], f"Pain {marker()}", "Ice fixes everything.")
            reply(nurse, group["slug"], thread, "I help at the pain clinic's peer group.")
            made = admin.call("POST", "/api/v1/admin/verifications",
                              {"login": nurse.login, "kind": "peer_volunteer", "jurisdiction": "Kenya"})
            self.assertEqual(made.status, 204, made.text[:300])
            self.assertEqual(nurse.call("PUT", f"/api/v1/me/personas/{persona['id']}/badge").status, 204)
            words = f"Ice helps for a while {marker()}."
            created = nurse.call("POST", f"/api/v1/posts/{post}/notes",
                                 {"body": words, "sources": ["https://example.org/ice"]})
            self.assertEqual(created.status, 201, created.text[:300])
            self.assertTrue(created.json()["shown"])
            page = server.client().get(f"/g/{group['slug']}/t/{thread}").text
            self.assertIn("Context from a trained peer volunteer", page)
            self.assertIn("Trained peer volunteer", page)
            revoked = admin.call("POST", "/api/v1/admin/verifications/revoke", {"login": nurse.login})
            self.assertEqual(revoked.status, 204, revoked.text[:300])
            page = server.client().get(f"/g/{group['slug']}/t/{thread}").text
            self.assertNotIn("peer volunteer", page)
            self.assertNotIn(words, page)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
