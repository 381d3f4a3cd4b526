"""Groups, memberships and personas through the JSON API (docs/api.md), with the privacy
rules: hidden groups answer like missing ones, private content stays with members, persona
fields reach only their audience, and no response names an account."""
import json
import secrets
import unittest

from groups_fixtures import Member, ban, set_pending, start_server

RFC3339_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"


class GroupsApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def member(self, prefix="m"):
        return Member(self.server, prefix)

    def guest(self, method, path, payload=None):
        return self.server.client(store_cookies=False).json(method, path, payload)

    def assert_error(self, response, status, code, field=None):
        self.assertEqual(response.status, status, response.raw_body[:800])
        error = response.json()["error"]
        self.assertEqual(error["code"], code, error)
        self.assertGreater(len(error["message"]), 10, error)
        if field is not None:
            self.assertEqual(error.get("field"), field, error)
        return error

    # -- creating and describing groups --------------------------------------------------------

    def test_create_group_makes_the_creator_owner_under_a_pseudonym(self):
        ann = self.member("ann")
        group = ann.create_group("Carers of people with dementia", description="For family carers.",
                                 about="We **share** what helps.", topics=["Dementia", "carers"], region="gb",
                                 languages=["en", "cy"], rules=["Be kind.", "No medical advice."],
                                 anonymous_posting=True, persona_name="Quiet Heron")
        self.assertRegex(group["slug"], r"^carers-of-people-with-dementia(-\d+)?$")
        self.assertEqual(group["privacy"], "public")
        self.assertEqual(group["region"], "GB")
        self.assertEqual(group["topics"], ["dementia", "carers"])
        self.assertEqual(sorted(group["languages"]), ["cy", "en"])
        self.assertEqual(group["rules"], ["Be kind.", "No medical advice."])
        self.assertEqual(group["member_count"], 1)
        self.assertTrue(group["anonymous_posting"])
        self.assertEqual(group["about"], "We **share** what helps.")
        self.assertEqual(group["transparency"]["moderated"], False)
        self.assertEqual(group["transparency"]["active_moderators_30_days"], 0)
        membership = group["viewer"]["membership"]
        self.assertEqual(membership["role"], "owner")
        self.assertEqual(membership["status"], "active")
        self.assertEqual(membership["persona"]["name"], "Quiet Heron")
        self.assertTrue(group["viewer"]["can_manage"])
        self.assertNotIn(ann.login, json.dumps(group))

        # Same name again: a new slug; an empty pseudonym becomes a friendly random one.
        again = ann.create_group("Carers of people with dementia")
        self.assertNotEqual(again["slug"], group["slug"])
        self.assertGreaterEqual(len(again["viewer"]["membership"]["persona"]["name"]), 3)

    def test_create_group_refuses_bad_input_with_the_field_named(self):
        ann = self.member()
        self.assert_error(ann.call("POST", "/api/v1/groups", {"name": "ab", "description": "x"}), 400, "invalid_input",
                          "name")
        self.assert_error(ann.call("POST", "/api/v1/groups", {"name": "Good name"}), 400, "invalid_input", "description")
        self.assert_error(ann.call("POST", "/api/v1/groups", {"name": "Good name", "description": "x",
                                                              "privacy": "secret"}), 400, "invalid_input", "privacy")
        self.assert_error(ann.call("POST", "/api/v1/groups", {"name": "Good name", "description": "x",
                                                              "topics": "not a list"}), 400, "invalid_input", "topics")
        self.assert_error(ann.call("POST", "/api/v1/groups", {"name": "Good name", "description": "x",
                                                              "questions": ["q"] * 6}), 400, "invalid_input",
                          "questions")
        self.assert_error(ann.call("POST", "/api/v1/groups", {"name": "Good name", "description": "x",
                                                              "persona_name": "a"}), 400, "invalid_input",
                          "persona_name")
        self.assert_error(self.guest("POST", "/api/v1/groups", {"name": "Good name", "description": "x"}), 401,
                          "unauthorized")

    def test_only_admins_change_a_group(self):
        ann, bob = self.member(), self.member()
        group = ann.create_group(rules=["Be kind."])
        slug = group["slug"]
        self.assertEqual(bob.join(slug).status, 201)
        self.assert_error(bob.call("PATCH", f"/api/v1/groups/{slug}", {"description": "Mine now"}), 403, "forbidden")
        response = ann.call("PATCH", f"/api/v1/groups/{slug}", {"description": "Updated.", "rules": ["One", "Two"],
                                                                "search_indexable": True})
        self.assertEqual(response.status, 200, response.raw_body[:500])
        updated = response.json()
        self.assertEqual(updated["description"], "Updated.")
        self.assertEqual(updated["rules"], ["One", "Two"])
        self.assertEqual(updated["name"], group["name"])  # untouched fields keep their value
        self.assertTrue(updated["search_indexable"])
        # Services: admins add them, everyone who sees the group sees them.
        added = ann.call("POST", f"/api/v1/groups/{slug}/services",
                         {"name": "Carers line", "phone": "0800 000 000", "website": "https://example.org"})
        self.assertEqual(added.status, 201, added.raw_body[:500])
        service_id = added.json()["services"][0]["id"]
        self.assert_error(bob.call("POST", f"/api/v1/groups/{slug}/services", {"name": "x", "phone": "1"}), 403,
                          "forbidden")
        self.assertEqual(self.guest("GET", f"/api/v1/groups/{slug}").json()["services"][0]["name"], "Carers line")
        self.assertEqual(ann.call("DELETE", f"/api/v1/groups/{slug}/services/{service_id}").status, 204)
        self.assertEqual(self.guest("GET", f"/api/v1/groups/{slug}").json()["services"], [])

    # -- the directory and hidden groups -------------------------------------------------------

    def test_directory_lists_public_and_private_groups_never_hidden_ones(self):
        ann = self.member()
        marker = secrets.token_hex(4)
        public = ann.create_group(f"Public {marker}", topics=["tea", marker], region="NZ", languages=["mi"])
        private = ann.create_group(f"Private {marker}", privacy="private")
        hidden = ann.create_group(f"Hidden {marker}", privacy="hidden", topics=[marker])
        for caller in (self.guest, self.member().call, ann.call):
            listed = caller("GET", f"/api/v1/groups?q={marker}")
            self.assertEqual(listed.status, 200)
            slugs = {g["slug"] for g in listed.json()["groups"]}
            self.assertEqual(slugs, {public["slug"], private["slug"]})
            everything = caller("GET", "/api/v1/groups?limit=100").raw_body.decode()
            self.assertNotIn(hidden["slug"], everything)
            self.assertNotIn(f"Hidden {marker}", everything)
        by_topic = {g["slug"] for g in self.guest("GET", f"/api/v1/groups?topic={marker}").json()["groups"]}
        self.assertEqual(by_topic, {public["slug"]})
        by_region = {g["slug"] for g in self.guest("GET", "/api/v1/groups?region=nz&limit=100").json()["groups"]}
        self.assertIn(public["slug"], by_region)
        self.assertNotIn(private["slug"], by_region)
        by_language = {g["slug"] for g in self.guest("GET", "/api/v1/groups?language=mi&limit=100").json()["groups"]}
        self.assertIn(public["slug"], by_language)
        entry = next(g for g in self.guest("GET", f"/api/v1/groups?q={marker}").json()["groups"]
                     if g["slug"] == public["slug"])
        self.assertEqual(entry["member_count"], 1)
        self.assertEqual(entry["privacy_explained"], "Anyone can read posts. Only members can post.")
        self.assert_error(self.guest("GET", "/api/v1/groups?region=QQ"), 400, "invalid_input", "region")

    def test_a_hidden_group_is_a_404_identical_to_a_missing_one(self):
        ann, stranger, pending, banned = self.member(), self.member(), self.member(), self.member()
        hidden = ann.create_group(privacy="hidden", rules=["Be kind."])
        slug = hidden["slug"]
        missing = "no-such-group-" + secrets.token_hex(4)
        token = ann.invite(slug)["token"]
        for who in (pending, banned):
            self.assertEqual(who.accept(token).status, 200)
        set_pending(self.server, slug, pending.persona_in(slug)["id"])
        ban(ann, slug, banned.persona_in(slug)["id"])
        persona = ann.persona_in(slug)["id"]
        requests = [
            ("GET", "/api/v1/groups/{}", None), ("PATCH", "/api/v1/groups/{}", {"description": "x"}),
            ("GET", "/api/v1/groups/{}/members", None), ("POST", "/api/v1/groups/{}/join", {"accept_rules": True}),
            ("DELETE", "/api/v1/groups/{}/membership", None), ("GET", "/api/v1/groups/{}/requests", None),
            ("POST", "/api/v1/groups/{}/requests/" + persona, {"approve": True}),
            ("GET", "/api/v1/groups/{}/invites", None), ("POST", "/api/v1/groups/{}/invites", {}),
            ("PUT", "/api/v1/groups/{}/members/" + persona + "/role", {"role": "member"}),
            ("POST", "/api/v1/groups/{}/services", {"name": "x", "phone": "1"}),
            ("GET", "/api/v1/personas/" + persona + "?group={}", None),
        ]
        callers = {"stranger": stranger.call, "pending": pending.call, "banned": banned.call}
        for who, call in callers.items():
            for method, pattern, payload in requests:
                seen = call(method, pattern.format(slug), payload)
                absent = call(method, pattern.format(missing), payload)
                self.assertEqual(seen.status, 404, (who, method, pattern, seen.raw_body[:300]))
                self.assertEqual(seen.raw_body, absent.raw_body, (who, method, pattern))
                self.assertEqual(seen.header("Content-Type"), absent.header("Content-Type"))
        for method, pattern, payload in requests:
            if method != "GET":
                continue
            seen, absent = self.guest(method, pattern.format(slug)), self.guest(method, pattern.format(missing))
            self.assertEqual((seen.status, seen.raw_body), (absent.status, absent.raw_body), pattern)
        # The owner still sees it; the pending and banned members don't find it in their groups.
        self.assertEqual(ann.call("GET", f"/api/v1/groups/{slug}").status, 200)
        for who in (pending, banned, stranger):
            self.assertNotIn(slug, who.call("GET", "/api/v1/me/groups").raw_body.decode())

    # -- joining -------------------------------------------------------------------------------

    def test_public_group_join_needs_the_rules_accepted(self):
        ann, bob = self.member(), self.member()
        slug = ann.create_group(rules=["Be kind."])["slug"]
        self.assert_error(bob.join(slug, accept_rules=False), 400, "invalid_input", "accept_rules")
        joined = bob.join(slug, persona_name="Bob the Carer")
        self.assertEqual(joined.status, 201, joined.raw_body[:500])
        self.assertEqual(joined.json(), {"status": "active"})
        self.assert_error(bob.join(slug), 409, "conflict")
        # The pseudonym is unique within the group.
        self.assert_error(self.member().join(slug, persona_name="bob THE carer"), 409, "conflict", "persona_name")
        mine = bob.call("GET", "/api/v1/me/groups").json()["groups"]
        self.assertEqual([(g["slug"], g["persona"]["name"], g["role"]) for g in mine], [(slug, "Bob the Carer", "member")])
        self.assertEqual(mine[0]["unread_threads"], 0)
        # Leaving: the owner can't until they hand ownership over.
        self.assertEqual(bob.call("DELETE", f"/api/v1/groups/{slug}/membership").status, 204)
        self.assertEqual(bob.call("GET", "/api/v1/me/groups").json()["groups"], [])
        self.assert_error(ann.call("DELETE", f"/api/v1/groups/{slug}/membership"), 409, "conflict")

    def test_private_group_requests_answers_and_decisions(self):
        ann, bob, cat, mod = self.member(), self.member(), self.member(), self.member()
        group = ann.create_group(privacy="private", about="Members-only details.", rules=["Be kind."],
                                 questions=["What brings you here?", "Anything else?"])
        slug = group["slug"]
        # Outsiders see the name, rules and card; never the about text or the members.
        for detail in (self.guest("GET", f"/api/v1/groups/{slug}").json(), bob.call("GET", f"/api/v1/groups/{slug}").json()):
            self.assertEqual(detail["rules"], ["Be kind."])
            self.assertNotIn("about", detail)
            self.assertFalse(detail["viewer"]["can_read_content"])
        self.assertEqual(bob.call("GET", f"/api/v1/groups/{slug}").json()["viewer"]["join"], "request")
        self.assert_error(self.guest("GET", f"/api/v1/groups/{slug}/members"), 403, "forbidden")
        self.assert_error(bob.call("GET", f"/api/v1/groups/{slug}/members"), 403, "forbidden")

        self.assert_error(bob.join(slug, answers=["Caring for my dad"]), 400, "invalid_input", "answer_2")
        requested = bob.join(slug, answers=["Caring for my dad", "No"], persona_name="Dad's Helper")
        self.assertEqual(requested.json(), {"status": "pending"})
        self.assertEqual(cat.join(slug, answers=["Curious", "-"]).json(), {"status": "pending"})
        waiting = bob.call("GET", f"/api/v1/groups/{slug}").json()
        self.assertEqual(waiting["viewer"]["join"], "pending")
        self.assertNotIn("about", waiting)
        self.assert_error(bob.call("GET", f"/api/v1/groups/{slug}/members"), 403, "forbidden")
        self.assert_error(bob.call("GET", f"/api/v1/groups/{slug}/requests"), 403, "forbidden")

        listed = ann.call("GET", f"/api/v1/groups/{slug}/requests")
        self.assertEqual(listed.status, 200)
        requests = {r["persona"]["name"]: r for r in listed.json()["requests"]}
        self.assertIn("Dad's Helper", requests)
        self.assertEqual(requests["Dad's Helper"]["answers"],
                         [{"question": "What brings you here?", "answer": "Caring for my dad"},
                          {"question": "Anything else?", "answer": "No"}])
        self.assertRegex(requests["Dad's Helper"]["requested_at"], RFC3339_UTC)
        for login in (bob.login, cat.login):
            self.assertNotIn(login, listed.raw_body.decode())
        bob_persona = requests["Dad's Helper"]["persona"]["id"]
        cat_persona = next(r["persona"]["id"] for n, r in requests.items() if n != "Dad's Helper")

        self.assertEqual(ann.call("POST", f"/api/v1/groups/{slug}/requests/{bob_persona}", {"approve": True}).status, 204)
        self.assertEqual(ann.call("POST", f"/api/v1/groups/{slug}/requests/{cat_persona}",
                                  {"approve": False, "reason": "This group is for carers."}).status, 204)
        self.assert_error(ann.call("POST", f"/api/v1/groups/{slug}/requests/{cat_persona}", {"approve": True}), 404,
                          "not_found")
        member_view = bob.call("GET", f"/api/v1/groups/{slug}").json()
        self.assertEqual(member_view["about"], "Members-only details.")
        self.assertTrue(member_view["viewer"]["can_participate"])
        names = {m["persona"]["name"] for m in bob.call("GET", f"/api/v1/groups/{slug}/members").json()["members"]}
        self.assertIn("Dad's Helper", names)
        declined = cat.call("GET", f"/api/v1/groups/{slug}").json()
        self.assertEqual(declined["viewer"]["membership"]["status"], "declined")
        self.assertEqual(declined["viewer"]["membership"]["decision_reason"], "This group is for carers.")
        self.assertEqual(declined["viewer"]["join"], "request")  # may ask again
        self.assertNotIn("about", declined)
        # The decision counts as moderation on the transparency card.
        card = self.guest("GET", f"/api/v1/groups/{slug}").json()["transparency"]
        self.assertTrue(card["moderated"])
        self.assertEqual(card["active_moderators_30_days"], 1)

        # A moderator decides requests too, but does not manage invites.
        self.assertEqual(mod.join(slug, answers=["a", "b"]).status, 201)
        mod_persona = next(r["persona"]["id"] for r in ann.call("GET", f"/api/v1/groups/{slug}/requests").json()["requests"])
        ann.call("POST", f"/api/v1/groups/{slug}/requests/{mod_persona}", {"approve": True})
        self.assertEqual(ann.call("PUT", f"/api/v1/groups/{slug}/members/{mod_persona}/role", {"role": "moderator"}).status,
                         204)
        self.assertEqual(mod.call("GET", f"/api/v1/groups/{slug}/requests").status, 200)
        self.assert_error(mod.call("GET", f"/api/v1/groups/{slug}/invites"), 403, "forbidden")
        self.assert_error(mod.call("POST", f"/api/v1/groups/{slug}/invites", {}), 403, "forbidden")

    def test_invites_work_until_used_up_expired_or_withdrawn(self):
        ann = self.member()
        group = ann.create_group("Teachers room " + secrets.token_hex(3), privacy="hidden", rules=["Be kind."])
        slug = group["slug"]
        invite = ann.invite(slug, expires_in_days=7, max_uses=2)
        self.assertTrue(invite["url"].startswith("/invite/"))
        self.assertEqual(invite["uses"], 0)
        self.assertEqual(invite["max_uses"], 2)
        self.assertRegex(invite["expires_at"], RFC3339_UTC)
        token = invite["token"]
        preview = self.guest("GET", f"/api/v1/invites/{token}")
        self.assertEqual(preview.status, 200)
        self.assertEqual(preview.json()["group"]["slug"], slug)
        self.assertEqual(preview.json()["rules"], ["Be kind."])

        bob, cat, dan = self.member(), self.member(), self.member()
        self.assert_error(bob.accept(token, accept_rules=False), 400, "invalid_input", "accept_rules")
        accepted = bob.accept(token, persona_name="Bob in class")
        self.assertEqual(accepted.status, 200, accepted.raw_body[:500])
        self.assertEqual(accepted.json()["group"]["slug"], slug)
        self.assertEqual(bob.call("GET", f"/api/v1/groups/{slug}").status, 200)
        self.assertEqual(cat.accept(token).status, 200)
        self.assert_error(dan.accept(token), 404, "not_found")  # used up
        self.assert_error(self.guest("GET", f"/api/v1/invites/{token}"), 404, "not_found")
        self.assert_error(dan.call("GET", f"/api/v1/groups/{slug}"), 404, "not_found")

        listed = ann.call("GET", f"/api/v1/groups/{slug}/invites").json()["invites"]
        self.assertEqual([(i["uses"], i["usable"]) for i in listed], [(2, False)])
        self.assertNotIn(token, json.dumps(listed))

        second = ann.invite(slug)
        self.assertEqual(ann.call("DELETE", f"/api/v1/groups/{slug}/invites/{second['id']}").status, 204)
        self.assert_error(dan.accept(second["token"]), 404, "not_found")
        self.assert_error(self.guest("GET", "/api/v1/invites/not-a-real-token"), 404, "not_found")
        self.assert_error(ann.call("POST", f"/api/v1/groups/{slug}/invites", {"expires_in_days": 0}), 400,
                          "invalid_input", "expires_in_days")
        self.assert_error(bob.call("POST", f"/api/v1/groups/{slug}/invites", {}), 403, "forbidden")

    def test_roles_and_ownership(self):
        ann, bob, cat = self.member(), self.member(), self.member()
        slug = ann.create_group()["slug"]
        bob.join(slug)
        cat.join(slug)
        bob_id, cat_id, ann_id = bob.persona_in(slug)["id"], cat.persona_in(slug)["id"], ann.persona_in(slug)["id"]
        self.assertEqual(ann.call("PUT", f"/api/v1/groups/{slug}/members/{bob_id}/role", {"role": "admin"}).status, 204)
        # An admin manages members and moderators only.
        self.assertEqual(bob.call("PUT", f"/api/v1/groups/{slug}/members/{cat_id}/role", {"role": "moderator"}).status,
                         204)
        self.assert_error(bob.call("PUT", f"/api/v1/groups/{slug}/members/{cat_id}/role", {"role": "admin"}), 403,
                          "forbidden")
        self.assert_error(bob.call("PUT", f"/api/v1/groups/{slug}/members/{ann_id}/role", {"role": "member"}), 403,
                          "forbidden")
        self.assert_error(cat.call("PUT", f"/api/v1/groups/{slug}/members/{bob_id}/role", {"role": "member"}), 403,
                          "forbidden")
        self.assert_error(ann.call("PUT", f"/api/v1/groups/{slug}/members/{bob_id}/role", {"role": "boss"}), 400,
                          "invalid_input", "role")
        self.assertEqual(bob.call("PUT", f"/api/v1/groups/{slug}/members/{cat_id}/volunteer",
                                  {"trained_volunteer": True}).status, 204)
        members = {m["persona"]["name"]: m for m in self.guest("GET", f"/api/v1/groups/{slug}/members").json()["members"]}
        self.assertTrue(members[cat.persona_in(slug)["name"]]["trained_volunteer"])
        self.assertEqual(members[cat.persona_in(slug)["name"]]["role"], "moderator")
        self.assertEqual(self.guest("GET", f"/api/v1/groups/{slug}").json()["transparency"]["trained_volunteers"], 1)
        # Handing ownership over: the old owner becomes an admin, and there is one owner.
        self.assertEqual(ann.call("PUT", f"/api/v1/groups/{slug}/members/{bob_id}/role", {"role": "owner"}).status, 204)
        roles = [m["role"] for m in self.guest("GET", f"/api/v1/groups/{slug}/members").json()["members"]]
        self.assertEqual(roles.count("owner"), 1)
        self.assertEqual(ann.call("GET", f"/api/v1/groups/{slug}").json()["viewer"]["membership"]["role"], "admin")
        self.assertEqual(ann.call("DELETE", f"/api/v1/groups/{slug}/membership").status, 204)

    # -- personas ------------------------------------------------------------------------------

    def test_persona_fields_reach_only_their_audience(self):
        ann, bob, outsider = self.member(), self.member(), self.member()
        public = ann.create_group()["slug"]
        private = ann.create_group(privacy="private")["slug"]
        bob.join(public)
        bob_id = bob.persona_in(public)["id"]
        patched = bob.call("PATCH", f"/api/v1/me/personas/{bob_id}", {
            "name": "Steady Fern",
            "fields": {"about": {"value": "Only me text", "audience": "only_me"},
                       "connection": {"value": "caring_for", "audience": "members"},
                       "region": {"value": "ie", "audience": "everyone"},
                       "pronouns": {"value": "they/them"}}})
        self.assertEqual(patched.status, 200, patched.raw_body[:500])
        own = patched.json()
        self.assertEqual(own["name"], "Steady Fern")
        self.assertEqual(own["fields"]["region"], {"value": "IE", "audience": "everyone"})
        self.assertEqual(own["fields"]["pronouns"], {"value": "they/them", "audience": "only_me"})  # the default
        self.assertEqual(own["groups"], [{"slug": public, "name": own["groups"][0]["name"]}])

        def fields(response):
            self.assertEqual(response.status, 200, response.raw_body[:500])
            return response.json()["fields"]

        path = f"/api/v1/personas/{bob_id}?group={public}"
        self.assertEqual(fields(self.guest("GET", path)), {"region": {"value": "IE"}})
        self.assertEqual(fields(outsider.call("GET", path)), {"region": {"value": "IE"}})
        self.assertEqual(fields(ann.call("GET", path)), {"connection": {"value": "caring_for"}, "region": {"value": "IE"}})
        mine = bob.call("GET", path).json()
        self.assertTrue(mine["is_you"])
        self.assertEqual(mine["fields"]["about"], {"value": "Only me text", "audience": "only_me"})
        self.assertEqual(mine["fields"]["connection"]["audience"], "members")
        for response in (self.guest("GET", path), outsider.call("GET", path), ann.call("GET", path)):
            body = response.raw_body.decode()
            self.assertNotIn("Only me text", body)
            self.assertNotIn("they/them", body)
            self.assertNotIn("audience", body)
            self.assertNotIn(bob.login, body)
        self.assertEqual(self.guest("GET", path).json()["name"], "Steady Fern")
        self.assertEqual(self.guest("GET", path).json()["helped_count"], 0)

        # Not a member of that group: 404; the group must be named; a private group's
        # members are for members only.
        self.assert_error(self.guest("GET", f"/api/v1/personas/{bob_id}?group={private}"), 403, "forbidden")
        ann_private = ann.persona_in(private)["id"]
        self.assert_error(ann.call("GET", f"/api/v1/personas/{bob_id}?group={private}"), 404, "not_found")
        self.assert_error(self.guest("GET", f"/api/v1/personas/{ann_private}?group={private}"), 403, "forbidden")
        self.assert_error(outsider.call("GET", f"/api/v1/personas/{ann_private}?group={private}"), 403, "forbidden")
        self.assert_error(self.guest("GET", f"/api/v1/personas/{bob_id}"), 400, "invalid_input", "group")
        # Only the owner edits a persona; audiences are checked.
        self.assert_error(ann.call("PATCH", f"/api/v1/me/personas/{bob_id}", {"name": "Taken Over"}), 404, "not_found")
        self.assert_error(bob.call("PATCH", f"/api/v1/me/personas/{bob_id}",
                                   {"fields": {"about": {"audience": "the world"}}}), 400, "invalid_input", "about")
        self.assert_error(bob.call("PATCH", f"/api/v1/me/personas/{bob_id}", {"name": "x"}), 400, "invalid_input", "name")

    def test_two_personas_of_one_account_are_never_linked(self):
        ann, bob, carol = self.member(), self.member(), self.member()
        first = ann.create_group("First " + secrets.token_hex(3))["slug"]
        second = ann.create_group("Second " + secrets.token_hex(3), privacy="private")["slug"]
        bob.join(first, persona_name="Bob in First")
        bob.join(second, persona_name="Bob in Second")
        bob_second = next(r["persona"]["id"] for r in ann.call("GET", f"/api/v1/groups/{second}/requests").json()["requests"])
        ann.call("POST", f"/api/v1/groups/{second}/requests/{bob_second}", {"approve": True})
        carol.join(first)
        carol.join(second)
        carol_second = next(r["persona"]["id"] for r in ann.call("GET", f"/api/v1/groups/{second}/requests").json()["requests"])
        ann.call("POST", f"/api/v1/groups/{second}/requests/{carol_second}", {"approve": True})
        bob_first = bob.persona_in(first)
        self.assertNotEqual(bob_first["id"], bob_second)
        bob.call("PATCH", f"/api/v1/me/personas/{bob_first['id']}",
                 {"fields": {"about": {"value": "Hello first", "audience": "everyone"}}})

        # Everything Carol (a member of both groups) and Ann (the owner of both) can read.
        paths = [f"/api/v1/groups/{first}", f"/api/v1/groups/{second}", f"/api/v1/groups/{first}/members",
                 f"/api/v1/groups/{second}/members", f"/api/v1/personas/{bob_first['id']}?group={first}",
                 f"/api/v1/personas/{bob_second}?group={second}", "/api/v1/groups?limit=100"]
        for reader in (carol, ann):
            for path in paths:
                response = reader.call("GET", path)
                self.assertEqual(response.status, 200, (path, response.raw_body[:300]))
                body = response.raw_body.decode()
                self.assertNotIn(bob.login, body, path)
                if "personas" in path or first in path.split("?")[0]:
                    if second not in path:
                        self.assertNotIn("Bob in Second", body, path)
                        self.assertNotIn(bob_second, body, path)
                if second in path.split("?")[0] or path.endswith(f"group={second}"):
                    self.assertNotIn("Bob in First", body, path)
                    self.assertNotIn(bob_first["id"], body, path)
        persona = carol.call("GET", f"/api/v1/personas/{bob_first['id']}?group={first}").json()
        # verified_badge: the badge's words, only where the member chose to show it (null here).
        self.assertEqual(set(persona), {"id", "name", "group", "role", "trained_volunteer", "verified_badge",
                                        "helped_count", "is_you", "fields"})
        self.assertIsNone(persona["verified_badge"])
        # Bob himself sees both, as his own.
        own = bob.call("GET", "/api/v1/me/personas").json()["personas"]
        self.assertEqual({p["name"] for p in own}, {"Bob in First", "Bob in Second"})

    def test_reusing_a_persona_is_the_members_choice(self):
        ann, bob = self.member(), self.member()
        first = ann.create_group()["slug"]
        second = ann.create_group()["slug"]
        bob.join(first, persona_name="Same Me")
        same = bob.persona_in(first)["id"]
        self.assert_error(bob.join(second, reuse_persona_id=ann.persona_in(first)["id"]), 400, "invalid_input",
                          "persona")
        self.assertEqual(bob.join(second, reuse_persona_id=same).status, 201)
        self.assertEqual(bob.persona_in(second), {"id": same, "name": "Same Me"})
        groups = bob.call("GET", f"/api/v1/me/personas/{same}").json()["groups"]
        self.assertEqual({g["slug"] for g in groups}, {first, second})

    def test_cookie_sessions_need_the_csrf_header_for_group_changes(self):
        ann = self.member()
        client = self.server.client()
        client.json("POST", "/api/v1/sessions", {"login": ann.login, "password": ann.password})
        refused = client.json("POST", "/api/v1/groups", {"name": "Via cookie", "description": "x"})
        self.assert_error(refused, 403, "csrf_failed")
        csrf = client.json("GET", "/api/v1/me").json()["csrf_token"]
        made = client.json("POST", "/api/v1/groups", {"name": "Via cookie", "description": "x"},
                           headers={"X-CSRF-Token": csrf})
        self.assertEqual(made.status, 201, made.raw_body[:300])


if __name__ == "__main__":
    unittest.main()
