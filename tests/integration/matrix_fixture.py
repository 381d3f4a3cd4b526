"""The community the authorization matrix runs against: a public, a private and a hidden
group, each with rules, a thread with an opening post and an anonymous reply, an invite
link, and one account per kind of viewer holding that role in all three groups.

Every word that must stay inside a group is built from the group's markers, so the leak
check can look for a handful of strings instead of guessing what a page might show:
- `content_marker` is in the thread title, every post, the about text and every thread the
  matrix itself posts: a viewer who may not read the group must never see it;
- `identity_marker` is in the name, description and rules (and so the slug): a viewer for
  whom a hidden group doesn't exist must never see it.
"""
import secrets

from authorization_expectations import PRIVACIES, VIEWERS
from community_fixture import (Person, ask_to_join, idempotency_key, join_active, marker, pseudonym, query, reply,
                               set_role, start_thread)
from db import read_many, write_many
from hearth_server import strong_password, unique_login

ROLES_IN_GROUPS = ("admin", "moderator", "member", "banned")


class GroupFixture:
    def __init__(self, privacy):
        self.privacy = privacy
        self.content_marker = marker("c")
        self.identity_marker = marker("i")
        self.name = f"{privacy.capitalize()} {self.identity_marker} circle"
        self.description = f"A {privacy} group about {self.identity_marker}."
        self.rules = [f"Be kind in {self.identity_marker}.", "No medical advice."]
        self.questions = [f"Why {self.identity_marker}?"] if privacy == "private" else []
        self.about = f"Notes for members: {self.content_marker} about."
        self.answer_marker = marker("a")  # in the applicant's answers: for moderators' eyes only
        self.slug = None
        self.id = None
        self.invite_token = None
        self.personas = {}        # viewer name (and "applicant", "target") -> {"id", "name"}
        self.thread_id = None
        self.thread_title = None
        self.opening_post_id = None
        self.reply_post_id = None  # the member's anonymous reply
        self.reply_body = None

    def content_secrets(self, viewer):
        """What a viewer who may not read the group must not see (their own persona aside)."""
        secrets_ = [self.content_marker, str(self.thread_id), str(self.opening_post_id), str(self.reply_post_id)]
        for who, persona in self.personas.items():
            if who != viewer:
                secrets_ += [persona["name"], str(persona["id"])]
        return secrets_

    def identity_secrets(self):
        return [self.identity_marker, self.slug]


