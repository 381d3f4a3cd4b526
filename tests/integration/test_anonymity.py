"""Anonymous posts (issue 3, DESIGN.md principle 1): no response of any kind — pages, JSON,
search, feeds, revisions — tells anyone but the author who wrote an anonymous post.

Member B starts an anonymous thread (T1), replies anonymously in it and in member A's thread
(T2), edits an anonymous reply (so there is an edit history), and writes one ordinary,
signed reply in the owner's thread (T3). Member C posts anonymously too, in T1 and T2.

For every response served to another member (A), a moderator, the owner and a guest:
- never B's account id or login name, anywhere;
- responses about the anonymous posts (their threads, the group's thread list, the home
  feed, search for their words, their edit history) never show B's pseudonym or persona id;
- responses that do show B's pseudonym (the member list, B's persona page and JSON, the
  thread where B signed a reply, search for that reply) never show a word of B's anonymous
  posts, and B's "This helped" count doesn't move when someone marks an anonymous post.

B is told "You posted this anonymously" (`"you": true` in the API); nobody else is. Within a
thread each anonymous author keeps one label ("Anonymous A"), and two authors differ.

Moderating an anonymous post (issue 4, ModeratingAnonymousPostsTest): reports, notes,
warnings, mutes and bans through the post's handle reach B's account, while no moderation
page, JSON or refusal shows B's pseudonym, persona id, account id or login name, and B's
persona record stays clean.
"""
import json
import re
import unittest

from community_fixture import (CommunityTestCase, Person, article, join_active, marker, pseudonym, reply, set_role,
                               shows, start_server, start_thread)

YOU_POSTED = "You posted this anonymously"


