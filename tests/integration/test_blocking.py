"""Blocking and muting (issue 4, docs/blocking.md), over HTTP against the real server.

Blocking is between personas: A blocks B's persona. Then, for posts shown under a persona:
- A sees B's posts folded away ("Hidden because you blocked this member"); B reads "This post
  isn't available to you" where A's posts were, without their words;
- neither can reply to the other's posts (pages leave the form out and say why; the reply
  itself is refused with 403 on pages and API, and nothing is written);
- neither is listed to the other in member lists (page and API);
- search leaves the other's posts out (page and API); live events are not pushed;
- a moderator who blocked someone still reads their posts and acts on them.
ANONYMITY: B's anonymous posts are never affected. The article of B's anonymous post that A
receives is byte for byte the one a bystander receives, A can reply to it, A finds it in
search and is told of it live; and the other way round for A's anonymous posts and B.

Muting: a muted thread, or a muted group, leaves the member's home page, feed and unread
counts (/api/v1/me/groups, /api/v1/me/events); unmuting brings them back; nobody else can tell.
"""
import json
import re
import time
import unittest

from community_fixture import (CommunityTestCase, Person, join_active, marker, pseudonym, query, reply, set_role,
                               start_server, start_thread)
from test_live_updates import EventStream, post_of

FOLDED = "Hidden because you blocked this member"
UNAVAILABLE = "This post isn't available to you"


def article(html, post_id):
    """The <article> of one post on a thread page, without the "New" badge (which follows
    what each reader has read, not blocks)."""
    found = re.search(rf'<article id="?post-{post_id}"?>.*?</article>', html, re.S)
    assert found, f"post {post_id} is not on the page"
    return found.group(0).replace('<span class="badge badge-new">New</span> ', "")


