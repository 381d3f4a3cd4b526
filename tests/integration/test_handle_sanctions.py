"""Bans and mutes through an anonymous post's handle (issue 4, accountable anonymity; the
ARCHITECTURE.md moderation section): they take effect on the author's real account at once
— no posting, no reading of the private group on pages or the API, an open live stream
ends — while nothing a moderator, the owner or another member can see of the author's
persona changes: member lists (page and JSON), the persona's page and JSON, the management
page, the moderators' record of the persona, the group's member count. Each of those is
compared byte for byte, before and after, with only CSRF tokens and clock readings masked.
Lifting the ban through the handle lets the author post again.
"""
import re
import time
import unittest

from community_fixture import Person, join_active, marker, pseudonym, reply, set_role, start_server, start_thread
from test_live_updates import EventStream

# What legitimately differs between two loads of the same page: CSRF tokens and times.
MASKS = [
    (re.compile(r'(name="csrf_token" value=")[^"]*"'), r'\1"'),
    (re.compile(r'(<meta name="csrf-token" content=")[^"]*"'), r'\1"'),
    (re.compile(r'<time[^>]*>[^<]*</time>'), "<time/>"),
    (re.compile(r'\b\d+ (second|minute|hour)s? ago\b'), "ago"),
    (re.compile(r'"(now|generated_at)":\s*\d+'), r'"\1":0'),
    # The transparency card counts the moderators who acted lately: the ban is such an act
    # (the moderator's, and the public log says a member was banned), not a word about whom.
    (re.compile(r'"active_moderators_30_days":\d+'), '"active_moderators_30_days":0'),
]


def masked(text):
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


class HandleSanctionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        try:
            cls.owner, cls.moderator = Person(cls.server, "own"), Person(cls.server, "mod")
            cls.a, cls.b = Person(cls.server, "aaa"), Person(cls.server, "bbb")
            group = cls.owner.create_group(f"Quiet hours {marker()}", privacy="private", rules=["Be kind."],
                                           anonymous_posting=True, persona_name=pseudonym("Owner"))
            cls.slug = group["slug"]
            for person, label in ((cls.moderator, "Mod"), (cls.a, "Alder"), (cls.b, "Birch")):
                person.persona = join_active(person, cls.owner, group, pseudonym(label))
            set_role(cls.owner, cls.slug, cls.moderator.persona["id"], "moderator")
            cls.thread, _ = start_thread(cls.owner, cls.slug, f"Check-in {marker()}", "How are you?")
            # B writes once under their pseudonym and once anonymously.
            reply(cls.b, cls.slug, cls.thread, f"Signed words {marker()}.")
            cls.anon = reply(cls.b, cls.slug, cls.thread, f"Anonymous and harsh {marker()}.", anonymous=True)
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def act(self, action, **fields):
        return self.moderator.call("POST", f"/api/v1/posts/{self.anon}/moderation", {"action": action, **fields})

    def what_others_see(self):
        """Every page and JSON response, as the moderator, the owner and member A, that shows
        B's persona or counts the group's members."""
        slug, persona = self.slug, self.b.persona["id"]
        seen = {}
        for name, person in (("moderator", self.moderator), ("owner", self.owner), ("member", self.a)):
            paths = {"members page": ("web", f"/g/{slug}/members"),
                     "members JSON": ("api", f"/api/v1/groups/{slug}/members"),
                     "persona page": ("web", f"/g/{slug}/p/{persona}"),
                     "persona JSON": ("api", f"/api/v1/personas/{persona}?group={slug}"),
                     "group JSON": ("api", f"/api/v1/groups/{slug}")}
            if person is not self.a:
                paths["persona's moderation page"] = ("web", f"/g/{slug}/moderation/p/{persona}")
                paths["persona's moderation JSON"] = ("api", f"/api/v1/groups/{slug}/members/{persona}/moderation")
            if person is self.owner:
                paths["management page"] = ("web", f"/g/{slug}/manage")
            for what, (how, path) in paths.items():
                response = person.web.get(path) if how == "web" else person.call("GET", path)
                self.assertEqual(response.status, 200, f"{name}: {what}: {response.text[:300]}")
                seen[f"{name}: {what}"] = masked(response.text)
        return seen

    def b_can_post(self, key):
        response = self.b.call("POST", f"/api/v1/threads/{self.thread}/posts", {"body": "Still here", "idempotency_key": key})
        return response.status

    def test_a_handle_ban_shuts_the_author_out_and_changes_nothing_others_see(self):
        self.assertEqual(self.b_can_post(f"k-{marker()}"), 201)
        self.assertTrue(any(self.b.persona["name"] in text for text in self.what_others_see().values()))
        # Masking leaves nothing to chance: two loads with nothing done between are identical.
        self.assertEqual(self.what_others_see(), self.what_others_see())
        before = self.what_others_see()
        page_stream = EventStream(self.server, f"/g/{self.slug}/t/{self.thread}/events", cookies=self.b.web.cookies)
        api_stream = EventStream(self.server, f"/api/v1/threads/{self.thread}/events", token=self.b.token)
        self.assertTrue(page_stream.streaming and api_stream.streaming)
        time.sleep(0.3)

        self.assertEqual(self.act("ban", reason="Threats.").status, 204)

        # At once: the streams end, B can neither post nor read, on pages or the API.
        self.assertTrue(page_stream.closed.wait(3.0), "the page's live stream stays open after the ban")
        self.assertTrue(api_stream.closed.wait(3.0), "the API's live stream stays open after the ban")
        self.assertIn(self.b_can_post(f"k-{marker()}"), (403, 404))
        self.assertIn(self.b.web.get(f"/g/{self.slug}/t/{self.thread}").status, (403, 404))
        self.assertIn(self.b.call("GET", f"/api/v1/threads/{self.thread}").status, (403, 404))
        self.assertIn(self.b.call("GET", f"/api/v1/groups/{self.slug}/threads").status, (403, 404))
        mine = self.b.call("GET", "/api/v1/me/groups").text
        self.assertNotIn(self.slug, mine)
        again = EventStream(self.server, f"/api/v1/threads/{self.thread}/events", token=self.b.token)
        self.assertFalse(again.streaming)
        self.assertIn(self.b.call("DELETE", f"/api/v1/groups/{self.slug}/membership").status, (403, 404),
                      "leaving (and so vanishing from the member list) is closed to a banned member")

        # Nobody else can tell who it fell on.
        after = self.what_others_see()
        for what in before:
            self.assertEqual(before[what], after[what], f"{what} changed with a ban through the handle")

        # Lifted through the handle: B posts again, and still nothing others see moved.
        self.assertEqual(self.act("unban").status, 204)
        lifted = self.what_others_see()
        for what in before:
            self.assertEqual(before[what], lifted[what], f"{what} changed when the ban was lifted")
        self.assertEqual(self.b_can_post(f"k-{marker()}"), 201)
        self.assertIn(self.slug, self.b.call("GET", "/api/v1/me/groups").text)


if __name__ == "__main__":
    unittest.main()
