#!/usr/bin/env python3
"""The cluster test (make test-cluster): deploy/'s layout on one machine, on loopback.

A PostgreSQL primary and a streaming replica (scripts/pg-test-cluster, scripts/pg-test-replica),
two hearth nodes (HEARTH_BIN: the ASan build under make) on the primary with the replica for
reads, and haproxy in front with health checks on /healthz. Then:

  1. pages, sign-up, log-in and posting work through the proxy;
  2. a live-update (SSE) client on node B receives a reply posted through node A
     (LISTEN/NOTIFY between nodes);
  3. while writers post a stream of replies through the proxy, node A is SIGKILLed: the proxy
     sends everything to node B, and every acknowledged post (201, or 303 for the form) is in
     the database exactly once. A post that got no answer (a 502 from the proxy, a dropped
     connection) is sent again with the same idempotency key, as a browser resubmits a form;
  4. the replica has every post.

Every step runs (a failure is reported, not fatal, unless later steps depend on it); the exit
code is 1 if any failed. Processes and temporary directories are removed on every exit. As
root, PostgreSQL, the nodes and haproxy run as `nobody`. Standard library only.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

from cluster_processes import Haproxy, Node, as_unprivileged  # noqa: E402
from hearth_server import Client, api_log_in, hearth_bin, web_log_in, web_sign_up  # noqa: E402
from test_live_updates import EventStream  # noqa: E402
from threads_fixtures import hidden_inputs, key  # noqa: E402

LIMITS = {
    "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "100000",
    "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "100000",
}
WRITERS = 4                # concurrent posting clients through the proxy
POSTS_BEFORE_KILL = 20     # acknowledged posts before node A is killed
POSTS_AFTER_KILL = 40      # … and after
RETRY_FOR = 20.0           # seconds a writer keeps resending one post without an answer


def log(message):
    print(f"[cluster {time.strftime('%H:%M:%S')}] {message}", flush=True)


def script(name, *args, timeout=120):
    done = subprocess.run([os.path.join(REPO, "scripts", name), *args], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"scripts/{name} {' '.join(args)} failed:\n{done.stdout}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def psql(url, sql):
    done = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"psql failed: {sql}\n{done.stdout}")
    return done.stdout.strip()


def with_database(url, name):
    return url.replace("postgresql:///postgres?", f"postgresql:///{name}?", 1)


class Cluster:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="hearth-cluster-")
        os.chmod(self.tmp, 0o755)  # PostgreSQL, the nodes and haproxy may run as nobody
        self.primary_dir = os.path.join(self.tmp, "pg-primary")
        self.replica_dir = os.path.join(self.tmp, "pg-replica")
        self.primary_started = self.replica_started = False
        self.nodes = {}
        self.haproxy = None

    # -- start ---------------------------------------------------------------------------------

    def start_postgres(self):
        server = script("pg-test-cluster", "start", self.primary_dir)
        self.primary_started = True
        psql(server, "CREATE DATABASE hearth")
        self.primary = with_database(server, "hearth")
        self.replica = None
        if os.path.exists(os.path.join(REPO, "scripts", "pg-test-replica")):
            script("pg-test-replica", "start", self.primary_dir, self.replica_dir)
            self.replica_started = True
            self.replica = script("pg-test-replica", "url", self.replica_dir, "hearth")
        else:
            log("scripts/pg-test-replica is missing: running without a replica")
        log(f"PostgreSQL primary {self.primary}" + (f", replica {self.replica}" if self.replica else ""))

    def start_nodes(self):
        env = {"HEARTH_DATABASE": self.primary, "HEARTH_TRUST_PROXY": "true", "HEARTH_WORKERS": "4", **LIMITS}
        supports_replica = "database_replica" in subprocess.run([hearth_bin(), "--help"], stdout=subprocess.PIPE,
                                                                text=True).stdout
        if self.replica and supports_replica:
            env["HEARTH_DATABASE_REPLICA"] = self.replica
        elif self.replica:
            log("this hearth has no database_replica setting: nodes read from the primary")
        # Both at once: migrations must cope with two nodes starting together.
        starters = [threading.Thread(target=self._start_node, args=(name, env)) for name in ("a", "b")]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        for name in ("a", "b"):
            if name not in self.nodes or not self.nodes[name].port:
                raise AssertionError(f"node {name} did not start")
            log(f"node {name} on 127.0.0.1:{self.nodes[name].port}")

    def _start_node(self, name, env):
        node = Node(name, os.path.join(self.tmp, f"node-{name}"), env)
        self.nodes[name] = node
        try:
            node.start()
        except Exception as error:  # noqa: BLE001 - reported by start_nodes
            log(str(error))

    def start_haproxy(self):
        self.haproxy = Haproxy(os.path.join(self.tmp, "haproxy"), [(n, self.nodes[n].port) for n in ("a", "b")])
        self.haproxy.start()
        if not self.haproxy.wait_for({"a": "UP", "b": "UP"}, timeout=20):
            raise AssertionError(f"haproxy did not see both nodes up: {self.haproxy.states()}")
        log(f"haproxy on 127.0.0.1:{self.haproxy.port}, both nodes UP")

    # -- stop ----------------------------------------------------------------------------------

    def close(self):
        for node in self.nodes.values():
            node.terminate()
        if self.haproxy:
            self.haproxy.terminate()
        for name, started, directory in (("pg-test-replica", self.replica_started, self.replica_dir),
                                         ("pg-test-cluster", self.primary_started, self.primary_dir)):
            if started:
                subprocess.run([os.path.join(REPO, "scripts", name), "stop", directory],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(self.tmp, ignore_errors=True)


# -- the checks ------------------------------------------------------------------------------------

class Member:
    """A member signed up and logged in through the proxy: a browser (cookies) and an API token."""

    def __init__(self, port):
        self.web = Client("127.0.0.1", port)
        self.login, self.password, response = web_sign_up(self.web)
        # 200: the recovery codes page, shown once, already logged in.
        assert response.status == 200 and "recovery-code" in response.text, \
            f"sign-up through the proxy answered {response.status}"
        api = Client("127.0.0.1", port, store_cookies=False)
        self.token = api_log_in(api, self.login, self.password)

    def call(self, port, method, path, payload=None):
        return Client("127.0.0.1", port, store_cookies=False, timeout=10).json(method, path, payload, token=self.token)


def check_through_the_proxy(cluster, state):
    port = cluster.haproxy.port
    guest = Client("127.0.0.1", port)
    for path in ("/", "/healthz", "/signup", "/login"):
        response = guest.get(path)
        assert response.status == 200, f"GET {path} through the proxy answered {response.status}"
    owner = Member(port)
    browser = Client("127.0.0.1", port)
    assert web_log_in(browser, owner.login, owner.password).status == 303, "log-in through the proxy failed"
    assert browser.get("/settings").status == 200, "the session made on one node is not known to the other"
    created = owner.call(port, "POST", "/api/v1/groups", {"name": "Cluster porch", "description": "Across nodes.",
                                                          "privacy": "public"})
    assert created.status == 201, created.raw_body[:300]
    slug = created.json()["slug"]
    started = owner.call(port, "POST", f"/api/v1/groups/{slug}/threads",
                         {"title": "Across two nodes", "body": "Hello from behind haproxy.", "idempotency_key": key()})
    assert started.status == 201, started.raw_body[:300]
    thread_id = started.json()["thread"]["id"]
    # A reply through the web form, as a browser without JavaScript sends it.
    page = owner.web.get(f"/g/{slug}/t/{thread_id}")
    fields = hidden_inputs(page.text, f"/g/{slug}/t/{thread_id}/reply")
    fields["body"] = "A reply through the form."
    sent = owner.web.post_form(f"/g/{slug}/t/{thread_id}/reply", fields)
    assert sent.status == 303, f"the reply form answered {sent.status}"
    assert "A reply through the form." in owner.web.get(f"/g/{slug}/t/{thread_id}").text
    state.update(owner=owner, slug=slug, thread_id=thread_id)


def check_live_update_crosses_nodes(cluster, state):
    owner, thread_id = state["owner"], state["thread_id"]
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    path = f"/api/v1/threads/{thread_id}/events"
    on_a = EventStream(a, path, token=owner.token)
    on_b = EventStream(b, path, token=owner.token)
    try:
        assert on_a.streaming and on_b.streaming, f"streams answered {on_a.status} and {on_b.status}"
        time.sleep(0.5)
        posted = owner.call(a.port, "POST", f"/api/v1/threads/{thread_id}/posts",
                            {"body": "Posted through node A.", "idempotency_key": key()})
        assert posted.status == 201, posted.raw_body[:300]
        post_id = posted.json()["post"]["id"]
        same_node = on_a.next(timeout=3)
        assert same_node and json.loads(same_node["data"]).get("post") == post_id, \
            "a stream on node A itself did not get the reply (the test's own control)"
        other_node = on_b.next(timeout=5)
        assert other_node is not None, "the stream on node B got nothing within 5 s of a reply posted via node A"
        assert json.loads(other_node["data"]).get("post") == post_id, f"node B sent {other_node}"
    finally:
        on_a.close()
        on_b.close()


class Writer(threading.Thread):
    """Posts replies through the proxy until told to stop; resends a post that got no answer
    with the same idempotency key. `form=True` posts through the web form (303), else the API (201)."""

    def __init__(self, number, port, owner, slug, thread_id, form, stop):
        super().__init__(name=f"writer-{number}", daemon=True)
        self.number = number
        self.port, self.owner, self.slug, self.thread_id, self.form, self.stop = port, owner, slug, thread_id, form, stop
        self.acknowledged = []   # (post label, time acknowledged)
        self.sent = []           # every post sent at least once
        self.given_up = []       # posts never acknowledged
        self.unexpected = []     # answers that are neither success nor "try again"
        self.resends = 0
        if form:
            page = owner.web.get(f"/g/{slug}/t/{thread_id}")
            self.fields = hidden_inputs(page.text, f"/g/{slug}/t/{thread_id}/reply")

    def send_once(self, idempotency_key, body):
        client = Client("127.0.0.1", self.port, timeout=10, store_cookies=False)
        if self.form:
            client.cookies = dict(self.owner.web.cookies)
            fields = {**self.fields, "idempotency_key": idempotency_key, "body": body}
            response = client.post_form(f"/g/{self.slug}/t/{self.thread_id}/reply", fields)
        else:
            response = client.json("POST", f"/api/v1/threads/{self.thread_id}/posts",
                                   {"body": body, "idempotency_key": idempotency_key}, token=self.owner.token)
        return response.status, response.raw_body[:300]

    def run(self):
        sequence = 0
        while not self.stop.is_set():
            # The post is known by its body; the key is random, as a form's is. No random text
            # in the body: the safety filters could ask about it (a 409 prompt), as they would
            # for a member.
            sequence += 1
            idempotency_key = key()
            label = f"{sequence} from writer {self.number}"
            body = "Cluster reply " + label
            self.sent.append(label)
            deadline = time.monotonic() + RETRY_FOR
            while True:
                try:
                    status, answer = self.send_once(idempotency_key, body)
                except Exception:  # noqa: BLE001 - a dropped connection: no answer
                    status, answer = None, b""
                if status in (201, 303):
                    self.acknowledged.append((label, time.monotonic()))
                    break
                if status is not None and status < 500:
                    self.unexpected.append((label, f"{status} {answer!r}"))
                    break
                if time.monotonic() > deadline:
                    self.given_up.append(label)
                    break
                self.resends += 1
                time.sleep(0.1)


def acknowledged_count(writers):
    return sum(len(w.acknowledged) for w in writers)


def wait_for(condition, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def check_kill_during_posting(cluster, state):
    owner, slug, thread_id = state["owner"], state["slug"], state["thread_id"]
    stop = threading.Event()
    writers = [Writer(i, cluster.haproxy.port, owner, slug, thread_id, form=(i == 0), stop=stop)
               for i in range(WRITERS)]
    for w in writers:
        w.start()
    try:
        assert wait_for(lambda: acknowledged_count(writers) >= POSTS_BEFORE_KILL, 60), \
            f"only {acknowledged_count(writers)} posts acknowledged before the kill"
        killed_at = time.monotonic()
        before = acknowledged_count(writers)
        cluster.nodes["a"].kill()
        log(f"node A SIGKILLed after {before} acknowledged posts")
        assert wait_for(lambda: acknowledged_count(writers) >= before + POSTS_AFTER_KILL, 60), \
            f"only {acknowledged_count(writers) - before} posts acknowledged after the kill"
        assert cluster.haproxy.wait_for({"a": "DOWN", "b": "UP"}, timeout=10), "haproxy did not mark node A down"
    finally:
        stop.set()
        for w in writers:
            w.join(RETRY_FOR + 15)
    after_kill = sum(1 for w in writers for _, at in w.acknowledged if at > killed_at)
    resends = sum(w.resends for w in writers)
    log(f"{acknowledged_count(writers)} posts acknowledged ({after_kill} after the kill), {resends} resends")

    rows = psql(cluster.primary, "SELECT body, COUNT(*) FROM posts WHERE thread_id = "
                f"{int(thread_id)} AND body LIKE 'Cluster reply %' GROUP BY body")
    in_database = {}
    for line in rows.splitlines():
        body, count = line.rsplit("\t", 1)
        in_database[body.removeprefix("Cluster reply ")] = int(count)
    problems = []
    for w in writers:
        problems += [f"{w.name}: answered {status} for {k}" for k, status in w.unexpected]
        problems += [f"{w.name}: never acknowledged {k} within {RETRY_FOR:.0f} s" for k in w.given_up]
        for k, _ in w.acknowledged:
            if in_database.get(k, 0) != 1:
                problems.append(f"acknowledged post {k} is in the database {in_database.get(k, 0)} times")
    sent = {k for w in writers for k in w.sent}
    problems += [f"post {k} is in the database {n} times" for k, n in in_database.items() if n > 1]
    problems += [f"post {k} in the database was never sent" for k in in_database if k not in sent]
    assert not problems, "\n".join(problems[:20])
    assert after_kill > 0, "nothing was acknowledged after node A was killed"
    state["posts"] = int(psql(cluster.primary, f"SELECT COUNT(*) FROM posts WHERE thread_id = {int(thread_id)}"))


def check_replica(cluster, state):
    if not cluster.replica:
        raise AssertionError("no replica (scripts/pg-test-replica is missing)")
    assert psql(cluster.replica, "SELECT pg_is_in_recovery()") == "t", "the replica is not in recovery"
    thread_id, expected = int(state["thread_id"]), state["posts"]
    caught_up = wait_for(lambda: int(psql(cluster.replica, f"SELECT COUNT(*) FROM posts WHERE thread_id = {thread_id}"))
                         == expected, 15, step=0.5)
    assert caught_up, f"the replica does not have all {expected} posts of the thread"


def check_deploy_files(cluster, state):
    """deploy/haproxy.cfg passes haproxy -c (with a throwaway certificate where it expects
    one) and deploy/hearth.service passes systemd-analyze verify (with this hearth binary)."""
    directory = os.path.join(cluster.tmp, "deploy-check")
    os.makedirs(directory)
    pem = os.path.join(directory, "hearth.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                           "/CN=hearth.test", "-keyout", pem, "-out", pem + ".crt"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    assert made.returncode == 0, made.stdout
    with open(pem, "a", encoding="utf-8") as key_then_certificate, open(pem + ".crt", encoding="utf-8") as crt:
        key_then_certificate.write(crt.read())
    with open(os.path.join(REPO, "deploy", "haproxy.cfg"), encoding="utf-8") as f:
        config = f.read().replace("/etc/haproxy/certs/hearth.pem", pem)
    with open(os.path.join(directory, "haproxy.cfg"), "w", encoding="utf-8") as f:
        f.write(config)
    checked = subprocess.run(["haproxy", "-c", "-f", os.path.join(directory, "haproxy.cfg")], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout, f"haproxy -c:\n{checked.stdout}"
    if shutil.which("systemd-analyze"):
        with open(os.path.join(REPO, "deploy", "hearth.service"), encoding="utf-8") as f:
            unit = f.read().replace("/usr/local/bin/hearth", hearth_bin())
        with open(os.path.join(directory, "hearth.service"), "w", encoding="utf-8") as f:
            f.write(unit)
        verified = subprocess.run(["systemd-analyze", "verify", os.path.join(directory, "hearth.service")],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert verified.returncode == 0 and not verified.stdout.strip(), f"systemd-analyze verify:\n{verified.stdout}"


def check_node_b_stops_cleanly(cluster, state):
    cluster.nodes["b"].stop_cleanly()


STEPS = [
    ("deploy/haproxy.cfg and deploy/hearth.service pass their tools' checks", check_deploy_files, False),
    ("pages, sign-up, log-in and posting through the proxy", check_through_the_proxy, True),
    ("a reply posted via node A reaches a live stream on node B", check_live_update_crosses_nodes, False),
    ("node A SIGKILLed while posting: every acknowledged post exactly once", check_kill_during_posting, True),
    ("the streaming replica has every post", check_replica, False),
    ("node B stops cleanly (SIGTERM, no sanitizer report)", check_node_b_stops_cleanly, False),
]


def main():
    started = time.monotonic()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    if shutil.which("haproxy") is None:
        print("run_cluster_test: haproxy is not installed (scripts/install-deps --cluster)", file=sys.stderr)
        return 1
    os.environ["HEARTH_BIN"] = os.path.abspath(hearth_bin())  # the nodes run in their own directories
    log(f"hearth binary {hearth_bin()}" + (" (as nobody)" if as_unprivileged() else ""))
    cluster = Cluster()
    results = []
    try:
        cluster.start_postgres()
        cluster.start_nodes()
        cluster.start_haproxy()
        state = {}
        for name, check, needed_later in STEPS:
            step_started = time.monotonic()
            try:
                check(cluster, state)
                results.append((name, None))
                log(f"PASS  {name} ({time.monotonic() - step_started:.1f} s)")
            except Exception as error:  # noqa: BLE001 - every failure is reported
                detail = str(error) if isinstance(error, AssertionError) else traceback.format_exc()
                results.append((name, detail))
                log(f"FAIL  {name}: {detail}")
                if needed_later:
                    break
    except KeyboardInterrupt:
        results.append(("interrupted", "stopped by a signal"))
    except Exception:  # noqa: BLE001
        results.append(("setting up the cluster", traceback.format_exc()))
    finally:
        for node in cluster.nodes.values():
            if node.failed_output():
                results.append((f"node {node.name}'s output", node.failed_output()))
        cluster.close()
    failed = [(name, detail) for name, detail in results if detail]
    print(f"\ncluster test: {len(results) - len(failed)} passed, {len(failed)} failed, "
          f"{time.monotonic() - started:.0f} s")
    for name, detail in failed:
        print(f"  FAILED: {name}\n    " + detail.replace("\n", "\n    "))
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
