"""The authorization matrix: every route `hearth routes` lists × every group privacy level ×
every kind of viewer, checked against authorization_expectations.py, with zero leaks.

For each case the test fills the route's path from the fixture community (matrix_fixture.py),
sends a realistic request (forms with their CSRF token and a fresh idempotency key; JSON with
a bearer token, or for some viewers the session cookie and X-CSRF-Token) and checks:
- the outcome class the expectations give (allowed, login, forbidden, unreadable, not_found,
  already, conflict, absent);
- for `not_found`, and for `unreadable` when the address names a thread, post, persona,
  invite or service: the response is the one a random slug / random id gets, byte for byte
  apart from the echoed address;
- a refused write changed nothing (memberships, settings, threads, posts, reactions …); the
  state an allowed write changed is put back before the next case;
- zero leaks, in every response: no other account's id or login name; nothing of a group's
  content for a viewer who may not read it; nothing of a hidden group (name, slug,
  description, rules) for a viewer it doesn't exist for.

Reads run in parallel; writes one at a time; writes that end sessions last.
"""
import concurrent.futures
import re
import tempfile
import time
import unittest
import urllib.parse

import authorization_expectations as spec
from community_fixture import idempotency_key, marker, pseudonym, shows, start_server
from db import execute
from hearth_server import api_log_in, extract_csrf, run_hearth, strong_password, unique_login, web_log_in
from matrix_fixture import Community, differences, random_id, random_slug, restore, snapshot

PARAM = re.compile(r"\{(\w+)\}")
READ_WORKERS = 6

# Writes that end sessions: each gets a session of its own, or runs after everything else.
OWN_SESSION = {"web.logout", "api.sessions.delete_current"}
ENDS_OTHER_SESSIONS = ("web.settings.password", "web.settings.logout_everywhere", "api.me.password",
                       "api.sessions.delete_all")

# These viewers call the API with their browser's session cookie and the X-CSRF-Token header;
# everyone else with a bearer token. Both ways must give the same answers.
COOKIE_API_VIEWERS = ("pending", "member", "admin", "banned")

# Query strings some routes need to be a realistic request.
QUERIES = {
    # Every fixture group's name ends in "circle": the leak checks see which are listed.
    "web.groups": lambda c: {"q": "circle"},
    "api.groups.list": lambda c: {"q": "circle"},
    "api.personas.get": lambda c: {"group": c.slug},
    # Every fixture thread's title has "cope" in it: the leak checks see whose come back.
    "web.search": lambda c: {"q": "cope"},
    "api.search": lambda c: {"q": "cope"},
}


def route_table():
    """[(method, pattern, name)] from `hearth routes`."""
    with tempfile.TemporaryDirectory(prefix="hearth-routes-") as data:
        done = run_hearth(["routes", "--data", data])
    assert done.returncode == 0, done.stdout
    rows = []
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rows.append(tuple(parts))
    assert len(rows) > 20, done.stdout
    return rows


class Case:
    def __init__(self, method, pattern, name, privacy, viewer, community):
        self.method, self.pattern, self.name = method, pattern, name
        self.privacy, self.viewer = privacy, viewer
        self.community = community
        self.group = community.groups[privacy] if privacy else None
        self.person = community.person(viewer)
        self.expected = spec.expected(name, privacy, viewer)
        self.api = pattern.startswith("/api/")

    @property
    def slug(self):
        return self.group.slug if self.group else None

    @property
    def writes(self):
        return self.method != "GET"

    def __str__(self):
        return f"{self.method} {self.pattern} [{self.name}] {self.privacy or 'any'} × {self.viewer}"


# -- filling the path -----------------------------------------------------------------------------


