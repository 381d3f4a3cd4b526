"""Runs the real `hearth` binary for the integration tests and talks HTTP to it.

Standard library only. The binary comes from $HEARTH_BIN (ctest sets it to the ASan+UBSan
build); when it is unset, the first of build/asan/hearth and build/dev/hearth that exists.

With $HEARTH_TEST_POSTGRES (the URL of a throwaway cluster, scripts/pg-test-cluster), each
data directory gets its own fresh PostgreSQL database instead of hearth.db, given to every
hearth started on that directory (servers, restarts, `run_hearth([... "--data", dir])`)
as HEARTH_DATABASE, and dropped with the directory. Tests that need SQL on a server's
database use db.py, which runs it on whichever engine the server uses.

    server = HearthServer(env={"HEARTH_SESSION_LIFETIME_SECONDS": "2"})
    server.start()
    client = server.client()
    page = client.get("/signup")
    client.post_form("/signup", {"csrf": page.csrf(), "login": "ann", "password": "..."})
    server.stop()   # SIGTERM; asserts exit code 0 and no sanitizer report
"""
import atexit
import gzip
import http.client
import json as jsonlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse

_HERE = os.path.dirname(os.path.abspath(__file__))
_REPO = os.path.dirname(os.path.dirname(_HERE))

_running = set()  # servers to kill if the test process exits without stopping them


@atexit.register
def _kill_leftovers():
    for server in list(_running):
        if server.process.poll() is None:
            server.process.kill()


SANITIZER_MARKERS = ("AddressSanitizer", "LeakSanitizer", "runtime error", "UndefinedBehaviorSanitizer",
                     "ThreadSanitizer")
STARTUP_TIMEOUT = 30.0
LISTENING = re.compile(r"listening on http://(\S+):(\d+)")


def hearth_bin():
    path = os.environ.get("HEARTH_BIN")
    if path:
        return path
    for candidate in ("build/asan/hearth", "build/dev/hearth"):
        full = os.path.join(_REPO, candidate)
        if os.path.exists(full):
            return full
    raise RuntimeError("Set HEARTH_BIN to the hearth binary (or build build/dev/hearth).")


def hermetic_env(extra=None):
    """The process environment without any HEARTH_* setting of the caller, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env.update(extra or {})
    return env


def unique_login(prefix="u"):
    """A valid login name (3–32 of [A-Za-z0-9._-]) no other test uses."""
    return f"{prefix}-{secrets.token_hex(5)}"[:32]


def strong_password():
    return "pw-" + secrets.token_urlsafe(12)


# -- PostgreSQL ------------------------------------------------------------------------------

_POSTGRES = os.environ.get("HEARTH_TEST_POSTGRES", "")
_DATABASE_MARKER = "postgres-database"  # in a data directory: the name of its database


def on_postgres():
    return bool(_POSTGRES)


def _psql(sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", _POSTGRES, "-c", sql], check=True,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)


def _with_database(url, name):
    """postgresql://host/old?options → postgresql://host/NAME?options"""
    scheme, rest = url.split("://", 1)
    authority = re.match(r"[^/?#]*", rest).group(0)
    options = rest[len(authority):]
    options = options[options.find("?"):] if "?" in options else ""
    return f"{scheme}://{authority}/{name}{options}"


def database_env(data_dir):
    """{"HEARTH_DATABASE": url} of the data directory's own database (created on first use)
    when the tests run on PostgreSQL; {} on SQLite."""
    if not _POSTGRES:
        return {}
    marker = os.path.join(data_dir, _DATABASE_MARKER)
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as f:
            name = f.read().strip()
    else:
        name = "hearth_it_" + secrets.token_hex(6)
        try:  # a copy of the migrated template when the cluster has one
            _psql(f"CREATE DATABASE {name} TEMPLATE hearth_template")
        except subprocess.CalledProcessError:
            _psql(f"CREATE DATABASE {name}")
        os.makedirs(data_dir, exist_ok=True)
        with open(marker, "w", encoding="utf-8") as f:
            f.write(name)
    return {"HEARTH_DATABASE": _with_database(_POSTGRES, name)}


def drop_database(data_dir):
    marker = os.path.join(data_dir, _DATABASE_MARKER)
    if not _POSTGRES or not os.path.exists(marker):
        return
    with open(marker, encoding="utf-8") as f:
        name = f.read().strip()
    try:
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except subprocess.CalledProcessError:
        pass  # the cluster is thrown away after the run anyway


