"""Guests' conversation pages of public groups are kept and served without the database
(web/guest_page_cache.hpp). A kept page must never outlive what it shows: every change a
guest could see appears at the very next request, and nothing kept for guests is ever
served to anyone else."""
import gzip
import re
import unittest

from groups_fixtures import Member, start_server
from threads_fixtures import reply, start_thread, text_of


def cache_lookups(server, result):
    metrics = server.client(store_cookies=False).get("/metrics").text
    found = re.search(r'hearth_guest_page_cache_lookups_total\{result="' + result + r'"\} (\d+)', metrics)
    return int(found.group(1)) if found else 0


class GuestPageCacheTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        cls.owner = Member(cls.server, "owner")
        cls.member = Member(cls.server, "member")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.group = self.owner.create_group(privacy="public")
        self.slug = self.group["slug"]
        self.assertEqual(self.member.join(self.slug).status, 201)
        created = start_thread(self.owner, self.slug, title="Evenings are the hardest", body="How do you cope?")
        self.thread_id = created["thread"]["id"]
        self.path = f"/g/{self.slug}/t/{self.thread_id}"

    def guest(self, path=None, headers=None):
        response = self.server.client(store_cookies=False).get(path or self.path, headers=headers)
        self.assertEqual(response.status, 200, response.raw_body[:300])
        return response

    def test_a_second_guest_gets_the_kept_copy(self):
        first = self.guest()
        hits = cache_lookups(self.server, "hit")
        second = self.guest()
        self.assertEqual(second.raw_body, first.raw_body)
        self.assertEqual(cache_lookups(self.server, "hit"), hits + 1)
        # The kept copy carries the same security headers as a rendered page.
        self.assertEqual(second.header("Content-Security-Policy"), first.header("Content-Security-Policy"))
        self.assertIsNotNone(second.header("Content-Security-Policy"))

    def test_guests_see_every_change_at_the_next_request(self):
        self.guest()
        self.guest()  # kept
        post_id = reply(self.member, self.thread_id, body="A walk after dinner helps me.")
        self.assertIn("A walk after dinner helps me.", self.guest().text)

        edited = self.member.call("PATCH", f"/api/v1/posts/{post_id}", {"body": "A short walk after dinner helps."})
        self.assertIn(edited.status, (200, 204), edited.raw_body[:300])
        page = text_of(self.guest().text)
        self.assertIn("A short walk after dinner helps.", page)
        self.assertNotIn("A walk after dinner helps me.", page)

        reacted = self.owner.call("PUT", f"/api/v1/posts/{post_id}/reactions/helped")
        self.assertIn(reacted.status, (200, 204), reacted.raw_body[:300])
        self.assertRegex(text_of(self.guest().text), r"This helped\s+1")

        locked = self.owner.call("PATCH", f"/api/v1/threads/{self.thread_id}", {"locked": True})
        self.assertIn(locked.status, (200, 204), locked.raw_body[:300])
        self.assertIn("Locked", text_of(self.guest().text))

        removed = self.member.call("DELETE", f"/api/v1/posts/{post_id}")
        self.assertIn(removed.status, (200, 204), removed.raw_body[:300])
        page = text_of(self.guest().text)
        self.assertIn("removed by its author", page)
        self.assertNotIn("A short walk after dinner helps.", page)

    def test_renames_show_at_once(self):
        reply(self.member, self.thread_id, body="Same here.")
        self.guest()
        persona = self.member.persona_in(self.slug)
        renamed = self.member.call("PATCH", f"/api/v1/me/personas/{persona['id']}", {"name": "Quiet Heron"})
        self.assertEqual(renamed.status, 200, renamed.raw_body[:300])
        self.assertIn("Quiet Heron", self.guest().text)

        updated = self.owner.call("PATCH", f"/api/v1/groups/{self.slug}", {"name": "Evening carers circle"})
        self.assertEqual(updated.status, 200, updated.raw_body[:300])
        self.assertIn("Evening carers circle", self.guest().text)

    def test_a_group_turning_private_closes_its_kept_pages_at_once(self):
        self.guest()
        self.guest()
        updated = self.owner.call("PATCH", f"/api/v1/groups/{self.slug}", {"privacy": "private"})
        self.assertEqual(updated.status, 200, updated.raw_body[:300])
        response = self.server.client(store_cookies=False).get(self.path)
        self.assertNotIn("How do you cope?", response.text)
        self.assertNotIn("Evenings are the hardest", response.text)

    def test_members_never_get_a_guest_copy(self):
        self.guest()
        self.guest()
        page = self.member.web.get(self.path)
        self.assertEqual(page.status, 200)
        self.assertIn("Log out", page.text)
        self.assertIn('action="' + self.path + '/reply"', page.text)
        self.assertNotIn("Log in to reply", page.text)

    def test_a_kept_copy_answers_gzip_with_the_same_page(self):
        plain = self.guest().raw_body
        zipped = self.guest(headers={"Accept-Encoding": "gzip"})
        self.assertEqual(zipped.header("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(zipped.raw_body), plain)
        self.assertIn("Accept-Encoding", zipped.header("Vary") or "")

    def test_each_time_zone_gets_its_own_copy(self):
        utc = self.guest().text
        sydney = self.guest(headers={"Cookie": "hearth_tz=Australia/Sydney"}).text
        stamp = re.compile(r'<time datetime=[^ >]+ title="([^"]+)"')  # the opening post's time
        self.assertNotEqual(stamp.findall(utc), stamp.findall(sydney))
        self.assertEqual(self.guest(headers={"Cookie": "hearth_tz=Australia/Sydney"}).text, sydney)


if __name__ == "__main__":
    unittest.main()