def param_value(case, param, before):
    """The fixture's value for {param}, given the path segment before it."""
    c, g = case.community, case.group
    person = case.person
    if param == "slug":
        return g.slug
    if param == "token":
        return g.invite_token
    if param == "kind":
        return "support"
    if param == "persona_id":
        if before == "requests":
            return (g.personas.get("applicant") or g.personas["target"])["id"]
        if before == "members":
            return g.personas["target"]["id"]
        if before == "p":
            return g.personas["member"]["id"]
    # Private messages (docs/messages.md): the member's conversation with the target.
    if param == "message_id" or (param == "id" and before == "messages"):
        if "moderation" in case.name:  # a message the target reported; acting on it uses it up
            acts = case.name.endswith(".act") and case.viewer in ("moderator", "admin", "owner")
            return str(c.fresh_reported_message(g) if acts else g.reported_message_id)
        if param == "id":
            return str(g.conversation_id)
        return str(g.member_message_id if ".delete" in case.name else g.target_message_id)
    if param in ("id", "thread_id", "post_id"):
        if before in ("t", "threads") or param == "thread_id":
            return str(g.thread_id)
        if before == "posts" or param == "post_id":
            if ".notes." in case.name:  # one note per author and post: a fresh post each time
                return str(c.fresh_member_post(g))
            if ".delete" in case.name:
                return str(c.fresh_member_post(g))
            if "react" in case.name:
                return str(g.opening_post_id)
            return str(g.reply_post_id)
        if before == "personas":
            return g.personas["member"]["id"]
        if before == "tokens":
            return str(c.fresh_token_id(person)) if person else random_id()
        if before == "invites":
            return str(c.fresh_invite_id(g))
        if before == "services":
            return str(c.fresh_service_id(g))
        if before in ("words", "watched-words", "mute-words"):
            return random_id()  # removing an entry that is gone is fine: the same answer
        if before == "notes":  # removing uses a note up; rating works on the fixture's note
            return str(c.fresh_note_id(g) if "remove" in case.name or "delete" in case.name else g.note_id)
    raise AssertionError(f"{case}: the matrix doesn't know how to fill {{{param}}} after /{before}/ — teach "
                         "param_value() in test_authorization_matrix.py")


def fill(case):
    """{param: value} for the route's path."""
    values = {}
    segments = case.pattern.split("/")
    for i, segment in enumerate(segments):
        found = PARAM.fullmatch(segment)
        if found:
            values[found.group(1)] = str(param_value(case, found.group(1), segments[i - 1]))
    return values


def twin_values(case, values):
    """The same request about things that don't exist: random ids, and a random slug when the
    group doesn't exist for the viewer either."""
    twin = {}
    for param, value in values.items():
        if param == "slug":
            twin[param] = value if spec.sees_group(case.privacy, case.viewer) else random_slug(case.privacy)
        elif param == "kind":
            twin[param] = value
        elif param == "token":
            twin[param] = marker() + marker()
        else:
            twin[param] = random_id()
    return twin


def build_path(case, values):
    path = case.pattern
    for param, value in values.items():
        path = path.replace("{" + param + "}", urllib.parse.quote(value, safe=""))
    query = QUERIES.get(case.name)
    if query:
        fields = query(case)
        if "slug" in values:
            fields = {k: (values["slug"] if v == case.slug else v) for k, v in fields.items()}
        path += "?" + urllib.parse.urlencode(fields)
    return path


# -- request bodies ------------------------------------------------------------------------------


def group_settings_form(case):
    g = case.group
    return [("name", g.name), ("description", g.description), ("about", g.about), ("privacy", g.privacy),
            ("region", ""), ("languages", "en"), ("topics", ""), ("rules", "\n".join(g.rules)),
            ("questions", "\n".join(g.questions)), ("anonymous_posting", "1")]


def join_form(case):
    fields = [("accept_rules", "1"), ("persona_mode", "new"), ("persona_name", "")]
    if case.group:
        fields += [(f"answer_{i + 1}", "Because it helps.") for i in range(len(case.group.questions))]
    return fields


def login_of(case):
    """The viewer's own login name and password; a guest logs in as the spare account."""
    person = case.person or case.community.spare
    return person.login, person.password


def recovery(case):
    """One unused recovery code of a spare account, and a new password."""
    login, code = case.community.next_recovery_code()
    return {"login": login, "code": code, "new_password": strong_password()}