class Community:
    """Everything the matrix needs, made once per test module."""

    def __init__(self, server):
        self.server = server
        self.people = {name: Person(server, name[:4]) for name in VIEWERS if name != "guest"}
        self.applicant = Person(server, "appl")   # a request that waits in the private group
        self.target = Person(server, "targ")      # a plain member whose role and badge change
        self.spare = Person(server, "spare")      # the account a guest logs in as
        self.pal = Person(server, "pal")          # writes private messages with the member (nobody blocks them)
        self.recovery_codes = []                   # (login, code) pairs, each used once
        for _ in range(2):
            self.recovery_codes += self._recovery_account()
        self.groups = {privacy: GroupFixture(privacy) for privacy in PRIVACIES}
        self.lobby = self.people["owner"].create_group(f"Lobby {marker()}", rules=[])
        self.lobby_personas = {}
        for name, person in self.people.items():
            if name != "owner":
                self.lobby_personas[name] = join_active(person, self.people["owner"], self.lobby, pseudonym("Lobby"))
        self.lobby_personas["owner"] = self.people["owner"].membership_in(self.lobby["slug"])["persona"]
        for group in self.groups.values():
            self._build(group)
        for person in self.people.values():
            assert person.csrf  # logs the browser in now, not racing in parallel requests later

    def person(self, viewer):
        return self.people.get(viewer)

    def everyone(self):
        """Every fixture account: (name, person)."""
        return list(self.people.items()) + [("applicant", self.applicant), ("target", self.target),
                                            ("spare", self.spare), ("pal", self.pal)]

    def _recovery_account(self):
        login, password = unique_login("rec"), strong_password()
        response = self.spare.api.json("POST", "/api/v1/accounts", {"login": login, "password": password})
        assert response.status == 201, response.raw_body[:300]
        return [(login, code) for code in response.json()["recovery_codes"]]

    def _build(self, g):
        owner = self.people["owner"]
        created = owner.create_group(g.name, privacy=g.privacy, description=g.description, about=g.about,
                                     rules=g.rules, questions=g.questions, anonymous_posting=True,
                                     persona_name=pseudonym("Owner"))
        g.slug, g.id = created["slug"], query(self.server, "SELECT id FROM support_groups WHERE slug = ?",
                                               (created["slug"],))[0][0]
        g.personas["owner"] = created["viewer"]["membership"]["persona"]
        for name in ROLES_IN_GROUPS:
            g.personas[name] = join_active(self.people[name], owner, created, pseudonym(name.capitalize()))
        g.personas["target"] = join_active(self.target, owner, created, pseudonym("Target"))
        set_role(owner, g.slug, g.personas["admin"]["id"], "admin")
        set_role(owner, g.slug, g.personas["moderator"]["id"], "moderator")
        if g.privacy == "private":
            g.personas["pending"] = ask_to_join(self.people["pending"], created, pseudonym("Pending"))
            g.personas["applicant"] = ask_to_join(self.applicant, created, pseudonym("Applicant"),
                                                  f"I care for my dad {g.answer_marker}.")
        g.invite_token = owner.invite(g.slug)["token"]  # no expiry, no limit on uses

        g.thread_title = f"How do you cope {g.content_marker}"
        g.thread_id, g.opening_post_id = start_thread(owner, g.slug, g.thread_title,
                                                      f"Opening words {g.content_marker} first.")
        g.reply_body = f"Anonymous reply {g.content_marker} second."
        g.reply_post_id = reply(self.people["member"], g.slug, g.thread_id, g.reply_body, anonymous=True)
        g.note_id = self.add_note(g, g.opening_post_id)  # the owner's: members rate it
        # Private messages (docs/messages.md): the pal writes to the member, the member answers;
        # the pal reports one of the member's messages, so that the moderators may see it. (Not
        # the target: the matrix's own blocks land on the target, and a block ends a conversation.)
        join_active(self.pal, owner, created, pseudonym("Pal"))
        sent = self.pal.call("POST", f"/api/v1/personas/{g.personas['member']['id']}/messages",
                                {"group": g.slug, "body": f"Matrix message {g.content_marker}.",
                                 "idempotency_key": idempotency_key()})
        assert sent.status == 201, sent.raw_body[:300]
        g.conversation_id, g.target_message_id = sent.json()["conversation_id"], sent.json()["id"]
        g.member_message_id = self.member_message(g)
        g.reported_message_id = self.fresh_reported_message(g)
        # The ban comes last: a banned member once took part, like in real life. It is the
        # moderators' real ban, through the API.
        reply(self.people["banned"], g.slug, g.thread_id, f"Before the ban {g.content_marker} third.")
        banned = self.people["moderator"].call("POST", f"/api/v1/groups/{g.slug}/members/{g.personas['banned']['id']}"
                                               "/moderation", {"action": "ban", "reason": "Repeated unkindness."})
        assert banned.status == 204, banned.raw_body[:300]

    # -- fresh things for writes that use them up ----------------------------------------------

    def fresh_invite_id(self, g):
        return self.people["owner"].invite(g.slug)["id"]

    def fresh_service_id(self, g):
        # A group lists at most 20 services: only the one about to be removed is kept.
        owner = self.people["owner"]
        listed = owner.call("GET", f"/api/v1/groups/{g.slug}")
        assert listed.status == 200, listed.raw_body[:300]
        for service in listed.json()["services"]:
            removed = owner.call("DELETE", f"/api/v1/groups/{g.slug}/services/{service['id']}")
            assert removed.status == 204, removed.raw_body[:300]
        name = f"Line {marker()}"
        response = owner.call("POST", f"/api/v1/groups/{g.slug}/services", {"name": name, "phone": "0800 000 000"})
        assert response.status == 201, response.raw_body[:300]
        return next(s["id"] for s in response.json()["services"] if s["name"] == name)

    def member_message(self, g):
        response = self.people["member"].call("POST", f"/api/v1/conversations/{g.conversation_id}/messages",
                                              {"body": f"Matrix answer {g.content_marker}.",
                                               "idempotency_key": idempotency_key()})
        assert response.status == 201, response.raw_body[:300]
        return response.json()["id"]

    def fresh_reported_message(self, g):
        """A message of the member's that the pal reported: the moderators may act on it once."""
        message = self.member_message(g)
        reported = self.pal.call("POST", f"/api/v1/messages/{message}/reports", {"reason": "spam"})
        assert reported.status == 201, reported.raw_body[:300]
        return message

    def fresh_token_id(self, person):
        response = person.call("POST", "/api/v1/tokens", {"name": "to revoke"})
        assert response.status == 201, response.raw_body[:300]
        return response.json()["id"]

    def add_note(self, g, post_id):
        """A context note by the owner (a moderator may write one) on the post."""
        response = self.people["owner"].call("POST", f"/api/v1/posts/{post_id}/notes",
                                             {"body": f"Context {g.content_marker} note.",
                                              "sources": ["https://example.org/context"]})
        assert response.status == 201, response.raw_body[:300]
        return response.json()["id"]

    def fresh_note_id(self, g):
        return self.add_note(g, self.fresh_member_post(g))

    def fresh_member_post(self, g):
        """A reply by the fixture's member (the author of posts the matrix edits and removes)."""
        return reply(self.people["member"], g.slug, g.thread_id, f"To remove {g.content_marker} {marker()}.")

    def next_recovery_code(self):
        return self.recovery_codes.pop()


