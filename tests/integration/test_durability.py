"""Every acknowledged sign-up survives the server being killed (SIGKILL) mid-burst."""
import http.client
import json
import sys
import threading
import time
import unittest

from hearth_server import HearthServer, strong_password

THREADS = 8
KILL_AFTER_SECONDS = 1.5
# On a loaded machine the first sign-ups can take longer than that: wait (up to a limit)
# until a few are acknowledged, so the test always checks something.
MIN_ACKNOWLEDGED = 5
MAX_WAIT_SECONDS = 30


class DurabilityTest(unittest.TestCase):
    def test_acknowledged_sign_ups_survive_a_crash(self):
        server = HearthServer(env={"HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR": "100000"}).start()
        data_dir = server.data_dir
        self.addCleanup(server.remove_data)
        acknowledged = []  # (login, password) answered 201
        sent = [0]
        lock = threading.Lock()
        stop = threading.Event()

        def sign_up_in_a_loop(worker):
            number = 0
            while not stop.is_set():
                number += 1
                login = f"dur-{worker}-{number}-{time.monotonic_ns() % 100000}"
                password = strong_password()
                connection = http.client.HTTPConnection(server.host, server.port, timeout=20)
                try:
                    with lock:
                        sent[0] += 1
                    connection.request("POST", "/api/v1/accounts", json.dumps({"login": login, "password": password}),
                                       {"Content-Type": "application/json"})
                    response = connection.getresponse()
                    response.read()
                    if response.status == 201:
                        with lock:
                            acknowledged.append((login, password))
                    elif response.status != 503:
                        raise AssertionError(f"sign-up answered {response.status}")
                except (OSError, http.client.HTTPException):
                    return  # the server is gone
                finally:
                    connection.close()

        threads = [threading.Thread(target=sign_up_in_a_loop, args=(n,)) for n in range(THREADS)]
        try:
            for thread in threads:
                thread.start()
            time.sleep(KILL_AFTER_SECONDS)
            deadline = time.monotonic() + MAX_WAIT_SECONDS
            while time.monotonic() < deadline:
                with lock:
                    if len(acknowledged) >= MIN_ACKNOWLEDGED:
                        break
                time.sleep(0.05)
            with lock:
                before_kill = len(acknowledged)
            server.kill()
        finally:
            stop.set()
            for thread in threads:
                thread.join(30)
            server.kill()

        with lock:
            survivors = list(acknowledged)
        print(f"\ndurability: {sent[0]} sign-ups sent, {len(survivors)} acknowledged "
              f"({before_kill} before SIGKILL was sent)", file=sys.stderr)
        self.assertGreaterEqual(len(survivors), MIN_ACKNOWLEDGED,
                                "too few sign-ups finished for the test to mean anything")
        self.assertGreater(sent[0], len(survivors), "the kill should have interrupted sign-ups in flight")

        restarted = HearthServer(data_dir=data_dir, env={
            "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "100000",
            "HEARTH_WORKERS": "8",
        }).start()
        try:
            client = restarted.client(store_cookies=False)
            lost = []
            for login, password in survivors:
                answer = client.json("POST", "/api/v1/sessions", {"login": login, "password": password})
                if answer.status != 201:
                    lost.append((login, answer.status))
            self.assertEqual(lost, [], f"{len(lost)} of {len(survivors)} acknowledged sign-ups were lost")
            self.assertEqual(client.get("/healthz").status, 200)
        finally:
            restarted.stop(cleanup=True)


if __name__ == "__main__":
    unittest.main()