FORMS = {
    "web.signup.submit": lambda c: [("login", unique_login("sgn")), ("password", strong_password())],
    "web.login.submit": lambda c: [("login", login_of(c)[0]), ("password", login_of(c)[1])],
    "web.recover.submit": lambda c: list(recovery(c).items()),
    "web.settings.preferences": lambda c: [("time_zone", ""), ("region", ""), ("language", "en")],
    "web.settings.password": lambda c: [("current_password", login_of(c)[1]), ("new_password", login_of(c)[1])],
    "web.settings.tokens": lambda c: [("name", "matrix")],
    "web.groups.create": lambda c: [("name", f"Started {marker()}"), ("description", "A new place."),
                                    ("privacy", "public"), ("languages", "en"), ("persona_mode", "new"),
                                    ("persona_name", "")],
    "web.me.persona.save": lambda c: [("persona_name", (c.community.lobby_personas.get(c.viewer) or {}).get(
        "name", "Nobody Here")), ("about", ""), ("about_audience", "only_me")],
    "web.group.join.submit": join_form,
    "web.invite.accept": join_form,
    "web.group.manage.settings": group_settings_form,
    "web.group.manage.requests.persona_id": lambda c: [("decision", "approve")],
    "web.group.manage.invites": lambda c: [("expires_in_days", ""), ("max_uses", "")],
    "web.group.manage.members.persona_id.role": lambda c: [("role", "moderator")],
    "web.group.manage.members.persona_id.volunteer": lambda c: [("volunteer", "1")],
    "web.group.manage.services": lambda c: [("service_name", f"Line {marker()}"), ("service_phone", "0800 111 222")],
    "web.thread.new.submit": lambda c: [("title", f"Matrix thread {c.group.content_marker}"),
                                        ("body", f"Matrix words {c.group.content_marker}.")],
    "web.thread.reply": lambda c: [("body", f"Matrix reply {c.group.content_marker}.")],
    "web.thread.react": lambda c: [("r", f"{c.group.opening_post_id}.support.1")],
    "web.post.react": lambda c: [("kind", "support"), ("on", "1")],
    "web.thread.follow": lambda c: [("follow", "1")],
    "web.thread.pin": lambda c: [("pinned", "1")],
    "web.thread.lock": lambda c: [("locked", "1")],
    "web.post.edit.submit": lambda c: [("body", c.group.reply_body)],
    "web.post.report.submit": lambda c: [("reason", "spam"), ("note", "")],
    "web.persona.report.submit": lambda c: [("reason", "hurtful"), ("note", "")],
    # Moderation actions: a private note changes nobody's standing for the cases that follow.
    "web.moderation.post.act": lambda c: [("action", "note"), ("reason", "Matrix note."), ("mute_hours", "24")],
    "web.moderation.member.act": lambda c: [("action", "note"), ("reason", "Matrix note."), ("mute_hours", "24")],
    "web.group.manage.moderation": lambda c: [("hold_first_posts", "0"), ("slow_mode_seconds", "0")],
    "web.admin.escalation.resolve": lambda c: [("resolution", "Matrix.")],
    "web.admin.unmask.submit": lambda c: [("reason", "A reason long enough to be accepted.")],
    "web.group.words.add": lambda c: [("phrase", f"matrix {marker()}"), ("action", "flag"), ("message", "")],
    "web.group.words.strict": lambda c: [("strict", "0")],
    "web.admin.words.add": lambda c: [("phrase", f"matrix {marker()}"), ("action", "flag"), ("message", "")],
    "web.settings.mute_words.add": lambda c: [("phrase", f"matrix {marker()}")],
    "web.post.notes.add": lambda c: [("body", "Matrix context, with a source."), ("sources", "https://example.org/m")],
    "web.post.needs_context": lambda c: [("needs_context", "1")],
    "web.note.rate": lambda c: [("helpful", "1")],
    "web.note.remove": lambda c: [("reason", "Matrix.")],
    "web.me.persona.badge": lambda c: [("show", "1")],
    "web.admin.verifications.add": lambda c: [("login", c.community.spare.login), ("kind", "peer_volunteer"),
                                              ("profession", ""), ("jurisdiction", "Matrixland")],
    "web.admin.verifications.revoke": lambda c: [("login", c.community.spare.login)],
    "web.thread.mute": lambda c: [("mute", "1")],
    "web.group.mute": lambda c: [("mute", "1")],
    "web.settings.blocked.unblock": lambda c: [("persona", random_id())],
    "web.settings.muted.unmute": lambda c: [("thread", random_id())],
    "web.me.persona.messages": lambda c: [("allow", "members")],
    "web.messages.conversation.send": lambda c: [("body", f"Matrix message {c.group.content_marker}.")],
    "web.persona.message.send": lambda c: [("body", f"Matrix message {c.group.content_marker}.")],
    "web.messages.message.report.submit": lambda c: [("reason", "spam"), ("note", "")],
    "web.moderation.message.act": lambda c: [("action", "dismiss"), ("reason", "")],
}

