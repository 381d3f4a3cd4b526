"""Several hearth nodes on one PostgreSQL database (issue 5): what is written through one
node shows up live on the others (LISTEN/NOTIFY between nodes, ids only), and the optional
read replica (database_replica) serves reads without ever showing a member older data than
they wrote or than their node has already announced.

PostgreSQL only (HEARTH_TEST_POSTGRES); skipped on SQLite, which has one node. The replica
tests start a streaming replica of the test cluster with scripts/pg-test-replica."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.parse

from groups_fixtures import LIMITS, Member
from hearth_server import HearthServer, database_env, on_postgres
from test_live_updates import EventStream, post_of
from threads_fixtures import key, reply, start_thread

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPLICA_SCRIPT = os.path.join(_REPO, "scripts", "pg-test-replica")


def metric(server, name, labels):
    """The value of one sample of /metrics (0 when absent)."""
    text = server.client(store_cookies=False).get("/metrics").text
    sample = name + "{" + labels + "}" if labels else name
    found = re.search("^" + re.escape(sample) + r" ([0-9.e+]+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


def eventually(check, timeout=3.0, interval=0.05):
    """Polls `check` until it returns something true or `timeout` passes; returns the last value."""
    deadline = time.monotonic() + timeout
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = check()
    return value


def second_node(first, env=None):
    """Another hearth on the database of `first` (its own data directory and port)."""
    return HearthServer(env={**LIMITS, **database_env(first.data_dir), **(env or {})}).start()


@unittest.skipUnless(on_postgres(), "several nodes need PostgreSQL (HEARTH_TEST_POSTGRES)")
class ClusterEventsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.node_a = HearthServer(env=LIMITS).start()
        cls.node_b = second_node(cls.node_a)
        cls.owner = Member(cls.node_a, "owner")
        cls.alice = Member(cls.node_a, "alice")

    @classmethod
    def tearDownClass(cls):
        cls.node_b.stop()
        cls.node_a.stop()

    def setUp(self):
        self.group = self.owner.create_group(privacy="public")
        self.slug = self.group["slug"]
        self.assertEqual(self.alice.join(self.slug).status, 201)
        self.thread = start_thread(self.owner, self.slug, title="Mornings", body="How do your mornings go?")["thread"]
        self.path = f"/g/{self.slug}/t/{self.thread['id']}"

    def stream_on_b(self, path, **kwargs):
        stream = EventStream(self.node_b, path, **kwargs)
        self.addCleanup(stream.close)
        self.assertEqual(stream.status, 200)
        time.sleep(0.3)  # listening
        return stream

    def test_a_reply_posted_via_node_a_reaches_a_stream_on_node_b(self):
        guest = self.stream_on_b(self.path + "/events")
        received_before = metric(self.node_b, "hearth_cluster_notices_total", 'direction="received"')
        sent = time.monotonic()
        post = reply(self.alice, self.thread["id"], "Slowly, with tea.")
        event = guest.next(timeout=2.0)
        self.assertIsNotNone(event, "node B's stream heard nothing of a reply posted via node A")
        self.assertLess(time.monotonic() - sent, 2.0)
        self.assertEqual((event["event"], post_of(event)), ("reply", str(post)))
        self.assertGreater(metric(self.node_b, "hearth_cluster_notices_total", 'direction="received"'),
                           received_before)
        # And what the stream's page then loads from node B has the reply.
        page = self.node_b.client(store_cookies=False).get(self.path)
        self.assertIn("Slowly, with tea.", page.text)

    def test_edits_and_removals_via_node_a_reach_node_b_in_order(self):
        post = reply(self.alice, self.thread["id"], "First thought")
        stream = self.stream_on_b(self.path + "/events")
        self.assertEqual(self.alice.call("PATCH", f"/api/v1/posts/{post}", {"body": "Second thought"}).status, 204)
        self.assertEqual(self.alice.call("DELETE", f"/api/v1/posts/{post}").status, 204)
        got = [stream.next(timeout=2.0), stream.next(timeout=2.0)]
        self.assertNotIn(None, got)
        self.assertEqual([(e["event"], post_of(e)) for e in got], [("edit", str(post)), ("removal", str(post))])

    def test_a_guest_page_kept_on_node_b_is_fresh_after_a_reply_via_node_a(self):
        guest = self.node_b.client(store_cookies=False)
        first = guest.get(self.path)
        self.assertEqual(first.status, 200)
        hits = metric(self.node_b, "hearth_guest_page_cache_lookups_total", 'result="hit"')
        self.assertEqual(guest.get(self.path).raw_body, first.raw_body)
        self.assertEqual(metric(self.node_b, "hearth_guest_page_cache_lookups_total", 'result="hit"'), hits + 1,
                         "node B keeps the guest page")
        reply(self.alice, self.thread["id"], "A walk before breakfast.")
        # The notification takes milliseconds to cross; then node B's copy is stale.
        self.assertTrue(eventually(lambda: "A walk before breakfast." in guest.get(self.path).text, timeout=2.0),
                        "node B kept serving its old copy after a reply via node A")

    def test_a_member_who_leaves_via_node_a_stops_receiving_on_node_b(self):
        private = self.owner.create_group(privacy="private")
        leaver = Member(self.node_a, "leaver")
        self.assertIn(leaver.accept(self.owner.invite(private["slug"])["token"]).status, (200, 201))
        thread = start_thread(self.owner, private["slug"])["thread"]
        watching = self.stream_on_b(f"/api/v1/threads/{thread['id']}/events", token=leaver.token)
        self.assertEqual(leaver.call("DELETE", f"/api/v1/groups/{private['slug']}/membership").status, 204)
        self.assertTrue(watching.closed.wait(2.0), "node B's stream stays open after leaving via node A")

    def test_a_members_unread_count_on_node_b_follows_reading_on_node_a(self):
        other = self.owner.create_group(privacy="public")
        self.assertEqual(self.alice.join(other["slug"]).status, 201)
        thread = start_thread(self.owner, other["slug"])["thread"]
        counts = self.stream_on_b("/api/v1/me/events", token=self.alice.token)

        def unread(event):
            self.assertIsNotNone(event, "node B's unread count did not follow")
            self.assertEqual(event["event"], "unread")
            return json.loads(event["data"])["unread_threads"]

        before = unread(counts.next(timeout=2.0))
        self.assertGreaterEqual(before, 1)
        # Reading the conversation through node A brings node B's count down ...
        self.assertEqual(self.alice.web.get(f"/g/{other['slug']}/t/{thread['id']}").status, 200)
        self.assertEqual(unread(counts.next(timeout=4.0)), before - 1)
        # ... and a reply there through node A brings it back up.
        reply(self.owner, thread["id"], "News for everyone")
        self.assertEqual(unread(counts.next(timeout=4.0)), before)

def primary_dir():
    """The socket directory of the test cluster (host= in HEARTH_TEST_POSTGRES)."""
    query = urllib.parse.urlparse(os.environ["HEARTH_TEST_POSTGRES"]).query
    return urllib.parse.parse_qs(query)["host"][0]


def psql(url, sql):
    return subprocess.run(["psql", "-qtAX", url, "-c", sql], check=True, stdout=subprocess.PIPE, text=True,
                          timeout=60).stdout.strip()


def replica_script(*args):
    return subprocess.run([REPLICA_SCRIPT, *args], check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=120).stdout.strip()


@unittest.skipUnless(on_postgres() and shutil.which("psql"), "the read replica needs PostgreSQL (HEARTH_TEST_POSTGRES)")
class ReadReplicaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.replica_dir = tempfile.mkdtemp(prefix="hearth-replica-")
        replica_script("start", primary_dir(), cls.replica_dir)
        cls.node_a = HearthServer(env=LIMITS)
        database = database_env(cls.node_a.data_dir)["HEARTH_DATABASE"]
        name = urllib.parse.urlparse(database).path.lstrip("/")
        cls.replica_url = replica_script("url", cls.replica_dir, name)
        cls.node_a.extra_env["HEARTH_DATABASE_REPLICA"] = cls.replica_url
        cls.node_a.start()
        cls.node_b = second_node(cls.node_a, {"HEARTH_DATABASE_REPLICA": cls.replica_url})
        cls.owner = Member(cls.node_a, "owner")
        cls.group = cls.owner.create_group(privacy="public")
        cls.thread = start_thread(cls.owner, cls.group["slug"], title="Evenings")["thread"]
        cls.path = f"/g/{cls.group['slug']}/t/{cls.thread['id']}"

    @classmethod
    def tearDownClass(cls):
        cls.node_b.stop()
        cls.node_a.stop()
        replica_script("stop", cls.replica_dir)

    def tearDown(self):
        replica_script("resume", self.replica_dir)

    def reads(self, node, where):
        return metric(node, "hearth_db_reads_total", f'server="{where}"')

    def member_page(self, node, cookie=None):
        headers = {"Authorization": f"Bearer {self.owner.token}"}
        if cookie:
            headers["Cookie"] = cookie
        response = node.client(store_cookies=False).get(f"/api/v1/threads/{self.thread['id']}", headers=headers)
        self.assertEqual(response.status, 200, response.raw_body[:300])
        return response.text

    def caught_up(self):
        """Waits until the replica has replayed everything the primary has flushed so far
        (under a loaded CI machine that can take seconds: every test database of the
        cluster streams through this one replica)."""
        primary = database_env(self.node_a.data_dir)["HEARTH_DATABASE"]
        flushed = psql(primary, "SELECT pg_current_wal_flush_lsn()")
        return eventually(lambda: psql(self.replica_url, f"SELECT pg_last_wal_replay_lsn() >= '{flushed}'") == "t",
                          timeout=30, interval=0.1)

    def routing_report(self, node):
        """What the node knows of its replica, for a failure message."""
        metrics = node.client(store_cookies=False).get("/metrics").text
        lines = [line for line in metrics.splitlines()
                 if line.startswith(("hearth_db_reads_total", "hearth_db_replica", "hearth_cluster"))]
        logs = [line for line in node.output().splitlines() if "replica" in line or "listen" in line]
        return "\n".join(lines + logs[-10:])

    def test_reads_go_to_the_replica_when_it_has_everything(self):
        self.assertTrue(self.caught_up())
        for node in (self.node_a, self.node_b):
            before = self.reads(node, "replica")
            for _ in range(3):
                self.member_page(node)
            self.assertGreaterEqual(self.reads(node, "replica"), before + 3,
                                    "reads did not use the replica:\n" + self.routing_report(node))
        # The replica really answers them: its own statistics count the connections.
        rows = subprocess.run(["psql", "-qtA", self.replica_url, "-c",
                               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid()"], check=True, stdout=subprocess.PIPE, text=True)
        self.assertGreater(int(rows.stdout.strip()), 0)

    def test_reads_go_to_the_replica_while_another_session_holds_unflushed_wal(self):
        """Another session's open transaction leaves WAL in the primary's buffers that no replica
        can have yet; a node that counted it (the insert position) kept every read on the
        primary until that transaction ended (what made CI fail on a loaded machine)."""
        cluster = os.environ["HEARTH_TEST_POSTGRES"]
        psql(cluster, "SET client_min_messages = warning; CREATE TABLE IF NOT EXISTS wal_noise (x text)")
        noise = subprocess.Popen(["psql", "-qX", cluster], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.addCleanup(noise.wait, 30)
        noise.stdin.write("BEGIN;\nINSERT INTO wal_noise SELECT repeat('x', 2000) FROM generate_series(1, 300);\n"
                          "SELECT pg_sleep(6);\nROLLBACK;\n")
        noise.stdin.close()
        time.sleep(1.0)  # its rows are in the WAL buffers, not flushed
        reply(self.owner, self.thread["id"], "Written beside a long transaction")  # the node's own write
        self.assertTrue(self.caught_up())
        before = self.reads(self.node_a, "replica")
        for _ in range(3):
            self.member_page(self.node_a)
        self.assertGreaterEqual(self.reads(self.node_a, "replica"), before + 3,
                                "reads stayed on the primary:\n" + self.routing_report(self.node_a))
        self.assertIsNone(noise.poll(), "the long transaction ended before the reads (the test proved nothing)")

    def test_a_member_reads_their_own_write_at_once_on_any_node_while_the_replica_lags(self):
        self.assertTrue(self.caught_up())
        replica_script("pause", self.replica_dir)  # the replica stops replaying: it lags
        response = self.owner.api.json("POST", f"/api/v1/threads/{self.thread['id']}/posts",
                                       {"body": "Written while the replica lags", "idempotency_key": key()},
                                       token=self.owner.token)
        self.assertEqual(response.status, 201, response.raw_body[:300])
        cookie = response.set_cookie("hearth_wrote")
        self.assertIsNotNone(cookie, "a write marks its client as a recent writer")
        self.assertIn("Max-Age=5", cookie)
        self.assertIn("HttpOnly", cookie)
        # Straight after the write, with the cookie: node B has maybe not heard yet.
        self.assertIn("Written while the replica lags", self.member_page(self.node_b, "hearth_wrote=1"))
        self.assertIn("Written while the replica lags", self.member_page(self.node_a, "hearth_wrote=1"))
        # Without it, once node B has heard of the write, it still never reads older data.
        replica_reads = self.reads(self.node_b, "replica")
        time.sleep(0.3)
        self.assertIn("Written while the replica lags", self.member_page(self.node_b))
        self.assertIn("Written while the replica lags",
                      self.node_b.client(store_cookies=False).get(self.path).text)
        self.assertEqual(self.reads(self.node_b, "replica"), replica_reads, "a lagging replica was read")
        replica_script("resume", self.replica_dir)
        self.assertTrue(self.caught_up())
        self.assertTrue(eventually(lambda: (self.member_page(self.node_b),
                                            self.reads(self.node_b, "replica") > replica_reads)[1], timeout=10),
                        "reads never went back to the replica once it caught up")

    def test_a_stream_on_node_b_gets_a_reply_via_node_a_while_the_replica_lags(self):
        self.assertTrue(self.caught_up())
        stream = EventStream(self.node_b, self.path + "/events")
        self.addCleanup(stream.close)
        self.assertEqual(stream.status, 200)
        time.sleep(0.3)
        replica_script("pause", self.replica_dir)
        post = reply(self.owner, self.thread["id"], "Heard through a lagging replica")
        event = stream.next(timeout=2.0)
        self.assertIsNotNone(event, "the stream read the lagging replica and found nothing")
        self.assertEqual((event["event"], post_of(event)), ("reply", str(post)))

    def test_the_recent_writer_cookie_sends_reads_to_the_primary(self):
        self.assertTrue(self.caught_up())
        self.member_page(self.node_a)  # the replica is known fresh
        replica, primary = self.reads(self.node_a, "replica"), self.reads(self.node_a, "primary")
        self.member_page(self.node_a, "hearth_wrote=1")
        self.assertEqual(self.reads(self.node_a, "replica"), replica)
        self.assertGreater(self.reads(self.node_a, "primary"), primary)


@unittest.skipUnless(on_postgres() and shutil.which("psql"), "the read replica needs PostgreSQL (HEARTH_TEST_POSTGRES)")
class ReplicaDownTest(unittest.TestCase):
    def test_a_node_keeps_serving_from_the_primary_when_the_replica_is_down(self):
        replica_dir = tempfile.mkdtemp(prefix="hearth-replica-")
        replica_script("start", primary_dir(), replica_dir)
        node = HearthServer(env=LIMITS)
        name = urllib.parse.urlparse(database_env(node.data_dir)["HEARTH_DATABASE"]).path.lstrip("/")
        node.extra_env["HEARTH_DATABASE_REPLICA"] = replica_script("url", replica_dir, name)
        node.start()
        try:
            owner = Member(node, "owner")
            group = owner.create_group(privacy="public")
            replica_script("stop", replica_dir)
            for _ in range(3):
                page = node.client(store_cookies=False).get(f"/g/{group['slug']}")
                self.assertEqual(page.status, 200)
            self.assertEqual(node.client(store_cookies=False).get("/healthz").status, 200)
            self.assertEqual(metric(node, "hearth_db_replica_up", ""), 0)
            self.assertEqual(len(re.findall("read replica .* can't be used", node.output())), 1, "logged once")
        finally:
            node.stop()
            replica_script("stop", replica_dir)


if __name__ == "__main__":
    unittest.main()