# -- state: what a refused write must leave alone, and undoing what an allowed one changed ------

# table -> (columns that identify a row, how to select the fixture's rows, may rows be deleted/inserted)
SNAPSHOT_TABLES = {
    "memberships": (("group_id", "account_id"), "group_id IN ({groups})", True),
    "support_groups": (("id",), "id IN ({groups})", False),
    "group_rules": (("group_id", "position"), "group_id IN ({groups})", True),
    "group_questions": (("group_id", "position"), "group_id IN ({groups})", True),
    "group_services": (("id",), "group_id IN ({groups})", True),
    "threads": (("id",), "id IN ({threads})", False),
    "posts": (("id",), "id IN ({posts})", False),
    "group_moderation_settings": (("group_id",), "group_id IN ({groups})", True),
}
# Compared but never restored: a refused write must not add or change any of these.
COUNTED_TABLES = {
    "threads": "group_id IN ({groups})",
    "posts": "group_id IN ({groups})",
    "reactions": "group_id IN ({groups})",
    "thread_reads": "group_id IN ({groups})",
    "group_invites": "group_id IN ({groups})",
    "post_revisions": "group_id IN ({groups})",
    "moderation_log": "group_id IN ({groups})",
    "reports": "group_id IN ({groups})",
    "member_sanctions": "group_id IN ({groups})",
    "moderator_notes": "group_id IN ({groups})",
    "escalations": "group_id IN ({groups})",
    "context_notes": "group_id IN ({groups})",
    "note_ratings": "group_id IN ({groups})",
    "post_context_labels": "group_id IN ({groups})",
    "persona_blocks": "group_id IN ({groups})",
    "private_messages": "group_id IN ({groups})",
    "thread_mutes": "group_id IN ({groups})",
    "group_mutes": "group_id IN ({groups})",
}


def _where(groups, template):
    return template.format(groups=",".join(str(g.id) for g in groups),
                           threads=",".join(str(g.thread_id) for g in groups),
                           posts=",".join(str(p) for g in groups for p in (g.opening_post_id, g.reply_post_id)))


def snapshot(community, only=None):
    """The fixture's state: of all three groups, or of `only` (a GroupFixture) — writes about
    different groups can then run side by side."""
    groups = [only] if only is not None else list(community.groups.values())
    selects = [(f"SELECT * FROM {table} WHERE {_where(groups, where)}", ())
               for table, (_, where, _) in SNAPSHOT_TABLES.items()]
    selects += [(f"SELECT * FROM {table} WHERE {_where(groups, where)}", ()) for table, where in COUNTED_TABLES.items()]
    results = iter(read_many(community.server, selects))  # one read transaction: a consistent picture
    state = {}
    for table in SNAPSHOT_TABLES:
        state[table] = _sorted(next(results))
    for table in COUNTED_TABLES:
        state["all " + table] = _sorted(next(results))
    state["groups"] = groups
    return state


def _sorted(rows):
    """The rows in a fixed order, with their column names (`columns`, as db.Rows)."""
    ordered = type(rows)(sorted(rows, key=repr))
    ordered.columns = rows.columns
    return ordered


def differences(before, after):
    return [table for table in before if table != "groups" and before[table] != after[table]]


def restore(community, before):
    """Puts the fixture's memberships, settings and threads back as they were."""
    groups = before["groups"]
    tables = list(SNAPSHOT_TABLES.items())
    current = read_many(community.server, [(f"SELECT * FROM {table} WHERE {_where(groups, where)}", ())
                                           for table, (_, where, _) in tables])
    statements = []
    for (table, (keys, _, replaceable)), now in zip(tables, current):
        now = _sorted(now)
        if now == before[table]:
            continue
        columns = now.columns or before[table].columns
        key_of = lambda row: tuple(row[columns.index(k)] for k in keys)  # noqa: E731
        old = {key_of(row): row for row in before[table]}
        new = {key_of(row): row for row in now}
        for key, row in new.items():
            if key not in old and replaceable:
                statements.append((f"DELETE FROM {table} WHERE " + " AND ".join(f"{k} = ?" for k in keys), key))
        for key, row in old.items():
            if key in new:
                if new[key] != row:
                    statements.append((f"UPDATE {table} SET " + ", ".join(f"{c} = ?" for c in columns) + " WHERE "
                                       + " AND ".join(f"{k} = ?" for k in keys), tuple(row) + key))
            elif replaceable:
                statements.append((f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                                   f"({', '.join('?' for _ in columns)})", row))
    write_many(community.server, statements)  # one transaction: all of it or none


def random_id():
    return str(secrets.randbelow(2 ** 52) + 2 ** 52)


def random_slug(privacy):
    return f"{privacy}-{marker()}-{marker()[:6]}"

