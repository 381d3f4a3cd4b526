"""Hostile, broken and unusual requests: each gets a clear answer and the server stays well."""
import gzip
import http.client
import re
import threading
import time
import unittest

from hearth_server import (HearthServer, api_log_in, api_sign_up, raw_exchange, status_of, strong_password,
                           unique_login, web_sign_up)

BODY_LIMIT = 65536


def split_response(raw):
    """(status, headers dict with lower-case names, body) of the first response in raw bytes."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status_of(raw), headers, body


class RobustnessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HearthServer(env={
            "HEARTH_BODY_LIMIT_BYTES": str(BODY_LIMIT),
            "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "100000",
            "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "100000",
        }).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def assert_healthy(self):
        response = self.server.client().get("/healthz")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.text, "ok")

    def assert_security_headers(self, response, what):
        csp = response.header("Content-Security-Policy")
        self.assertIsNotNone(csp, f"{what}: no Content-Security-Policy in {response.headers}")
        directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
        script_src = directives.get("script-src", directives.get("default-src", ""))
        self.assertTrue(script_src, f"{what}: no script-src or default-src in {csp}")
        self.assertNotIn("'unsafe-inline'", script_src, what)
        self.assertNotIn("'unsafe-eval'", script_src, what)
        self.assertEqual(directives.get("frame-ancestors"), "frame-ancestors 'none'", f"{what}: {csp}")
        self.assertEqual(response.header("X-Content-Type-Options"), "nosniff", what)
        self.assertEqual(response.header("Referrer-Policy"), "no-referrer", what)

    # -- broken HTTP ---------------------------------------------------------------------------

    def test_garbage_bytes_get_400(self):
        raw = raw_exchange(self.server, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")
        self.assertEqual(status_of(raw), 400, raw[:300])
        status, headers, body = split_response(raw)
        self.assertIn(b"could not be understood", body)
        self.assertEqual(headers.get("x-content-type-options"), "nosniff")
        self.assert_healthy()

    def test_bad_request_lines_get_400(self):
        for request in (b"GET\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
                        b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n", b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
                        b"POST /signup HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                        # Ambiguous framing, the stuff of request smuggling:
                        b"POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        b"POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        b"Content-Length: 7\r\n\r\n12345",
                        b"GET http://evil.example/help HTTP/1.1\r\nHost: x\r\n\r\n"):
            with self.subTest(request=request):
                raw = raw_exchange(self.server, request)
                self.assertEqual(status_of(raw), 400, raw[:300])
        self.assert_healthy()

    def test_invalid_address_gets_400(self):
        raw = raw_exchange(self.server, b"GET /help%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertEqual(status_of(raw), 400, raw[:300])
        self.assert_healthy()

    def test_oversized_bodies_get_413(self):
        too_big = BODY_LIMIT + 1000
        for path, content_type in (("/signup", "application/x-www-form-urlencoded"),
                                   ("/api/v1/accounts", "application/json")):
            with self.subTest(path=path):
                head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n"
                        f"Content-Length: {too_big}\r\n\r\n").encode()
                raw = raw_exchange(self.server, head + b"a" * too_big)
                status, headers, body = split_response(raw)
                self.assertEqual(status, 413, raw[:400])
                self.assertIn(b"more than we can accept", body)
        # A chunked body that grows past the limit is cut off the same way.
        chunk = b"b" * 16384
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(6)) + b"0\r\n\r\n"
        raw = raw_exchange(self.server, b"POST /signup HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                        b"application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                           + chunks)
        self.assertEqual(status_of(raw), 413, raw[:400])
        self.assert_healthy()

    def test_oversized_api_body_gets_json_413(self):
        """docs/api.md: 413 too_large in the API's error shape."""
        client = self.server.client()
        response = client.json("POST", "/api/v1/accounts", b'{"login": "' + b"a" * (BODY_LIMIT + 10) + b'"}')
        self.assertEqual(response.status, 413)
        self.assertTrue(response.header("Content-Type", "").startswith("application/json"), response.headers)
        self.assertEqual(response.json()["error"]["code"], "too_large")

    def test_a_body_just_under_the_limit_is_read(self):
        client = self.server.client()
        login = unique_login()
        padding = "x" * (BODY_LIMIT - 200)
        response = client.json("POST", "/api/v1/accounts", {"login": login, "password": strong_password(),
                                                            "recovery_email": padding})
        # Read and answered on its merits (the field is too long), not refused for its size.
        self.assertEqual(response.status, 400)
        self.assertEqual(response.json()["error"]["field"], "recovery_email")

    def test_huge_headers_get_431(self):
        raw = raw_exchange(self.server, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 40000 + b"\r\n\r\n")
        self.assertEqual(status_of(raw), 431, raw[:300])
        self.assert_healthy()

    # -- bad input -----------------------------------------------------------------------------

    def test_invalid_utf8_in_json(self):
        client = self.server.client()
        body = b'{"login": "bad\xff\xfe", "password": "long-enough-pass"}'
        response = client.json("POST", "/api/v1/accounts", body)
        self.assertEqual(response.status, 400)
        error = response.json()["error"]
        self.assertEqual(error["code"], "invalid_input")
        self.assertIn("UTF-8", error["message"])
        # An escaped lone surrogate is not text either.
        lone = client.json("POST", "/api/v1/accounts", b'{"login": "a\\ud800bc", "password": "long-enough-pass"}')
        self.assertEqual(lone.status, 400)
        self.assertEqual(lone.json()["error"]["code"], "invalid_input")

    def test_invalid_utf8_in_a_form_field(self):
        client = self.server.client()
        page = client.get("/signup")
        response = client.post_form("/signup", f"csrf={page.csrf()}&login=ann%FF%FE&password=long-enough-pass")
        self.assertEqual(response.status, 400)
        self.assertIn("couldn&#39;t read", response.text)
        self.assertIsNone(response.set_cookie("hearth_session"))

    def test_pages_stay_valid_utf8_whatever_the_query(self):
        # A query that decodes to invalid UTF-8 is refused before any page can echo it.
        response = self.server.client().get("/help?region=%FF%FE")
        self.assertEqual(response.status, 400)
        self.assertIn("Please check the link", response.body.decode("utf-8"))
        ok = self.server.client().get("/help?region=%C3%A9t%C3%A9")  # valid UTF-8, unknown region
        self.assertEqual(ok.status, 200)
        self.assertIn('We don\'t know the region code "été"', ok.body.decode("utf-8"))

    def test_forms_accept_only_form_encoding(self):
        client = self.server.client()
        page = client.get("/signup")
        response = client.request("POST", "/signup", body='{"csrf": "%s", "login": "abc"}' % page.csrf(),
                                  headers={"Content-Type": "application/json"})
        self.assertEqual(response.status, 415)
        self.assertIn("form submissions only", response.text)

    def test_over_long_fields(self):
        client = self.server.client()
        long_login = "a" * 5000
        api = client.json("POST", "/api/v1/accounts", {"login": long_login, "password": strong_password()})
        self.assertEqual(api.status, 400)
        self.assertEqual(api.json()["error"]["field"], "login")
        self.assertIn("at most", api.json()["error"]["message"])

        browser = self.server.client()
        page = browser.get("/signup")
        web = browser.post_form("/signup", {"csrf": page.csrf(), "login": long_login, "password": strong_password()})
        self.assertEqual(web.status, 400)
        self.assertIn("at most 32 characters", web.text)

        self.assertEqual(client.json("POST", "/api/v1/sessions", {"login": long_login, "password": "x" * 10}).status,
                         400)
        web_login = browser.post_form("/login", {"csrf": page.csrf(), "login": long_login, "password": "a" * 5000})
        self.assertEqual(web_login.status, 401)

        login, password, created = api_sign_up(client)
        self.assertEqual(created.status, 201)
        token = api_log_in(client, login, password)
        name = "n" * 10000
        api_token = client.json("POST", "/api/v1/tokens", {"name": name}, token=token)
        self.assertEqual(api_token.status, 400)
        self.assertEqual(api_token.json()["error"]["field"], "name")
        self.assertEqual(client.json("GET", "/api/v1/tokens", token=token).json()["tokens"], [])

        member = self.server.client()
        _, _, signup = web_sign_up(member)
        self.assertEqual(signup.status, 200)
        settings = member.get("/settings")
        web_token = member.post_form("/settings/tokens", {"csrf": settings.csrf(), "name": name})
        self.assertEqual(web_token.status, 400)
        self.assertIn("at most 60 characters", web_token.text)
        self.assertIn("You have no access tokens.", member.get("/settings").text)

    # -- not found -----------------------------------------------------------------------------

    def test_unknown_api_route_is_json_404(self):
        response = self.server.client().get("/api/v1/does-not-exist")
        self.assertEqual(response.status, 404)
        self.assertTrue(response.header("Content-Type").startswith("application/json"))
        self.assertEqual(response.json()["error"]["code"], "not_found")
        self.assert_security_headers(response, "API 404")

    def test_unknown_page_escapes_the_path(self):
        client = self.server.client()
        for target in ("/%3Cscript%3Ealert(1)%3C/script%3E", "/<script>alert(1)</script>",
                       "/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"):
            with self.subTest(target=target):
                response = client.get(target)
                self.assertEqual(response.status, 404)
                self.assertTrue(response.header("Content-Type").startswith("text/html"))
                self.assertNotIn("<script>alert(1)", response.text)
                self.assertNotIn("<img src=x", response.text)
                self.assertIn("<h1>We couldn't find that page</h1>", response.text)
                self.assert_security_headers(response, "404 page")
        shown = client.get("/%3Cscript%3Ealert(1)%3C/script%3E").text
        self.assertIn("<code>/&lt;script&gt;alert(1)&lt;/script&gt;</code>", shown)

    # -- connections ---------------------------------------------------------------------------

    def test_a_slow_client_does_not_block_others(self):
        slow = [self.server.connect(timeout=30) for _ in range(3)]
        try:
            slow[0].sendall(b"GET /hea")  # half a request line
            slow[1].sendall(b"POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            b"Content-Length: 500\r\n\r\n{\"login\":")  # half a body
            # slow[2] sends nothing at all.
            time.sleep(0.3)
            started = time.monotonic()
            client = self.server.client()
            for _ in range(5):
                self.assertEqual(client.get("/healthz").status, 200)
            self.assertEqual(client.get("/help?region=GB").status, 200)
            _, _, created = api_sign_up(client)
            self.assertEqual(created.status, 201)
            self.assertLess(time.monotonic() - started, 10)
        finally:
            for sock in slow:
                sock.close()
        self.assert_healthy()

    def test_many_requests_in_parallel(self):
        failures = []

        def work():
            try:
                client = self.server.client()
                for path in ("/", "/help?region=GB", "/api/v1/support-services?region=GB", "/healthz"):
                    if client.get(path).status != 200:
                        failures.append(path)
            except Exception as error:  # noqa: BLE001 — collected and reported below
                failures.append(repr(error))

        threads = [threading.Thread(target=work) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(failures, [])

    def test_keep_alive_serves_two_requests_on_one_connection(self):
        connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        try:
            connection.request("GET", "/healthz")
            first = connection.getresponse()
            self.assertEqual(first.read(), b"ok")
            self.assertNotEqual((first.getheader("Connection") or "").lower(), "close")
            sock = connection.sock
            local = sock.getsockname()
            connection.request("GET", "/help?region=GB")
            second = connection.getresponse()
            self.assertEqual(second.status, 200)
            self.assertIn(b"Samaritans", second.read())
            self.assertIs(connection.sock, sock)
            self.assertEqual(connection.sock.getsockname(), local)
        finally:
            connection.close()

    def test_pipelined_requests_are_answered_in_order(self):
        raw = raw_exchange(self.server, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                        b"GET /nope-404 HTTP/1.1\r\nHost: x\r\n\r\n"
                                        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        statuses = [int(s) for s in re.findall(rb"HTTP/1\.1 (\d{3}) ", raw)]
        self.assertEqual(statuses, [200, 404, 200], raw[:500])

    def test_head(self):
        client = self.server.client()
        get = client.get("/help?region=GB")
        head = client.head("/help?region=GB")
        self.assertEqual(head.status, 200)
        self.assertEqual(head.raw_body, b"")
        self.assertEqual(head.header("Content-Type"), get.header("Content-Type"))
        self.assertEqual(int(head.header("Content-Length")), len(get.raw_body))
        raw = raw_exchange(self.server, b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        status, headers, body = split_response(raw)
        self.assertEqual(status, 200)
        self.assertGreater(int(headers["content-length"]), 1000)
        self.assertEqual(body, b"")

    # -- headers, assets, compression ------------------------------------------------------------

    def test_security_headers_everywhere(self):
        client = self.server.client()
        home = client.get("/")
        asset = re.search(r'href="(/assets/hearth\.[0-9a-f]+\.css)"', home.text).group(1)
        for what, response in (
                ("home", home),
                ("settings redirect", client.get("/settings")),
                ("API JSON", client.get("/api/v1/support-services?region=GB")),
                ("API error", client.get("/api/v1/me")),
                ("404 page", client.get("/missing")),
                ("403 page", client.post_form("/login", {"login": "x"})),
                ("405", client.request("DELETE", "/")),
                ("asset", client.get(asset)),
                ("healthz", client.get("/healthz"))):
            with self.subTest(what=what):
                self.assert_security_headers(response, what)
        raw = raw_exchange(self.server, b"BAD\r\n\r\n")
        _, headers, _ = split_response(raw)
        self.assertEqual(headers.get("referrer-policy"), "no-referrer", raw[:500])
        self.assertIn("frame-ancestors 'none'", headers.get("content-security-policy", ""))

    def test_pages_and_api_answers_are_not_cached(self):
        client = self.server.client()
        for path in ("/", "/api/v1/support-services?region=GB"):
            self.assertIn("no-store", client.get(path).header("Cache-Control", ""), path)

    def test_assets_are_immutable_and_gzipped(self):
        client = self.server.client()
        home = client.get("/").text
        assets = sorted(set(re.findall(r'(?:href|src)="(/assets/[^"]+)"', home)))
        self.assertGreaterEqual(len(assets), 3, assets)  # CSS, JS, icon
        for url in assets:
            with self.subTest(url=url):
                self.assertRegex(url, r"^/assets/[a-z-]+\.[0-9a-f]{12}\.(css|js|svg)$")
                zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
                self.assertEqual(zipped.status, 200)
                self.assertEqual(zipped.header("Content-Encoding"), "gzip")
                cache = zipped.header("Cache-Control", "")
                self.assertIn("immutable", cache)
                self.assertIn("max-age=31536000", cache)
                self.assertIn("Accept-Encoding", zipped.header("Vary", ""))
                plain = client.get(url)
                self.assertEqual(plain.status, 200)
                self.assertIsNone(plain.header("Content-Encoding"))
                self.assertEqual(gzip.decompress(zipped.raw_body), plain.raw_body)
                self.assertGreater(len(plain.raw_body), 0)
                refused = client.get(url, headers={"Accept-Encoding": "gzip;q=0"})
                self.assertIsNone(refused.header("Content-Encoding"))
        css = client.get(assets[[a.endswith(".css") for a in assets].index(True)])
        self.assertTrue(css.header("Content-Type").startswith("text/css"))
        self.assertEqual(client.get("/assets/hearth.000000000000.css").status, 404)

    def test_pages_are_gzipped_when_accepted(self):
        client = self.server.client()
        zipped = client.get("/help?region=GB", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(zipped.status, 200)
        self.assertEqual(zipped.header("Content-Encoding"), "gzip")
        self.assertIn("Accept-Encoding", zipped.header("Vary", ""))
        page = gzip.decompress(zipped.raw_body).decode("utf-8")
        self.assertIn("Samaritans", page)
        self.assertLess(len(zipped.raw_body), len(page.encode()) / 2)
        plain = client.get("/help?region=GB")
        self.assertIsNone(plain.header("Content-Encoding"))
        self.assertIn(b"Samaritans", plain.raw_body)
        api = client.get("/api/v1/support-services?region=GB", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(api.json()["region"], "GB")  # decoded according to Content-Encoding

    # -- operations ----------------------------------------------------------------------------

    def test_healthz_and_metrics(self):
        client = self.server.client()
        health = client.get("/healthz")
        self.assertEqual((health.status, health.text), (200, "ok"))
        client.get("/help")
        metrics = client.get("/metrics")
        self.assertEqual(metrics.status, 200)
        self.assertTrue(metrics.header("Content-Type").startswith("text/plain"))
        self.assertIn("# TYPE hearth_http_requests_total counter", metrics.text)
        self.assertRegex(metrics.text, r'hearth_http_requests_total\{[^}]*route="web.help"[^}]*\} \d+')
        self.assertRegex(metrics.text, r'hearth_http_requests_total\{[^}]*status="200"[^}]*\} \d+')

    def test_zz_still_healthy_after_everything(self):
        """Runs last (unittest sorts by name): the abuse above left the server working."""
        self.assert_healthy()
        client = self.server.client()
        login, password, created = api_sign_up(client)
        self.assertEqual(created.status, 201)
        self.assertTrue(api_log_in(client, login, password))
        self.assertEqual(client.get("/").status, 200)


if __name__ == "__main__":
    unittest.main()