class AnonymityTest(CommunityTestCase):
    @classmethod
    def _build(cls):
        server = cls.server
        cls.owner, cls.moderator = Person(server, "own"), Person(server, "mod")
        cls.a, cls.b, cls.c = Person(server, "aaa"), Person(server, "bbb"), Person(server, "ccc")
        group = cls.owner.create_group(f"Night owls {marker()}", rules=["Be kind."], anonymous_posting=True,
                                       persona_name=pseudonym("Owner"))
        cls.slug = slug = group["slug"]
        for person, label in ((cls.moderator, "Mod"), (cls.a, "Alder"), (cls.b, "Birch"), (cls.c, "Cedar")):
            person.persona = join_active(person, cls.owner, group, pseudonym(label))
        set_role(cls.owner, slug, cls.moderator.persona["id"], "moderator")

        # Words that appear in B's anonymous posts and nowhere else.
        cls.anon_words = {"t1": marker("t"), "b1": marker("b"), "b2": marker("b"), "b3": marker("b"),
                          "edit": marker("e")}
        w = cls.anon_words
        cls.t1, cls.t1_open = start_thread(cls.b, slug, f"Awake at night {w['t1']}", f"Opening {w['t1']} words.",
                                           anonymous=True)
        cls.a_reply_t1 = reply(cls.a, slug, cls.t1, f"Signed answer {marker()}.")
        cls.c_anon_t1 = reply(cls.c, slug, cls.t1, f"Another anonymous voice {marker()}.", anonymous=True)
        cls.b_anon_t1 = reply(cls.b, slug, cls.t1, f"Thank you {w['b1']}.", anonymous=True)
        cls.t2, _ = start_thread(cls.a, slug, f"Mornings {marker()}", "How are mornings for you?")
        cls.b_anon_t2 = reply(cls.b, slug, cls.t2, f"Hard {w['b2']}.", anonymous=True)
        cls.c_anon_t2 = reply(cls.c, slug, cls.t2, f"Also hard {marker()}.", anonymous=True)
        # B edits an anonymous reply: the first version stays in the edit history.
        edited = cls.b.web_form(f"/g/{slug}/posts/{cls.b_anon_t2}/edit",
                                {"body": f"Hard, but better {w['edit']}.", "idempotency_key": "k-edit-1"})
        assert edited.status == 303, edited.text[:800]
        # B's one signed post, not the last word in its thread.
        cls.signed_words = marker("s")
        cls.t3, _ = start_thread(cls.owner, slug, f"Weekly check-in {marker()}", "How was your week?")
        cls.b_signed = reply(cls.b, slug, cls.t3, f"Better this week {cls.signed_words}.")
        reply(cls.moderator, slug, cls.t3, f"Glad to hear {marker()}.")

        cls.b_ids = {"persona name": cls.b.persona["name"], "persona id": str(cls.b.persona["id"]),
                     "account id": str(cls.b.account_id), "login name": cls.b.login}
        cls.anon_post_ids = [cls.t1_open, cls.b_anon_t1, cls.b_anon_t2]

    # -- helpers -----------------------------------------------------------------------------------

    def viewers(self):
        """(label, get) for everyone who isn't B: get(path) → the body as text (pages through
        the browser session, /api/ through the token)."""
        guest = self.server.client(store_cookies=False)
        result = [("guest", lambda path: guest.get(path) if not path.startswith("/api/")
                   else guest.json("GET", path))]
        for label, person in (("member A", self.a), ("moderator", self.moderator), ("owner", self.owner),
                              ("member C", self.c)):
            result.append((label, self._getter(person)))
        return result

    @staticmethod
    def _getter(person):
        return lambda path: person.call("GET", path) if path.startswith("/api/") else person.web.get(path)

    def strict_paths(self):
        """Responses about B's anonymous posts (or lists that include them)."""
        slug, w = self.slug, self.anon_words
        paths = [f"/g/{slug}/t/{self.t1}", f"/g/{slug}/t/{self.t2}", f"/g/{slug}", "/",
                 f"/g/{slug}/t/{self.t1}?reply_to={self.b_anon_t1}", f"/g/{slug}/t/{self.t2}?reply_to={self.b_anon_t2}",
                 f"/api/v1/threads/{self.t1}", f"/api/v1/threads/{self.t2}", f"/api/v1/groups/{slug}/threads",
                 f"/api/v1/groups/{slug}", f"/g/{slug}/posts/{self.b_anon_t2}/history",
                 f"/api/v1/posts/{self.b_anon_t2}/revisions", "/api/v1/me/feed", "/api/v1/me/groups",
                 f"/g/{slug}/p/{self.a.persona['id']}", f"/api/v1/personas/{self.c.persona['id']}?group={slug}"]
        for word in w.values():
            paths += [f"/search?q={word}", f"/api/v1/search?q={word}", f"/search?q={word}&group={slug}",
                      f"/api/v1/search?q={word}&group={slug}"]
        return paths

    def linked_paths(self):
        """Responses that show B's pseudonym, where B's anonymous posts must not show up."""
        slug = self.slug
        return [f"/g/{slug}/members", f"/api/v1/groups/{slug}/members", f"/g/{slug}/manage",
                f"/g/{slug}/p/{self.b.persona['id']}",
                f"/api/v1/personas/{self.b.persona['id']}?group={slug}", f"/g/{slug}/t/{self.t3}",
                f"/api/v1/threads/{self.t3}", f"/search?q={self.signed_words}",
                f"/api/v1/search?q={self.signed_words}"]

    # -- the tests -----------------------------------------------------------------------------------

    def test_nobody_else_learns_who_wrote_the_anonymous_posts(self):
        problems, served = [], 0
        for label, get in self.viewers():
            for path in self.strict_paths() + self.linked_paths():
                response = get(path)
                if response.status >= 500:
                    problems.append(f"{label} {path}: {response.status}")
                    continue
                served += 1
                text = response.body.decode("utf-8", "replace")
                strict = path in self.strict_paths()
                for what, value in self.b_ids.items():
                    if what in ("account id", "login name") or strict:
                        if shows(text, value):
                            problems.append(f"LEAK to {label}: {path} ({response.status}) shows B's {what}")
                if not strict:
                    for key, word in self.anon_words.items():
                        if word in text:
                            problems.append(f"LEAK to {label}: {path} shows B's pseudonym beside B's anonymous "
                                            f"words ({key})")
                if YOU_POSTED in text and label != "member C":  # C posted anonymously too
                    problems.append(f"{label}: {path} says they wrote an anonymous post they didn't")
        self.assertGreater(served, 100)
        self.assertEqual(problems, [])

    def test_the_checks_look_at_real_content(self):
        """The anonymous words and B's pseudonym are where the other tests expect them: readers see
        the anonymous posts, and B's pseudonym where B signed."""
        a = self._getter(self.a)
        self.assertIn(self.anon_words["t1"], a(f"/g/{self.slug}/t/{self.t1}").text)
        self.assertIn(self.anon_words["edit"], a(f"/g/{self.slug}/t/{self.t2}").text)
        self.assertIn(self.anon_words["edit"], a(f"/api/v1/threads/{self.t2}").text)
        self.assertIn(self.anon_words["b1"], a(f"/api/v1/search?q={self.anon_words['b1']}").text)
        self.assertIn(self.b.persona["name"], a(f"/g/{self.slug}/t/{self.t3}").text)
        self.assertIn(self.b.persona["name"], a(f"/api/v1/groups/{self.slug}/members").text)
        # The edit history is there for moderators: their not seeing B is meaningful.
        history = self.moderator.call("GET", f"/api/v1/posts/{self.b_anon_t2}/revisions")
        self.assertEqual(history.status, 200, history.text[:500])
        self.assertIn(self.anon_words["b2"], history.text)
        self.assertEqual(self.moderator.web.get(f"/g/{self.slug}/posts/{self.b_anon_t2}/history").status, 200)

    def test_the_author_is_told_it_is_theirs(self):
        page = self.b.web.get(f"/g/{self.slug}/t/{self.t1}").text
        for post in (self.t1_open, self.b_anon_t1):
            self.assertIn(YOU_POSTED, article(page, post), post)
        self.assertNotIn(YOU_POSTED, article(page, self.c_anon_t1))
        posts = {p["id"]: p for p in self.b.call("GET", f"/api/v1/threads/{self.t1}").json()["posts"]}
        for post in (self.t1_open, self.b_anon_t1):
            author = posts[str(post)]["author"]
            self.assertEqual(author, {"anonymous": True, "label": "A", "you": True})
        self.assertNotEqual(posts[str(self.c_anon_t1)]["author"].get("you"), True)
        # …and even the author's own view names no persona for an anonymous post.
        self.assertFalse(shows(json.dumps(posts[str(self.t1_open)]), self.b.persona["id"]))

    def test_labels_are_stable_per_author_and_differ_between_authors(self):
        for thread, b_posts, c_posts in ((self.t1, (self.t1_open, self.b_anon_t1), (self.c_anon_t1,)),
                                         (self.t2, (self.b_anon_t2,), (self.c_anon_t2,))):
            for label, get in self.viewers():
                posts = {p["id"]: p for p in get(f"/api/v1/threads/{thread}").json()["posts"]}
                b_labels = {posts[str(p)]["author"]["label"] for p in b_posts}
                c_labels = {posts[str(p)]["author"]["label"] for p in c_posts}
                self.assertEqual(len(b_labels), 1, (label, thread, b_labels))
                self.assertEqual(len(c_labels), 1, (label, thread, c_labels))
                self.assertNotEqual(b_labels, c_labels, (label, thread))
                for p in b_posts + c_posts:
                    author = posts[str(p)]["author"]
                    self.assertEqual(set(author) - {"you"}, {"anonymous", "label"}, (label, p))
                    if p in b_posts or label != "member C":
                        self.assertIs(author.get("you", False), False, (label, p))
                page = get(f"/g/{self.slug}/t/{thread}").text
                for p in b_posts + c_posts:
                    shown = f"Anonymous {posts[str(p)]['author']['label']}"
                    self.assertIn(shown, article(page, p), (label, p))
                    if p in b_posts:
                        self.assertNotIn(YOU_POSTED, article(page, p), (label, p))
        # The opening post of T1 is B's, so B is "A" there; C, the second, is "B".
        t1 = {p["id"]: p for p in self.a.call("GET", f"/api/v1/threads/{self.t1}").json()["posts"]}
        self.assertEqual(t1[str(self.t1_open)]["author"]["label"], "A")
        self.assertEqual(t1[str(self.c_anon_t1)]["author"]["label"], "B")

    def test_this_helped_on_an_anonymous_post_does_not_count_on_the_persona(self):
        """Otherwise marking an anonymous post and watching whose count moves would unmask it."""
        def helped():
            return self.a.call("GET", f"/api/v1/personas/{self.b.persona['id']}?group={self.slug}").json()[
                "helped_count"]
        before = helped()
        for post in self.anon_post_ids:
            self.assertEqual(self.a.call("PUT", f"/api/v1/posts/{post}/reactions/helped").status, 204)
        self.assertEqual(helped(), before)
        self.assertEqual(self.a.call("PUT", f"/api/v1/posts/{self.b_signed}/reactions/helped").status, 204)
        self.assertEqual(helped(), before + 1)  # the signed one does count
        # Nor does the thread page list B among those who reacted to B's own anonymous post.
        page = self.a.web.get(f"/g/{self.slug}/t/{self.t1}").text
        for what, value in self.b_ids.items():
            self.assertFalse(shows(page, value), what)


