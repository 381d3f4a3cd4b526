"""Groups and personas through the HTML pages, as a person with a browser (no JavaScript)
uses them: the directory, starting and joining groups, private and hidden groups, invites,
managing a group, persona pages with per-field audiences."""
import html
import re
import secrets
import unittest
import urllib.parse

from groups_fixtures import Member, ban, csrf_of, form_post, set_pending, start_server, without_path


def text_of(page):
    """The page's visible text, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


class GroupsWebTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def member(self, prefix="m"):
        return Member(self.server, prefix)

    def guest(self):
        return self.server.client()

    def follow(self, client, response):
        """GET the redirect's target as a browser would (without its #fragment)."""
        self.assertEqual(response.status, 303, response.text[:2000])
        return client.get(response.location.split("#")[0])

    def assert_page(self, response, status=200):
        self.assertEqual(response.status, status, response.text[:3000])
        self.assertTrue(response.header("Content-Type", "").startswith("text/html"))
        return response.text

    # -- the directory -------------------------------------------------------------------------

    def test_directory_lists_groups_for_everyone_but_never_hidden_ones(self):
        ann = self.member()
        marker = secrets.token_hex(4)
        public = ann.create_group(f"Walkers {marker}", topics=[marker, "walking"], region="GB")
        private = ann.create_group(f"Quiet room {marker}", privacy="private")
        hidden = ann.create_group(f"Back room {marker}", privacy="hidden")
        for client in (self.guest(), self.member().web, ann.web):
            page = self.assert_page(client.get(f"/groups?q={marker}"))
            self.assertIn(f'href="/g/{public["slug"]}"', page)
            self.assertIn(f'href="/g/{private["slug"]}"', page)
            self.assertNotIn(hidden["slug"], page)
            self.assertNotIn("Back room", page)
            self.assertIn("Private group", page)
            self.assertIn("Only members can read posts.", page)
            self.assertIn('<a href="/groups">Groups</a>', page)  # in the header for everyone
            self.assertNotIn(hidden["slug"], self.assert_page(client.get("/groups")))
        by_topic = self.assert_page(self.guest().get(f"/groups?topic={marker}"))
        self.assertIn(public["slug"], by_topic)
        self.assertNotIn(private["slug"], by_topic)
        by_region = self.assert_page(self.guest().get(f"/groups?q={marker}&region=GB"))
        self.assertIn(public["slug"], by_region)
        self.assertNotIn(private["slug"], by_region)
        nothing = self.assert_page(self.guest().get("/groups?q=" + secrets.token_hex(8)))
        self.assertIn("No groups match", nothing)
        # Members are invited to start a group; guests to log in first.
        self.assertIn('href="/groups/new"', self.assert_page(ann.web.get("/groups")))
        self.assertIn("Log in to start a group", self.assert_page(self.guest().get("/groups")))
        self.assertEqual(self.guest().get("/groups/new").status, 303)

    # -- starting a group ----------------------------------------------------------------------

    def test_start_a_group_through_the_form(self):
        ann = self.member()
        form = self.assert_page(ann.web.get("/groups/new"))
        for name in ("name", "description", "about", "topics", "region", "privacy", "rules", "questions",
                     "anonymous_posting", "search_indexable", "persona_name", "languages"):
            self.assertIn(f'name="{name}"', form, name)
        self.assertIn('<label for="f-name">Name</label>', form)
        suggested = re.search(r'name="persona_name" type="text" autocomplete="off" value="([^"]*)"', form)
        self.assertTrue(suggested and len(suggested.group(1)) >= 3, "a friendly random pseudonym is suggested")
        name = "Night owls " + secrets.token_hex(3)
        fields = [("name", name), ("description", "For people awake at 3am."),
                  ("about", "We are *night owls*.\n\n<script>alert(1)</script>"), ("topics", "Sleep, insomnia"),
                  ("region", "IE"), ("languages", "en"), ("languages", "ga"), ("privacy", "public"),
                  ("rules", "Be kind.\r\n\r\nNo advice about medication.\r\n"), ("questions", ""),
                  ("anonymous_posting", "1"), ("persona_mode", "new"), ("persona_name", "Owl At Night")]
        created = form_post(ann.web, "/groups/new", "/groups/new", fields)
        self.assertEqual(created.status, 303, created.text[:3000])
        location = created.location
        self.assertRegex(location, r"^/g/night-owls-[0-9a-f]+\?created=1$")
        page = self.assert_page(ann.web.get(location))
        self.assertIn(f"<h1>{name}</h1>", page)
        self.assertIn("Your group is ready, and you are its owner as Owl At Night", page)
        self.assertIn('<ol class="rules"><li>Be kind.</li><li>No advice about medication.</li></ol>', page)
        self.assertIn("Nobody has moderated this group in the last 30 days.", page)
        self.assertIn("Members may post as", page)
        self.assertIn("<em>night owls</em>", page)  # the about text, rendered from Markdown
        self.assertNotIn("<script>alert(1)</script>", page)
        self.assertIn('<meta name="robots" content="noindex', page)
        self.assertIn('href="/groups?topic=insomnia"', page)
        self.assertIn('<section id="threads"', page)
        self.assertIn("Ireland", page)
        self.assertIn('<aside class="group-side"', page)
        slug = location[3:].split("?")[0]
        # Only the opt-in lets search engines index a public group.
        indexable = ann.create_group(search_indexable=True)
        self.assertNotIn('content="noindex', self.assert_page(self.guest().get(f"/g/{indexable['slug']}")))
        self.assertIn('content="noindex', self.assert_page(self.guest().get(f"/g/{slug}")))

    def test_start_a_group_with_mistakes_shows_them(self):
        ann = self.member()
        refused = form_post(ann.web, "/groups/new", "/groups/new",
                            [("name", "ab"), ("description", "Kept text"), ("privacy", "private"),
                             ("persona_mode", "new"), ("persona_name", "Kept Name")])
        page = self.assert_page(refused, 400)
        self.assertIn('role="alert"', page)
        self.assertIn("at least 3 characters", page)
        self.assertIn('value="Kept text"', page)
        self.assertIn('value="Kept Name"', page)
        self.assertIn('id="privacy-private" value="private" aria-describedby="privacy-private-hint" checked', page)
        no_privacy = form_post(ann.web, "/groups/new", "/groups/new", {"name": "Good name", "description": "x"})
        self.assertIn("Please choose who can see the group", self.assert_page(no_privacy, 400))
        forged = ann.web.post_form("/groups/new", {"csrf": "forged", "name": "Good name", "description": "x",
                                                   "privacy": "public"})
        self.assertEqual(forged.status, 403)
        self.assertEqual(ann.call("GET", "/api/v1/me/groups").json()["groups"], [])

    # -- hidden groups -------------------------------------------------------------------------

    def test_a_hidden_group_page_is_the_same_404_as_a_missing_one(self):
        ann, stranger, pending, banned = self.member(), self.member(), self.member(), self.member()
        slug = ann.create_group("Hidden " + secrets.token_hex(3), privacy="hidden")["slug"]
        missing = "missing-" + secrets.token_hex(6)
        token = ann.invite(slug)["token"]
        for who in (pending, banned):
            self.assertEqual(who.accept(token).status, 200)
        set_pending(self.server, slug, pending.persona_in(slug)["id"])
        ban(ann, slug, banned.persona_in(slug)["id"])
        persona = ann.persona_in(slug)["id"]
        suffixes = ["", "/members", "/manage", "/leave", "/p/" + persona]
        viewers = {"guest": self.guest(), "stranger": stranger.web, "pending": pending.web, "banned": banned.web}
        for who, client in viewers.items():
            if who != "guest":
                suffixes_here = suffixes + ["/join"]
            else:
                suffixes_here = ["", "/members", "/p/" + persona]
            for suffix in suffixes_here:
                seen_path, absent_path = f"/g/{slug}{suffix}", f"/g/{missing}{suffix}"
                seen, absent = client.get(seen_path), client.get(absent_path)
                self.assertEqual(seen.status, 404, (who, seen_path, seen.text[:500]))
                self.assertEqual(absent.status, 404, (who, absent_path))
                self.assertEqual(without_path(seen.text, seen_path), without_path(absent.text, absent_path),
                                 (who, suffix))
                self.assertEqual(seen.header_all("Set-Cookie"), absent.header_all("Set-Cookie"))
                self.assertNotIn("Hidden", text_of(seen.text).replace(seen_path, ""))
            # …and the same as any other missing page of the site.
            other = client.get("/no/such/page")
            self.assertEqual(without_path(client.get(f"/g/{slug}").text, f"/g/{slug}"),
                             without_path(other.text, "/no/such/page"), who)
        # A POST to a hidden group is refused the same way.
        page = stranger.web.get("/groups")
        for path in (f"/g/{slug}/join", f"/g/{missing}/join"):
            response = stranger.web.post_form(path, {"csrf": csrf_of(page.text), "accept_rules": "1"})
            self.assertEqual(response.status, 404, path)
        # Its members see it.
        self.assertIn("You're a member as", self.assert_page(ann.web.get(f"/g/{slug}")))

    # -- joining a public group ----------------------------------------------------------------

    def test_join_a_public_group(self):
        ann, bob = self.member(), self.member()
        slug = ann.create_group("Runners " + secrets.token_hex(3), rules=["Be kind.", "No spam."])["slug"]
        guest_page = self.assert_page(self.guest().get(f"/g/{slug}"))
        self.assertIn("Log in to join", guest_page)
        self.assertIn("No conversations yet.", guest_page)  # a public group is readable by anyone
        redirect = self.guest().get(f"/g/{slug}/join")
        self.assertEqual(redirect.status, 303)
        self.assertEqual(redirect.location, "/login?next=" + urllib.parse.quote(f"/g/{slug}/join", safe=""))

        self.assertIn(f'href="/g/{slug}/join"', self.assert_page(bob.web.get(f"/g/{slug}")))
        form = self.assert_page(bob.web.get(f"/g/{slug}/join"))
        self.assertIn('<ol class="rules"><li>Be kind.</li><li>No spam.</li></ol>', form)
        self.assertIn("I accept the group&#39;s rules", form)
        self.assertNotIn("Use a pseudonym I already have", form)  # Bob has none yet
        refused = form_post(bob.web, f"/g/{slug}/join", f"/g/{slug}/join",
                            {"persona_mode": "new", "persona_name": "Bob Runs"})
        self.assertIn("tick the box to accept them", self.assert_page(refused, 400))
        joined = form_post(bob.web, f"/g/{slug}/join", f"/g/{slug}/join",
                           {"accept_rules": "1", "persona_mode": "new", "persona_name": "Bob Runs"})
        self.assertEqual(joined.status, 303, joined.text[:2000])
        self.assertEqual(joined.location, f"/g/{slug}?welcome=1")
        page = self.assert_page(bob.web.get(joined.location))
        self.assertIn("Welcome! You&#39;re a member now, as Bob Runs.", page)
        self.assertIn("You're a member as", page)
        self.assertIn('<section id="threads"', page)
        self.assertNotIn("Manage the group", page)
        # Joining again just shows the group.
        self.assertEqual(bob.web.get(f"/g/{slug}/join").status, 303)
        home = self.assert_page(bob.web.get("/"))
        self.assertIn("Your groups", home)
        self.assertIn(f'href="/g/{slug}"', home)
        self.assertIn("You are Bob Runs", home)
        # The reuse choice now offers Bob's persona, with a warning.
        other = ann.create_group()["slug"]
        second_form = self.assert_page(bob.web.get(f"/g/{other}/join"))
        self.assertIn("Use a pseudonym I already have", second_form)
        self.assertIn(">Bob Runs</option>", second_form)
        self.assertIn("anyone who is in both groups will know it is the same person", second_form)

    def test_leave_a_group(self):
        ann, bob = self.member(), self.member()
        slug = ann.create_group()["slug"]
        bob.join(slug)
        confirm = self.assert_page(bob.web.get(f"/g/{slug}/leave"))
        self.assertIn("Leave the group", confirm)
        left = form_post(bob.web, f"/g/{slug}/leave", f"/g/{slug}/leave", {})
        self.assertEqual(left.status, 303)
        self.assertIn("You have left the group.", self.assert_page(bob.web.get(left.location)))
        self.assertIn("Join this group", self.assert_page(bob.web.get(f"/g/{slug}")))
        owner_leaves = form_post(ann.web, f"/g/{slug}/leave", f"/g/{slug}/leave", {})
        self.assertIn("make another member the owner", self.assert_page(owner_leaves, 409))

    # -- private groups ------------------------------------------------------------------------

    def test_private_group_request_decision_and_what_outsiders_see(self):
        ann, bob, cat = self.member(), self.member(), self.member()
        group = ann.create_group("Private circle " + secrets.token_hex(3), privacy="private",
                                 about="Secret about text.", rules=["Be kind."],
                                 questions=["What brings you here?"], persona_name="Circle Keeper")
        slug = group["slug"]
        for client in (self.guest(), bob.web):
            page = self.assert_page(client.get(f"/g/{slug}"))
            self.assertIn(group["name"], page)
            self.assertIn("Be kind.", page)
            self.assertIn("How this group is run", page)
            self.assertIn("Only members can read posts.", page)
            self.assertNotIn('id="threads"', page)
            self.assertNotIn("Secret about text.", page)
            self.assertNotIn("Circle Keeper", page)
            self.assertNotIn(f"/g/{slug}/members", page)
            members = client.get(f"/g/{slug}/members")
            self.assertEqual(members.status, 403)
            self.assertNotIn("Circle Keeper", members.text)
            persona_page = client.get(f"/g/{slug}/p/{ann.persona_in(slug)['id']}")
            self.assertEqual(persona_page.status, 403)
            self.assertNotIn("Circle Keeper", persona_page.text)
        self.assertIn("Log in to ask to join", self.guest().get(f"/g/{slug}").text)

        form = self.assert_page(bob.web.get(f"/g/{slug}/join"))
        self.assertIn("Ask to join", form)
        self.assertIn("What brings you here?", form)
        missing_answer = form_post(bob.web, f"/g/{slug}/join", f"/g/{slug}/join",
                                   {"accept_rules": "1", "persona_mode": "new", "persona_name": "Bob Asks"})
        self.assertIn("Please answer question 1.", self.assert_page(missing_answer, 400))
        sent = form_post(bob.web, f"/g/{slug}/join", f"/g/{slug}/join",
                         {"accept_rules": "1", "answer_1": "My sister has OCD.", "persona_mode": "new",
                          "persona_name": "Bob Asks"})
        self.assertEqual(sent.status, 303, sent.text[:2000])
        self.assertEqual(sent.location, f"/g/{slug}/join?sent=1")
        self.assertIn("Request sent", self.assert_page(bob.web.get(sent.location)))
        waiting = self.assert_page(bob.web.get(f"/g/{slug}"))
        self.assertIn("Your request is waiting.", waiting)
        self.assertNotIn('id="threads"', waiting)
        # Withdrawing and asking again.
        self.assertIn("Withdraw your request?", self.assert_page(bob.web.get(f"/g/{slug}/leave")))
        withdrawn = form_post(bob.web, f"/g/{slug}/leave", f"/g/{slug}/leave", {})
        self.assertEqual(withdrawn.location, f"/g/{slug}?withdrawn=1")
        self.assertIn("Your request is withdrawn.", self.assert_page(self.follow(bob.web, withdrawn)))
        self.assertEqual(ann.call("GET", f"/api/v1/groups/{slug}/requests").json()["requests"], [])
        sent = form_post(bob.web, f"/g/{slug}/join", f"/g/{slug}/join",
                         {"accept_rules": "1", "answer_1": "My sister has OCD.", "persona_mode": "new",
                          "persona_name": "Bob Asks"})
        self.assertEqual(sent.status, 303, sent.text[:2000])
        form_post(cat.web, f"/g/{slug}/join", f"/g/{slug}/join",
                  {"accept_rules": "1", "answer_1": "Just looking.", "persona_mode": "new", "persona_name": "Cat Asks"})

        manage = self.assert_page(ann.web.get(f"/g/{slug}/manage"))
        self.assertIn("Bob Asks", manage)
        self.assertIn("My sister has OCD.", manage)
        self.assertIn("What brings you here?", manage)
        self.assertNotIn(bob.login, manage)
        self.assertEqual(bob.web.get(f"/g/{slug}/manage").status, 403)
        bob_id = next(r["persona"]["id"] for r in ann.call("GET", f"/api/v1/groups/{slug}/requests").json()["requests"]
                      if r["persona"]["name"] == "Bob Asks")
        cat_id = next(r["persona"]["id"] for r in ann.call("GET", f"/api/v1/groups/{slug}/requests").json()["requests"]
                      if r["persona"]["name"] == "Cat Asks")
        approved = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/requests/{bob_id}", {"decision": "approve"})
        self.assertEqual(approved.status, 303)
        self.assertIn("Request approved.", self.assert_page(self.follow(ann.web, approved)))
        declined = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/requests/{cat_id}",
                             {"decision": "decline", "reason": "This circle is for family members."})
        self.assertEqual(declined.status, 303)

        member_page = self.assert_page(bob.web.get(f"/g/{slug}"))
        self.assertIn('<section id="threads"', member_page)
        self.assertIn("Secret about text.", member_page)
        self.assertIn("Circle Keeper", self.assert_page(bob.web.get(f"/g/{slug}/members")))
        cat_page = self.assert_page(cat.web.get(f"/g/{slug}"))
        self.assertIn("Your last request to join was declined.", cat_page)
        self.assertIn("This circle is for family members.", cat_page)
        self.assertIn("Ask to join", cat_page)
        self.assertNotIn("Secret about text.", cat_page)
        # The decisions show on the transparency card, with the hours moderators act.
        self.assertRegex(self.assert_page(self.guest().get(f"/g/{slug}")),
                         r"1 moderator looked after this group in the last 30 days, between "
                         r"\d\d:00–\d\d:00 \(UTC\)\. At other hours nobody may be watching\.")
        # The join screen shows the same card before someone asks to join.
        join_screen = self.assert_page(cat.web.get(f"/g/{slug}/join"))
        self.assertIn("How this group is run", join_screen)
        self.assertIn("No reports were dealt with in the last 90 days.", join_screen)
        self.assertNotIn("/moderation/log", join_screen)  # a private group's log is for members

    # -- invites -------------------------------------------------------------------------------

    def test_invite_links(self):
        ann, bob = self.member(), self.member()
        slug = ann.create_group("Staff room " + secrets.token_hex(3), privacy="hidden", rules=["Be kind."])["slug"]
        made = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/invites",
                         {"expires_in_days": "7", "max_uses": "1"})
        page = self.assert_page(made)
        link = re.search(r'<code class="new-token">([^<]*)</code>', page)
        self.assertTrue(link, page[:3000])
        path = urllib.parse.urlparse(html.unescape(link.group(1))).path
        self.assertTrue(path.startswith("/invite/"))

        guest_view = self.assert_page(self.guest().get(path))
        self.assertIn("Staff room", guest_view)
        self.assertIn("Log in to join", guest_view)
        invite_form = self.assert_page(bob.web.get(path))
        self.assertIn("Be kind.", invite_form)
        self.assertIn("You're invited to", invite_form)
        refused = form_post(bob.web, path, path, {"persona_mode": "new", "persona_name": "Bob Teaches"})
        self.assertIn("tick the box", self.assert_page(refused, 400))
        joined = form_post(bob.web, path, path, {"accept_rules": "1", "persona_mode": "new",
                                                 "persona_name": "Bob Teaches"})
        self.assertEqual(joined.status, 303, joined.text[:2000])
        self.assertEqual(joined.location, f"/g/{slug}?welcome=1")
        self.assertIn("You're a member as", self.assert_page(bob.web.get(f"/g/{slug}")))
        # Used up now (one use): the link says plainly that it doesn't work.
        used_up = self.guest().get(path)
        self.assertIn("This invite link doesn&#39;t work", self.assert_page(used_up, 404))
        self.assertNotIn("Staff room", used_up.text)
        self.assertEqual(self.guest().get("/invite/nonsense").text.replace("/invite/nonsense", ""),
                         used_up.text.replace(path, ""))
        manage = self.assert_page(ann.web.get(f"/g/{slug}/manage"))
        self.assertIn("used 1 of 1 times", manage)
        self.assertIn("used up", manage)

    # -- managing ------------------------------------------------------------------------------

    def test_manage_page_roles_badges_services_and_settings(self):
        ann, bob, cat = self.member(), self.member(), self.member()
        slug = ann.create_group("Managed " + secrets.token_hex(3), region="GB")["slug"]
        bob.join(slug, persona_name="Bob Helper")
        cat.join(slug, persona_name="Cat Member")
        bob_id = bob.persona_in(slug)["id"]
        self.assertEqual(self.guest().get(f"/g/{slug}/manage").status, 303)  # log in first
        self.assertEqual(cat.web.get(f"/g/{slug}/manage").status, 403)
        self.assertEqual(self.member().web.get(f"/g/{slug}/manage").status, 403)
        forbidden = form_post(cat.web, f"/g/{slug}", f"/g/{slug}/manage/members/{bob_id}/role", {"role": "admin"})
        self.assertEqual(forbidden.status, 403)

        changed = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/members/{bob_id}/role",
                            {"role": "moderator"})
        self.assertEqual(changed.status, 303, changed.text[:2000])
        self.assertIn("The role is changed.", self.assert_page(self.follow(ann.web, changed)))
        badge = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/members/{bob_id}/volunteer",
                          {"volunteer": "1"})
        self.assertEqual(badge.status, 303)
        members = self.assert_page(self.guest().get(f"/g/{slug}/members"))
        self.assertIn("Bob Helper</a> <span class=\"badge\">Moderator</span>", members)
        self.assertIn("Trained volunteer", members)
        self.assertIn("1 trained volunteer is a member.", self.assert_page(self.guest().get(f"/g/{slug}")))

        # A moderator sees the requests part only.
        moderator_view = self.assert_page(bob.web.get(f"/g/{slug}/manage"))
        self.assertIn("Requests to join", moderator_view)
        self.assertNotIn("Invite links", moderator_view)
        self.assertNotIn('name="description"', moderator_view)
        self.assertEqual(form_post(bob.web, f"/g/{slug}/manage", f"/g/{slug}/manage/invites", {}).status, 403)

        service = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/services",
                            {"service_name": "Local carers line", "service_phone": "01234 567890",
                             "service_website": "ftp://nope"})
        self.assertIn("The website must start with https://", self.assert_page(service, 400))
        service = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/services",
                            {"service_name": "Local carers line", "service_phone": "01234 567890"})
        self.assertEqual(service.status, 303)
        group_page = self.assert_page(self.guest().get(f"/g/{slug}"))
        self.assertIn("Local carers line", group_page)
        self.assertIn('href="tel:01234567890"', group_page)
        self.assertIn("Samaritans", group_page)  # the platform's services for the group's region

        manage = self.assert_page(ann.web.get(f"/g/{slug}/manage"))
        self.assertIn('name="description"', manage)
        settings = [("name", "Managed well"), ("description", "Changed description."), ("privacy", "private"),
                    ("languages", "en"), ("rules", "Rule one"), ("questions", "Why?")]
        saved = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/settings", settings)
        self.assertEqual(saved.status, 303, saved.text[:2000])
        after = self.assert_page(self.guest().get(f"/g/{slug}"))
        self.assertIn("Changed description.", after)
        self.assertIn("Private group", after)
        bad = form_post(ann.web, f"/g/{slug}/manage", f"/g/{slug}/manage/settings",
                        [("name", "Managed well"), ("description", ""), ("privacy", "private")])
        self.assertIn("short description", text_of(self.assert_page(bad, 400)).split("Settings", 1)[1])

    # -- personas ------------------------------------------------------------------------------

    def test_persona_pages_show_each_field_to_its_audience(self):
        ann, bob, outsider = self.member(), self.member(), self.member()
        slug = ann.create_group()["slug"]
        bob.join(slug, persona_name="Gentle Otter")
        bob_id = bob.persona_in(slug)["id"]
        saved = form_post(bob.web, f"/me/personas/{bob_id}", f"/me/personas/{bob_id}", {
            "persona_name": "Gentle Otter", "about": "Private words", "about_audience": "only_me",
            "connection": "living_with", "connection_audience": "members", "region": "NZ",
            "region_audience": "everyone", "age_range": "35-44", "age_range_audience": "members",
            "pronouns": "she/her", "pronouns_audience": "everyone"})
        self.assertEqual(saved.status, 303, saved.text[:2000])
        self.assertIn("Your profile is saved.", self.assert_page(bob.web.get(saved.location)))
        path = f"/g/{slug}/p/{bob_id}"
        everyone = ["New Zealand", "she/her"]
        members_only = ["Living with it", "35-44"]
        for client in (self.guest(), outsider.web):
            page = self.assert_page(client.get(path))
            for text in everyone:
                self.assertIn(text, page)
            for text in members_only + ["Private words", "Only me"]:
                self.assertNotIn(text, page)
        member_view = self.assert_page(ann.web.get(path))
        for text in everyone + members_only:
            self.assertIn(text, member_view)
        self.assertNotIn("Private words", member_view)
        self.assertNotIn(bob.login, member_view)
        own = self.assert_page(bob.web.get(path))
        self.assertIn("Private words", own)
        self.assertIn("(Only me)", own)
        self.assertIn("(This group&#39;s members)", own)
        self.assertIn("(Everyone who can see the group)", own)
        self.assertIn(f'href="/me/personas/{bob_id}"', own)
        # Nothing about membership time or other groups.
        self.assertNotIn("joined", text_of(member_view).lower())
        # A persona that isn't a member of this group, or a malformed id: not found.
        other = ann.create_group()["slug"]
        self.assertEqual(self.guest().get(f"/g/{other}/p/{bob_id}").status, 404)
        self.assertEqual(self.guest().get(f"/g/{slug}/p/abc").status, 404)
        # Only the owner edits a persona.
        self.assertEqual(ann.web.get(f"/me/personas/{bob_id}").status, 404)
        edit = self.assert_page(bob.web.get(f"/me/personas/{bob_id}"))
        self.assertIn('<option value="everyone" selected>', edit)
        clash_slug = slug
        ann_name = ann.persona_in(clash_slug)["name"]
        clash = form_post(bob.web, f"/me/personas/{bob_id}", f"/me/personas/{bob_id}", {"persona_name": ann_name})
        self.assertIn("already uses that pseudonym", self.assert_page(clash, 409))
        listing = self.assert_page(bob.web.get("/me/personas"))
        self.assertIn("Gentle Otter", listing)

    def test_no_page_links_two_personas_of_one_account(self):
        ann, bob, carol = self.member(), self.member(), self.member()
        first = ann.create_group("Knitting " + secrets.token_hex(3))["slug"]
        second = ann.create_group("Grief " + secrets.token_hex(3))["slug"]
        for slug, name in ((first, "Bob Knits"), (second, "Bob Grieves")):
            bob.join(slug, persona_name=name)
            carol.join(slug)
        first_id, second_id = bob.persona_in(first)["id"], bob.persona_in(second)["id"]
        bob.call("PATCH", f"/api/v1/me/personas/{first_id}",
                 {"fields": {"about": {"value": "I knit.", "audience": "everyone"}}})
        pages = {first: [f"/g/{first}", f"/g/{first}/members", f"/g/{first}/p/{first_id}"],
                 second: [f"/g/{second}", f"/g/{second}/members", f"/g/{second}/p/{second_id}"]}
        for reader in (carol.web, ann.web, self.guest()):
            for slug, paths in pages.items():
                for path in paths:
                    page = self.assert_page(reader.get(path))
                    self.assertNotIn(bob.login, page, path)
                    other_name, other_id = ("Bob Grieves", second_id) if slug == first else ("Bob Knits", first_id)
                    self.assertNotIn(other_name, page, path)
                    self.assertNotIn(other_id, page, path)
            for path in ("/groups", "/"):
                self.assertNotIn(bob.login, reader.get(path).text)
        # Bob's own home lists both, for him alone.
        home = self.assert_page(bob.web.get("/"))
        self.assertIn("You are Bob Knits", home)
        self.assertIn("You are Bob Grieves", home)


if __name__ == "__main__":
    unittest.main()
