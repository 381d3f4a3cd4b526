"""People, groups and conversations for the privacy tests (the authorization matrix, the
anonymity and the unlinkability tests), made through the real API and pages. `query` and
`execute` (db.py) reach the database, on either engine, for what only it can show.

A Person has every way of calling Hearth a member has: a personal access token for the API
(`call`), a logged-in browser session (`web`, with its CSRF token) and their ids, so tests
can check that no response ever shows them to anyone else.
"""
import random
import re
import secrets
import string
import unittest

from db import execute, query  # noqa: F401 (the tests take them from here)
from groups_fixtures import LIMITS, Member
from hearth_server import HearthServer, extract_csrf, web_log_in


def opening_post_of(person, thread_id):
    """The id of the thread's opening post (the first of the thread's posts)."""
    response = person.call("GET", f"/api/v1/threads/{int(thread_id)}?limit=1")
    assert response.status == 200, response.raw_body[:500]
    opening = response.json()["posts"][0]
    assert opening["depth"] == 0, opening
    return int(opening["id"])


# -- words that occur nowhere else --------------------------------------------------------------


def marker(prefix=""):
    """A word of letters only (it survives HTML and JSON escaping unchanged) that no page
    contains by chance."""
    return prefix + "".join(random.SystemRandom().choice(string.ascii_lowercase) for _ in range(10))


def pseudonym(label):
    """A valid, unique pseudonym: `label` and a made-up capitalised word."""
    return f"{label} {marker().capitalize()}"


# -- people -----------------------------------------------------------------------------------


class Person(Member):
    """An account with a personal access token (`call`), a web session (`web`, `csrf`), its
    account id and login name."""

    def __init__(self, server, prefix="p"):
        super().__init__(server, prefix)
        me = self.call("GET", "/api/v1/me")
        assert me.status == 200, me.raw_body[:500]
        self.account_id = int(me.json()["id"])
        # A personal access token survives "log out everywhere" and password changes.
        response = self.api.json("POST", "/api/v1/tokens", {"name": "tests"}, token=self.token)
        assert response.status == 201, response.raw_body[:500]
        self.token = response.json()["token"]
        self._csrf = None

    @property
    def csrf(self):
        """The CSRF token of the web session (the same on every page of one session)."""
        if self._csrf is None:
            self._csrf = extract_csrf(self.web.get("/").text)
        return self._csrf

    def relogin_web(self):
        self._web = self.server.client()
        response = web_log_in(self._web, self.login, self.password)
        assert response.status == 303, response.raw_body[:500]
        self._csrf = None
        assert self.csrf

    def web_form(self, path, fields):
        """POSTs a form from the logged-in browser with its CSRF token."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        return self.web.post_form(path, [("csrf", self.csrf)] + pairs)

    def membership_in(self, slug):
        response = self.call("GET", f"/api/v1/groups/{slug}")
        assert response.status == 200, response.raw_body[:500]
        return response.json()["viewer"]["membership"]


def article(page, post_id):
    """The inside of one post's <article> on a conversation page."""
    found = re.search(rf'<article id="?post-{post_id}"?>(.*?)</article>', page, re.S)
    assert found, f"post {post_id} is not on the page"
    return found.group(1)


def shows(text, secret):
    """Whether `secret` occurs in `text`; a number only as a whole number (an id inside a
    longer number isn't that id)."""
    secret = str(secret)
    if secret.isdigit():
        return re.search(rf"(?<!\d){secret}(?!\d)", text) is not None
    return secret in text


def idempotency_key():
    return "k-" + secrets.token_hex(12)


# -- conversations, through the pages ------------------------------------------------------------


def start_thread(person, slug, title, body, anonymous=False, content_warning=""):
    """Starts a thread through the web form; returns (thread_id, opening_post_id)."""
    fields = {"title": title, "body": body, "content_warning": content_warning, "idempotency_key": idempotency_key()}
    if anonymous:
        fields["anonymous"] = "1"
    response = person.web_form(f"/g/{slug}/new", fields)
    assert response.status == 303, (response.status, response.text[:1500])
    found = re.search(r"/t/(\d+)", response.location)
    assert found, response.location
    thread_id = int(found.group(1))
    return thread_id, opening_post_of(person, thread_id)


def reply(person, slug, thread_id, body, anonymous=False, parent=None):
    """Replies through the web form; returns the new post's id."""
    fields = {"body": body, "idempotency_key": idempotency_key()}
    if anonymous:
        fields["anonymous"] = "1"
    if parent is not None:
        fields["parent"] = str(parent)
    response = person.web_form(f"/g/{slug}/t/{thread_id}/reply", fields)
    assert response.status == 303, (response.status, response.text[:1500])
    found = re.search(r"#post-(\d+)", response.location)
    assert found, response.location
    return int(found.group(1))


# -- groups ------------------------------------------------------------------------------------


def join_active(person, owner, group, persona_name=None, reuse_persona_id=None):
    """Makes `person` an active member of `group` (a dict as the API returns it) the way its
    privacy allows: joining, asking and being approved by `owner`, or an invite link."""
    slug, privacy = group["slug"], group["privacy"]
    choice = {"reuse_persona_id": str(reuse_persona_id)} if reuse_persona_id else {"persona_name": persona_name or ""}
    if privacy == "hidden":
        response = person.accept(owner.invite(slug)["token"], **choice)
        assert response.status == 200, response.raw_body[:500]
    else:
        answers = ["Because it helps."] * len(group.get("questions") or [])
        response = person.join(slug, answers=answers, **choice)
        assert response.status == 201, response.raw_body[:500]
        if privacy == "private":
            persona = person.membership_in(slug)["persona"]["id"]
            decided = owner.call("POST", f"/api/v1/groups/{slug}/requests/{persona}", {"approve": True})
            assert decided.status == 204, decided.raw_body[:500]
    return person.membership_in(slug)["persona"]


def ask_to_join(person, group, persona_name=None, answer="Because it helps."):
    """A request to join a private group, left waiting; returns the persona {"id", "name"}."""
    answers = [answer] * len(group.get("questions") or [])
    response = person.join(group["slug"], answers=answers, persona_name=persona_name or "")
    assert response.status == 201 and response.json()["status"] == "pending", response.raw_body[:500]
    return person.membership_in(group["slug"])["persona"]


def set_role(owner, slug, persona_id, role):
    response = owner.call("PUT", f"/api/v1/groups/{slug}/members/{persona_id}/role", {"role": role})
    assert response.status == 204, response.raw_body[:500]


def start_server():
    return HearthServer(env=LIMITS).start()


class CommunityTestCase(unittest.TestCase):
    """One hearth for a whole test class: started before the class's `_build()` (its accounts,
    groups and conversations) and stopped after its last test, or at once when `_build` fails."""

    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        try:
            cls._build()
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def _build(cls):
        pass

