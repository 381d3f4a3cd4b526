"""Moderation end to end over HTTP (issue 4): report → queue → remove with an explanation →
the author is told; mutes and bans take effect at once on pages and the API; held posts
stay invisible to everyone but their author and the moderators until approved; slow mode;
the moderation log's public and full sides; platform admins' escalations and the recorded
unmask procedure."""
import re
import unittest

from community_fixture import CommunityTestCase, Person, article, join_active, marker, pseudonym, query, reply, set_role
from community_fixture import start_thread
from hearth_server import run_hearth


class ModerationTest(CommunityTestCase):
    @classmethod
    def _build(cls):
        server = cls.server
        cls.owner, cls.mod = Person(server, "own"), Person(server, "mod")
        cls.alice, cls.bob = Person(server, "ali"), Person(server, "bob")
        group = cls.owner.create_group(f"Carers {marker()}", rules=["Be kind.", "No medical advice."],
                                       anonymous_posting=True, persona_name=pseudonym("Owner"))
        cls.slug = group["slug"]
        cls.group = group
        for person, label in ((cls.mod, "Mod"), (cls.alice, "Alice"), (cls.bob, "Bob")):
            person.persona = join_active(person, cls.owner, group, pseudonym(label))
        set_role(cls.owner, cls.slug, cls.mod.persona["id"], "moderator")
        cls.thread, cls.opening = start_thread(cls.owner, cls.slug, f"Evenings {marker()}", "How are evenings?")

    # -- helpers ---------------------------------------------------------------------------------

    def moderate(self, who, post, action, **fields):
        return who.call("POST", f"/api/v1/posts/{post}/moderation", {"action": action, **fields})

    def moderate_member(self, who, persona, action, **fields):
        return who.call("POST", f"/api/v1/groups/{self.slug}/members/{persona}/moderation", {"action": action, **fields})

    def thread_posts(self, who):
        response = who.call("GET", f"/api/v1/threads/{self.thread}")
        self.assertEqual(response.status, 200, response.text[:300])
        return {p["id"]: p for p in response.json()["posts"]}

    def settings(self, **fields):
        body = {"hold_first_posts": 0, "slow_mode_seconds": 0, "hold_anonymous": False}
        body.update(fields)
        response = self.owner.call("PUT", f"/api/v1/groups/{self.slug}/moderation/settings", body)
        self.assertEqual(response.status, 200, response.text[:300])

    # -- the tests -------------------------------------------------------------------------------

    def test_report_queue_remove_and_everyone_is_told(self):
        words = marker("w")
        post = reply(self.alice, self.slug, self.thread, f"Just double your dose {words}.")
        first = self.bob.call("POST", f"/api/v1/posts/{post}/reports", {"reason": "misinformation", "note": "Risky."})
        self.assertEqual(first.status, 201, first.text[:300])
        again = self.bob.call("POST", f"/api/v1/posts/{post}/reports", {"reason": "misinformation"})
        self.assertEqual(again.status, 200)
        self.assertTrue(again.json()["already_reported"])
        self.assertEqual(query(self.server, "SELECT COUNT(*) FROM reports WHERE item_id = ?", (post,))[0][0], 1)

        queue = self.mod.call("GET", f"/api/v1/groups/{self.slug}/moderation/queue").json()["items"]
        item = next(i for i in queue if i.get("post", {}).get("id") == str(post))
        self.assertEqual(item["reports"]["count"], 1)
        self.assertEqual(item["reports"]["reasons"], ["misinformation"])
        self.assertNotIn(self.bob.login, str(queue))  # moderators never learn who reported
        page = self.mod.web.get(f"/g/{self.slug}/moderation")
        self.assertEqual(page.status, 200)
        self.assertIn(words, page.text)

        # The moderator removes it through the no-JavaScript form.
        form = self.mod.web.get(f"/g/{self.slug}/moderation/posts/{post}")
        self.assertEqual(form.status, 200)
        done = self.mod.web_form(f"/g/{self.slug}/moderation/posts/{post}",
                                 {"action": "remove", "reason": "Dosage advice can hurt someone.", "rule": "2",
                                  "mute_hours": "24"})
        self.assertEqual(done.status, 303, done.text[:500])
        self.assertIn("The post is removed", self.mod.web.get(done.location).text)

        mine = self.thread_posts(self.alice)[str(post)]
        self.assertEqual(mine["removed_by"], "moderator")
        self.assertEqual(mine["removal"], {"explanation": "Dosage advice can hurt someone.", "rule": 2})
        theirs = self.thread_posts(self.bob)[str(post)]
        self.assertEqual(theirs["removed_by"], "moderator")
        self.assertNotIn("removal", theirs)
        self.assertNotIn(words, self.bob.web.get(f"/g/{self.slug}/t/{self.thread}").text)
        # On the thread page: the author reads why; everyone else only who removed it.
        mine = article(self.alice.web.get(f"/g/{self.slug}/t/{self.thread}").text, post)
        self.assertIn("removed by a moderator: Dosage advice can hurt someone. (rule 2)", mine)
        theirs = article(self.bob.web.get(f"/g/{self.slug}/t/{self.thread}").text, post)
        self.assertIn("removed by a moderator.", theirs)
        self.assertNotIn("Dosage advice", theirs)
        notices = self.alice.web.get("/me/notices").text
        self.assertIn("Dosage advice can hurt someone.", notices)
        reports = self.bob.call("GET", "/api/v1/me/reports").json()["reports"]
        self.assertEqual(next(r for r in reports if r["item_id"] == str(post))["outcome"], "removed")
        self.assertIn("removed it", self.bob.web.get("/me/reports").text)
        # The public log says what and why, without the moderator's name.
        log = self.bob.call("GET", f"/api/v1/groups/{self.slug}/moderation/log").json()
        self.assertFalse(log["full"])
        self.assertIn("Removed a reply. Breaks rule 2: No medical advice.", [e["summary"] for e in log["entries"]])
        self.assertNotIn(self.mod.persona["name"], str(log))
        guest = self.server.client(store_cookies=False).get(f"/g/{self.slug}/moderation/log")
        self.assertEqual(guest.status, 200)
        self.assertIn("Breaks rule 2", guest.text)
        self.assertNotIn(self.mod.persona["name"], guest.text)
        self.assertIn(self.mod.persona["name"], self.mod.web.get(f"/g/{self.slug}/moderation/log").text)

    def test_reporting_through_the_web_form(self):
        post = reply(self.alice, self.slug, self.thread, f"Words {marker()}.")
        # The way there: a reply's actions, once opened, offer "Report" (moderators: "Moderate");
        # the opening post offers it at once.
        opened = self.bob.web.get(f"/g/{self.slug}/t/{self.thread}?reply_to={post}")
        self.assertIn(f"posts/{post}/report>Report</a>", article(opened.text, post))
        self.assertIn(f"posts/{self.opening}/report>Report</a>", article(opened.text, self.opening))
        moderated = self.mod.web.get(f"/g/{self.slug}/t/{self.thread}?reply_to={post}")
        self.assertIn(f"moderation/posts/{post}>Moderate</a>", article(moderated.text, post))
        self.assertNotIn("/report>", article(self.alice.web.get(f"/g/{self.slug}/t/{self.thread}?reply_to={post}").text,
                                              post), "nobody reports their own post")
        page = self.bob.web.get(f"/g/{self.slug}/posts/{post}/report")
        self.assertEqual(page.status, 200)
        self.assertIn("Someone may be at risk", page.text)
        sent = self.bob.web_form(f"/g/{self.slug}/posts/{post}/report", {"reason": "at_risk", "note": "Worried."})
        self.assertEqual(sent.status, 303, sent.text[:500])
        received = self.bob.web.get(sent.location).text
        self.assertIn("Your report was received", received)
        self.assertIn("Get help now", received)
        again = self.bob.web_form(f"/g/{self.slug}/posts/{post}/report", {"reason": "at_risk"})
        self.assertIn("already reported", self.bob.web.get(again.location).text)
        missing = self.bob.web_form(f"/g/{self.slug}/posts/{post}/report", {"note": "no reason"})
        self.assertEqual(missing.status, 400)
        # At risk comes first in the queue.
        items = self.mod.call("GET", f"/api/v1/groups/{self.slug}/moderation/queue").json()["items"]
        self.assertTrue(items[0]["reports"]["at_risk"])
        # A persona, too.
        persona = self.alice.persona["id"]
        sent = self.bob.web_form(f"/g/{self.slug}/p/{persona}/report", {"reason": "hurtful"})
        self.assertEqual(sent.status, 303, sent.text[:500])
        record = self.mod.call("GET", f"/api/v1/groups/{self.slug}/members/{persona}/moderation").json()
        self.assertEqual(record["reports"]["count"], 1)
        self.assertEqual(self.moderate_member(self.mod, persona, "dismiss").status, 204)

    def test_mute_takes_effect_and_says_why_and_until_when(self):
        member = Person(self.server, "mut")
        member.persona = join_active(member, self.owner, self.group, pseudonym("Muted"))
        self.assertEqual(self.moderate_member(self.mod, member.persona["id"], "mute", reason="Please take a breather.",
                                              mute_hours=24).status, 204)
        refused = member.call("POST", f"/api/v1/threads/{self.thread}/posts",
                              {"body": "Hello?", "idempotency_key": "k-mute-0001"})
        self.assertEqual(refused.status, 403)
        message = refused.json()["error"]["message"]
        self.assertIn("Please take a breather.", message)
        self.assertRegex(message, r"until \d+ \w+ \d{4}")
        self.assertEqual(member.call("PUT", f"/api/v1/posts/{self.opening}/reactions/support").status, 403)
        page = member.web_form(f"/g/{self.slug}/t/{self.thread}/reply", {"body": "Hi", "idempotency_key": "k-mute-0002"})
        self.assertIn("Please take a breather.", page.text)
        self.assertEqual(self.moderate_member(self.mod, member.persona["id"], "unmute").status, 204)
        reply(member, self.slug, self.thread, "Back again.")

    def test_ban_takes_effect_at_once_and_a_moderator_cannot_ban_the_owner(self):
        member = Person(self.server, "ban")
        member.persona = join_active(member, self.owner, self.group, pseudonym("Banned"))
        post = reply(member, self.slug, self.thread, f"Before {marker()}.")
        self.assertEqual(self.moderate(self.mod, post, "ban", reason="Threats against a member.").status, 204)
        self.assertEqual(member.web.get(f"/g/{self.slug}/t/{self.thread}").status, 403)
        self.assertIn(member.call("GET", f"/api/v1/threads/{self.thread}").status, (403, 404))
        refused = member.call("POST", f"/api/v1/threads/{self.thread}/posts",
                              {"body": "Hello?", "idempotency_key": "k-ban-00001"})
        self.assertIn(refused.status, (403, 404))
        self.assertIn(member.call("POST", f"/api/v1/groups/{self.slug}/join", {"accept_rules": True}).status, (403,))
        owner_persona = self.owner.membership_in(self.slug)["persona"]["id"]
        self.assertEqual(self.moderate_member(self.mod, owner_persona, "ban", reason="No.").status, 403)
        self.assertEqual(self.moderate_member(self.mod, member.persona["id"], "unban").status, 204)
        self.assertEqual(member.web.get(f"/g/{self.slug}/t/{self.thread}").status, 200)

    def test_held_posts_are_invisible_to_others_until_approved(self):
        self.settings(hold_first_posts=1)
        try:
            newcomer = Person(self.server, "new")
            newcomer.persona = join_active(newcomer, self.owner, self.group, pseudonym("New"))
            words = marker("h")
            post = reply(newcomer, self.slug, self.thread, f"My first words {words}.")
            self.assertTrue(self.thread_posts(newcomer)[str(post)]["held"])
            own_page = newcomer.web.get(f"/g/{self.slug}/t/{self.thread}").text
            self.assertIn("Waiting for a moderator", article(own_page, post))
            self.assertNotIn(str(post), self.thread_posts(self.bob))
            self.assertNotIn(words, self.bob.web.get(f"/g/{self.slug}/t/{self.thread}").text)
            self.assertNotIn(words, self.server.client(store_cookies=False).get(f"/g/{self.slug}/t/{self.thread}").text)
            self.assertNotIn(words, self.bob.call("GET", f"/api/v1/search?q={words}").text)
            self.assertEqual(self.bob.call("PUT", f"/api/v1/posts/{post}/reactions/support").status, 404)
            self.assertIn(words, self.mod.web.get(f"/g/{self.slug}/moderation").text)
            self.assertEqual(self.moderate(self.mod, post, "approve").status, 204)
            self.assertIn(str(post), self.thread_posts(self.bob))
            self.assertIn(words, self.bob.call("GET", f"/api/v1/search?q={words}").text)
            self.assertEqual(self.moderate(self.mod, post, "approve").status, 409)
        finally:
            self.settings()

    def test_a_held_anonymous_thread_is_listed_nowhere_until_approved(self):
        self.settings(hold_anonymous=True)
        try:
            title = f"Rough night {marker()}"
            thread, opening = start_thread(self.alice, self.slug, title, "Can't sleep.", anonymous=True)
            self.assertNotIn(title, self.bob.web.get(f"/g/{self.slug}").text)
            self.assertNotIn(title, self.bob.call("GET", f"/api/v1/groups/{self.slug}/threads").text)
            self.assertEqual(self.bob.web.get(f"/g/{self.slug}/t/{thread}").status, 404)
            self.assertEqual(self.alice.web.get(f"/g/{self.slug}/t/{thread}").status, 200)
            self.assertEqual(self.moderate(self.mod, opening, "approve").status, 204)
            self.assertIn(title, self.bob.call("GET", f"/api/v1/groups/{self.slug}/threads").text)
        finally:
            self.settings()

    def test_slow_mode(self):
        self.settings(slow_mode_seconds=3600)
        try:
            reply(self.bob, self.slug, self.thread, "One.")
            again = self.bob.call("POST", f"/api/v1/threads/{self.thread}/posts",
                                  {"body": "Two.", "idempotency_key": "k-slow-0001"})
            self.assertEqual(again.status, 429)
            self.assertIn("slow mode", again.json()["error"]["message"])
            reply(self.mod, self.slug, self.thread, "Moderators aren't slowed down.")
        finally:
            self.settings()

    def test_settings_on_the_manage_page(self):
        page = self.owner.web.get(f"/g/{self.slug}/manage")
        self.assertIn("Slow mode", page.text)
        saved = self.owner.web_form(f"/g/{self.slug}/manage/moderation",
                                    {"hold_first_posts": "2", "slow_mode_seconds": "60"})
        self.assertEqual(saved.status, 303, saved.text[:500])
        settings = self.bob.call("GET", f"/api/v1/groups/{self.slug}/moderation/settings").json()
        self.assertEqual(settings, {"hold_first_posts": 2, "slow_mode_seconds": 60, "hold_anonymous": False})
        bad = self.owner.web_form(f"/g/{self.slug}/manage/moderation", {"hold_first_posts": "99"})
        self.assertEqual(bad.status, 400)
        self.settings()

    def test_platform_admins_escalations_and_the_recorded_unmask(self):
        admin, other_admin = Person(self.server, "adm"), Person(self.server, "adn")
        for person in (admin, other_admin):
            done = run_hearth(["admin", "grant", person.login, "--data", self.server.data_dir])
            self.assertEqual(done.returncode, 0, done.stdout)
        post = reply(self.alice, self.slug, self.thread, f"Anonymous {marker()}.", anonymous=True)
        self.assertEqual(self.moderate(self.mod, post, "escalate", reason="Looks like a threat.").status, 204)
        self.assertEqual(self.mod.call("GET", "/api/v1/admin/escalations").status, 403)
        self.assertEqual(self.mod.web.get("/admin").status, 403)
        listed = admin.call("GET", "/api/v1/admin/escalations").json()["escalations"]
        item = next(e for e in listed if e["post"]["id"] == str(post))
        self.assertNotIn(self.alice.persona["name"], str(item))
        short = admin.call("POST", f"/api/v1/admin/posts/{post}/unmask", {"reason": "curious"})
        self.assertEqual(short.status, 400)
        reason = f"Police request about a threat {marker()}"
        unmasked = admin.call("POST", f"/api/v1/admin/posts/{post}/unmask", {"reason": reason})
        self.assertEqual(unmasked.status, 200, unmasked.text[:300])
        self.assertEqual(unmasked.json()["persona"]["id"], str(self.alice.persona["id"]))
        audit = other_admin.call("GET", "/api/v1/admin/audit").json()["entries"]
        self.assertTrue(any(reason in e["detail"] and e["admin"] == admin.login for e in audit))
        self.assertIn(reason, other_admin.web.get("/admin").text)
        self.assertEqual(self.mod.call("POST", f"/api/v1/admin/posts/{post}/unmask", {"reason": reason}).status, 403)
        escalation = item["id"]
        resolved = admin.web_form(f"/admin/escalations/{escalation}/resolve", {"resolution": "Handed to the police."})
        self.assertEqual(resolved.status, 303, resolved.text[:300])



if __name__ == "__main__":
    unittest.main()