def run_hearth(args, env=None, timeout=60, cwd=None):
    """Runs `hearth ARGS` to completion; returns the CompletedProcess (text, merged output)."""
    args = list(args)
    if "--data" in args and args.index("--data") + 1 < len(args):
        env = {**database_env(args[args.index("--data") + 1]), **(env or {})}
    return subprocess.run([hearth_bin(), *args], env=hermetic_env(env), cwd=cwd or tempfile.gettempdir(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                          timeout=timeout)


def assert_no_sanitizer_report(output):
    for marker in SANITIZER_MARKERS:
        if marker in output:
            raise AssertionError(f"sanitizer report ({marker!r}) in hearth's output:\n{output}")


class HearthServer:
    """One `hearth serve` process on a free port with its own data directory."""

    def __init__(self, env=None, args=(), data_dir=None):
        self.extra_env = dict(env or {})
        self.extra_args = list(args)
        self.own_data_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="hearth-it-")
        self.process = None
        self.host = None
        self.port = None
        self._lines = []
        self._lock = threading.Lock()
        self._listening = threading.Event()
        self._drainer = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self):
        command = [hearth_bin(), "serve", "--listen", "127.0.0.1:0", "--data", self.data_dir, *self.extra_args]
        # cwd is the data directory so that no ./hearth.toml of the caller is picked up.
        env = {**database_env(self.data_dir), **self.extra_env}
        self.process = subprocess.Popen(command, env=hermetic_env(env), cwd=self.data_dir,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        _running.add(self)
        self._drainer = threading.Thread(target=self._drain, name="hearth-output", daemon=True)
        self._drainer.start()
        if not self._listening.wait(STARTUP_TIMEOUT) or self.port is None:
            try:
                exited = self.process.wait(1)  # output ended: it is exiting, or has
            except subprocess.TimeoutExpired:
                exited = None
            if exited is None:
                self.process.kill()
                self.process.wait(10)
            self._drainer.join(5)
            output = self.output()
            if self.own_data_dir:
                self.remove_data()
            why = f"exited with code {exited}" if exited is not None else f"no word in {STARTUP_TIMEOUT:.0f} s"
            print(f"hearth serve did not report listening ({why}); output:\n{output}")
            raise AssertionError(f"hearth serve did not start ({why}); output:\n{output}")
        return self

    def _drain(self):
        # Reads until EOF, so the pipe never fills however much the server logs.
        for raw in iter(self.process.stdout.readline, b""):
            line = raw.decode("utf-8", "replace")
            with self._lock:
                self._lines.append(line)
            if self.port is None:
                found = LISTENING.search(line)
                if found:
                    self.host = found.group(1).strip("[]")
                    self.port = int(found.group(2))
                    self._listening.set()
        self.process.stdout.close()
        self._listening.set()  # the process ended: wake start() if it is still waiting

    def output(self):
        with self._lock:
            return "".join(self._lines)

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout=30, cleanup=None):
        """SIGTERM; asserts a clean exit (code 0, no sanitizer report). Returns the output."""
        if self.process is None:
            return ""
        _running.discard(self)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError(f"hearth did not exit within {timeout} s of SIGTERM; output:\n{self.output()}")
        finally:
            self._drainer.join(10)
            if cleanup is None:
                cleanup = self.own_data_dir
            if cleanup:
                self.remove_data()
        output = self.output()
        if code != 0:
            raise AssertionError(f"hearth exited with {code} after SIGTERM; output:\n{output}")
        assert_no_sanitizer_report(output)
        return output

    def kill(self):
        """SIGKILL, as a crash would; keeps the data directory. Returns the output."""
        _running.discard(self)
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)
        if self._drainer is not None:
            self._drainer.join(10)
        return self.output()

    def remove_data(self):
        drop_database(self.data_dir)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    # -- talking to it ---------------------------------------------------------------------

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    def client(self, **kwargs):
        return Client(self.host, self.port, **kwargs)

    def connect(self, timeout=10):
        """A raw TCP socket to the server."""
        return socket.create_connection((self.host, self.port), timeout=timeout)


