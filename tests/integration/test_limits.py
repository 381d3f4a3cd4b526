"""Rate limits and session lifetime, with the default limits unless a test says otherwise."""
import re
import time
import unittest

from hearth_server import HearthServer, api_log_in, api_sign_up, cookie_attributes, web_log_in, web_sign_up


def assert_rate_limited_json(test, response):
    test.assertEqual(response.status, 429, response.raw_body[:500])
    error = response.json()["error"]
    test.assertEqual(error["code"], "rate_limited")
    test.assertIn("Too many attempts", error["message"])
    retry_after = response.header("Retry-After")
    test.assertIsNotNone(retry_after, response.headers)
    test.assertRegex(retry_after, r"^\d+$")
    return int(retry_after)


class LoginFailureLimitTest(unittest.TestCase):
    """Default: 10 failed log-ins per account per 15 minutes."""

    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer(env={"HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "1000"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_eleventh_wrong_password_is_refused_and_so_is_the_right_one(self):
        api = self.server.client(store_cookies=False)
        login, password, created = api_sign_up(api)
        self.assertEqual(created.status, 201)
        bystander, bystander_password, _ = api_sign_up(api)

        for attempt in range(1, 11):
            wrong = api.json("POST", "/api/v1/sessions", {"login": login, "password": f"wrong-{attempt}-pass"})
            self.assertEqual(wrong.status, 401, f"attempt {attempt}: {wrong.raw_body!r}")
        limited = api.json("POST", "/api/v1/sessions", {"login": login, "password": "wrong-11-pass"})
        retry_after = assert_rate_limited_json(self, limited)
        self.assertGreater(retry_after, 0)
        self.assertLessEqual(retry_after, 15 * 60)

        right = api.json("POST", "/api/v1/sessions", {"login": login, "password": password})
        assert_rate_limited_json(self, right)
        self.assertIsNone(right.set_cookie("hearth_session"))
        # Login names are case-insensitive, so is the limit.
        assert_rate_limited_json(self, api.json("POST", "/api/v1/sessions",
                                                {"login": login.upper(), "password": password}))

        # The web form says so too, in words, with Retry-After.
        browser = self.server.client()
        page = web_log_in(browser, login, password)
        self.assertEqual(page.status, 429)
        self.assertIn("Too many attempts", page.text)
        self.assertRegex(page.header("Retry-After", ""), r"^\d+$")
        self.assertIsNone(page.set_cookie("hearth_session"))
        self.assertEqual(browser.get("/settings").status, 303)

        # Another account from the same client is not affected.
        self.assertTrue(api_log_in(api, bystander, bystander_password))

    def test_a_success_resets_the_failure_count(self):
        api = self.server.client(store_cookies=False)
        login, password, created = api_sign_up(api)
        self.assertEqual(created.status, 201)
        for _ in range(9):
            self.assertEqual(api.json("POST", "/api/v1/sessions", {"login": login, "password": "not-it-at-all"}).status,
                             401)
        api_log_in(api, login, password)
        for _ in range(9):
            self.assertEqual(api.json("POST", "/api/v1/sessions", {"login": login, "password": "not-it-at-all"}).status,
                             401)
        api_log_in(api, login, password)


class ClientLoginLimitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer(env={"HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "5"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_one_client_cannot_try_many_accounts(self):
        api = self.server.client(store_cookies=False)
        login, password, created = api_sign_up(api)
        self.assertEqual(created.status, 201)
        for attempt in range(5):
            answer = api.json("POST", "/api/v1/sessions", {"login": f"guess-{attempt}", "password": "guessing-123"})
            self.assertEqual(answer.status, 401)
        assert_rate_limited_json(self, api.json("POST", "/api/v1/sessions", {"login": login, "password": password}))


class SignUpLimitTest(unittest.TestCase):
    """Default: 10 sign-ups per client per hour."""

    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_eleventh_sign_up_from_one_client_is_refused(self):
        api = self.server.client(store_cookies=False)
        # Refused input does not use up the allowance.
        _, _, invalid = api_sign_up(api, login="no")
        self.assertEqual(invalid.status, 400)
        accounts = []
        for number in range(1, 11):
            login, password, response = api_sign_up(api)
            self.assertEqual(response.status, 201, f"sign-up {number}: {response.raw_body!r}")
            accounts.append((login, password))
        login, _, limited = api_sign_up(api)
        retry_after = assert_rate_limited_json(self, limited)
        self.assertLessEqual(retry_after, 3600)
        # Nothing was created for the refused sign-up.
        self.assertEqual(api.json("POST", "/api/v1/sessions", {"login": login, "password": "whatever-it-is"}).status,
                         401)

        browser = self.server.client()
        _, _, page = web_sign_up(browser)
        self.assertEqual(page.status, 429)
        self.assertIn("Too many attempts", page.text)
        self.assertRegex(page.header("Retry-After", ""), r"^\d+$")
        self.assertIsNone(page.set_cookie("hearth_session"))
        self.assertEqual(re.findall(r'class="recovery-code"', page.text), [])

        # Existing members are not affected.
        api_log_in(api, *accounts[0])


class SessionLifetimeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer(env={"HEARTH_SESSION_LIFETIME_SECONDS": "2"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_sessions_expire(self):
        browser = self.server.client()
        login, password, page = web_sign_up(browser)
        self.assertEqual(page.status, 200)
        self.assertEqual(cookie_attributes(page.set_cookie("hearth_session")).get("max-age"), "2")
        api = self.server.client(store_cookies=False)
        token = api_log_in(api, login, password)
        self.assertEqual(browser.get("/settings").status, 200)
        self.assertEqual(api.json("GET", "/api/v1/me", token=token).status, 200)

        time.sleep(3)
        expired = browser.get("/settings")
        self.assertEqual(expired.status, 303)
        self.assertEqual(expired.location, "/login?next=%2Fsettings")
        self.assertIn("Support from people who understand", browser.get("/").text)
        answer = api.json("GET", "/api/v1/me", token=token)
        self.assertEqual(answer.status, 401)
        self.assertEqual(answer.json()["error"]["code"], "unauthorized")

        # Logging in again works and gives a fresh session.
        self.assertEqual(web_log_in(browser, login, password).status, 303)
        self.assertEqual(browser.get("/settings").status, 200)


if __name__ == "__main__":
    unittest.main()