JSON_BODIES = {
    "api.accounts.create": lambda c: {"login": unique_login("sgn"), "password": strong_password()},
    "api.recovery": recovery,
    "api.sessions.create": lambda c: {"login": login_of(c)[0], "password": login_of(c)[1]},
    "api.me.update": lambda c: {"language": "en"},
    "api.me.password": lambda c: {"current_password": login_of(c)[1], "new_password": login_of(c)[1]},
    "api.tokens.create": lambda c: {"name": "matrix"},
    "api.groups.create": lambda c: {"name": f"Started {marker()}", "description": "A new place."},
    "api.me.personas.update": lambda c: {"fields": {"pronouns": {"value": "", "audience": "only_me"}}},
    "api.groups.update": lambda c: {"description": c.group.description},
    "api.groups.services.add": lambda c: {"name": f"Line {marker()}", "phone": "0800 111 222"},
    "api.groups.join": lambda c: {"accept_rules": True, "answers": ["Because it helps."] * len(c.group.questions)},
    "api.groups.requests.decide": lambda c: {"approve": True},
    "api.groups.invites.create": lambda c: {},
    "api.invites.accept": lambda c: {"accept_rules": True},
    "api.groups.members.role": lambda c: {"role": "moderator"},
    "api.groups.members.volunteer": lambda c: {"trained_volunteer": True},
    "api.threads.create": lambda c: {"title": f"Matrix thread {c.group.content_marker}",
                                     "body": f"Matrix words {c.group.content_marker}.",
                                     "idempotency_key": idempotency_key()},
    "api.threads.reply": lambda c: {"body": f"Matrix reply {c.group.content_marker}.",
                                    "idempotency_key": idempotency_key()},
    "api.threads.update": lambda c: {"pinned": True},
    "api.posts.update": lambda c: {"body": c.group.reply_body},
    "api.posts.report": lambda c: {"reason": "spam"},
    "api.groups.members.report": lambda c: {"reason": "hurtful"},
    "api.posts.moderate": lambda c: {"action": "note", "reason": "Matrix note."},
    "api.groups.members.moderate": lambda c: {"action": "note", "reason": "Matrix note."},
    "api.groups.moderation.settings.update": lambda c: {"hold_first_posts": 0, "slow_mode_seconds": 0},
    "api.admin.escalations.resolve": lambda c: {"resolution": "Matrix."},
    "api.admin.unmask": lambda c: {"reason": "A reason long enough to be accepted."},
    "api.groups.watched_words.add": lambda c: {"phrase": f"matrix {marker()}", "action": "flag"},
    "api.groups.filter_settings.update": lambda c: {"strict_third_party": False},
    "api.admin.watched_words.add": lambda c: {"phrase": f"matrix {marker()}", "action": "flag"},
    "api.me.mute_words.add": lambda c: {"phrase": f"matrix {marker()}"},
    "api.posts.notes.create": lambda c: {"body": "Matrix context, with a source.", "sources": ["https://example.org/m"]},
    "api.notes.rate": lambda c: {"helpful": True},
    "api.admin.verifications.create": lambda c: {"login": c.community.spare.login, "kind": "peer_volunteer",
                                                 "jurisdiction": "Matrixland"},
    "api.admin.verifications.revoke": lambda c: {"login": c.community.spare.login},
    "api.conversations.messages.send": lambda c: {"body": "Matrix message.", "idempotency_key": idempotency_key()},
    "api.personas.messages.send": lambda c: {"group": c.community.lobby["slug"], "body": "Matrix message.",
                                             "idempotency_key": idempotency_key()},
    "api.messages.report": lambda c: {"reason": "spam"},
    "api.me.personas.message_setting.save": lambda c: {"allow": "members"},
    "api.groups.moderation.message.act": lambda c: {"action": "dismiss"},
}


class Sender:
    """Sends a case's request as its viewer, without changing the viewer's own cookies."""

    def __init__(self, server, community):
        self.server = server
        self.community = community
        self.api_csrf_tokens = {}  # session cookie -> X-CSRF-Token
        guest = server.client()
        page = guest.get("/login")
        self.guest_cookies = dict(guest.cookies)
        self.guest_csrf = extract_csrf(page.text)

    def client(self, case, session=None):
        client = self.server.client(store_cookies=False)
        if session is not None:
            client.cookies = dict(session.cookies)
        elif case.person is not None:
            client.cookies = dict(case.person.web.cookies)
        else:
            client.cookies = dict(self.guest_cookies)
        return client

    def send(self, case, path, fields=None, payload=None):
        if case.api:
            return self._send_api(case, path, payload)
        return self._send_web(case, path, fields)

    def _send_web(self, case, path, fields):
        session = None
        if case.name in OWN_SESSION and case.person is not None:
            session = self.server.client()
            assert web_log_in(session, case.person.login, case.person.password).status == 303
        client = self.client(case, session)
        if case.method == "GET":
            return client.get(path)
        if session is not None:
            csrf = extract_csrf(session.get("/").text)
        else:
            csrf = case.person.csrf if case.person is not None else self.guest_csrf
        form = [("csrf", csrf), ("idempotency_key", idempotency_key())] + list(fields or [])
        return client.post_form(path, form)

    def _send_api(self, case, path, payload):
        client = self.server.client(store_cookies=False)
        token, headers = None, {}
        person = case.person
        if person is not None:
            token = person.token
            if case.name in OWN_SESSION:
                token = api_log_in(client, person.login, person.password)
            elif case.viewer in COOKIE_API_VIEWERS and case.name not in ENDS_OTHER_SESSIONS:
                token = None
                client.cookies = dict(person.web.cookies)
                headers["X-CSRF-Token"] = self.api_csrf(person)
        if case.method == "GET":
            return client.json("GET", path, token=token, headers=headers)
        return client.json(case.method, path, payload if payload is not None else {}, token=token, headers=headers)

    def api_csrf(self, person):
        """The X-CSRF-Token for the person's browser session, as GET /api/v1/me gives it."""
        session = person.web.cookies.get("hearth_session")
        if session not in self.api_csrf_tokens:
            client = self.server.client(store_cookies=False)
            client.cookies = dict(person.web.cookies)
            me = client.json("GET", "/api/v1/me")
            assert me.status == 200, me.raw_body[:300]
            self.api_csrf_tokens[session] = me.json()["csrf_token"]
        return self.api_csrf_tokens[session]