class BlockingTest(CommunityTestCase):
    @classmethod
    def _build(cls):
        server = cls.server
        cls.owner, cls.mod = Person(server, "own"), Person(server, "mod")
        cls.a, cls.b, cls.c = Person(server, "aaa"), Person(server, "bbb"), Person(server, "ccc")
        group = cls.owner.create_group(f"Quiet hours {marker()}", rules=["Be kind."], anonymous_posting=True,
                                       persona_name=pseudonym("Owner"))
        cls.group, cls.slug = group, group["slug"]
        slug = cls.slug
        for person, label in ((cls.mod, "Mod"), (cls.a, "Alder"), (cls.b, "Birch"), (cls.c, "Cedar")):
            person.persona = join_active(person, cls.owner, group, pseudonym(label))
        set_role(cls.owner, slug, cls.mod.persona["id"], "moderator")

        cls.words = {k: marker() for k in ("b_signed", "b_anon", "a_signed", "a_anon", "b_thread")}
        cls.thread, _ = start_thread(cls.owner, slug, f"Evenings {marker()}", "How are your evenings?")
        cls.b_signed = reply(cls.b, slug, cls.thread, f"Signed words {cls.words['b_signed']}.")
        cls.b_anon = reply(cls.b, slug, cls.thread, f"Anonymous words {cls.words['b_anon']}.", anonymous=True)
        cls.a_signed = reply(cls.a, slug, cls.thread, f"Signed words {cls.words['a_signed']}.")
        cls.a_anon = reply(cls.a, slug, cls.thread, f"Anonymous words {cls.words['a_anon']}.", anonymous=True)
        cls.b_thread, cls.b_opening = start_thread(cls.b, slug, f"Birch asks {marker()}",
                                                   f"Opening words {cls.words['b_thread']}.")
        # A blocks B the way a member would: from the post's menu, through the confirmation page.
        menu = cls.a.web.get(f"/g/{slug}/t/{cls.thread}?reply_to={cls.b_signed}")
        link = f"members/{cls.b.persona['id']}/block"
        assert link in menu.text, "a signed post's menu offers Block"
        confirm = cls.a.web.get(f"/g/{slug}/{link}")
        assert confirm.status == 200 and "Block " in confirm.text, confirm.status
        done = cls.a.web_form(f"/g/{slug}/{link}", {})
        assert done.status == 303, (done.status, done.text[:500])
        # The moderator blocks B too, through the API.
        blocked = cls.mod.call("POST", f"/api/v1/groups/{slug}/members/{cls.b.persona['id']}/block")
        assert blocked.status == 204, blocked.raw_body[:500]

    def page(self, person, thread=None, query_text=""):
        response = person.web.get(f"/g/{self.slug}/t/{thread or self.thread}{query_text}")
        self.assertEqual(response.status, 200)
        return response.text

    # -- posts -------------------------------------------------------------------------------

    def test_the_blocker_sees_the_blocked_members_signed_posts_folded_away(self):
        html = self.page(self.a)
        folded = article(html, self.b_signed)
        self.assertIn(FOLDED, folded)
        self.assertIn("<details", folded, "the blocker can still open it")
        self.assertNotIn("React", folded, "no reactions or replies across a block")
        # A bystander sees it as ever.
        self.assertNotIn(FOLDED, self.page(self.c))

    def test_the_blocked_member_reads_a_neutral_notice_without_the_words(self):
        html = self.page(self.b)
        self.assertIn(UNAVAILABLE, article(html, self.a_signed))
        self.assertNotIn(self.words["a_signed"], html)
        self.assertIn(self.words["a_signed"], self.page(self.c))

    def test_anonymous_posts_render_for_the_blocker_exactly_as_for_anyone(self):
        # B's anonymous post, for A (who blocked B) and for C (who didn't); A's for B and C.
        for post, blocked_side in ((self.b_anon, self.a), (self.a_anon, self.b)):
            seen = article(self.page(blocked_side), post)
            self.assertEqual(seen, article(self.page(self.c), post))
            self.assertNotIn(FOLDED, seen)
            # Its open menu offers no Block, and the reply form is there.
            menu = self.page(blocked_side, query_text=f"?reply_to={post}")
            self.assertEqual(article(menu, post), article(self.page(self.c, query_text=f"?reply_to={post}"), post))
            self.assertNotIn("/block", article(menu, post))
            self.assertIn(f'name="parent" value="{post}"', menu)
        # And the API says nothing either.
        for person in (self.a, self.b):
            posts = {p["id"]: p for p in person.call("GET", f"/api/v1/threads/{self.thread}").json()["posts"]}
            self.assertIsNone(posts[str(self.b_anon)]["hidden"])
            self.assertIsNone(posts[str(self.a_anon)]["hidden"])

    def test_anonymous_posts_take_replies_across_a_block(self):
        made = reply(self.a, self.slug, self.thread, "Thinking of you.", parent=self.b_anon)
        self.assertTrue(made)
        made = reply(self.b, self.slug, self.thread, "Same here.", parent=self.a_anon)
        self.assertTrue(made)

    def test_the_thread_api_marks_posts_hidden_by_a_block(self):
        mine = {p["id"]: p for p in self.a.call("GET", f"/api/v1/threads/{self.thread}").json()["posts"]}
        self.assertEqual(mine[str(self.b_signed)]["hidden"], "blocked")
        theirs = {p["id"]: p for p in self.b.call("GET", f"/api/v1/threads/{self.thread}").json()["posts"]}
        self.assertEqual(theirs[str(self.a_signed)]["hidden"], "unavailable")
        self.assertEqual(theirs[str(self.a_signed)]["body_html"], "")
        self.assertIsNone(theirs[str(self.a_signed)]["author"])
        bystander = {p["id"]: p for p in self.c.call("GET", f"/api/v1/threads/{self.thread}").json()["posts"]}
        self.assertIsNone(bystander[str(self.b_signed)]["hidden"])

    # -- replies -----------------------------------------------------------------------------

    def count_posts(self):
        return query(self.server, "SELECT COUNT(*) FROM posts")[0][0]

    def test_replies_across_a_block_are_refused_and_nothing_is_written(self):
        before = self.count_posts()
        for person, parent, words in ((self.a, self.b_signed, "You&#39;ve blocked this member"),
                                      (self.b, self.a_signed, "You can&#39;t reply to this member&#39;s posts")):
            response = person.web_form(f"/g/{self.slug}/t/{self.thread}/reply",
                                       {"body": "Hello there.", "parent": str(parent),
                                        "idempotency_key": "k-" + marker()})
            self.assertEqual(response.status, 403, response.text[:500])
            self.assertIn(words, response.text)
            api = person.call("POST", f"/api/v1/threads/{self.thread}/posts",
                              {"body": "Hello there.", "parent_id": str(parent), "idempotency_key": "k-" + marker()})
            self.assertEqual(api.status, 403, api.raw_body[:500])
        # Replying to B's own thread is replying to B's opening post.
        response = self.a.web_form(f"/g/{self.slug}/t/{self.b_thread}/reply",
                                   {"body": "Hello there.", "idempotency_key": "k-" + marker()})
        self.assertEqual(response.status, 403)
        self.assertEqual(self.count_posts(), before)

    def test_pages_leave_the_reply_form_out_and_say_why(self):
        html = self.page(self.a, query_text=f"?reply_to={self.b_signed}")
        self.assertNotIn(f'name="parent" value="{self.b_signed}"', html)
        self.assertIn("You&#39;ve blocked this member, so you can&#39;t reply", html)
        html = self.page(self.a, thread=self.b_thread)
        self.assertNotIn("Post reply", html)
        self.assertIn("You&#39;ve blocked this member", html)
        self.assertIn("Post reply", self.page(self.c, thread=self.b_thread))

    def test_the_group_page_lists_threads_across_a_block_as_the_thread_page_shows_them(self):
        title = f"Alder asks {marker()}"
        start_thread(self.a, self.slug, title, "Anyone up late?")
        anonymous_title = f"Someone asks {marker()}"
        start_thread(self.a, self.slug, anonymous_title, "Anyone?", anonymous=True)
        theirs = self.b.web.get(f"/g/{self.slug}").text
        self.assertNotIn(title, theirs)
        self.assertIn("A conversation that isn't available to you", theirs)
        self.assertIn(anonymous_title, theirs, "an anonymous thread is listed as for anyone")
        self.assertIn(title, self.c.web.get(f"/g/{self.slug}").text)
        self.assertIn(title, self.mod.web.get(f"/g/{self.slug}").text)
        self.assertIn("(you blocked them)", self.a.web.get(f"/g/{self.slug}").text)
        # The thread page, likewise: its title is the opening post's.
        thread = re.search(r'href="/g/[^/]+/t/(\d+)">A conversation that isn', theirs).group(1)
        page = self.page(self.b, thread=thread)
        self.assertNotIn(title, page)
        self.assertIn("<h1>A conversation that isn't available to you</h1>", page)
        self.assertIn(title, self.page(self.c, thread=thread))
        # And the API's thread lists and threads.
        listed = {t["id"]: t for t in self.b.call("GET", f"/api/v1/groups/{self.slug}/threads").json()["threads"]}
        self.assertEqual((listed[thread]["hidden"], listed[thread]["title"], listed[thread]["author"]),
                         ("unavailable", "", None))
        self.assertNotIn(title, self.b.call("GET", f"/api/v1/threads/{thread}").raw_body.decode())
        anonymous = [t for t in listed.values() if t["title"] == anonymous_title]
        self.assertEqual(len(anonymous), 1)
        self.assertIsNone(anonymous[0]["hidden"])
        # Nor is it in the home feed (page and API); the anonymous one is.
        feed = [t["title"] for t in self.b.call("GET", "/api/v1/me/feed").json()["threads"]]
        self.assertNotIn(title, feed)
        self.assertIn(anonymous_title, feed)
        self.assertNotIn(title, self.b.web.get("/").text)
        self.assertIn(title, [t["title"] for t in self.owner.call("GET", "/api/v1/me/feed").json()["threads"]])
        mine = {t["id"]: t for t in self.a.call("GET", f"/api/v1/groups/{self.slug}/threads").json()["threads"]}
        self.assertEqual(mine[str(self.b_thread)]["hidden"], "blocked")

    # -- member lists ------------------------------------------------------------------------

    def test_member_lists_leave_each_other_out(self):
        a_name, b_name = self.a.persona["name"], self.b.persona["name"]
        for viewer, hidden in ((self.a, b_name), (self.b, a_name)):
            self.assertNotIn(hidden, viewer.web.get(f"/g/{self.slug}/members").text)
            api = viewer.call("GET", f"/api/v1/groups/{self.slug}/members").json()["members"]
            self.assertNotIn(hidden, [m["persona"]["name"] for m in api])
        page = self.c.web.get(f"/g/{self.slug}/members").text
        self.assertIn(a_name, page)
        self.assertIn(b_name, page)

    # -- moderators --------------------------------------------------------------------------

    def test_a_moderator_who_blocked_someone_still_reads_and_acts(self):
        html = self.page(self.mod)
        self.assertIn(self.words["b_signed"], article(html, self.b_signed))
        self.assertIn("Moderate", self.page(self.mod, query_text=f"?reply_to={self.b_signed}"))
        record = self.mod.web.get(f"/g/{self.slug}/moderation/posts/{self.b_signed}")
        self.assertEqual(record.status, 200)
        self.assertIn(self.words["b_signed"], record.text)
        acted = self.mod.call("POST", f"/api/v1/posts/{self.b_signed}/moderation",
                              {"action": "note", "reason": "Keeping an eye on this."})
        self.assertIn(acted.status, (200, 201, 204), acted.raw_body[:500])

    # -- search ------------------------------------------------------------------------------

    def search(self, person, word):
        api = person.call("GET", f"/api/v1/search?q={word}").json()["results"]
        page = person.web.get(f"/search?q={word}").text
        return [r["post_id"] for r in api], page

    def test_search_leaves_out_signed_posts_across_a_block_but_never_anonymous_ones(self):
        for viewer, word, post in ((self.a, "b_signed", self.b_signed), (self.b, "a_signed", self.a_signed),
                                   (self.a, "b_thread", self.b_opening)):
            found, page = self.search(viewer, self.words[word])
            self.assertNotIn(str(post), found)
            self.assertNotIn(f"post-{post}", page)
            found, _ = self.search(self.c, self.words[word])
            self.assertIn(str(post), found, "a bystander finds it")
        for viewer, word, post in ((self.a, "b_anon", self.b_anon), (self.b, "a_anon", self.a_anon)):
            found, _ = self.search(viewer, self.words[word])
            self.assertIn(str(post), found, "anonymous posts are found as by anyone")

    # -- live events -------------------------------------------------------------------------

    def test_live_events_are_not_pushed_across_a_block_but_anonymous_ones_are(self):
        path = f"/g/{self.slug}/t/{self.thread}/events"
        blocker = EventStream(self.server, path, cookies=self.a.web.cookies)
        bystander = EventStream(self.server, path, cookies=self.c.web.cookies)
        try:
            time.sleep(0.3)
            signed = reply(self.b, self.slug, self.thread, "A signed evening note.")
            event = bystander.next(timeout=2.0)
            self.assertIsNotNone(event)
            self.assertEqual(post_of(event), str(signed))
            unexpected = blocker.next(timeout=1.0)
            self.assertIsNone(unexpected, f"the blocker is not told of the blocked member's reply {signed}")
            anonymous = reply(self.b, self.slug, self.thread, "An anonymous evening note.", anonymous=True)
            for stream in (blocker, bystander):
                event = stream.next(timeout=2.0)
                self.assertIsNotNone(event, "an anonymous reply reaches everyone alike")
                self.assertEqual(post_of(event), str(anonymous))
        finally:
            blocker.close()
            bystander.close()

    # -- the guest page cache ----------------------------------------------------------------

    def test_a_member_never_gets_a_guests_cached_page(self):
        guest = self.server.client(store_cookies=False)
        for _ in range(2):
            self.assertNotIn(FOLDED, guest.get(f"/g/{self.slug}/t/{self.thread}").text)
        self.assertIn(FOLDED, self.page(self.a))

    # -- blocking and unblocking -------------------------------------------------------------

    def test_unblocking_from_settings_brings_the_posts_back(self):
        d, e = Person(self.server, "ddd"), Person(self.server, "eee")
        group = self.group
        d.persona = join_active(d, self.owner, group, pseudonym("Dogwood"))
        e.persona = join_active(e, self.owner, group, pseudonym("Elm"))
        post = reply(e, self.slug, self.thread, f"Elm writes {marker()}.")
        self.assertEqual(d.web_form(f"/g/{self.slug}/members/{e.persona['id']}/block", {}).status, 303)
        self.assertIn(FOLDED, article(self.page(d), post))
        listed = d.web.get("/settings/blocked")
        self.assertIn(e.persona["name"], listed.text)
        self.assertEqual([b["persona"]["id"] for b in d.call("GET", "/api/v1/me/blocks").json()["blocks"]],
                         [e.persona["id"]])
        self.assertNotIn(e.persona["name"], self.c.web.get("/settings/blocked").text, "a list of one's own")
        done = d.web_form("/settings/blocked/unblock", {"persona": e.persona["id"]})
        self.assertEqual(done.status, 303)
        self.assertNotIn(FOLDED, article(self.page(d), post))
        self.assertEqual(d.call("GET", "/api/v1/me/blocks").json()["blocks"], [])
        # Through the API: block, then unblock from one's own list.
        self.assertEqual(d.call("POST", f"/api/v1/groups/{self.slug}/members/{e.persona['id']}/block").status, 204)
        self.assertIn(FOLDED, article(self.page(d), post))
        self.assertEqual(d.call("DELETE", f"/api/v1/me/blocks/{e.persona['id']}").status, 204)
        self.assertNotIn(FOLDED, article(self.page(d), post))

    def test_nobody_can_block_themselves_or_a_member_who_isnt_there(self):
        own = self.c.call("POST", f"/api/v1/groups/{self.slug}/members/{self.c.persona['id']}/block")
        self.assertEqual(own.status, 409)
        self.assertEqual(self.c.web_form(f"/g/{self.slug}/members/{self.c.persona['id']}/block", {}).status, 409)
        missing = self.c.call("POST", f"/api/v1/groups/{self.slug}/members/123456789/block")
        self.assertEqual(missing.status, 404)
        self.assertEqual(self.server.client().get(f"/g/{self.slug}/members/{self.b.persona['id']}/block").status, 303)


class MutingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        try:
            cls.owner, cls.reader = Person(cls.server, "own"), Person(cls.server, "rdr")
            group = cls.owner.create_group(f"Carers {marker()}", persona_name=pseudonym("Owner"))
            cls.slug = group["slug"]
            cls.reader.persona = join_active(cls.reader, cls.owner, group, pseudonym("Reader"))
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def unread(self):
        groups = self.reader.call("GET", "/api/v1/me/groups").json()["groups"]
        return sum(g["unread_threads"] for g in groups)

    def feed_ids(self):
        return [t["id"] for t in self.reader.call("GET", "/api/v1/me/feed").json()["threads"]]

    def live_count(self):
        stream = EventStream(self.server, "/api/v1/me/events", token=self.reader.token)
        try:
            event = stream.next(timeout=4.0)
            self.assertIsNotNone(event)
            return json.loads(event["data"])["unread_threads"]
        finally:
            stream.close()

    def test_a_muted_thread_leaves_the_feed_and_the_counts_until_unmuted(self):
        title = f"Respite {marker()}"
        thread, _ = start_thread(self.owner, self.slug, title, "Anyone found respite care?")
        before = self.unread()
        self.assertIn(str(thread), self.feed_ids())
        self.assertIn(title, self.reader.web.get("/").text)
        page = self.reader.web.get(f"/g/{self.slug}/t/{thread}")
        self.assertIn("Mute this conversation", page.text)
        # Muting marks nothing read: post a reply after opening the page, then mute.
        reply(self.owner, self.slug, thread, "We found some.")
        self.assertEqual(self.reader.web_form(f"/g/{self.slug}/t/{thread}/mute", {"mute": "1"}).status, 303)
        self.assertNotIn(str(thread), self.feed_ids())
        self.assertNotIn(title, self.reader.web.get("/").text)
        self.assertEqual(self.unread(), before - 1)
        self.assertEqual(self.live_count(), before - 1)
        self.assertIn(title, self.reader.web.get("/settings/muted").text)
        listed = self.reader.call("GET", "/api/v1/me/mutes").json()
        self.assertIn(str(thread), [t["id"] for t in listed["threads"]])
        # Nobody else can tell.
        self.assertNotIn("Unmute", self.owner.web.get(f"/g/{self.slug}/t/{thread}").text)
        # Unmuted from the settings list, it counts again.
        self.assertEqual(self.reader.web_form("/settings/muted/unmute", {"thread": str(thread)}).status, 303)
        self.assertIn(str(thread), self.feed_ids())
        self.assertEqual(self.unread(), before)
        # And through the API.
        self.assertEqual(self.reader.call("PUT", f"/api/v1/threads/{thread}/mute").status, 204)
        self.assertNotIn(str(thread), self.feed_ids())
        self.assertEqual(self.reader.call("DELETE", f"/api/v1/threads/{thread}/mute").status, 204)
        self.assertIn(str(thread), self.feed_ids())

    def test_a_muted_group_leaves_the_feed_and_the_counts_until_unmuted(self):
        thread, _ = start_thread(self.owner, self.slug, f"Sleep {marker()}", "How do you sleep?")
        self.assertGreaterEqual(self.unread(), 1)
        self.assertIn("Mute this group", self.reader.web.get(f"/g/{self.slug}").text)
        self.assertEqual(self.reader.web_form(f"/g/{self.slug}/mute", {"mute": "1"}).status, 303)
        self.assertEqual(self.unread(), 0)
        self.assertEqual(self.live_count(), 0)
        self.assertNotIn(str(thread), self.feed_ids())
        self.assertIn("Unmute this group", self.reader.web.get(f"/g/{self.slug}").text)
        group_id = query(self.server, "SELECT id FROM support_groups WHERE slug = ?", (self.slug,))[0][0]
        self.assertEqual(self.reader.web_form("/settings/muted/unmute", {"group": str(group_id)}).status, 303)
        self.assertGreaterEqual(self.unread(), 1)
        self.assertIn(str(thread), self.feed_ids())
        # Through the API.
        self.assertEqual(self.reader.call("PUT", f"/api/v1/groups/{self.slug}/mute").status, 204)
        self.assertEqual(self.unread(), 0)
        self.assertEqual(self.reader.call("DELETE", f"/api/v1/groups/{self.slug}/mute").status, 204)
        self.assertGreaterEqual(self.unread(), 1)


if __name__ == "__main__":
    unittest.main()
