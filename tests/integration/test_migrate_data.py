"""hearth migrate-data: a community built on SQLite (the demo, scale data, and members who wrote
Unicode through the API) is copied to a throwaway PostgreSQL database, checked by counts and
checksums, refused a second time, caught when the copy is tampered with, and then served by
hearth on PostgreSQL: pages, search, logging in and posting work with the migrated data.

Uses the cluster of $HEARTH_TEST_POSTGRES when set, else starts its own with
scripts/pg-test-cluster (removed afterwards)."""
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

from groups_fixtures import LIMITS, Member
from hearth_server import (HearthServer, assert_no_sanitizer_report, drop_database, hearth_bin, hermetic_env,
                           web_log_in, _REPO, _with_database)
from threads_fixtures import reply, start_thread

UNICODE_WORD = "Schlafl" + secrets.token_hex(3) + "ösigkeit"
UNICODE_BODY = f"{UNICODE_WORD}: 子育て, עברית, العربية, 😀👩🏽‍👧 — naïve <b>&amp;</b> \"quotes\""


def run(args, timeout=600, env=None):
    return subprocess.run([hearth_bin(), *args], env=hermetic_env(env), cwd=tempfile.gettempdir(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                          timeout=timeout)


def psql(url, sql):
    done = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    return done.stdout.strip()


class MigrateDataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster_dir = None
        server_url = os.environ.get("HEARTH_TEST_POSTGRES", "")
        if not server_url:
            cls.cluster_dir = tempfile.mkdtemp(prefix="hearth-migrate-pg-")
            started = subprocess.run([os.path.join(_REPO, "scripts", "pg-test-cluster"), "start", cls.cluster_dir],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
            if started.returncode != 0:
                raise AssertionError("could not start a PostgreSQL cluster:\n" + started.stdout)
            server_url = started.stdout.strip().splitlines()[-1]
        cls.server_url = server_url
        cls.database = "hearth_migrate_" + secrets.token_hex(5)
        psql(server_url, f"CREATE DATABASE {cls.database}")
        cls.target = _with_database(server_url, cls.database)
        cls.data_dir = tempfile.mkdtemp(prefix="hearth-migrate-")
        cls.sqlite_path = os.path.join(cls.data_dir, "hearth.db")
        cls.sqlite_env = {"HEARTH_DATABASE": "sqlite:" + cls.sqlite_path}
        cls._build_source()

    @classmethod
    def tearDownClass(cls):
        try:
            psql(cls.server_url, f"DROP DATABASE IF EXISTS {cls.database} WITH (FORCE)")
        except subprocess.CalledProcessError:
            pass
        drop_database(cls.data_dir)  # the unused database HearthServer gave it under HEARTH_TEST_POSTGRES
        shutil.rmtree(cls.data_dir, ignore_errors=True)
        if cls.cluster_dir:
            subprocess.run([os.path.join(_REPO, "scripts", "pg-test-cluster"), "stop", cls.cluster_dir],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)

    @classmethod
    def _build_source(cls):
        """The demo, scale data, and a member's Unicode thread, all in the SQLite file."""
        for args in (["seed", "demo"], ["seed", "scale", "--posts", "3000"]):
            done = run([*args, "--data", cls.data_dir], env=cls.sqlite_env)
            assert done.returncode == 0, done.stdout
            if args[1] == "scale":
                cls.bench_thread = re.search(r"bench_thread=(\S+)", done.stdout).group(1)
        server = HearthServer(env={**LIMITS, **cls.sqlite_env}, data_dir=cls.data_dir).start()
        try:
            cls.member = Member(server, "mover")
            cls.slug = cls.member.create_group("Umzug – 引っ越し " + secrets.token_hex(2))["slug"]
            created = start_thread(cls.member, cls.slug, title="Über den Umzug 🚚", body=UNICODE_BODY)
            cls.thread_id = created["thread"]["id"]
            reply(cls.member, cls.thread_id, body="Réponse: " + UNICODE_WORD)
        finally:
            server.stop(cleanup=False)

    def migrate(self, *extra, target=None):
        done = run(["migrate-data", "--from", "sqlite://" + self.sqlite_path, "--to", target or self.target, *extra])
        assert_no_sanitizer_report(done.stdout)
        return done

    def test_copy_check_refuse_detect_then_serve(self):
        copied = self.migrate()
        self.assertEqual(copied.returncode, 0, copied.stdout)
        self.assertRegex(copied.stdout, r"All \d+ tables match")
        for table in ("accounts", "posts", "post_search", "threads", "reactions", "sessions"):
            self.assertRegex(copied.stdout, rf"\n{table} +[\d,]+ +[\d,]+ .* ok")
        self.assertNotIn("post_search_data", copied.stdout)  # FTS5 internals stay behind
        posts = int(psql(self.target, "SELECT COUNT(*) FROM posts"))
        self.assertGreater(posts, 3000)
        self.assertEqual(psql(self.target, f"SELECT COUNT(*) FROM post_search WHERE body LIKE '%{UNICODE_WORD}%'"), "2")

        with self.subTest("a second copy into the same database is refused"):
            again = self.migrate()
            self.assertEqual(again.returncode, 1, again.stdout)
            self.assertIn("already holds data", again.stdout)
            self.assertEqual(int(psql(self.target, "SELECT COUNT(*) FROM posts")), posts)

        with self.subTest("--verify agrees with an untouched copy"):
            checked = self.migrate("--verify")
            self.assertEqual(checked.returncode, 0, checked.stdout)

        with self.subTest("a tampered copy is caught"):
            original = psql(self.target, "SELECT body FROM posts WHERE id = (SELECT MIN(id) FROM posts)")
            psql(self.target, "UPDATE posts SET body = body || '!' WHERE id = (SELECT MIN(id) FROM posts)")
            tampered = self.migrate("--verify")
            self.assertEqual(tampered.returncode, 1, tampered.stdout)
            self.assertRegex(tampered.stdout, r"\nposts +[\d,]+ +[\d,]+ +\w+ +\w+ +MISMATCH")
            self.assertEqual(len(re.findall(r"MISMATCH\n", tampered.stdout)), 1, tampered.stdout)
            psql(self.target, "UPDATE posts SET body = left(body, -1) WHERE id = (SELECT MIN(id) FROM posts)")
            self.assertEqual(psql(self.target, "SELECT body FROM posts WHERE id = (SELECT MIN(id) FROM posts)"),
                             original)

        self.serve_and_check()

    def serve_and_check(self):
        """hearth on the PostgreSQL copy: pages, search, logging in and posting."""
        data_dir = tempfile.mkdtemp(prefix="hearth-migrated-")
        server = HearthServer(env={**LIMITS, "HEARTH_DATABASE": self.target}, data_dir=data_dir).start()
        try:
            guest = server.client()
            self.assertEqual(guest.get("/").status, 200)
            page = guest.get(f"/g/{self.slug}/t/{self.thread_id}")
            self.assertEqual(page.status, 200)
            self.assertIn("Über den Umzug 🚚", page.text)
            self.assertIn(UNICODE_WORD + ": 子育て, עברית, العربية, 😀👩🏽‍👧", page.text)
            self.assertEqual(guest.get(self.bench_thread).status, 200)
            found = guest.get("/search?q=" + urllib.parse.quote(UNICODE_WORD))
            self.assertEqual(found.status, 200)
            self.assertIn(f"/t/{self.thread_id}", found.text)

            # The demo member and the Unicode author log in with their passwords.
            demo = server.client()
            self.assertEqual(web_log_in(demo, "demo", "hearth-demo").status, 303)
            self.assertEqual(demo.get("/settings").status, 200)
            member = server.client()
            self.assertEqual(web_log_in(member, self.member.login, self.member.password).status, 303)
            # The bearer token made on SQLite still works (tokens are kept as hashes), and a new
            # reply is written and found (search counters continue past the copied rows).
            self.member.server = server
            self.member.api = server.client(store_cookies=False)
            after = "Nachher" + secrets.token_hex(3)
            reply(self.member, self.thread_id, body=after)
            self.assertIn(f"/t/{self.thread_id}", guest.get("/search?q=" + after).text)
            self.assertEqual(psql(self.target, f"SELECT COUNT(*) FROM posts WHERE body = '{after}'"), "1")
        finally:
            try:
                server.stop(cleanup=True)
            finally:
                shutil.rmtree(data_dir, ignore_errors=True)

    def test_a_missing_source_is_refused(self):
        done = run(["migrate-data", "--from", "sqlite:///nonexistent/hearth.db", "--to", self.target])
        self.assertEqual(done.returncode, 1, done.stdout)
        self.assertIn("There is no SQLite database at /nonexistent/hearth.db", done.stdout)

    def test_needs_both_locations(self):
        done = run(["migrate-data", "--from", "sqlite://" + self.sqlite_path])
        self.assertEqual(done.returncode, 2, done.stdout)
        self.assertIn("needs --from and --to", done.stdout)


if __name__ == "__main__":
    unittest.main()
