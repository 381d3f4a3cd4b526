"""Shared set-up for the group tests (test_groups_api.py, test_groups_web.py): members with a
bearer token and a logged-in browser, groups made through the API, bans through the
moderators' API, and the one state no action makes (a pending member of a hidden group),
set in the database (db.py, either engine)."""
import re
import secrets
import urllib.parse

from db import execute
from hearth_server import HearthServer, api_log_in, strong_password, unique_login, web_log_in

LIMITS = {
    "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "100000",
    "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "100000",
}


def start_server():
    return HearthServer(env=LIMITS).start()


class Member:
    """An account with a bearer token (`api`, no cookies) and a logged-in browser (`web`)."""

    def __init__(self, server, prefix="m"):
        self.server = server
        self.login = unique_login(prefix)
        self.password = strong_password()
        self.api = server.client(store_cookies=False)
        response = self.api.json("POST", "/api/v1/accounts", {"login": self.login, "password": self.password})
        assert response.status == 201, response.raw_body[:500]
        self.token = api_log_in(self.api, self.login, self.password)
        self._web = None

    @property
    def web(self):
        if self._web is None:
            self._web = self.server.client()
            response = web_log_in(self._web, self.login, self.password)
            assert response.status == 303, response.raw_body[:500]
        return self._web

    def call(self, method, path, payload=None):
        return self.api.json(method, path, payload, token=self.token)

    def create_group(self, name=None, privacy="public", **fields):
        body = {"name": name or f"Group {secrets.token_hex(4)}", "description": "A place to talk.", "privacy": privacy}
        body.update(fields)
        response = self.call("POST", "/api/v1/groups", body)
        assert response.status == 201, response.raw_body[:800]
        return response.json()

    def join(self, slug, **fields):
        body = {"accept_rules": True}
        body.update(fields)
        return self.call("POST", f"/api/v1/groups/{slug}/join", body)

    def persona_in(self, slug):
        """This member's persona {"id", "name"} in the group."""
        response = self.call("GET", f"/api/v1/groups/{slug}")
        assert response.status == 200, response.raw_body[:500]
        return response.json()["viewer"]["membership"]["persona"]

    def invite(self, slug, **fields):
        response = self.call("POST", f"/api/v1/groups/{slug}/invites", fields)
        assert response.status == 201, response.raw_body[:500]
        return response.json()

    def accept(self, token, **fields):
        body = {"accept_rules": True}
        body.update(fields)
        return self.call("POST", f"/api/v1/invites/{token}/accept", body)


def ban(moderator, slug, persona_id):
    """The group's moderator (or owner) bans the persona through the API."""
    response = moderator.call("POST", f"/api/v1/groups/{slug}/members/{persona_id}/moderation",
                              {"action": "ban", "reason": "Repeated unkindness."})
    assert response.status == 204, response.raw_body[:500]


def set_pending(server, slug, persona_id):
    """Makes an active membership wait for approval again. Only a private group's join
    requests wait through the product; a hidden group (invites only) has none, so the tests
    of how a hidden group looks to someone waiting set the state in the database."""
    execute(server, "UPDATE memberships SET status = 'pending' WHERE persona_id = ?"
            " AND group_id = (SELECT id FROM support_groups WHERE slug = ?)", (int(persona_id), slug))


def csrf_of(html):
    found = re.search(r'<input type="hidden" name="csrf" value="([^"]*)">', html)
    assert found, html[:2000]
    return found.group(1)


def form_post(client, page_path, action, fields):
    """Loads page_path for its CSRF token and POSTs fields (a list of pairs or a dict)."""
    page = client.get(page_path)
    assert page.status == 200, (page_path, page.status, page.text[:1500])
    pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
    return client.post_form(action, [("csrf", csrf_of(page.text))] + pairs)


def without_path(body, path):
    """A 404 body with the echoed path taken out, to compare two 404 pages."""
    return body.replace(path, "").replace(urllib.parse.quote(path), "")