# -- judging a response ----------------------------------------------------------------------------


def is_login_redirect(response):
    """Sent to log in first (with the page to come back to), not e.g. back to the log-in page
    after logging out everywhere."""
    location = urllib.parse.urlsplit(response.location or "")
    return response.status in (302, 303) and location.path == "/login" and "next" in urllib.parse.parse_qs(
        location.query)


def outcome_problem(case, response):
    """None when the response has the expected outcome class, else what is wrong."""
    status, guest = response.status, case.viewer == "guest"
    to_login = is_login_redirect(response) or (case.api and status == 401)
    redirect = 300 <= status < 400
    expected = case.expected
    if expected == "allowed":
        ok = 200 <= status < 400 and not to_login
    elif expected == "login":
        ok = guest and to_login
    elif expected == "forbidden":
        ok = status == 403 or (guest and to_login)
    elif expected == "unreadable":
        ok = status in (403, 404) or (guest and to_login)
    elif expected == "not_found":
        ok = status == 404 or (guest and to_login)
    elif expected == "already":
        ok = status == 409 or (200 <= status < 400 and not to_login)
    elif expected == "conflict":
        ok = status == 409 or (not case.api and redirect and not to_login)
    elif expected == "absent":
        ok = status == 404 or (not case.api and redirect and not to_login)
    else:
        raise AssertionError(expected)
    if ok:
        return None
    where = f" → {response.location}" if redirect else ""
    return f"expected {expected}, got {status}{where}: {short(response)}"


def short(response):
    text = response.body.decode("utf-8", "replace")
    if "<main" in text:
        text = text[text.find("<main"):]
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:160]


def normalized(response, values):
    """Status, type, location and body with the typed path values replaced by their names."""
    def mask(text):
        for param, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
            for form in {value, urllib.parse.quote(value, safe=""), urllib.parse.quote(value)}:
                text = text.replace(form, "{" + param + "}")
        return text
    body = response.body.decode("utf-8", "replace")
    header_names = sorted({name.lower() for name, _ in response.headers} - {"date", "content-length"})
    return (response.status, response.header("Content-Type"), header_names, mask(response.location or ""), mask(body))


def leak_problems(case, response, values):
    """Every secret in the response this viewer may not see."""
    c = case.community
    typed = set(values.values())
    text = response.body.decode("utf-8", "replace") + "\n" + (response.location or "")
    for value in typed:
        text = text.replace(value, "{typed}")
    problems = []
    for name, person in c.everyone():
        if person is case.person:
            continue
        for secret in (str(person.account_id), person.login):
            if shows(text, secret):
                problems.append(f"LEAK: {name}'s {'account id' if secret.isdigit() else 'login name'}")
    for privacy, g in c.groups.items():
        if g.invite_token in text:
            problems.append(f"LEAK: the {privacy} group's invite token (shown only to its maker, once)")
        if g.answer_marker in text and case.viewer not in ("moderator", "admin", "owner"):
            problems.append(f"LEAK: an applicant's answers to the {privacy} group's questions")
        if not spec.reads_content(privacy, case.viewer):
            for secret in g.content_secrets(case.viewer):
                if secret and secret != "None" and shows(text, secret):
                    problems.append(f"LEAK: {privacy} group content ({secret!r}) to a viewer who may not read it")
        link_holder = case.group is g and spec.ROUTES[case.name] in spec.REVEALS_GROUP_TO_LINK_HOLDERS
        if not spec.sees_group(privacy, case.viewer) and not link_holder:
            for secret in g.identity_secrets():
                if shows(text, secret):
                    problems.append(f"LEAK: the hidden group ({secret!r}) to a viewer it doesn't exist for")
    return problems