class ModeratingAnonymousPostsTest(unittest.TestCase):
    """Accountable anonymity (issue 4): moderators act on B's anonymous post — report, warn,
    mute, ban, lift — through its handle. It takes effect on B's account, and no moderator
    response (pages, JSON, errors, counts) contains B's pseudonym, persona id or account."""

    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        try:
            cls.owner, cls.moderator = Person(cls.server, "own"), Person(cls.server, "mod")
            cls.a, cls.b = Person(cls.server, "aaa"), Person(cls.server, "bbb")
            group = cls.owner.create_group(f"Quiet hours {marker()}", rules=["Be kind."], anonymous_posting=True,
                                           persona_name=pseudonym("Owner"))
            cls.slug = group["slug"]
            for person, label in ((cls.moderator, "Mod"), (cls.a, "Alder"), (cls.b, "Birch")):
                person.persona = join_active(person, cls.owner, group, pseudonym(label))
            set_role(cls.owner, cls.slug, cls.moderator.persona["id"], "moderator")
            cls.thread, _ = start_thread(cls.owner, cls.slug, f"Check-in {marker()}", "How are you?")
            cls.words = marker("x")
            cls.anon = reply(cls.b, cls.slug, cls.thread, f"Anonymous and harsh {cls.words}.", anonymous=True)
            cls.signed = reply(cls.b, cls.slug, cls.thread, f"Signed words {marker()}.")
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def b_secrets(self):
        return {"persona name": self.b.persona["name"], "persona id": str(self.b.persona["id"]),
                "account id": str(self.b.account_id), "login name": self.b.login}

    def moderator_views(self):
        m, slug = self.moderator, self.slug
        return [m.web.get(f"/g/{slug}/moderation"), m.call("GET", f"/api/v1/groups/{slug}/moderation/queue"),
                m.web.get(f"/g/{slug}/moderation/posts/{self.anon}"),
                m.call("GET", f"/api/v1/posts/{self.anon}/moderation"),
                m.web.get(f"/g/{slug}/moderation/log"), m.call("GET", f"/api/v1/groups/{slug}/moderation/log"),
                m.web.get("/admin"), self.owner.web.get(f"/g/{slug}/moderation"),
                self.owner.call("GET", f"/api/v1/posts/{self.anon}/moderation")]

    def act(self, action, **fields):
        response = self.moderator.call("POST", f"/api/v1/posts/{self.anon}/moderation", {"action": action, **fields})
        self.assertLess(response.status, 500)
        return response

    def test_moderators_act_on_the_author_without_learning_who_it_is(self):
        self.assertEqual(self.a.call("POST", f"/api/v1/posts/{self.anon}/reports", {"reason": "hurtful"}).status, 201)
        strict = []
        for step in (dict(action="note", reason="Third time this week."),
                     dict(action="warn", reason="Please be kinder.", rule=1),
                     dict(action="unmute"),  # nothing to lift: the refusal names nobody either
                     dict(action="mute", reason="Take a day.", mute_hours=24)):
            response = self.act(**step)
            strict.append(response)
            strict += self.moderator_views()
        # The mute reached B: B can't post.
        refused = self.b.call("POST", f"/api/v1/threads/{self.thread}/posts",
                              {"body": "Still here", "idempotency_key": "k-anon-mute-1"})
        self.assertEqual(refused.status, 403)
        self.assertIn("Take a day.", refused.json()["error"]["message"])
        self.assertEqual(self.act("unmute").status, 204)
        self.assertEqual(self.act("ban", reason="Threats.").status, 204)
        self.assertEqual(self.b.web.get(f"/g/{self.slug}/t/{self.thread}").status, 403)
        strict += self.moderator_views()
        strict.append(self.act("ban", reason="Again."))
        self.assertEqual(self.act("unban").status, 204)
        strict += self.moderator_views()

        handle = self.moderator.call("GET", f"/api/v1/posts/{self.anon}/moderation").json()["author"]["handle"]
        self.assertTrue(any(handle in r.text for r in strict) and any(self.words in r.text for r in strict),
                        "the checks look at pages that do show the post and its handle")
        for response in strict:
            text = response.body.decode("utf-8", "replace")
            for what, value in self.b_secrets().items():
                self.assertFalse(shows(text, value), f"{response.status} {text[:200]!r}: shows B's {what}")
        # B's persona record carries nothing done through the handle: no strike, no mute.
        record = self.moderator.call("GET", f"/api/v1/groups/{self.slug}/members/{self.b.persona['id']}/moderation")
        self.assertEqual(record.status, 200)
        self.assertEqual(record.json()["standing"], {"muted_until": None, "banned": False, "strikes": 0})
        self.assertNotIn(handle, record.text)
        self.assertNotIn(self.words, record.text)
        page = self.moderator.web.get(f"/g/{self.slug}/moderation/p/{self.b.persona['id']}").text
        self.assertNotIn(handle, page)
        # B, and only B, is told about it — as a post they wrote anonymously.
        notices = self.b.call("GET", "/api/v1/me/notices").json()["notices"]
        self.assertTrue(any(n["kind"] == "warning" and n["about_anonymous_post"] for n in notices))



if __name__ == "__main__":
    unittest.main()
