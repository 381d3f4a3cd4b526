"""Search, on the page and in the API: permission-aware results (guests see public groups only,
non-members nothing of private or hidden groups, members their groups), hidden group names
never shown to others, removed posts never found, anonymous authors never named, highlighted
snippets that stay escaped, and the group filter."""
import html
import re
import secrets
import unittest

from groups_fixtures import Member, ban, start_server
from threads_fixtures import reply, start_thread


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        cls.owner = Member(cls.server, "own")
        cls.word = "Marmalade" + secrets.token_hex(3)
        cls.hidden_name = "Secret circle " + secrets.token_hex(3)
        cls.groups = {
            "public": cls.owner.create_group(f"Open porch {secrets.token_hex(2)}")["slug"],
            "private": cls.owner.create_group(f"Closed room {secrets.token_hex(2)}", privacy="private")["slug"],
            "hidden": cls.owner.create_group(cls.hidden_name, privacy="hidden")["slug"],
        }
        cls.threads = {}
        for level, slug in cls.groups.items():
            created = start_thread(cls.owner, slug, title=f"{level} thread about {cls.word}",
                                   body=f"The {level} body mentions {cls.word} once.")
            cls.threads[level] = created["thread"]["id"]
            reply(cls.owner, created["thread"]["id"], body=f"A {level} reply with {cls.word}")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def guest(self):
        return self.server.client()

    def levels_in(self, page):
        return {level for level, thread in self.threads.items() if f"/t/{thread}#post-" in page}

    def api_levels(self, results):
        return {level for level, thread in self.threads.items() if any(r["thread_id"] == thread for r in results)}

    def test_guests_and_non_members_find_public_posts_only(self):
        stranger = Member(self.server)
        for client, caller in ((self.guest(), self.server.client(store_cookies=False).json), (stranger.web, stranger.call)):
            page = client.get(f"/search?q={self.word}")
            self.assertEqual(page.status, 200)
            self.assertEqual(self.levels_in(page.text), {"public"})
            self.assertNotIn(self.hidden_name, page.text)
            results = caller("GET", f"/api/v1/search?q={self.word}").json()["results"]
            self.assertEqual(self.api_levels(results), {"public"})
            for level in ("private", "hidden"):
                filtered = client.get(f"/search?q={self.word}&group={self.groups[level]}")
                self.assertEqual(filtered.status, 200)
                self.assertIn("Nothing found", filtered.text)
                self.assertEqual(self.levels_in(filtered.text), set())
                api = caller("GET", f"/api/v1/search?q={self.word}&group={self.groups[level]}").json()
                self.assertEqual(api["results"], [])
            # A hidden group's name never appears: not in results, not in the group filter.
            listed = client.get(f"/search?q={self.word}&group={self.groups['hidden']}").text
            self.assertNotIn(f">{self.hidden_name}<", listed)
            self.assertNotIn(f'value="{self.groups["hidden"]}"', listed)
            self.assertNotIn(self.groups["hidden"], str(results))
            self.assertNotIn(self.hidden_name, str(results))

    def test_members_find_their_groups(self):
        member = Member(self.server)
        self.assertEqual(member.join(self.groups["public"]).status, 201)
        invite = self.owner.invite(self.groups["hidden"])
        self.assertEqual(member.accept(invite["token"]).status, 200)
        self.assertEqual(self.levels_in(member.web.get(f"/search?q={self.word}").text), {"public", "hidden"})
        self.assertEqual(self.api_levels(member.call("GET", f"/api/v1/search?q={self.word}").json()["results"]),
                         {"public", "hidden"})
        everything = self.owner.web.get(f"/search?q={self.word}").text
        self.assertEqual(self.levels_in(everything), {"public", "private", "hidden"})
        self.assertIn(html.escape(self.hidden_name, quote=False), everything)
        only_hidden = member.web.get(f"/search?q={self.word}&group={self.groups['hidden']}").text
        self.assertEqual(self.levels_in(only_hidden), {"hidden"})
        self.assertIn(f'<option value="{self.groups["hidden"]}" selected>', only_hidden)
        # The filter offers the member's own groups, never the private one they aren't in.
        self.assertNotIn(f'value="{self.groups["private"]}"', only_hidden)

    def test_snippets_mark_matches_and_stay_escaped(self):
        slug = self.groups["public"]
        marker = "Quince" + secrets.token_hex(3)
        start_thread(self.owner, slug, title="Escaping check",
                     body=f"<script>alert(1)</script> {marker} & <b>bold</b> \"quoted\"")
        page = self.guest().get(f"/search?q={marker}").text
        self.assertIn(f"<mark>{marker}</mark>", page)
        self.assertNotIn("<script>alert", page)
        self.assertNotIn("<b>bold</b>", page)
        self.assertIn("&lt;b&gt;bold&lt;/b&gt;", page)
        api = self.server.client().json("GET", f"/api/v1/search?q={marker}").json()["results"][0]
        self.assertIn({"text": marker, "highlighted": True}, api["snippet"])
        self.assertEqual(api["group"]["slug"], slug)
        self.assertTrue(api["url"].endswith(f"#post-{api['post_id']}"))

    def test_removed_posts_are_never_found(self):
        member = Member(self.server)
        self.assertEqual(member.join(self.groups["public"]).status, 201)
        marker = "Rhubarb" + secrets.token_hex(3)
        thread_id = start_thread(member, self.groups["public"], body=f"Soon gone: {marker}")["thread"]["id"]
        post = reply(member, thread_id, body=f"Also gone: {marker}")
        self.assertEqual(len(self.guest().json("GET", f"/api/v1/search?q={marker}").json()["results"]), 2)
        opening = member.call("GET", f"/api/v1/threads/{thread_id}").json()["posts"][0]["id"]
        for post_id in (post, opening):
            self.assertEqual(member.call("DELETE", f"/api/v1/posts/{post_id}").status, 204)
        self.assertEqual(self.guest().json("GET", f"/api/v1/search?q={marker}").json()["results"], [])
        page = member.web.get(f"/search?q={marker}").text
        self.assertIn("Nothing found", page)

    def test_anonymous_authors_are_not_named(self):
        author = Member(self.server, "anon")
        slug = self.owner.create_group(anonymous_posting=True)["slug"]
        self.assertEqual(author.join(slug).status, 201)
        persona = author.persona_in(slug)
        marker = "Damson" + secrets.token_hex(3)
        start_thread(author, slug, body=f"Anonymous {marker}", anonymous=True)
        for client in (self.guest(), self.owner.web):
            page = client.get(f"/search?q={marker}").text
            self.assertIn("Anonymous member", page)
            self.assertNotIn(persona["name"], page)
            self.assertNotIn(persona["id"], page)
        result = self.server.client().json("GET", f"/api/v1/search?q={marker}").json()["results"][0]
        self.assertEqual(result["author"], {"anonymous": True, "label": "A"})

    def test_a_member_of_many_groups(self):
        """More private and hidden groups than search's scope-token limit (32; store/search.hpp):
        searches take the group-filter plan, under the same rules."""
        member = Member(self.server, "many")
        self.assertEqual(member.join(self.groups["public"]).status, 201)
        marker = "Medlar" + secrets.token_hex(3)
        own = []
        for i in range(33):
            slug = member.create_group(f"Orchard {i} {secrets.token_hex(2)}", privacy="private" if i % 2 else "hidden")["slug"]
            own.append(start_thread(member, slug, title=f"Orchard {i}", body=f"{marker} and {self.word}")["thread"]["id"])
        start_thread(self.owner, self.groups["public"], title="Public medlars", body=f"{marker} in public")

        def threads_found(client_call, query, group=None):
            path = f"/api/v1/search?q={query}&limit=50" + (f"&group={group}" if group else "")
            return {r["thread_id"] for r in client_call("GET", path).json()["results"]}

        everything = threads_found(member.call, self.word)
        self.assertEqual(self.api_levels([{"thread_id": t} for t in everything]), {"public"},
                         "not the private and hidden groups the member isn't in")
        self.assertTrue(set(own) <= everything)
        self.assertEqual(len(threads_found(member.call, marker)), 34)
        self.assertEqual(threads_found(member.call, marker, self.groups["hidden"]), set())
        self.assertEqual(self.server.client().json("GET", f"/api/v1/search?q={marker}").json()["results"][0]["group"]["slug"],
                         self.groups["public"], "a guest finds only the public post")
        page = member.web.get(f"/search?q={marker}").text
        self.assertNotIn(self.hidden_name, page)
        # Banned from the public group: not even its public posts.
        ban(self.owner, self.groups["public"], member.persona_in(self.groups["public"])["id"])
        self.assertEqual(threads_found(member.call, marker), set(own))
        self.assertEqual(self.api_levels([{"thread_id": t} for t in threads_found(member.call, self.word)]), set())

    def test_the_search_page_itself(self):
        page = self.guest().get("/search")
        self.assertEqual(page.status, 200)
        self.assertIn('role="search"', page.text)
        self.assertIn('<a href="/search">Search</a>', page.text, "in the header")
        self.assertIn('action="/search"', self.guest().get("/groups").text, "and on the directory page")
        nothing = self.guest().get("/search?q=" + secrets.token_hex(6)).text
        self.assertIn("Nothing found", nothing)
        self.assertEqual(self.guest().get("/search?q=" + "a" * 600).status, 400)
        self.assertEqual(self.guest().json("GET", "/api/v1/search?q=" + "a" * 600).status, 400)
        self.assertEqual(self.guest().json("GET", "/api/v1/search?q=").json()["results"], [])
        echoed = self.guest().get("/search?q=%3Cscript%3Ex%3C%2Fscript%3E").text
        self.assertNotIn("<script>x", echoed)
        self.assertTrue(re.search(r"&lt;script&gt;x", echoed))


if __name__ == "__main__":
    unittest.main()
