"""Unlinkability (issue 3, DESIGN.md principle 1): membership of one group can't be tied to
the same person in another. One account, X, joins a public and a private group, getting a
fresh pseudonym in each (the default), and posts in both. Y, a member of both groups, reads
everything they can about each of X's two personas: persona pages and JSON, member lists,
the threads X posted in, search results, group pages and JSON, their own home page and feed.

Nothing may tie the two together:
- neither persona's responses carry the other's id or name, or X's account id or login;
- the persona ids, names and profile links differ;
- whatever the two personas' renderings have in common (any word, number, class or link) is
  also common to two unrelated members, Z1 and Z2, in the same places: no shared avatar,
  initials, colour, account-derived token or identical link;
- no join time is shown, and member lists are ordered by role and name, not by who joined
  first (three members joining in the opposite order to their names' are listed by name);
- a persona's id looked up in the other group answers exactly like a made-up id.

The opposite, on purpose: W reuses one persona in both groups, and is visibly the same
there, after being warned on the join screen.
"""
import json
import re
import secrets
import unittest

from community_fixture import (CommunityTestCase, Person, article, join_active, marker, pseudonym, reply, shows,
                               start_thread)

TIMES = re.compile(r'<time[^>]*>.*?</time>|\d{4}-\d{2}-\d{2}T[\d:.]+Z'
                   r'|\b(just now|\d+ (second|minute|hour|day)s? ago)\b', re.S)
REUSE_WARNING = "anyone who is in both groups will know it is the same person"


def tokens(fragment, exclude=()):
    """The words, numbers, classes and links of a rendering, times taken out."""
    text = TIMES.sub(" ", fragment)
    found = set(re.findall(r"[A-Za-z0-9_/.#-]{4,}", text)) | set(re.findall(r"[A-Za-z0-9]{4,}", text))
    return {t for t in found if not any(t in e or e in t for e in exclude)}