# -- the test -----------------------------------------------------------------------------------------

def setUpModule():
    global SERVER, COMMUNITY, ROUTES, SENDER
    ROUTES = route_table()
    SERVER = start_server()
    try:
        COMMUNITY = Community(SERVER)
        SENDER = Sender(SERVER, COMMUNITY)
    except BaseException:
        SERVER.stop()
        raise


def tearDownModule():
    SERVER.stop()


def forget_unused_personas(community, name):
    """The probe's request was rolled back by restore(); its persona (named like a member's)
    would otherwise stay in the prober's own persona list and look like a leak there."""
    execute(community.server, "DELETE FROM personas WHERE name = ? AND id NOT IN (SELECT persona_id FROM memberships)"
            " AND id NOT IN (SELECT author_persona_id FROM posts)"
            " AND id NOT IN (SELECT persona_id FROM reactions)", (name,))


class AuthorizationMatrixTest(unittest.TestCase):
    maxDiff = None

    def test_every_route_has_an_expectation(self):
        missing = sorted(f"{method} {pattern} [{name}]" for method, pattern, name in ROUTES if name not in spec.ROUTES)
        self.assertEqual(missing, [], "routes without an expectation in authorization_expectations.py: decide who "
                                      "may use them")

    def test_every_expectation_names_a_route(self):
        names = {name for _, _, name in ROUTES}
        stale = sorted(name for name in spec.ROUTES if name not in names)
        self.assertEqual(stale, [], "expectations for routes that no longer exist")

    def test_expectations_agree_with_the_principles(self):
        """Cross-checks the tables against the two predicates: a hidden group doesn't exist for
        whoever isn't in it (bar an invite link's holder); nobody reaches content they may not
        read."""
        content_rules = {"group-read", "group-read-account", "group-participate", "post-author", "post-revisions",
                         "group-moderate", "decide-request", "group-manage"}
        for rule, table in spec.RULES.items():
            if "any" in table:
                continue
            for viewer in spec.VIEWERS:
                for privacy in spec.PRIVACIES:
                    outcome = table[privacy][viewer]
                    if not spec.sees_group(privacy, viewer) and rule not in spec.REVEALS_GROUP_TO_LINK_HOLDERS:
                        self.assertEqual(outcome, "not_found", (rule, privacy, viewer))
                    elif rule in content_rules and not spec.reads_content(privacy, viewer):
                        self.assertIn(outcome, ("unreadable", "login"), (rule, privacy, viewer))

    def test_matrix(self):
        cases = []
        for method, pattern, name in ROUTES:
            if name not in spec.ROUTES:
                continue  # reported by test_every_route_has_an_expectation
            privacies = spec.PRIVACIES if spec.is_group_scoped(name) else (None,)
            for privacy in privacies:
                for viewer in spec.VIEWERS:
                    cases.append(Case(method, pattern, name, privacy, viewer, COMMUNITY))
        reads = [c for c in cases if not c.writes]
        last = sorted((c for c in cases if c.name in ENDS_OTHER_SESSIONS),
                      key=lambda c: ENDS_OTHER_SESSIONS.index(c.name))
        writes = [c for c in cases if c.writes and c.name not in ENDS_OTHER_SESSIONS]
        # Writes about one group run one at a time, each group's beside the others'; writes
        # about no group after them, then those that end sessions.
        lanes = [[c for c in writes if c.privacy == privacy] for privacy in spec.PRIVACIES]
        account_writes = [c for c in writes if c.privacy is None]

        started = time.monotonic()
        problems = []
        with concurrent.futures.ThreadPoolExecutor(READ_WORKERS) as pool:
            for found in pool.map(self.run_case, reads):
                problems += found
            for found in pool.map(lambda lane: [p for c in lane for p in self.run_case(c)], lanes):
                problems += found
        try:
            for case in account_writes + last:
                problems += self.run_case(case)
        finally:
            for person in COMMUNITY.people.values():
                person.relogin_web()  # the last writes logged every browser out
        elapsed = time.monotonic() - started

        routes = {c.name for c in cases}
        print(f"\nauthorization matrix: {len(cases)} cases over {len(routes)} routes in {elapsed:.1f} s "
              f"({len(reads)} reads, {len(writes) + len(last)} writes)")
        if problems:
            shown = "\n".join(problems[:150])
            more = f"\n… and {len(problems) - 150} more" if len(problems) > 150 else ""
            self.fail(f"{len(problems)} problems in the authorization matrix:\n{shown}{more}")

    def test_search_within_one_group(self):
        """Search filtered to one group: readers find its thread; for anyone else the answer is the
        one a group without matches gets, and for a hidden group the one a missing group gets."""
        problems = []
        for name, pattern in (("web.search", "/search"), ("api.search", "/api/v1/search")):
            for privacy, g in COMMUNITY.groups.items():
                for viewer in spec.VIEWERS:
                    case = Case("GET", pattern, name, privacy, viewer, COMMUNITY)
                    values = {"slug": g.slug}
                    response = SENDER.send(case, f"{pattern}?q=cope&group={g.slug}")
                    label = f"{pattern}?q=cope&group=<{privacy}> × {viewer}"
                    if response.status != 200:
                        problems.append(f"{label}: {response.status}")
                        continue
                    problems += [f"{label}: {p}" for p in leak_problems(case, response, values)]
                    found = g.content_marker in response.body.decode("utf-8", "replace")
                    if spec.reads_content(privacy, viewer) and not found:
                        problems.append(f"{label}: a reader doesn't find the group's thread")
                    if not spec.sees_group(privacy, viewer):
                        missing = {"slug": random_slug(privacy)}
                        other = SENDER.send(case, f"{pattern}?q=cope&group={missing['slug']}")
                        if normalized(response, values) != normalized(other, missing):
                            problems.append(f"{label}: differs from the answer for a group that doesn't exist")
        self.assertEqual(problems, [])

    def test_ids_of_another_group_are_unknown_under_this_groups_address(self):
        """/g/<public group>/t/<a hidden group's thread id> and the like: the id belongs to another
        group, so the answer is the one a made-up id gets, and nothing changes — for a stranger to
        the other group, a member of both, and the owner of both."""
        public = COMMUNITY.groups["public"]
        problems = []
        for method, pattern, name in ROUTES:
            if not pattern.startswith(("/g/{slug}/", "/api/v1/groups/{slug}/")) or len(PARAM.findall(pattern)) < 2:
                continue
            for source in ("private", "hidden"):
                for viewer in ("nonmember", "member", "owner"):
                    case = Case(method, pattern, name, source, viewer, COMMUNITY)
                    case.expected = "not_found"
                    values = fill(case)
                    values["slug"] = public.slug
                    twin = {k: (random_id() if k not in ("slug", "kind") else v) for k, v in values.items()}
                    before = snapshot(COMMUNITY) if case.writes else None
                    fields = FORMS.get(name, lambda c: [])(case) if not case.api and case.writes else None
                    payload = JSON_BODIES.get(name, lambda c: {})(case) if case.api and case.writes else None
                    response = SENDER.send(case, build_path(case, values), fields, payload)
                    other = SENDER.send(case, build_path(case, twin), fields, payload)
                    label = f"{method} {pattern} with the public group's slug and {source} ids × {viewer}"
                    if normalized(response, values) != normalized(other, twin):
                        problems.append(f"{label}: {response.status} {short(response)!r} but for made-up ids "
                                        f"{other.status} {short(other)!r}")
                    problems += [f"{label}: {p}" for p in leak_problems(case, response, values)]
                    if before is not None:
                        if changed := differences(before, snapshot(COMMUNITY)):
                            problems.append(f"{label}: changed {', '.join(changed)}")
                        restore(COMMUNITY, before)
        self.assertEqual(problems, [])

    def test_asking_to_join_does_not_confirm_who_is_in_a_private_group(self):
        """A private group's members are for its members to see. Asking to join under a pseudonym
        somebody there already uses answers `409 "Someone in this group already uses that
        pseudonym"`, so anyone can test names against the member list (and, with a persona reused
        elsewhere, confirm that the person they know from a public group is in this one). Asking
        under a taken name must look like asking under a free one."""
        private, nonmember = COMMUNITY.groups["private"], COMMUNITY.person("nonmember")
        answers = ["Because it helps."] * len(private.questions)
        outcomes = []
        for name in (private.personas["member"]["name"], pseudonym("Free")):
            before = snapshot(COMMUNITY)
            response = nonmember.join(private.slug, persona_name=name, answers=answers)
            restore(COMMUNITY, before)
            forget_unused_personas(COMMUNITY, name)
            outcomes.append((response.status, response.text.replace(name, "NAME")))
        self.assertEqual(outcomes[0], outcomes[1])
        self.assertEqual(outcomes[0][0], 201, "asking to join a private group is accepted, whatever the name")

    def test_the_secrets_are_what_pages_show(self):
        """The leak checks look for the fixture's markers: make sure those who may see them do,
        so that a check that finds nothing means something."""
        for privacy, g in COMMUNITY.groups.items():
            member, moderator = COMMUNITY.person("member"), COMMUNITY.person("moderator")
            thread = member.web.get(f"/g/{g.slug}/t/{g.thread_id}").text
            for secret in (g.content_marker, g.personas["owner"]["name"]):
                self.assertIn(secret, thread, privacy)
            group = member.web.get(f"/g/{g.slug}").text
            for secret in g.identity_secrets():
                self.assertIn(secret, group, privacy)
            members = member.call("GET", f"/api/v1/groups/{g.slug}/members").text
            for who in ("owner", "admin", "moderator", "member", "target"):
                self.assertIn(g.personas[who]["name"], members, (privacy, who))
            if privacy == "private":
                requests = moderator.call("GET", f"/api/v1/groups/{g.slug}/requests").text
                self.assertIn(g.answer_marker, requests)
                self.assertIn(g.answer_marker, moderator.web.get(f"/g/{g.slug}/manage").text)

    def run_case(self, case):
        try:
            return self._run_case(case)
        except Exception as error:  # one broken case must not hide the others
            return [f"{case}: the test could not run it: {type(error).__name__}: {error}"]

    def _run_case(self, case):
        values = fill(case) if case.group else self._account_values(case)
        path = build_path(case, values)
        fields = FORMS.get(case.name, lambda c: [])(case) if not case.api and case.writes else None
        payload = JSON_BODIES.get(case.name, lambda c: {})(case) if case.api and case.writes else None
        before = snapshot(COMMUNITY, case.group) if case.writes else None
        response = SENDER.send(case, path, fields, payload)
        problems = []
        if (problem := outcome_problem(case, response)) is not None:
            problems.append(problem)
        problems += leak_problems(case, response, values)

        # A refusal about something that may not exist for the viewer must be the answer that
        # something which really doesn't exist gets.
        if case.expected == "not_found" or (case.expected == "unreadable" and set(values) - {"slug", "kind", "token"}):
            twin_vals = twin_values(case, values)
            twin_path = build_path(case, twin_vals)
            twin = SENDER.send(case, twin_path, fields, payload)
            if normalized(response, values) != normalized(twin, twin_vals):
                problems.append(f"{case.expected} differs from the answer for something that doesn't exist "
                                f"({twin_path}: {twin.status} {short(twin)!r}; here {response.status} "
                                f"{short(response)!r})")
            problems += leak_problems(case, twin, twin_vals)
        if case.writes:
            after = snapshot(COMMUNITY, case.group)
            changed = differences(before, after)
            if case.expected != "allowed" and changed:
                problems.append(f"a refused write changed {', '.join(changed)}")
            restore(COMMUNITY, before)
        return [f"{case}: {p}" for p in problems]

    def _account_values(self, case):
        """Path values for routes about no group: the viewer's own persona and tokens."""
        values = {}
        segments = case.pattern.split("/")
        for i, segment in enumerate(segments):
            found = PARAM.fullmatch(segment)
            if not found:
                continue
            before = segments[i - 1]
            if before == "personas":
                own = COMMUNITY.lobby_personas.get(case.viewer) or COMMUNITY.lobby_personas["member"]
                values[found.group(1)] = str(own["id"])
            elif before == "tokens":
                values[found.group(1)] = str(COMMUNITY.fresh_token_id(case.person)) if case.person else random_id()
            elif before == "conversations":  # the member's private conversation in the public group
                values[found.group(1)] = str(COMMUNITY.groups["public"].conversation_id)
            elif before == "messages":  # the member's own message (delete), or one sent to them (report)
                g = COMMUNITY.groups["public"]
                values[found.group(1)] = str(g.member_message_id if "delete" in case.name else g.target_message_id)
            elif before == "posts":  # platform admins' unmask: a real anonymous post, of the hidden group
                values[found.group(1)] = str(COMMUNITY.groups["hidden"].reply_post_id)
            elif before in ("escalations", "words", "watched-words", "mute-words", "blocks"):
                # (word lists, blocks: removing an entry that is gone is fine)
                values[found.group(1)] = random_id()
            else:
                raise AssertionError(f"{case}: the matrix doesn't know how to fill {segment} after /{before}/")
        return values


if __name__ == "__main__":
    unittest.main()
