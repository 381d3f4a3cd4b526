"""Accounts through the HTML pages, as a person with a browser (without JavaScript) uses them."""
import html
import re
import unittest

from hearth_server import (HearthServer, cookie_attributes, extract_csrf, extract_recovery_codes,
                           strong_password, unique_login, web_log_in, web_sign_up)

GUEST_HEADLINE = "Support from people who understand"


def selected_option(page, select_name):
    """The value of the selected <option> of <select name=select_name>, or None."""
    found = re.search(r'<select[^>]* name="%s"[^>]*>(.*?)</select>' % re.escape(select_name), page, re.S)
    if not found:
        raise AssertionError(f"no select {select_name} on the page")
    chosen = re.findall(r'<option value="([^"]*)" selected>', found.group(1))
    return html.unescape(chosen[0]) if chosen else None


class AccountsWebTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer(env={
            "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "100000",
            "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "100000",
        }).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def member(self, **kwargs):
        """A new member, logged in on a fresh client: (client, login, password, sign-up page)."""
        client = self.server.client()
        login, password, response = web_sign_up(client, **kwargs)
        self.assertEqual(response.status, 200, response.text[:3000])
        return client, login, password, response

    def assert_member(self, client):
        page = client.get("/")
        self.assertEqual(page.status, 200)
        self.assertIn("Welcome back", page.text)
        self.assertNotIn(GUEST_HEADLINE, page.text)

    def assert_guest(self, client):
        page = client.get("/")
        self.assertEqual(page.status, 200)
        self.assertIn(GUEST_HEADLINE, page.text)
        self.assertNotIn("Welcome back", page.text)
        settings = client.get("/settings")
        self.assertEqual(settings.status, 303)

    # -- guests --------------------------------------------------------------------------------

    def test_guest_home_explains_hearth_and_links_to_sign_up_and_log_in(self):
        client = self.server.client()
        page = client.get("/")
        self.assertEqual(page.status, 200)
        self.assertTrue(page.header("Content-Type").startswith("text/html"))
        self.assertIn(GUEST_HEADLINE, page.text)
        self.assertIn('href="/signup"', page.text)
        self.assertIn('href="/login"', page.text)
        self.assertNotIn("Welcome back", page.text)
        # A page without forms sets no cookie at all; a form gives the guest a CSRF cookie.
        self.assertEqual(page.header_all("Set-Cookie"), [])
        form = client.get("/login")
        guest_cookie = form.set_cookie("hearth_csrf")
        self.assertIsNotNone(guest_cookie, form.headers)
        attrs = cookie_attributes(guest_cookie)
        self.assertTrue(attrs.get("httponly"), guest_cookie)
        self.assertEqual(attrs.get("samesite"), "Lax", guest_cookie)
        self.assertGreaterEqual(len(attrs["value"]), 16)
        # The cookie is kept: the next form does not hand out a new one, and the token is stable.
        again = client.get("/signup")
        self.assertIsNone(again.set_cookie("hearth_csrf"))
        self.assertEqual(again.csrf(), form.csrf())

    def test_every_page_links_to_help(self):
        client = self.server.client()
        for path in ("/", "/login", "/signup", "/recover", "/help", "/no/such/page"):
            page = client.get(path)
            self.assertIn('<a class="help-link" href="/help">Get help now</a>', page.text, path)
        member, _, _, _ = self.member()
        for path in ("/", "/settings", "/help"):
            page = member.get(path)
            self.assertEqual(page.status, 200, path)
            self.assertIn('<a class="help-link" href="/help">Get help now</a>', page.text, path)

    def test_help_lists_support_services_for_the_region(self):
        client = self.server.client()
        page = client.get("/help?region=GB")
        self.assertEqual(page.status, 200)
        self.assertIn("Samaritans", page.text)
        self.assertIn("116 123", page.text)
        self.assertIn('href="tel:116123"', page.text)
        self.assertIn("999", page.text)  # the UK emergency number
        self.assertEqual(selected_option(page.text, "region"), "GB")
        unknown = client.get("/help?region=<b>QQ</b>")
        self.assertEqual(unknown.status, 200)
        self.assertIn("&lt;b&gt;QQ&lt;/b&gt;", unknown.text)
        self.assertNotIn("<b>QQ</b>", unknown.text)

    # -- signing up, logging out and in --------------------------------------------------------

    def test_sign_up_shows_ten_recovery_codes_and_logs_in(self):
        client = self.server.client()
        login, password, page = web_sign_up(client, recovery_email="someone@example.org")
        self.assertEqual(page.status, 200, page.text[:3000])
        codes = extract_recovery_codes(page.text)
        self.assertEqual(len(codes), 10, page.text)
        self.assertEqual(len(set(codes)), 10)
        for code in codes:
            self.assertRegex(code, r"^[a-z0-9]{4}(-[a-z0-9]{4}){2}$")
        session = page.set_cookie("hearth_session")
        self.assertIsNotNone(session, page.headers)
        attrs = cookie_attributes(session)
        self.assertTrue(attrs.get("httponly"))
        self.assertEqual(attrs.get("samesite"), "Lax")
        self.assertTrue(attrs["value"])
        # The welcome page already has the member header (log-out form, settings link).
        self.assertIn('action="/logout"', page.text)
        self.assertIn('href="/settings"', page.text)
        self.assert_member(client)
        # Members are sent home from the sign-up and log-in forms.
        self.assertEqual(client.get("/signup").status, 303)
        self.assertEqual(client.get("/login").location, "/")
        # The recovery email is never shown back, not even to the member.
        self.assertNotIn("someone@example.org", client.get("/settings").text)

    def test_sign_up_errors_re_render_the_form(self):
        client = self.server.client()
        short = client.submit("/signup", "/signup", {"login": "ab", "password": strong_password()})
        self.assertEqual(short.status, 400)
        self.assertIn("at least 3 characters", short.text)
        self.assertIn('aria-invalid="true"', short.text)
        self.assertIn('value="ab"', short.text)  # what was typed is kept
        self.assertIsNone(short.set_cookie("hearth_session"))

        weak = client.submit("/signup", "/signup", {"login": unique_login(), "password": "short"})
        self.assertEqual(weak.status, 400)
        self.assertIn("at least 8 characters", weak.text)

        login = unique_login("dup")
        self.member(login=login)
        again = client.submit("/signup", "/signup", {"login": login.upper(), "password": strong_password()})
        self.assertIn(again.status, (400, 409))
        self.assertIn("That login name is taken", again.text)
        self.assertIsNone(again.set_cookie("hearth_session"))
        self.assert_guest(client)

    def test_log_out_then_log_in(self):
        client, login, password, _ = self.member()
        old_session = client.cookies["hearth_session"]
        home = client.get("/")
        out = client.post_form("/logout", {"csrf": extract_csrf(home.text)})
        self.assertEqual(out.status, 303)
        self.assertEqual(out.location, "/")
        cleared = cookie_attributes(out.set_cookie("hearth_session"))
        self.assertEqual(cleared["value"], "")
        self.assertEqual(cleared.get("max-age"), "0")
        self.assert_guest(client)
        # The session ended on the server, not just in this browser.
        stale = self.server.client()
        stale.cookies["hearth_session"] = old_session
        self.assert_guest(stale)

        back = web_log_in(client, login, password)
        self.assertEqual(back.status, 303)
        self.assertEqual(back.location, "/")
        attrs = cookie_attributes(back.set_cookie("hearth_session"))
        self.assertTrue(attrs["value"])
        self.assertNotEqual(attrs["value"], old_session)
        self.assertTrue(attrs.get("httponly"))
        self.assertEqual(attrs.get("samesite"), "Lax")
        self.assert_member(client)

    def test_wrong_password_is_refused_with_a_message(self):
        client, login, password, _ = self.member()
        guest = self.server.client()
        wrong = web_log_in(guest, login, password + "x")
        self.assertEqual(wrong.status, 401)
        self.assertIn("don&#39;t match", wrong.text)
        self.assertIn('role="alert"', wrong.text)
        self.assertIsNone(wrong.set_cookie("hearth_session"))
        self.assert_guest(guest)
        # An unknown login name gets the very same answer: nothing reveals which names exist.
        unknown = web_log_in(guest, unique_login("nobody"), password)
        self.assertEqual(unknown.status, 401)
        self.assertIn("don&#39;t match", unknown.text)
        empty = web_log_in(guest, login, "")
        self.assertEqual(empty.status, 400)
        self.assertIn("Please enter your login name and your password", empty.text)

    def test_log_in_name_is_case_insensitive(self):
        _, login, password, _ = self.member(login=unique_login("MiXeD"))
        guest = self.server.client()
        self.assertEqual(web_log_in(guest, login.lower(), password).status, 303)
        self.assert_member(guest)

    # -- settings ------------------------------------------------------------------------------

    def test_preferences_are_saved_and_shown_selected(self):
        client, _, _, _ = self.member()
        before = client.get("/settings")
        self.assertEqual(selected_option(before.text, "time_zone"), "")
        self.assertEqual(selected_option(before.text, "language"), "en")
        saved = client.post_form("/settings/preferences", {"csrf": before.csrf(), "time_zone": "Europe/Berlin",
                                                           "region": "DE", "language": "de"})
        self.assertEqual(saved.status, 303)
        self.assertEqual(saved.location, "/settings?saved=preferences")
        after = client.get(saved.location)
        self.assertEqual(after.status, 200)
        self.assertIn("Your preferences are saved.", after.text)
        self.assertEqual(selected_option(after.text, "time_zone"), "Europe/Berlin")
        self.assertEqual(selected_option(after.text, "region"), "DE")
        self.assertEqual(selected_option(after.text, "language"), "de")
        # The help page now shows the member's region without being asked.
        help_page = client.get("/help").text
        self.assertIn('in Germany that is <a class="emergency-number" href="tel:112">112</a>', help_page)
        self.assertEqual(selected_option(help_page, "region"), "DE")

    def test_invalid_time_zone_is_refused_and_nothing_changes(self):
        client, _, _, _ = self.member()
        page = client.get("/settings")
        ok = client.post_form("/settings/preferences", {"csrf": page.csrf(), "time_zone": "America/Chicago",
                                                        "region": "US", "language": "en"})
        self.assertEqual(ok.status, 303)
        bad = client.post_form("/settings/preferences", {"csrf": page.csrf(), "time_zone": "Mars/Olympus_Mons",
                                                         "region": "FR", "language": "fr"})
        self.assertEqual(bad.status, 400)
        self.assertIn("Please choose a time zone from the list.", bad.text)
        self.assertIn('aria-invalid="true"', bad.text)
        after = client.get("/settings")
        self.assertEqual(selected_option(after.text, "time_zone"), "America/Chicago")
        self.assertEqual(selected_option(after.text, "region"), "US")
        self.assertEqual(selected_option(after.text, "language"), "en")
        bad_region = client.post_form("/settings/preferences", {"csrf": page.csrf(), "time_zone": "",
                                                                "region": "XX", "language": "en"})
        self.assertEqual(bad_region.status, 400)
        self.assertIn("Please choose a country or region from the list.", bad_region.text)
        self.assertEqual(selected_option(client.get("/settings").text, "time_zone"), "America/Chicago")

    def test_password_change(self):
        client, login, password, _ = self.member()
        other = self.server.client()
        self.assertEqual(web_log_in(other, login, password).status, 303)
        self.assert_member(other)

        page = client.get("/settings")
        wrong = client.post_form("/settings/password", {"csrf": page.csrf(), "current_password": "not-my-password",
                                                        "new_password": strong_password()})
        self.assertEqual(wrong.status, 401)
        self.assertIn("Your current password isn" + "&#39;t right", wrong.text)
        self.assert_member(other)  # a failed attempt ends nothing

        new_password = strong_password()
        changed = client.post_form("/settings/password", {"csrf": page.csrf(), "current_password": password,
                                                          "new_password": new_password})
        self.assertEqual(changed.status, 303)
        self.assertEqual(changed.location, "/settings?saved=password")
        self.assertIn("Your password is changed", client.get(changed.location).text)
        self.assert_member(client)  # this browser stays logged in
        self.assert_guest(other)  # the other one does not

        guest = self.server.client()
        self.assertEqual(web_log_in(guest, login, password).status, 401)
        self.assertEqual(web_log_in(guest, login, new_password).status, 303)

    def test_recovery_code_sets_a_new_password_once(self):
        client, login, password, signup = self.member()
        codes = extract_recovery_codes(signup.text)
        guest = self.server.client()
        form = guest.get("/recover")
        self.assertEqual(form.status, 200)
        new_password = strong_password()
        done = guest.post_form("/recover", {"csrf": form.csrf(), "login": login, "code": codes[3],
                                            "new_password": new_password})
        self.assertEqual(done.status, 303)
        self.assertEqual(done.location, "/login?recovered=1")
        self.assertIn("Your new password is set", guest.get(done.location).text)
        self.assert_guest(client)  # recovering ends every session
        self.assertEqual(web_log_in(guest, login, password).status, 401)
        self.assertEqual(web_log_in(guest, login, new_password).status, 303)

        again = self.server.client()
        reused = again.submit("/recover", "/recover", {"login": login, "code": codes[3],
                                                       "new_password": strong_password()})
        self.assertEqual(reused.status, 401)
        self.assertIn("it was used already", reused.text)
        self.assertEqual(web_log_in(self.server.client(), login, new_password).status, 303)
        other_account = again.submit("/recover", "/recover", {"login": unique_login(), "code": codes[4],
                                                              "new_password": strong_password()})
        self.assertEqual(other_account.status, 401)

    def test_new_recovery_codes_replace_the_old_ones(self):
        client, login, _, signup = self.member()
        old = extract_recovery_codes(signup.text)
        page = client.get("/settings")
        self.assertIn("You have 10 unused recovery codes", page.text)
        fresh = client.post_form("/settings/recovery-codes", {"csrf": page.csrf()})
        self.assertEqual(fresh.status, 200)
        new = extract_recovery_codes(fresh.text)
        self.assertEqual(len(new), 10)
        self.assertFalse(set(new) & set(old))
        guest = self.server.client()
        stale = guest.submit("/recover", "/recover",
                             {"login": login, "code": old[0], "new_password": strong_password()})
        self.assertEqual(stale.status, 401)
        ok = guest.submit("/recover", "/recover", {"login": login, "code": new[0], "new_password": strong_password()})
        self.assertEqual(ok.status, 303)

    def test_log_out_everywhere_ends_every_session(self):
        client, login, password, _ = self.member()
        other = self.server.client()
        self.assertEqual(web_log_in(other, login, password).status, 303)
        page = client.get("/settings")
        self.assertIn("logged in on 2 devices", page.text)
        done = client.post_form("/settings/logout-everywhere", {"csrf": page.csrf()})
        self.assertEqual(done.status, 303)
        self.assertEqual(done.location, "/login")
        self.assert_guest(client)
        self.assert_guest(other)

    def test_access_tokens_are_made_and_revoked_in_settings(self):
        client, login, _, _ = self.member()
        page = client.get("/settings")
        self.assertIn("You have no access tokens.", page.text)
        made = client.post_form("/settings/tokens", {"csrf": page.csrf(), "name": "my <backup> script"})
        self.assertEqual(made.status, 200)
        found = re.search(r'<code class="new-token">([^<]+)</code>', made.text)
        self.assertIsNotNone(found, made.text)
        token = found.group(1)
        self.assertIn("my &lt;backup&gt; script", made.text)
        self.assertNotIn("my <backup> script", made.text)

        api = self.server.client()
        me = api.json("GET", "/api/v1/me", token=token)
        self.assertEqual(me.status, 200)
        self.assertEqual(me.json()["login"], login)

        listed = client.get("/settings")
        self.assertNotIn(token, listed.text)  # shown only once
        revoke = re.search(r'action="(/settings/tokens/\d+/revoke)"', listed.text)
        self.assertIsNotNone(revoke, listed.text)
        done = client.post_form(revoke.group(1), {"csrf": listed.csrf()})
        self.assertEqual(done.status, 303)
        self.assertEqual(done.location, "/settings?saved=token-revoked")
        after = client.get(done.location)
        self.assertIn("The access token was revoked.", after.text)
        self.assertIn("You have no access tokens.", after.text)
        self.assertEqual(api.json("GET", "/api/v1/me", token=token).status, 401)

        again = client.post_form(revoke.group(1), {"csrf": listed.csrf()})
        self.assertEqual(again.status, 404)
        self.assertIn("There is no such access token.", again.text)
        empty = client.post_form("/settings/tokens", {"csrf": listed.csrf(), "name": "   "})
        self.assertEqual(empty.status, 400)
        self.assertIn("Please give the token a name", empty.text)

    def test_a_member_cannot_revoke_someone_elses_token(self):
        owner, _, _, _ = self.member()
        page = owner.get("/settings")
        made = owner.post_form("/settings/tokens", {"csrf": page.csrf(), "name": "mine"})
        token = re.search(r'<code class="new-token">([^<]+)</code>', made.text).group(1)
        action = re.search(r'action="(/settings/tokens/\d+/revoke)"', owner.get("/settings").text).group(1)
        intruder, _, _, _ = self.member()
        attempt = intruder.post_form(action, {"csrf": intruder.get("/settings").csrf()})
        self.assertEqual(attempt.status, 404)
        self.assertEqual(self.server.client().json("GET", "/api/v1/me", token=token).status, 200)

    # -- privacy -------------------------------------------------------------------------------

    def test_login_name_is_shown_only_to_its_owner(self):
        alice, alice_login, _, _ = self.member(login=unique_login("alice"))
        own = alice.get("/settings")
        self.assertIn(f"Login name: <strong>{alice_login}</strong>", own.text)
        self.assertIn("Only you can see your login name", own.text)

        guest = self.server.client()
        for path in ("/", "/help", "/login", "/signup", "/help?region=GB"):
            self.assertNotIn(alice_login, guest.get(path).text, path)
        bob, bob_login, _, _ = self.member(login=unique_login("bob"))
        for path in ("/", "/settings", "/help", "/help?region=GB", "/nothing-here"):
            page = bob.get(path)
            self.assertNotIn(alice_login, page.text, path)
            self.assertNotIn(alice_login.lower(), page.text.lower(), path)
        self.assertIn(bob_login, bob.get("/settings").text)
        self.assertNotIn(alice_login, bob.json("GET", "/api/v1/me").text)

    # -- access rules ----------------------------------------------------------------------------

    def test_members_only_pages_send_guests_to_log_in(self):
        guest = self.server.client()
        page = guest.get("/settings")
        self.assertEqual(page.status, 303)
        self.assertEqual(page.location, "/login?next=%2Fsettings")
        # A guest's form post (with a valid guest token) is sent to log in too, and changes nothing.
        token = extract_csrf(guest.get("/login").text)
        post = guest.post_form("/settings/preferences", {"csrf": token, "time_zone": "Europe/Paris"})
        self.assertEqual(post.status, 303)
        self.assertTrue(post.location.startswith("/login?next="), post.location)

        _, login, password, _ = self.member()
        form = guest.get(page.location)
        self.assertIn('name="next" value="/settings"', form.text)
        back = guest.post_form("/login", {"csrf": form.csrf(), "login": login, "password": password,
                                          "next": "/settings"})
        self.assertEqual(back.status, 303)
        self.assertEqual(back.location, "/settings")
        self.assertEqual(guest.get("/settings").status, 200)

    def test_posts_without_a_valid_csrf_token_are_refused(self):
        client, login, password, _ = self.member()
        page = client.get("/settings")
        good_token = page.csrf()
        for fields in ({}, {"csrf": ""}, {"csrf": "not-the-token"}, {"csrf": good_token[:-2] + "xx"}):
            attempt = client.post_form("/settings/preferences", {**fields, "time_zone": "Asia/Tokyo",
                                                                 "region": "JP", "language": "ja"})
            self.assertEqual(attempt.status, 403, fields)
            self.assertIn("This form has expired, or it came from somewhere else", attempt.text)
        after = client.get("/settings")
        self.assertEqual(selected_option(after.text, "time_zone"), "")
        self.assertEqual(selected_option(after.text, "region"), "")

        # Another member's token is no good either.
        other, _, _, _ = self.member()
        foreign = other.post_form("/settings/preferences", {"csrf": good_token, "time_zone": "Asia/Tokyo"})
        self.assertEqual(foreign.status, 403)

        logout = client.post_form("/logout", {"csrf": "forged"})
        self.assertEqual(logout.status, 403)
        self.assert_member(client)
        everywhere = client.post_form("/settings/logout-everywhere", {})
        self.assertEqual(everywhere.status, 403)
        self.assert_member(client)
        password_change = client.post_form("/settings/password", {"current_password": password,
                                                                  "new_password": strong_password()})
        self.assertEqual(password_change.status, 403)
        self.assertEqual(web_log_in(self.server.client(), login, password).status, 303)

        guest = self.server.client()
        guest.get("/login")
        no_token = guest.post_form("/login", {"login": login, "password": password})
        self.assertEqual(no_token.status, 403)
        self.assertIsNone(no_token.set_cookie("hearth_session"))
        signup = guest.post_form("/signup", {"login": unique_login(), "password": strong_password()})
        self.assertEqual(signup.status, 403)
        self.assertEqual(extract_recovery_codes(signup.text), [])

    def test_next_cannot_redirect_to_another_site(self):
        _, login, password, _ = self.member()
        # Browsers drop tabs and line breaks from a Location: "/<TAB>/evil.example" is "//evil.example".
        for target in ("//evil.example", "https://evil.example", "http://evil.example/", "/\\evil.example",
                       "//evil.example/settings", "javascript:alert(1)", "evil.example", "/\t/evil.example",
                       "/\n/evil.example", "/\r\n/evil.example", " //evil.example"):
            client = self.server.client()
            answer = web_log_in(client, login, password, next_path=target)
            self.assertEqual(answer.status, 303, target)
            self.assertEqual(answer.location, "/", target)
        guest = self.server.client()
        for query in ("%2F%2Fevil.example", "https://evil.example", "/%09/evil.example"):
            form = guest.get("/login?next=" + query)
            self.assertIn('name="next" value="/"', form.text, query)
        client = self.server.client()
        self.assertEqual(web_log_in(client, login, password, next_path="/help?region=GB").location,
                         "/help?region=GB")


if __name__ == "__main__":
    unittest.main()