class UnlinkabilityTest(CommunityTestCase):
    @classmethod
    def _build(cls):
        server = cls.server
        cls.owner = Person(server, "own")
        cls.y, cls.x, cls.z1, cls.z2, cls.w = (Person(server, p) for p in ("yyy", "xxx", "zza", "zzb", "www"))
        cls.groups = {}
        for key, privacy in (("g1", "public"), ("g2", "private")):
            questions = ["Why?"] if privacy == "private" else []
            cls.groups[key] = cls.owner.create_group(f"{key.upper()} circle {marker()}", privacy=privacy,
                                                    rules=["Be kind."], questions=questions,
                                                    persona_name=pseudonym("Owner"))
        g1, g2 = cls.groups["g1"], cls.groups["g2"]
        cls.personas = {}
        for key, group in cls.groups.items():
            cls.personas["y", key] = join_active(cls.y, cls.owner, group, pseudonym("Reader"))
            cls.personas["x", key] = join_active(cls.x, cls.owner, group)  # the default: a fresh random name
        # Unrelated controls: Z1 only in G1, Z2 only in G2.
        cls.personas["z", "g1"] = join_active(cls.z1, cls.owner, g1)
        cls.personas["z", "g2"] = join_active(cls.z2, cls.owner, g2)

        # X and the control post the same way in both groups: a reply in the owner's thread.
        cls.words = {key: marker("w") for key in cls.groups}
        cls.threads, cls.posts = {}, {}
        for key, group in cls.groups.items():
            z = cls.z1 if key == "g1" else cls.z2
            thread, _ = start_thread(cls.owner, group["slug"], f"Talk {cls.words[key]}", "Say hello.")
            cls.threads[key] = thread
            cls.posts["x", key] = reply(cls.x, group["slug"], thread, f"Hello from me {cls.words[key]} x.")
            cls.posts["z", key] = reply(z, group["slug"], thread, f"Hello from me {cls.words[key]} z.")
            # Profile fields everyone may see, different in each group.
            for who, person in (("x", cls.x), ("z", z)):
                persona = cls.personas[who, key]["id"]
                response = person.call("PATCH", f"/api/v1/me/personas/{persona}", {"fields": {
                    "about": {"value": f"About {marker()}", "audience": "everyone"},
                    "pronouns": {"value": "they/them", "audience": "members"}}})
                assert response.status == 200, response.text[:300]

        # Join order against name order: Zz joins first, Aa last.
        cls.order_names = [f"{prefix} {marker()}" for prefix in ("Zzorder", "Mmorder", "Aaorder")]
        cls.order_people = [Person(server, "ord") for _ in cls.order_names]
        for person, name in zip(cls.order_people, cls.order_names):
            for group in cls.groups.values():
                join_active(person, cls.owner, group, name)

    # -- what Y sees about each of X's personas ---------------------------------------------------

    def views_of(self, who, key):
        """{label: fragment} of every rendering Y is served about `who`'s persona in group `key`:
        the persona page and JSON, its entry in the member lists, its post on the thread page and
        in the thread JSON, its search hit."""
        y, group = self.y, self.groups[key]
        slug, persona = group["slug"], self.personas[who, key]
        post, thread = self.posts[who, key], self.threads[key]
        views = {}
        page = y.web.get(f"/g/{slug}/p/{persona['id']}")
        self.assertEqual(page.status, 200)
        views["persona page"] = main(page.text)
        views["persona JSON"] = y.call("GET", f"/api/v1/personas/{persona['id']}?group={slug}").text
        members = y.web.get(f"/g/{slug}/members").text
        views["member list entry"] = one(re.findall(r"<li>.*?</li>", main(members), re.S), persona["name"])
        listed = y.call("GET", f"/api/v1/groups/{slug}/members").json()["members"]
        views["member JSON entry"] = json.dumps(next(m for m in listed if m["persona"]["id"] == persona["id"]))
        views["post on the thread page"] = article(y.web.get(f"/g/{slug}/t/{thread}").text, post)
        posts = y.call("GET", f"/api/v1/threads/{thread}").json()["posts"]
        views["post JSON"] = json.dumps(next(p for p in posts if p["id"] == str(post)))
        hits = y.call("GET", f"/api/v1/search?q={self.words[key]}").json()["results"]
        views["search hit JSON"] = json.dumps(next(h for h in hits if h["post_id"] == str(post)))
        found = main(y.web.get(f"/search?q={self.words[key]}").text)
        views["search hit on the page"] = one(re.findall(r"<li.*?</li>", found, re.S), persona["name"])
        return views

    def everything_y_reads(self, key):
        """Whole responses about group `key` (and Y's own pages, which name both groups)."""
        slug, thread = self.groups[key]["slug"], self.threads[key]
        paths = [f"/g/{slug}", f"/g/{slug}/members", f"/g/{slug}/t/{thread}", f"/search?q={self.words[key]}",
                 f"/api/v1/groups/{slug}", f"/api/v1/groups/{slug}/members", f"/api/v1/groups/{slug}/threads",
                 f"/api/v1/threads/{thread}", f"/api/v1/search?q={self.words[key]}"]
        for who in ("x", "z"):
            persona = self.personas[who, key]["id"]
            paths += [f"/g/{slug}/p/{persona}", f"/api/v1/personas/{persona}?group={slug}"]
        return {path: fetch(self.y, path) for path in paths}

    # -- the tests ---------------------------------------------------------------------------------

    def test_no_response_carries_the_other_personas_identifiers(self):
        x1, x2 = self.personas["x", "g1"], self.personas["x", "g2"]
        self.assertNotEqual(x1["id"], x2["id"])
        self.assertNotEqual(x1["name"], x2["name"])
        for key, other in (("g1", x2), ("g2", x1)):
            for path, response in self.everything_y_reads(key).items():
                self.assertEqual(response.status, 200, path)
                text = response.body.decode()
                for what, value in (("persona id", other["id"]), ("pseudonym", other["name"]),
                                    ("account id", str(self.x.account_id)), ("login name", self.x.login),
                                    ("profile link", f"/p/{other['id']}")):
                    self.assertFalse(shows(text, value), f"{path} shows X's other {what}")
        # Y's own pages name both groups: never with X in them.
        for path in ("/", "/api/v1/me/feed", "/api/v1/me/groups", "/groups", "/api/v1/groups"):
            text = fetch(self.y, path).body.decode()
            for value in (x1["name"], x2["name"], x1["id"], x2["id"], str(self.x.account_id), self.x.login):
                self.assertFalse(shows(text, value), (path, value))

    def test_the_two_personas_share_nothing_unrelated_members_dont(self):
        x1, x2 = self.views_of("x", "g1"), self.views_of("x", "g2")
        z1, z2 = self.views_of("z", "g1"), self.views_of("z", "g2")
        names = [self.personas[w, k]["name"] for w in ("x", "z") for k in ("g1", "g2")]
        name_words = {word for name in names for word in name.split()}
        for view in x1:
            a, b, c, d = (tokens(v[view], name_words) for v in (x1, x2, z1, z2))
            shared = (a & b) - (c & d) - (a & d) - (c & b)
            self.assertEqual(shared, set(), f"{view}: X's two personas share {sorted(shared)}; unrelated members don't")
            self.assertNotEqual(x1[view], x2[view])

    def test_no_join_time_is_shown(self):
        for key in self.groups:
            slug, persona = self.groups[key]["slug"], self.personas["x", key]["id"]
            page = main(self.y.web.get(f"/g/{slug}/p/{persona}").text)
            self.assertNotIn("<time", page)
            self.assertIsNone(re.search(r"\d{4}-\d{2}-\d{2}", page), page)
            for path in (f"/api/v1/personas/{persona}?group={slug}", f"/api/v1/groups/{slug}/members"):
                body = self.y.call("GET", path).text
                self.assertIsNone(re.search(r"\d{4}-\d{2}-\d{2}", body), (path, body[:300]))
                self.assertNotIn("joined", body.lower(), path)
            self.assertNotIn("<time", main(self.y.web.get(f"/g/{slug}/members").text))

    def test_member_lists_are_in_name_order_not_join_order(self):
        for key, group in self.groups.items():
            slug = group["slug"]
            members = self.y.call("GET", f"/api/v1/groups/{slug}/members").json()["members"]
            listed = [m["persona"]["name"] for m in members if m["role"] == "member"]
            order = [listed.index(name) for name in self.order_names]
            self.assertEqual(order, sorted(order, reverse=True), (key, listed))  # Aa, Mm, Zz
            page = self.y.web.get(f"/g/{slug}/members").text
            positions = [page.index(name) for name in self.order_names]
            self.assertEqual(positions, sorted(positions, reverse=True), key)

    def test_a_persona_looked_up_in_the_other_group_is_unknown(self):
        made_up = str(secrets.randbelow(2 ** 52) + 2 ** 52)
        for key, other in (("g1", "g2"), ("g2", "g1")):
            slug = self.groups[other]["slug"]
            persona = str(self.personas["x", key]["id"])
            for path in (f"/g/{slug}/p/{{}}", f"/api/v1/personas/{{}}?group={slug}"):
                real, fake = fetch(self.y, path.format(persona)), fetch(self.y, path.format(made_up))
                self.assertEqual(real.status, 404, path)
                self.assertEqual(real.body.decode().replace(persona, "ID"), fake.body.decode().replace(made_up, "ID"),
                                 path)

    def test_a_reused_persona_is_visibly_the_same_after_a_warning(self):
        g1, g2 = self.groups["g1"], self.groups["g2"]
        persona = join_active(self.w, self.owner, g1, pseudonym("Same"))
        # The join screen offers W's persona, with the warning.
        screen = self.w.web.get(f"/g/{g2['slug']}/join").text
        self.assertIn(REUSE_WARNING, screen)
        self.assertIn(persona["name"], screen)
        again = join_active(self.w, self.owner, g2, reuse_persona_id=persona["id"])
        self.assertEqual(again, persona)
        # Y sees one person in both groups: the same id, name and persona page.
        for group in (g1, g2):
            slug = group["slug"]
            listed = {m["persona"]["id"]: m["persona"]["name"]
                      for m in self.y.call("GET", f"/api/v1/groups/{slug}/members").json()["members"]}
            self.assertEqual(listed.get(persona["id"]), persona["name"], slug)
            page = self.y.web.get(f"/g/{slug}/p/{persona['id']}")
            self.assertEqual(page.status, 200)
            self.assertIn(persona["name"], page.text)
            for secret in (str(self.w.account_id), self.w.login):
                self.assertFalse(shows(page.text, secret))


def fetch(person, path):
    """GET as `person`: pages through their browser, /api/ through their token."""
    return person.call("GET", path) if path.startswith("/api/") else person.web.get(path)


def main(html):
    """The page's <main> element (the header and footer are the same everywhere)."""
    start, end = html.find("<main"), html.find("</main>")
    assert start >= 0 and end > start, html[:500]
    return html[start:end]



def one(fragments, containing):
    matches = [f for f in fragments if containing in f]
    assert len(matches) == 1, (containing, matches)
    return matches[0]


if __name__ == "__main__":
    unittest.main()
