"""Conversations through the JSON API: threads, replies, idempotency keys, edits and their
history, removal, reactions, following, reading, the feed, pin and lock, and who may see what."""
import secrets
import time
import unittest

from groups_fixtures import Member, start_server
from threads_fixtures import key, reply, start_thread


def walk(value):
    """Every (key, value) pair in a JSON document."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from walk(v)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


class ThreadsApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def member(self, prefix="m"):
        return Member(self.server, prefix)

    def guest_call(self, method, path, payload=None):
        return self.server.client(store_cookies=False).json(method, path, payload)

    def group_with_members(self, *members, **fields):
        owner = self.member("own")
        group = owner.create_group(**fields)
        for m in members:
            self.assertEqual(m.join(group["slug"]).status, 201)
        return owner, group["slug"]

    def test_start_list_read_and_reply(self):
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        response = ann.call("POST", f"/api/v1/groups/{slug}/threads",
                            {"title": "  First week  ", "body": "Hello **all**", "content_warning": "",
                             "idempotency_key": key()})
        self.assertEqual(response.status, 201, response.text)
        created = response.json()
        thread = created["thread"]
        self.assertEqual(response.header("Location"), f"/api/v1/threads/{thread['id']}")
        self.assertIsInstance(thread["id"], str)
        self.assertEqual(thread["title"], "First week")
        self.assertEqual(thread["reply_count"], 0)
        self.assertEqual(thread["group"]["slug"], slug)
        self.assertEqual(thread["url"], f"/g/{slug}/t/{thread['id']}")
        opening = created["posts"][0]
        self.assertEqual(opening["body_html"].strip(), "<p>Hello <strong>all</strong></p>")
        self.assertEqual(opening["author"]["persona"], ann.persona_in(slug))
        self.assertTrue(opening["author"]["you"])
        self.assertTrue(opening["can_edit"])
        self.assertEqual(created["viewer"], {"can_reply": True, "can_react": True, "can_moderate": False})
        self.assertTrue(thread["created_at"].endswith("Z"))
        for k, _ in walk(created):
            self.assertNotIn("account", k)
            self.assertNotIn("login", k)

        first = reply(bob, thread["id"], body="Welcome")
        second = reply(ann, thread["id"], body="Thanks", parent=first)
        third = reply(bob, thread["id"], body="Deeper", parent=second)
        fourth = reply(ann, thread["id"], body="Deepest", parent=third)
        shown = bob.call("GET", f"/api/v1/threads/{thread['id']}").json()
        posts = {p["id"]: p for p in shown["posts"]}
        self.assertEqual([posts[i]["depth"] for i in (first, second, third, fourth)], [1, 2, 3, 3])
        self.assertEqual(posts[fourth]["parent_id"], second, "depth is capped at 3: placed beside its parent")
        self.assertEqual([p["id"] for p in shown["posts"]], [opening["id"], first, second, third, fourth])
        self.assertTrue(posts[first]["author"]["you"])
        self.assertFalse(posts[second]["author"]["you"])
        self.assertEqual(shown["thread"]["reply_count"], 4)

        listing = self.guest_call("GET", f"/api/v1/groups/{slug}/threads").json()
        self.assertEqual([t["id"] for t in listing["threads"]], [thread["id"]])
        self.assertIsNone(listing["threads"][0]["unread"], "no unread count for guests")
        self.assertIsNone(listing["next"])
        bad = bob.call("POST", f"/api/v1/threads/{thread['id']}/posts",
                                        {"body": "x", "parent_id": "12", "idempotency_key": key()})
        self.assertEqual(bad.status, 404)
        self.assertEqual(bad.json()["error"]["field"], "parent_id")
        self.assertEqual(bob.call("POST", f"/api/v1/threads/{thread['id']}/posts",
                                  {"body": "", "idempotency_key": key()}).json()["error"]["field"], "body")

    def test_thread_list_pages(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        ids = []
        for i in range(5):
            ids.append(start_thread(ann, slug, title=f"T{i}")["thread"]["id"])
            time.sleep(0.003)
        seen, after = [], ""
        while True:
            page = ann.call("GET", f"/api/v1/groups/{slug}/threads?limit=2" + (f"&after={after}" if after else ""))
            self.assertEqual(page.status, 200)
            body = page.json()
            seen += [t["id"] for t in body["threads"]]
            if not body["next"]:
                break
            after = body["next"]
        self.assertEqual(seen, list(reversed(ids)))
        self.assertEqual(ann.call("GET", f"/api/v1/groups/{slug}/threads?after=zz").status, 400)
        self.assertEqual(ann.call("GET", f"/api/v1/groups/{slug}/threads?limit=0").status, 400)

    def test_idempotency_keys_make_one_post(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        body = {"title": "Once", "body": "Only once", "idempotency_key": key()}
        a = ann.call("POST", f"/api/v1/groups/{slug}/threads", body)
        b = ann.call("POST", f"/api/v1/groups/{slug}/threads", body)  # a retry after a timeout
        self.assertEqual((a.status, b.status), (201, 201))
        self.assertEqual(a.json()["thread"]["id"], b.json()["thread"]["id"])
        listing = ann.call("GET", f"/api/v1/groups/{slug}/threads").json()["threads"]
        self.assertEqual(len(listing), 1)
        thread_id = a.json()["thread"]["id"]

        header_key = key()
        path = f"/api/v1/threads/{thread_id}/posts"
        first = ann.api.json("POST", path, {"body": "Retry me"}, token=ann.token, headers={"Idempotency-Key": header_key})
        second = ann.api.json("POST", path, {"body": "Retry me"}, token=ann.token, headers={"Idempotency-Key": header_key})
        self.assertEqual((first.status, second.status), (201, 201))
        self.assertEqual(first.json()["post"]["id"], second.json()["post"]["id"])
        # The retry answers exactly as the first time: where the reply is.
        self.assertEqual(first.json()["post"], second.json()["post"])
        reply_id = first.json()["post"]["id"]
        self.assertEqual(first.json()["post"], {
            "id": reply_id, "thread_id": thread_id, "parent_id": a.json()["posts"][0]["id"], "depth": 1,
            "anonymous": False,
            "url": f"/g/{slug}/t/{thread_id}?post={reply_id}#post-{reply_id}"})
        nested = ann.call("POST", path, {"body": "Under it", "parent_id": reply_id, "idempotency_key": key()}).json()
        self.assertEqual((nested["post"]["parent_id"], nested["post"]["depth"]), (reply_id, 2))
        other = ann.call("POST", path, {"body": "Retry me", "idempotency_key": key()})
        self.assertNotEqual(other.json()["post"]["id"], first.json()["post"]["id"], "a new key is a new post")
        posts = ann.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"]
        self.assertEqual(len(posts), 4)
        # A key already used for something else can't post again.
        reused = ann.call("POST", f"/api/v1/groups/{slug}/threads",
                          {"title": "Other", "body": "x", "idempotency_key": body["idempotency_key"] + "x"})
        self.assertEqual(reused.status, 201)
        clash = ann.call("POST", f"/api/v1/groups/{slug}/threads",
                         {"title": "Other", "body": "x", "idempotency_key": header_key})
        self.assertEqual(clash.status, 409)
        missing = ann.call("POST", path, {"body": "No key"})
        self.assertEqual(missing.status, 400)
        self.assertEqual(missing.json()["error"]["field"], "idempotency_key")

    def test_edit_history_and_removal(self):
        ann, bob = self.member(), self.member()
        owner, slug = self.group_with_members(ann, bob)
        created = start_thread(ann, slug, title="Before", body="Old body", content_warning="grief")
        thread_id, opening = created["thread"]["id"], created["posts"][0]["id"]
        self.assertEqual(ann.call("PATCH", f"/api/v1/posts/{opening}", {"title": "After"}).status, 204)
        shown = bob.call("GET", f"/api/v1/threads/{thread_id}").json()
        self.assertEqual(shown["thread"]["title"], "After")
        self.assertEqual(shown["posts"][0]["content_warning"], "grief", "absent fields keep their value")
        self.assertIn("Old body", shown["posts"][0]["body_html"])
        self.assertIsNotNone(shown["posts"][0]["edited_at"])
        self.assertFalse(shown["posts"][0]["can_see_revisions"])
        self.assertEqual(ann.call("PATCH", f"/api/v1/posts/{opening}", {"body": "New body"}).status, 204)
        revisions = ann.call("GET", f"/api/v1/posts/{opening}/revisions")
        self.assertEqual(revisions.status, 200)
        versions = revisions.json()["revisions"]
        self.assertEqual([(v["title"], v["body"]) for v in versions], [("After", "Old body"), ("Before", "Old body")])
        self.assertEqual(owner.call("GET", f"/api/v1/posts/{opening}/revisions").status, 200)
        self.assertEqual(bob.call("GET", f"/api/v1/posts/{opening}/revisions").status, 403)
        self.assertEqual(bob.call("PATCH", f"/api/v1/posts/{opening}", {"body": "Mine now"}).status, 403)
        self.assertEqual(ann.call("PATCH", f"/api/v1/posts/{opening}", {"body": " "}).status, 400)

        post = reply(bob, thread_id, body="Regrettable words")
        self.assertEqual(ann.call("DELETE", f"/api/v1/posts/{post}").status, 403)
        self.assertEqual(bob.call("DELETE", f"/api/v1/posts/{post}").status, 204)
        self.assertEqual(bob.call("DELETE", f"/api/v1/posts/{post}").status, 204)
        removed = [p for p in ann.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"] if p["id"] == post][0]
        self.assertTrue(removed["removed"])
        self.assertIsNone(removed["author"])
        self.assertEqual(removed["body_html"], "")
        self.assertEqual(bob.call("GET", f"/api/v1/posts/{post}/revisions").status, 404)
        self.assertEqual(bob.call("PATCH", f"/api/v1/posts/{post}", {"body": "Back"}).status, 409)
        self.assertEqual(self.guest_call("DELETE", f"/api/v1/posts/{opening}").status, 401)

    def test_reactions_follow_read_and_feed(self):
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        thread_id = start_thread(ann, slug, title="Feed me")["thread"]["id"]
        post = reply(ann, thread_id, body="Something helpful")
        path = f"/api/v1/posts/{post}/reactions/helped"
        self.assertEqual(bob.call("PUT", path).status, 204)
        self.assertEqual(bob.call("PUT", path).status, 204)  # setting what is set is fine
        mine = [p for p in bob.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"] if p["id"] == post][0]
        self.assertEqual(mine["reactions"]["helped"], {"count": 1, "mine": True})
        self.assertEqual(mine["reactions"]["support"], {"count": 0, "mine": False})
        theirs = [p for p in ann.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"] if p["id"] == post][0]
        self.assertEqual(theirs["reactions"]["helped"], {"count": 1, "mine": False})
        self.assertEqual(bob.call("DELETE", path).status, 204)
        after = [p for p in bob.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"] if p["id"] == post][0]
        self.assertEqual(after["reactions"]["helped"]["count"], 0)
        bad = bob.call("PUT", f"/api/v1/posts/{post}/reactions/hug")
        self.assertEqual((bad.status, bad.json()["error"]["field"]), (400, "kind"))
        self.assertEqual(self.guest_call("PUT", path).status, 401)
        self.assertEqual(self.member().call("PUT", path).status, 403, "members of the group only")

        feed = bob.call("GET", "/api/v1/me/feed").json()["threads"]
        entry = [t for t in feed if t["id"] == thread_id][0]
        self.assertEqual((entry["unread"], entry["following"], entry["title"]), (2, False, "Feed me"))
        self.assertEqual(entry["group"]["slug"], slug)
        self.assertEqual(bob.call("PUT", f"/api/v1/threads/{thread_id}/follow").status, 204)
        self.assertTrue(bob.call("GET", f"/api/v1/threads/{thread_id}").json()["thread"]["following"])
        self.assertEqual(bob.call("POST", f"/api/v1/threads/{thread_id}/read").status, 204)
        self.assertEqual([t for t in bob.call("GET", "/api/v1/me/feed").json()["threads"] if t["id"] == thread_id], [])
        self.assertEqual(bob.call("GET", f"/api/v1/groups/{slug}/threads").json()["threads"][0]["unread"], 0)
        reply(ann, thread_id)
        self.assertEqual(bob.call("GET", f"/api/v1/groups/{slug}/threads").json()["threads"][0]["unread"], 1)
        self.assertEqual(bob.call("DELETE", f"/api/v1/threads/{thread_id}/follow").status, 204)
        self.assertFalse(bob.call("GET", f"/api/v1/threads/{thread_id}").json()["thread"]["following"])
        self.assertEqual(self.guest_call("GET", "/api/v1/me/feed").status, 401)

    def test_pin_and_lock(self):
        ann = self.member()
        owner, slug = self.group_with_members(ann)
        thread_id = start_thread(ann, slug)["thread"]["id"]
        self.assertEqual(ann.call("PATCH", f"/api/v1/threads/{thread_id}", {"pinned": True}).status, 403)
        done = owner.call("PATCH", f"/api/v1/threads/{thread_id}", {"pinned": True, "locked": True})
        self.assertEqual(done.status, 200)
        self.assertEqual((done.json()["thread"]["pinned"], done.json()["thread"]["locked"]), (True, True))
        self.assertTrue(done.json()["viewer"]["can_moderate"])
        refused = ann.call("POST", f"/api/v1/threads/{thread_id}/posts", {"body": "Hi", "idempotency_key": key()})
        self.assertEqual(refused.status, 403)
        self.assertFalse(ann.call("GET", f"/api/v1/threads/{thread_id}").json()["viewer"]["can_reply"])
        reply(owner, thread_id, body="Moderators can still reply")
        self.assertEqual(owner.call("PATCH", f"/api/v1/threads/{thread_id}", {"locked": "no"}).status, 400)

    def test_who_may_read_threads(self):
        owner, stranger = self.member("own"), self.member()
        private = owner.create_group(privacy="private")["slug"]
        hidden = owner.create_group(privacy="hidden")["slug"]
        private_thread = start_thread(owner, private, title="Private words")["thread"]["id"]
        hidden_thread = start_thread(owner, hidden, title="Hidden words")["thread"]["id"]
        missing = str(int(private_thread) + 7)
        for call in (stranger.call, self.guest_call):
            for thread in (private_thread, hidden_thread, missing):
                response = call("GET", f"/api/v1/threads/{thread}")
                self.assertEqual(response.status, 404)
                self.assertEqual(response.json(), call("GET", f"/api/v1/threads/{missing}").json())
            self.assertEqual(call("GET", f"/api/v1/groups/{private}/threads").status, 403)
            self.assertEqual(call("GET", f"/api/v1/groups/{hidden}/threads").status, 404)
        for thread in (private_thread, hidden_thread):
            self.assertEqual(stranger.call("POST", f"/api/v1/threads/{thread}/posts",
                                           {"body": "x", "idempotency_key": key()}).status, 404)
            self.assertEqual(stranger.call("PUT", f"/api/v1/threads/{thread}/follow").status, 404)
        self.assertEqual(stranger.call("POST", f"/api/v1/groups/{hidden}/threads",
                                       {"title": "x", "body": "y", "idempotency_key": key()}).status, 404)
        self.assertEqual(stranger.call("POST", f"/api/v1/groups/{private}/threads",
                                       {"title": "x", "body": "y", "idempotency_key": key()}).status, 403)
        self.assertEqual(owner.call("GET", f"/api/v1/threads/{hidden_thread}").status, 200)

    def test_anonymous_posts_carry_no_author(self):
        author, reader = self.member("anon"), self.member()
        owner, slug = self.group_with_members(author, reader, anonymous_posting=True)
        persona = author.persona_in(slug)
        created = start_thread(author, slug, title="Anonymous question", anonymous=True)
        thread_id = created["thread"]["id"]
        reply(author, thread_id, body="Me again", anonymous=True)
        named = reply(author, thread_id, body="Now with my name")
        for caller in (reader.call, owner.call, self.guest_call):
            shown = caller("GET", f"/api/v1/threads/{thread_id}")
            posts = shown.json()["posts"]
            self.assertEqual(posts[0]["author"], {"anonymous": True, "label": "A", "you": False})
            self.assertEqual(posts[1]["author"], {"anonymous": True, "label": "A", "you": False})
            self.assertEqual(shown.json()["thread"]["author"], {"anonymous": True, "label": "A"})
            text = shown.text.replace(f'"id":"{named}"', "")
            # The named reply shows the persona, as it should; nothing else may.
            self.assertEqual(text.count(persona["id"]), 1)
            listing = caller("GET", f"/api/v1/groups/{slug}/threads")
            self.assertNotIn(persona["id"], listing.text)
            self.assertNotIn(persona["name"], listing.text)
            self.assertNotIn(author.login, shown.text + listing.text)
        own = author.call("GET", f"/api/v1/threads/{thread_id}").json()
        self.assertEqual(own["posts"][0]["author"], {"anonymous": True, "label": "A", "you": True})
        self.assertTrue(own["posts"][0]["can_edit"])
        self.assertEqual(author.call("PATCH", f"/api/v1/posts/{own['posts'][0]['id']}", {"body": "Edited"}).status, 204)
        again = reader.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"][0]
        self.assertTrue(again["author"]["anonymous"], "editing keeps a post anonymous")
        # Groups without anonymous posting refuse it.
        _, plain = self.group_with_members(author)
        refused = author.call("POST", f"/api/v1/groups/{plain}/threads",
                              {"title": "x", "body": "y", "anonymous": True, "idempotency_key": key()})
        self.assertEqual((refused.status, refused.json()["error"]["field"]), (400, "anonymous"))


if __name__ == "__main__":
    unittest.main()
