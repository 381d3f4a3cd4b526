"""Live updates (issue 5): a conversation's event stream (GET /g/{slug}/t/{id}/events) and a
member's unread count (GET /api/v1/me/events), as Server-Sent Events, against the real
server: delivery within a second, resuming with Last-Event-ID exactly once, permissions
checked at delivery (a banned or departed member stops receiving), nothing for a refused
write, and a clean shutdown with streams open."""
import json
import queue
import re
import secrets
import socket
import threading
import time
import unittest

from groups_fixtures import Member, start_server
from threads_fixtures import key, reply, start_thread


class EventStream:
    """A raw EventSource: sends the request, then parses events on a thread of its own."""

    def __init__(self, server, path, cookies=None, token=None, last_event_id=None):
        self.sock = socket.create_connection((server.host, server.port), timeout=10)
        headers = ["GET %s HTTP/1.1" % path, "Host: test", "Accept: text/event-stream"]
        if cookies:
            headers.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if token:
            headers.append("Authorization: Bearer " + token)
        if last_event_id is not None:
            headers.append(f"Last-Event-ID: {last_event_id}")
        self.sock.sendall(("\r\n".join(headers) + "\r\n\r\n").encode())
        self.events = queue.Queue()
        self.closed = threading.Event()
        self.comments = 0
        buffer = b""
        while b"\r\n\r\n" not in buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            buffer += chunk
        head, _, self._rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
        self.headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()
        self.streaming = self.status == 200 and self.headers.get("content-type", "").startswith("text/event-stream")
        if self.streaming:
            self._reader = threading.Thread(target=self._read, daemon=True)
            self._reader.start()
        else:
            self.body = self._rest
            self.close()

    def _read(self):
        text = self._rest.decode()
        event = {}
        self.sock.settimeout(None)
        while True:
            while "\n" in text:
                line, text = text.split("\n", 1)
                if line == "":
                    if "data" in event:
                        self.events.put(event)
                    event = {}
                elif line.startswith(":"):
                    self.comments += 1
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "data":
                        event["data"] = event["data"] + "\n" + value if "data" in event else value
                    elif field in ("id", "event", "retry"):
                        event[field] = value
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.closed.set()
                return
            text += chunk.decode()

    def next(self, timeout=2.0):
        """The next event, or None when none comes within `timeout` seconds."""
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return None

    def quiet_for(self, seconds):
        """True when no event arrives for `seconds`."""
        return self.next(timeout=seconds) is None

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def thread_events_path(group, thread_id, **query):
    path = f"/g/{group['slug']}/t/{thread_id}/events"
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


def post_of(event):
    return json.loads(event["data"])["post"]


class LiveUpdatesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()
        cls.owner = Member(cls.server, "owner")
        cls.alice = Member(cls.server, "alice")
        cls.bob = Member(cls.server, "bob")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def group_with_members(self, privacy="public", **fields):
        group = self.owner.create_group(privacy=privacy, **fields)
        for person in (self.alice, self.bob):
            if privacy == "public":
                self.assertIn(person.join(group["slug"]).status, (200, 201))
            else:
                invite = self.owner.invite(group["slug"])
                self.assertIn(person.accept(invite["token"]).status, (200, 201))
        return group

    def stream(self, path, **kwargs):
        stream = EventStream(self.server, path, **kwargs)
        self.addCleanup(stream.close)
        return stream

    def test_a_reply_reaches_a_watching_guest_and_member_within_a_second(self):
        group = self.group_with_members(anonymous_posting=True)
        thread = start_thread(self.owner, group["slug"])["thread"]
        page = self.server.client().get(f"/g/{group['slug']}/t/{thread['id']}")
        live = re.search(r'data-live="([^"]+)"', page.text)
        self.assertIsNotNone(live, "the page tells its script where to stream from")
        guest = self.stream(live.group(1).replace("&amp;", "&"))
        member = self.stream(thread_events_path(group, thread["id"]), cookies=self.alice.web.cookies)
        for s in (guest, member):
            self.assertEqual(s.status, 200)
            self.assertEqual(s.headers.get("cache-control"), "no-store")
            self.assertEqual(s.headers.get("x-accel-buffering"), "no")
            self.assertNotIn("content-length", s.headers)
        time.sleep(0.3)  # both streams are listening

        sent = time.monotonic()
        post = reply(self.bob, thread["id"], "You are not alone.", anonymous=True)
        for s in (guest, member):
            event = s.next(timeout=1.0)
            self.assertIsNotNone(event, "no event within a second of the reply")
            self.assertLess(time.monotonic() - sent, 1.0)
            self.assertEqual(event["event"], "reply")
            self.assertEqual(post_of(event), str(post))
            # Ids only: nothing of the author, anonymous or not.
            self.assertEqual(json.loads(event["data"]), {"post": str(post)})

    def test_reconnecting_with_last_event_id_gets_what_was_missed_exactly_once(self):
        group = self.group_with_members()
        thread = start_thread(self.owner, group["slug"])["thread"]
        first = self.stream(thread_events_path(group, thread["id"]))
        time.sleep(0.3)
        a = reply(self.alice, thread["id"], "First reply")
        got = first.next()
        self.assertEqual((got["event"], post_of(got)), ("reply", str(a)))
        first.close()

        # While away: a reply, an edit, a reaction and a removal.
        b = reply(self.bob, thread["id"], "Second reply")
        self.assertEqual(self.alice.call("PATCH", f"/api/v1/posts/{a}", {"body": "First reply, edited"}).status, 204)
        self.assertEqual(self.bob.call("PUT", f"/api/v1/posts/{a}/reactions/support", {}).status, 204)
        self.assertEqual(self.bob.call("DELETE", f"/api/v1/posts/{b}").status, 204)

        again = self.stream(thread_events_path(group, thread["id"]), last_event_id=got["id"])
        received = [again.next() for _ in range(4)]
        self.assertNotIn(None, received, received)
        self.assertEqual([(e["event"], post_of(e)) for e in received],
                         [("reply", str(b)), ("edit", str(a)), ("reaction", str(a)), ("removal", str(b))])
        ids = [int(e["id"]) for e in received]
        self.assertEqual(ids, list(range(int(got["id"]) + 1, int(got["id"]) + 5)))
        self.assertTrue(again.quiet_for(0.7), "an event came twice")

    def test_a_refused_reply_produces_no_event(self):
        group = self.group_with_members("private")
        thread = start_thread(self.owner, group["slug"])["thread"]
        watching = self.stream(thread_events_path(group, thread["id"]), cookies=self.alice.web.cookies)
        self.assertEqual(watching.status, 200)
        time.sleep(0.3)
        stranger = Member(self.server, "stranger")
        refused = stranger.call("POST", f"/api/v1/threads/{thread['id']}/posts", {"body": "Hi", "idempotency_key": key()})
        self.assertIn(refused.status, (403, 404))
        empty = self.alice.call("POST", f"/api/v1/threads/{thread['id']}/posts", {"body": " ", "idempotency_key": key()})
        self.assertEqual(empty.status, 400)
        self.assertTrue(watching.quiet_for(1.0), "an event for a reply that was never posted")
        post = reply(self.bob, thread["id"], "A real one")
        event = watching.next()
        self.assertEqual(post_of(event), str(post))

    def test_a_banned_member_stops_receiving_at_once(self):
        group = self.group_with_members("private")
        thread = start_thread(self.owner, group["slug"])["thread"]
        bob = self.stream(thread_events_path(group, thread["id"]), cookies=self.bob.web.cookies)
        self.assertEqual(bob.status, 200)
        time.sleep(0.3)
        reply(self.alice, thread["id"], "Before the ban")
        self.assertIsNotNone(bob.next())

        persona = self.bob.persona_in(group["slug"])
        banned = self.owner.call("POST", f"/api/v1/groups/{group['slug']}/members/{persona['id']}/moderation",
                                 {"action": "ban", "reason": "Testing live updates."})
        self.assertEqual(banned.status, 204, banned.raw_body[:300])
        self.assertTrue(bob.closed.wait(2.0), "the stream stays open after the ban")
        reply(self.alice, thread["id"], "After the ban")
        self.assertIsNone(bob.next(timeout=0.5))
        # Coming back is refused like the page is.
        again = EventStream(self.server, thread_events_path(group, thread["id"]), cookies=self.bob.web.cookies)
        self.assertFalse(again.streaming)
        self.assertIn(again.status, (403, 404))

    def test_a_member_who_leaves_stops_receiving(self):
        group = self.group_with_members("private")
        thread = start_thread(self.owner, group["slug"])["thread"]
        leaver = Member(self.server, "leaver")
        invite = self.owner.invite(group["slug"])
        self.assertIn(leaver.accept(invite["token"]).status, (200, 201))
        # The API's stream, with a bearer token.
        watching = self.stream(f"/api/v1/threads/{thread['id']}/events", token=leaver.token)
        self.assertEqual(watching.status, 200)
        time.sleep(0.3)
        self.assertEqual(leaver.call("DELETE", f"/api/v1/groups/{group['slug']}/membership").status, 204)
        self.assertTrue(watching.closed.wait(2.0), "the stream stays open after leaving")
        reply(self.alice, thread["id"], "After they left")
        self.assertIsNone(watching.next(timeout=0.5))

    def test_guests_get_public_groups_only_and_a_hidden_groups_stream_is_missing(self):
        private = self.group_with_members("private")
        thread = start_thread(self.owner, private["slug"])["thread"]
        guest = EventStream(self.server, thread_events_path(private, thread["id"]))
        self.assertFalse(guest.streaming)
        hidden = self.owner.create_group(privacy="hidden")
        hidden_thread = start_thread(self.owner, hidden["slug"])["thread"]
        for viewer in ({}, self.alice.web.cookies):
            real = self.server.client(store_cookies=False)
            real.cookies = dict(viewer)
            answer = real.get(thread_events_path(hidden, hidden_thread["id"]))
            missing = real.get(f"/g/no-such-{secrets.token_hex(4)}/t/{hidden_thread['id']}/events")
            self.assertEqual(answer.status, missing.status)
            self.assertNotIn("text/event-stream", answer.header("Content-Type", ""))
        # Its own members stream it.
        owner = self.stream(thread_events_path(hidden, hidden_thread["id"]), cookies=self.owner.web.cookies)
        self.assertTrue(owner.streaming)
        # The API's stream answers a thread the caller may not read like a missing one.
        api_guest = self.server.client().get(f"/api/v1/threads/{hidden_thread['id']}/events")
        api_missing = self.server.client().get("/api/v1/threads/123456789/events")
        self.assertEqual((api_guest.status, api_guest.body), (404, api_missing.body))

    def test_a_members_unread_count_updates_live(self):
        group = self.group_with_members()
        thread = start_thread(self.owner, group["slug"])["thread"]
        counts = self.stream("/api/v1/me/events", token=self.bob.token)
        self.assertEqual(counts.status, 200)
        def unread(event):
            self.assertIsNotNone(event, "the count did not follow")
            self.assertEqual(event["event"], "unread")
            return json.loads(event["data"])["unread_threads"]

        before = unread(counts.next())
        self.assertGreaterEqual(before, 1, "the new conversation is unread")
        # Reading it (on the page, in another tab) brings the count down ...
        self.assertEqual(self.bob.web.get(f"/g/{group['slug']}/t/{thread['id']}").status, 200)
        self.assertEqual(unread(counts.next(timeout=4.0)), before - 1)
        # ... and a new reply there brings it back up.
        reply(self.alice, thread["id"], "Something for bob to read")
        self.assertEqual(unread(counts.next(timeout=4.0)), before)
        guest = self.server.client().get("/api/v1/me/events")
        self.assertEqual(guest.status, 401)

    def test_locking_and_pinning_reach_open_pages_and_only_those_who_may_read(self):
        group = self.group_with_members("private")
        started = start_thread(self.owner, group["slug"])
        thread, opening = started["thread"], started["posts"][0]["id"]
        member = self.stream(thread_events_path(group, thread["id"]), cookies=self.alice.web.cookies)
        api = self.stream(f"/api/v1/threads/{thread['id']}/events", token=self.bob.token)
        stranger = Member(self.server, "stranger")
        outsider = EventStream(self.server, thread_events_path(group, thread["id"]), cookies=stranger.web.cookies)
        self.assertFalse(outsider.streaming, "someone who can't read the thread gets no stream")
        time.sleep(0.3)
        locked = self.owner.call("PATCH", f"/api/v1/threads/{thread['id']}", {"locked": True})
        self.assertEqual(locked.status, 200, locked.raw_body[:300])
        for s in (member, api):
            event = s.next(timeout=3.0)
            self.assertIsNotNone(event, "no event within 3 seconds of the lock")
            self.assertEqual(event["event"], "lock")
            self.assertEqual(json.loads(event["data"]), {"post": str(opening)})
        # The page the script then loads has no reply form, only the notice.
        page = self.alice.web.get(f"/g/{group['slug']}/t/{thread['id']}").text
        area = re.search(r'<div id="reply-area">(.*?)</div>', page, re.S).group(1)
        self.assertIn("This conversation is locked", area)
        self.assertNotIn("<form", area)
        self.assertIn('id="thread-flags"', page)
        # Locking what is locked changes nothing: no event.
        self.assertEqual(self.owner.call("PATCH", f"/api/v1/threads/{thread['id']}", {"locked": True}).status, 200)
        self.assertTrue(member.quiet_for(0.7), "an event for a lock that changed nothing")
        # Unlocking, and pinning, are events too; a reply after them still is.
        self.assertEqual(self.owner.call("PATCH", f"/api/v1/threads/{thread['id']}", {"locked": False}).status, 200)
        self.assertEqual(self.owner.call("PATCH", f"/api/v1/threads/{thread['id']}", {"pinned": True}).status, 200)
        post = reply(self.alice, thread["id"], "Open again")
        got = [member.next() for _ in range(3)]
        self.assertNotIn(None, got, got)
        self.assertEqual([e["event"] for e in got], ["lock", "pin", "reply"])
        self.assertEqual(post_of(got[2]), str(post))

    def test_a_guest_watching_a_public_conversation_hears_of_the_lock(self):
        group = self.group_with_members()
        thread = start_thread(self.owner, group["slug"])["thread"]
        guest = self.stream(thread_events_path(group, thread["id"]))
        self.assertTrue(guest.streaming)
        time.sleep(0.3)
        # Through the moderators' page, as a moderator in the browser would.
        page_path = f"/g/{group['slug']}/t/{thread['id']}"
        self.assertIn('id="thread-tools"', self.owner.web.get(page_path).text)
        locked = self.owner.web.submit(page_path, f"{page_path}/lock", {"locked": "1"})
        self.assertEqual(locked.status, 303, locked.text[:500])
        event = guest.next(timeout=3.0)
        self.assertIsNotNone(event, "the guest's stream did not hear of the lock")
        self.assertEqual(event["event"], "lock")


class ShutdownWithStreamsTest(unittest.TestCase):
    def test_sigterm_with_open_streams_exits_promptly(self):
        server = start_server()
        owner = Member(server, "owner")
        group = owner.create_group()
        thread = start_thread(owner, group["slug"])["thread"]
        streams = [EventStream(server, thread_events_path(group, thread["id"])) for _ in range(20)]
        streams.append(EventStream(server, "/api/v1/me/events", token=owner.token))
        self.assertTrue(all(s.streaming for s in streams))
        started = time.monotonic()
        server.stop(timeout=8)  # asserts a clean exit
        self.assertLess(time.monotonic() - started, 5.0, "open streams held the shutdown up")
        for s in streams:
            self.assertTrue(s.closed.wait(2.0))
            s.close()


if __name__ == "__main__":
    unittest.main()
