"""The JSON API of docs/api.md: accounts, sessions, the current member, tokens, services."""
import unittest

from hearth_server import HearthServer, api_log_in, api_sign_up, cookie_attributes, strong_password, unique_login

RFC3339_UTC = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"


class AccountsApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer(env={
            "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "100000",
            "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "100000",
        }).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        # Like a script with bearer tokens: keeps no cookies (a session cookie would make
        # every state change need the CSRF header).
        self.api = self.server.client(store_cookies=False)

    def assert_error(self, response, status, code, field=None):
        self.assertEqual(response.status, status, response.raw_body[:500])
        self.assertTrue(response.header("Content-Type", "").startswith("application/json"), response.headers)
        body = response.json()
        self.assertEqual(set(body), {"error"}, body)
        error = body["error"]
        self.assertEqual(error["code"], code, body)
        self.assertIsInstance(error["message"], str)
        self.assertGreater(len(error["message"]), 10, body)  # a sentence for a person
        if field is None:
            self.assertNotIn("field", error, body)
        else:
            self.assertEqual(error.get("field"), field, body)
        return error

    def account(self, **extra):
        login, password, response = api_sign_up(self.api, **extra)
        self.assertEqual(response.status, 201, response.raw_body[:500])
        return login, password, response.json()

    def session(self, **extra):
        login, password, body = self.account(**extra)
        return login, password, api_log_in(self.api, login, password), body

    # -- accounts ------------------------------------------------------------------------------

    def test_sign_up(self):
        login, password, response = api_sign_up(self.api, recovery_email="me@example.org")
        self.assertEqual(response.status, 201, response.raw_body)
        self.assertTrue(response.header("Content-Type").startswith("application/json"))
        body = response.json()
        self.assertEqual(set(body), {"account", "recovery_codes"})
        self.assertRegex(body["account"]["id"], r"^-?\d+$")
        codes = body["recovery_codes"]
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        self.assertIsNone(response.set_cookie("hearth_session"))  # signing up via the API is not logging in
        api_log_in(self.api, login, password)  # asserts 201

    def test_sign_up_validation(self):
        cases = [
            ({"login": "ab", "password": strong_password()}, "login"),
            ({"login": "has space", "password": strong_password()}, "login"),
            ({"login": "x" * 33, "password": strong_password()}, "login"),
            ({"password": strong_password()}, "login"),
            ({"login": 42, "password": strong_password()}, "login"),
            ({"login": unique_login()}, "password"),
            ({"login": unique_login(), "password": "seven77"}, "password"),
            ({"login": "same-as-pw", "password": "SAME-AS-PW"}, "password"),
            ({"login": unique_login(), "password": strong_password(), "recovery_email": "nope"}, "recovery_email"),
        ]
        for payload, field in cases:
            with self.subTest(payload=payload):
                self.assert_error(self.api.json("POST", "/api/v1/accounts", payload), 400, "invalid_input", field)
        for raw in (b"{not json", b"[1, 2]", b'"text"', b""):
            with self.subTest(raw=raw):
                self.assert_error(self.api.json("POST", "/api/v1/accounts", raw), 400, "invalid_input")
        wrong_type = self.api.request("POST", "/api/v1/accounts", body='{"login":"abc","password":"abcdefghij"}',
                                      headers={"Content-Type": "text/plain"})
        error = self.assert_error(wrong_type, 400, "invalid_input")
        self.assertIn("JSON", error["message"])

    def test_taken_login_name_is_a_conflict(self):
        login, _, _ = self.account()
        for variant in (login, login.upper()):
            with self.subTest(variant=variant):
                _, _, again = api_sign_up(self.api, login=variant)
                error = self.assert_error(again, 409, "conflict", "login")
                self.assertIn("taken", error["message"])

    # -- sessions ------------------------------------------------------------------------------

    def test_log_in_gives_a_token_and_a_cookie(self):
        login, password, _ = self.account()
        response = self.api.json("POST", "/api/v1/sessions", {"login": login, "password": password})
        self.assertEqual(response.status, 201, response.raw_body)
        body = response.json()
        self.assertEqual(set(body), {"token", "expires_at"})
        self.assertGreaterEqual(len(body["token"]), 32)
        self.assertRegex(body["expires_at"], RFC3339_UTC)
        cookie = cookie_attributes(response.set_cookie("hearth_session"))
        self.assertEqual(cookie["value"], body["token"])
        self.assertTrue(cookie.get("httponly"))
        self.assertEqual(cookie.get("samesite"), "Lax")
        me = self.server.client().json("GET", "/api/v1/me", token=body["token"])
        self.assertEqual(me.status, 200)
        self.assertEqual(me.json()["login"], login)

    def test_log_in_failures(self):
        login, password, _ = self.account()
        wrong = self.api.json("POST", "/api/v1/sessions", {"login": login, "password": password + "!"})
        wrong_error = self.assert_error(wrong, 401, "unauthorized")
        self.assertIn("don't match", wrong_error["message"])
        self.assertIsNone(wrong.set_cookie("hearth_session"))
        unknown = self.api.json("POST", "/api/v1/sessions", {"login": unique_login(), "password": password})
        self.assertEqual(self.assert_error(unknown, 401, "unauthorized"), wrong_error)
        self.assert_error(self.api.json("POST", "/api/v1/sessions", {"login": login}), 400, "invalid_input",
                          "password")
        self.assert_error(self.api.json("POST", "/api/v1/sessions", {"login": login, "password": ""}), 400,
                          "invalid_input", "password")

    def test_end_the_current_session(self):
        login, password, token, _ = self.session()
        other = api_log_in(self.api, login, password)
        ended = self.api.json("DELETE", "/api/v1/sessions/current", token=token)
        self.assertEqual(ended.status, 204)
        self.assertEqual(ended.raw_body, b"")
        self.assert_error(self.api.json("GET", "/api/v1/me", token=token), 401, "unauthorized")
        self.assert_error(self.api.json("DELETE", "/api/v1/sessions/current", token=token), 401, "unauthorized")
        self.assertEqual(self.api.json("GET", "/api/v1/me", token=other).status, 200)  # only that one ended

    def test_log_out_everywhere_keeps_access_tokens(self):
        login, password, token, _ = self.session()
        other = api_log_in(self.api, login, password)
        pat = self.api.json("POST", "/api/v1/tokens", {"name": "cron"}, token=token).json()["token"]
        self.assertEqual(self.api.json("DELETE", "/api/v1/sessions", token=token).status, 204)
        for ended in (token, other):
            self.assert_error(self.api.json("GET", "/api/v1/me", token=ended), 401, "unauthorized")
        self.assertEqual(self.api.json("GET", "/api/v1/me", token=pat).status, 200)

    # -- the current member --------------------------------------------------------------------

    def test_me(self):
        login, password, token, signup = self.session(recovery_email="private.person@example.org")
        me = self.api.json("GET", "/api/v1/me", token=token)
        self.assertEqual(me.status, 200)
        body = me.json()
        self.assertEqual(set(body), {"id", "login", "time_zone", "region", "language", "created_at",
                                     "recovery_codes_left"})  # no csrf_token for a bearer token
        self.assertEqual(body["id"], signup["account"]["id"])
        self.assertEqual(body["login"], login)
        self.assertEqual(body["time_zone"], "")
        self.assertEqual(body["region"], "")
        self.assertEqual(body["language"], "en")
        self.assertRegex(body["created_at"], RFC3339_UTC)
        self.assertEqual(body["recovery_codes_left"], 10)
        text = me.text
        for secret in ("private.person@example.org", "argon2", "password", "hash", "recovery_email", password,
                       token):
            self.assertNotIn(secret, text)

    def test_me_needs_a_valid_credential(self):
        self.assert_error(self.api.json("GET", "/api/v1/me"), 401, "unauthorized")
        self.assert_error(self.api.json("GET", "/api/v1/me", token="not-a-token"), 401, "unauthorized")
        self.assert_error(self.api.json("GET", "/api/v1/me", headers={"Authorization": "Basic YWJjOmRlZg=="}), 401,
                          "unauthorized")
        self.assert_error(self.api.json("GET", "/api/v1/me", token="x" * 5000), 401, "unauthorized")
        self.assert_error(self.api.json("PATCH", "/api/v1/me", {"region": "GB"}), 401, "unauthorized")

    def test_update_preferences(self):
        _, _, token, _ = self.session()
        updated = self.api.json("PATCH", "/api/v1/me", {"time_zone": "Europe/London", "region": "gb"}, token=token)
        self.assertEqual(updated.status, 200, updated.raw_body)
        self.assertEqual(updated.json()["time_zone"], "Europe/London")
        self.assertEqual(updated.json()["region"], "GB")
        self.assertEqual(updated.json()["language"], "en")  # untouched
        only_language = self.api.json("PATCH", "/api/v1/me", {"language": "fr"}, token=token).json()
        self.assertEqual((only_language["time_zone"], only_language["region"], only_language["language"]),
                         ("Europe/London", "GB", "fr"))

        for payload, field in (({"time_zone": "Mars/Base"}, "time_zone"), ({"region": "QQ"}, "region"),
                               ({"language": "klingon"}, "language"), ({"time_zone": 3}, "time_zone"),
                               ({"time_zone": "Europe/Paris", "region": "ZZ"}, "region")):
            with self.subTest(payload=payload):
                self.assert_error(self.api.json("PATCH", "/api/v1/me", payload, token=token), 400,
                                  "invalid_input", field)
        after = self.api.json("GET", "/api/v1/me", token=token).json()
        self.assertEqual((after["time_zone"], after["region"], after["language"]), ("Europe/London", "GB", "fr"))

        cleared = self.api.json("PATCH", "/api/v1/me", {"time_zone": "", "region": ""}, token=token).json()
        self.assertEqual((cleared["time_zone"], cleared["region"]), ("", ""))

    def test_cookie_sessions_need_the_csrf_header(self):
        login, password, _ = self.account()
        browser = self.server.client()
        logged_in = browser.json("POST", "/api/v1/sessions", {"login": login, "password": password})
        self.assertEqual(logged_in.status, 201)
        self.assertIn("hearth_session", browser.cookies)
        me = browser.json("GET", "/api/v1/me")
        self.assertEqual(me.status, 200)
        csrf = me.json()["csrf_token"]
        self.assertTrue(csrf)

        for headers in ({}, {"X-CSRF-Token": ""}, {"X-CSRF-Token": "wrong"}, {"X-CSRF-Token": csrf + "0"}):
            with self.subTest(headers=headers):
                self.assert_error(browser.json("PATCH", "/api/v1/me", {"region": "NZ"}, headers=headers), 403,
                                  "csrf_failed")
                self.assert_error(browser.json("DELETE", "/api/v1/sessions/current", headers=headers), 403,
                                  "csrf_failed")
                self.assert_error(browser.json("POST", "/api/v1/tokens", {"name": "x"}, headers=headers), 403,
                                  "csrf_failed")
        self.assertEqual(browser.json("GET", "/api/v1/me").json()["region"], "")
        self.assertEqual(browser.json("GET", "/api/v1/tokens").json()["tokens"], [])

        ok = browser.json("PATCH", "/api/v1/me", {"region": "NZ"}, headers={"X-CSRF-Token": csrf})
        self.assertEqual(ok.status, 200)
        self.assertEqual(ok.json()["region"], "NZ")
        out = browser.json("DELETE", "/api/v1/sessions/current", headers={"X-CSRF-Token": csrf})
        self.assertEqual(out.status, 204)
        self.assertNotIn("hearth_session", browser.cookies)  # the cookie was cleared
        self.assertEqual(browser.json("GET", "/api/v1/me").status, 401)

    def test_change_password(self):
        login, password, token, _ = self.session()
        other = api_log_in(self.api, login, password)
        new_password = strong_password()
        wrong = self.api.json("PUT", "/api/v1/me/password", {"current_password": "nope-nope",
                                                             "new_password": new_password}, token=token)
        self.assert_error(wrong, 401, "unauthorized", "current_password")
        short = self.api.json("PUT", "/api/v1/me/password", {"current_password": password, "new_password": "short"},
                              token=token)
        self.assert_error(short, 400, "invalid_input", "new_password")
        self.assertEqual(self.api.json("GET", "/api/v1/me", token=other).status, 200)

        done = self.api.json("PUT", "/api/v1/me/password", {"current_password": password,
                                                            "new_password": new_password}, token=token)
        self.assertEqual(done.status, 204)
        self.assertEqual(self.api.json("GET", "/api/v1/me", token=token).status, 200)
        self.assert_error(self.api.json("GET", "/api/v1/me", token=other), 401, "unauthorized")
        self.assert_error(self.api.json("POST", "/api/v1/sessions", {"login": login, "password": password}), 401,
                          "unauthorized")
        api_log_in(self.api, login, new_password)

    # -- personal access tokens ----------------------------------------------------------------

    def test_personal_access_tokens(self):
        login, _, session, _ = self.session()
        made = self.api.json("POST", "/api/v1/tokens", {"name": "backup script"}, token=session)
        self.assertEqual(made.status, 201, made.raw_body)
        token = made.json()
        self.assertEqual(set(token), {"id", "name", "token", "created_at"})
        self.assertEqual(token["name"], "backup script")
        self.assertTrue(token["token"].startswith("hpat_"))
        self.assertRegex(token["created_at"], RFC3339_UTC)

        listed = self.api.json("GET", "/api/v1/tokens", token=session).json()["tokens"]
        self.assertEqual([(t["id"], t["name"]) for t in listed], [(token["id"], "backup script")])
        self.assertEqual(set(listed[0]), {"id", "name", "created_at", "last_used_at"})
        self.assertIsNone(listed[0]["last_used_at"])
        self.assertNotIn(token["token"], self.api.json("GET", "/api/v1/tokens", token=session).text)

        me = self.api.json("GET", "/api/v1/me", token=token["token"])
        self.assertEqual(me.status, 200)
        self.assertEqual(me.json()["login"], login)
        used = self.api.json("GET", "/api/v1/tokens", token=session).json()["tokens"][0]
        self.assertRegex(used["last_used_at"], RFC3339_UTC)
        # A token is not a session: it cannot "log out", only be revoked.
        self.assert_error(self.api.json("DELETE", "/api/v1/sessions/current", token=token["token"]), 400,
                          "invalid_input")
        # Bearer requests need no CSRF header.
        patched = self.api.json("PATCH", "/api/v1/me", {"language": "de"}, token=token["token"])
        self.assertEqual(patched.status, 200)

        revoked = self.api.json("DELETE", f"/api/v1/tokens/{token['id']}", token=session)
        self.assertEqual(revoked.status, 204)
        self.assert_error(self.api.json("GET", "/api/v1/me", token=token["token"]), 401, "unauthorized")
        self.assertEqual(self.api.json("GET", "/api/v1/tokens", token=session).json()["tokens"], [])
        self.assert_error(self.api.json("DELETE", f"/api/v1/tokens/{token['id']}", token=session), 404, "not_found")
        self.assert_error(self.api.json("DELETE", "/api/v1/tokens/not-a-number", token=session), 404, "not_found")

    def test_tokens_belong_to_their_owner(self):
        _, _, owner, _ = self.session()
        token = self.api.json("POST", "/api/v1/tokens", {"name": "mine"}, token=owner).json()
        _, _, intruder, _ = self.session()
        self.assertEqual(self.api.json("GET", "/api/v1/tokens", token=intruder).json()["tokens"], [])
        self.assert_error(self.api.json("DELETE", f"/api/v1/tokens/{token['id']}", token=intruder), 404, "not_found")
        self.assertEqual(self.api.json("GET", "/api/v1/me", token=token["token"]).status, 200)

    def test_token_name_validation(self):
        _, _, session, _ = self.session()
        for payload in ({}, {"name": ""}, {"name": "   "}, {"name": "x" * 61}, {"name": "bell\x07"},
                        {"name": "nul\x00"}, {"name": 7}):
            with self.subTest(payload=payload):
                self.assert_error(self.api.json("POST", "/api/v1/tokens", payload, token=session), 400,
                                  "invalid_input", "name")
        self.assertEqual(self.api.json("GET", "/api/v1/tokens", token=session).json()["tokens"], [])
        self.assert_error(self.api.json("POST", "/api/v1/tokens", {"name": "x"}), 401, "unauthorized")

    # -- recovery --------------------------------------------------------------------------------

    def test_recovery(self):
        login, password, session, signup = self.session()
        codes = signup["recovery_codes"]
        new_password = strong_password()
        done = self.api.json("POST", "/api/v1/recovery", {"login": login, "code": codes[0],
                                                          "new_password": new_password})
        self.assertEqual(done.status, 204, done.raw_body)
        self.assert_error(self.api.json("GET", "/api/v1/me", token=session), 401, "unauthorized")
        self.assert_error(self.api.json("POST", "/api/v1/sessions", {"login": login, "password": password}), 401,
                          "unauthorized")
        token = api_log_in(self.api, login, new_password)
        self.assertEqual(self.api.json("GET", "/api/v1/me", token=token).json()["recovery_codes_left"], 9)

        reused = self.api.json("POST", "/api/v1/recovery", {"login": login, "code": codes[0],
                                                            "new_password": strong_password()})
        self.assert_error(reused, 401, "unauthorized", "code")
        api_log_in(self.api, login, new_password)  # the refused attempt changed nothing

        # Codes are forgiving about case and spaces, as people retype them.
        typed = " " + codes[1].upper().replace("-", " - ") + " "
        newest = strong_password()
        self.assertEqual(self.api.json("POST", "/api/v1/recovery", {"login": login.upper(), "code": typed,
                                                                    "new_password": newest}).status, 204)
        api_log_in(self.api, login, newest)

        missing = self.api.json("POST", "/api/v1/recovery", {"login": login, "new_password": newest})
        self.assert_error(missing, 400, "invalid_input", "code")
        foreign = self.api.json("POST", "/api/v1/recovery", {"login": unique_login(), "code": codes[2],
                                                             "new_password": strong_password()})
        self.assert_error(foreign, 401, "unauthorized", "code")

    # -- support services ------------------------------------------------------------------------

    def test_support_services(self):
        response = self.api.json("GET", "/api/v1/support-services?region=GB")
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual((body["region"], body["region_name"], body["emergency_number"]),
                         ("GB", "United Kingdom", "999"))
        samaritans = [s for s in body["services"] if s["name"] == "Samaritans"]
        self.assertEqual(len(samaritans), 1, body["services"])
        self.assertEqual(samaritans[0]["phone"], "116 123")
        self.assertIs(samaritans[0]["crisis"], True)
        self.assertEqual(set(samaritans[0]), {"name", "description", "phone", "text", "website", "hours", "crisis"})

        none = self.api.json("GET", "/api/v1/support-services").json()
        self.assertEqual((none["region"], none["services"]), ("", []))
        self.assert_error(self.api.json("GET", "/api/v1/support-services?region=XX"), 400, "invalid_input", "region")

        _, _, token, _ = self.session()
        self.api.json("PATCH", "/api/v1/me", {"region": "GB"}, token=token)
        mine = self.api.json("GET", "/api/v1/support-services", token=token).json()
        self.assertEqual(mine["region"], "GB")
        self.assertEqual(mine["services"], body["services"])

    def test_unknown_endpoint_and_wrong_method(self):
        self.assert_error(self.api.json("GET", "/api/v1/nothing-here"), 404, "not_found")
        self.assert_error(self.api.json("GET", "/api/v2/me"), 404, "not_found")
        wrong = self.api.json("GET", "/api/v1/sessions")
        self.assertEqual(wrong.status, 405)
        self.assertEqual(wrong.json()["error"]["code"], "method_not_allowed")
        self.assertIn("POST", wrong.header("Allow"))
        self.assertIn("DELETE", wrong.header("Allow"))


if __name__ == "__main__":
    unittest.main()