class Response:
    def __init__(self, status, reason, headers, raw_body):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value) in order
        self.raw_body = raw_body  # as sent on the wire

    def header(self, name, default=None):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    def header_all(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def body(self):
        """The body, decompressed when it was sent gzip-encoded."""
        if (self.header("Content-Encoding") or "").lower() == "gzip":
            return gzip.decompress(self.raw_body)
        return self.raw_body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return jsonlib.loads(self.body.decode("utf-8"))

    def csrf(self):
        return extract_csrf(self.text)

    @property
    def location(self):
        return self.header("Location")

    def set_cookie(self, name):
        """The Set-Cookie value for cookie `name`, or None."""
        for value in self.header_all("Set-Cookie"):
            if value.split("=", 1)[0].strip() == name:
                return value
        return None

    def __repr__(self):
        return f"<Response {self.status} {self.reason}>"


def extract_csrf(html):
    found = re.search(r'<input type="hidden" name="csrf" value="([^"]*)">', html)
    if not found:
        raise AssertionError("no csrf input on the page:\n" + html[:2000])
    return found.group(1)


def extract_recovery_codes(html):
    return re.findall(r'<code class="recovery-code">([^<]*)</code>', html)


def cookie_attributes(set_cookie):
    """{'name': ..., 'value': ..., 'httponly': True, 'samesite': 'Lax', 'max-age': '0', ...}"""
    parts = [p.strip() for p in set_cookie.split(";")]
    name, _, value = parts[0].partition("=")
    attrs = {"name": name, "value": value}
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        attrs[key.strip().lower()] = val.strip() if eq else True
    return attrs


class Client:
    """An HTTP client with a cookie jar that never follows redirects.

    Each request uses a new connection unless keep_alive=True."""

    def __init__(self, host, port, timeout=30, keep_alive=False, store_cookies=True):
        self.host = host
        self.store_cookies = store_cookies
        self.port = port
        self.timeout = timeout
        self.keep_alive = keep_alive
        self.cookies = {}
        self.default_headers = {}
        self._connection = None

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self):
        if self.keep_alive:
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            return self._connection
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def request(self, method, path, body=None, headers=None):
        all_headers = dict(self.default_headers)
        all_headers.update(headers or {})
        if self.cookies and not any(k.lower() == "cookie" for k in all_headers):
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, str):
            body = body.encode("utf-8")
        connection = self._connect()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            reply = connection.getresponse()
            if (reply.getheader("Content-Type") or "").startswith("text/event-stream"):
                raw = reply.read1(65536)  # an event stream never ends: its first bytes will do
            else:
                raw = reply.read()
        finally:
            if not self.keep_alive:
                connection.close()
        response = Response(reply.status, reply.reason, reply.getheaders(), raw)
        self._remember_cookies(response)
        return response

    def _remember_cookies(self, response):
        if not self.store_cookies:
            return
        for value in response.header_all("Set-Cookie"):
            attrs = cookie_attributes(value)
            if attrs.get("max-age") == "0" or attrs["value"] == "":
                self.cookies.pop(attrs["name"], None)
            else:
                self.cookies[attrs["name"]] = attrs["value"]

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def head(self, path, headers=None):
        return self.request("HEAD", path, headers=headers)

    def post_form(self, path, fields, headers=None):
        """POSTs fields (a dict or a list of pairs) as application/x-www-form-urlencoded."""
        all_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        all_headers.update(headers or {})
        body = fields if isinstance(fields, (bytes, str)) else urllib.parse.urlencode(fields)
        return self.request("POST", path, body=body, headers=all_headers)

    def submit(self, page_path, action, fields, headers=None):
        """Loads page_path, takes its csrf token and POSTs fields to action, like a browser."""
        page = self.get(page_path)
        if page.status != 200:
            raise AssertionError(f"GET {page_path} answered {page.status}")
        return self.post_form(action, {"csrf": page.csrf(), **fields}, headers=headers)

    def json(self, method, path, payload=None, headers=None, token=None):
        """Sends payload as JSON (when given), with a bearer token (when given)."""
        all_headers = {"Accept": "application/json"}
        body = None
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
            body = payload if isinstance(payload, (bytes, str)) else jsonlib.dumps(payload)
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers or {})
        return self.request(method, path, body=body, headers=all_headers)


# -- common flows ------------------------------------------------------------------------------

def api_sign_up(client, login=None, password=None, **extra):
    login = login or unique_login()
    password = password or strong_password()
    response = client.json("POST", "/api/v1/accounts", {"login": login, "password": password, **extra})
    return login, password, response


def api_log_in(client, login, password):
    """Logs in through the API; returns the session token (asserting 201)."""
    response = client.json("POST", "/api/v1/sessions", {"login": login, "password": password})
    if response.status != 201:
        raise AssertionError(f"log in as {login} answered {response.status}: {response.raw_body[:500]!r}")
    return response.json()["token"]


def web_sign_up(client, login=None, password=None, recovery_email=""):
    """Signs up through /signup like a browser; returns (login, password, response)."""
    login = login or unique_login()
    password = password or strong_password()
    response = client.submit("/signup", "/signup",
                             {"login": login, "password": password, "recovery_email": recovery_email})
    return login, password, response


def web_log_in(client, login, password, next_path=None):
    fields = {"login": login, "password": password}
    if next_path is not None:
        fields["next"] = next_path
    return client.submit("/login", "/login", fields)


def raw_exchange(server, data, timeout=10, half_close=False):
    """Sends raw bytes on a new connection and returns everything read until the server
    closes it (or the timeout passes)."""
    sock = server.connect(timeout=timeout)
    try:
        try:
            sock.sendall(data)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        sock.close()


def status_of(raw_response):
    """The status code of the first response in raw bytes, or None."""
    found = re.match(rb"HTTP/1\.[01] (\d{3})", raw_response)
    return int(found.group(1)) if found else None
