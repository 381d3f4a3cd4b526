"""`hearth` subcommands that write (admin grant/revoke, seed demo, seed scale) tell the nodes
serving the same PostgreSQL database, as `hearth serve` does for its own writes: one "anything
may have changed" notice ('*') after the command's commits, so the nodes' kept guest pages go
stale at once and their live streams look again, instead of waiting up to 30 seconds.

PostgreSQL only (HEARTH_TEST_POSTGRES); skipped on SQLite, which has one node (and the
command's process no bus)."""
import unittest

from groups_fixtures import LIMITS, Member
from hearth_server import HearthServer, on_postgres, run_hearth
from test_cluster_events import eventually, metric
from threads_fixtures import start_thread

LOOKUPS = "hearth_guest_page_cache_lookups_total"


@unittest.skipUnless(on_postgres(), "several nodes need PostgreSQL (HEARTH_TEST_POSTGRES)")
class CommandLineWritesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.node = HearthServer(env=LIMITS).start()

    @classmethod
    def tearDownClass(cls):
        cls.node.stop()

    def kept_guest_page(self):
        owner = Member(self.node, "owner")
        group = owner.create_group(privacy="public")
        thread = start_thread(owner, group["slug"])["thread"]
        path = f"/g/{group['slug']}/t/{thread['id']}"
        guest = self.node.client(store_cookies=False)
        self.assertEqual(guest.get(path).status, 200)
        hits = metric(self.node, LOOKUPS, 'result="hit"')
        self.assertEqual(guest.get(path).status, 200)
        self.assertEqual(metric(self.node, LOOKUPS, 'result="hit"'), hits + 1, "the node keeps the guest page")
        return owner, guest, path

    def test_a_kept_guest_page_is_stale_right_after_a_command_line_write(self):
        owner, guest, path = self.kept_guest_page()
        stale = metric(self.node, LOOKUPS, 'result="stale"')
        done = run_hearth(["admin", "grant", owner.login, "--data", self.node.data_dir])
        self.assertEqual(done.returncode, 0, done.stdout)
        # Without the notice the copy would be served for up to 30 seconds more (a hit).
        fresh = eventually(lambda: guest.get(path).status == 200 and
                           metric(self.node, LOOKUPS, 'result="stale"') > stale, timeout=3.0)
        self.assertTrue(fresh, "the node kept serving its copy after `hearth admin grant`")

    def test_a_command_that_writes_nothing_tells_nobody(self):
        _, guest, path = self.kept_guest_page()
        stale = metric(self.node, LOOKUPS, 'result="stale"')
        refused = run_hearth(["admin", "grant", "nobody-with-this-login", "--data", self.node.data_dir])
        self.assertNotEqual(refused.returncode, 0, refused.stdout)
        hits = metric(self.node, LOOKUPS, 'result="hit"')
        self.assertFalse(eventually(lambda: metric(self.node, LOOKUPS, 'result="stale"') > stale, timeout=1.0))
        self.assertEqual(guest.get(path).status, 200)
        self.assertEqual(metric(self.node, LOOKUPS, 'result="hit"'), hits + 1, "the copy is still good")


if __name__ == "__main__":
    unittest.main()
