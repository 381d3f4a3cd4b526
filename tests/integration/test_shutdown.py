"""Stopping, starting and configuring the `hearth` process."""
import os
import signal
import socket
import tempfile
import time
import unittest

from hearth_server import (HearthServer, api_log_in, assert_no_sanitizer_report, drop_database, on_postgres, run_hearth,
                           status_of, strong_password, unique_login)


def read_until_closed(sock, timeout):
    sock.settimeout(timeout)
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


class GracefulShutdownTest(unittest.TestCase):
    def test_sigterm_finishes_the_request_in_flight(self):
        server = HearthServer().start()
        self.addCleanup(server.remove_data)
        login, password = unique_login("inflight"), strong_password()
        body = ('{"login": "%s", "password": "%s"}' % (login, password)).encode()
        sock = server.connect(timeout=30)
        try:
            # The request is in flight from its first byte: send the headers and half the
            # body, signal, then the rest. The sign-up (an Argon2 hash and a commit) then
            # runs entirely after SIGTERM.
            sock.sendall(b"POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body[:10]))
            time.sleep(0.5)  # the server reads the first bytes at once; this is ample
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            # It stops taking new connections at once ...
            refused = False
            while not refused and time.monotonic() - started < 5:
                try:
                    socket.create_connection((server.host, server.port), timeout=1).close()
                    time.sleep(0.02)
                except (ConnectionRefusedError, ConnectionResetError):
                    refused = True  # (reset: it was queued when the listening socket closed)
            self.assertTrue(refused, "still accepting connections after SIGTERM")
            self.assertIsNone(server.process.poll(), "exited with a request in flight")
            # ... but finishes the one in flight.
            sock.sendall(body[10:])
            raw = read_until_closed(sock, timeout=30)
        finally:
            sock.close()
        self.assertEqual(status_of(raw), 201, raw[:500])
        self.assertIn(b"connection: close", raw.lower().partition(b"\r\n\r\n")[0])
        self.assertIn(b'"recovery_codes"', raw)
        output = server.stop(cleanup=False)  # already signalled: waits, asserts exit code 0
        self.assertLess(time.monotonic() - started, 10)
        self.assertIn("shut down cleanly", output)

        # The acknowledged sign-up is in the database the next server opens.
        again = HearthServer(data_dir=server.data_dir).start()
        try:
            api_log_in(again.client(), login, password)
        finally:
            again.stop(cleanup=False)

    def test_sigterm_does_not_wait_for_idle_connections(self):
        server = HearthServer().start()
        self.addCleanup(server.remove_data)
        idle = server.connect(timeout=10)
        silent = server.connect(timeout=10)  # connected, never sent anything
        try:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            first = b""
            while b"ok" not in first:
                chunk = idle.recv(4096)
                self.assertTrue(chunk, "connection closed before the response")
                first += chunk
            self.assertEqual(status_of(first), 200)
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            self.assertEqual(read_until_closed(idle, timeout=8), b"")  # closed without another word
            output = server.stop()
            self.assertLess(time.monotonic() - started, 5, "shutdown waited for idle keep-alive connections")
            self.assertIn("shut down cleanly", output)
        finally:
            idle.close()
            silent.close()

    def test_sigint_also_stops_cleanly(self):
        server = HearthServer().start()
        self.addCleanup(server.remove_data)
        self.assertEqual(server.client().get("/healthz").status, 200)
        server.process.send_signal(signal.SIGINT)
        output = server.stop()
        self.assertIn("shut down cleanly", output)


class CommandLineTest(unittest.TestCase):
    def test_help_lists_the_options(self):
        result = run_hearth(["--help"])
        self.assertEqual(result.returncode, 0, result.stdout)
        for option in ("--listen", "--data", "--config", "HEARTH_LISTEN", "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR",
                       "serve", "migrate"):
            self.assertIn(option, result.stdout)
        assert_no_sanitizer_report(result.stdout)

    def test_migrate(self):
        with tempfile.TemporaryDirectory(prefix="hearth-it-") as data:
            target = os.path.join(data, "nested", "dir")
            first = run_hearth(["migrate", "--data", target])
            self.assertEqual(first.returncode, 0, first.stdout)
            if not on_postgres():  # (on PostgreSQL the data directory's database is elsewhere)
                self.assertTrue(os.path.exists(os.path.join(target, "hearth.db")))
            self.assertIn("is migrated", first.stdout)
            second = run_hearth(["migrate", "--data", target])  # idempotent
            self.assertEqual(second.returncode, 0, second.stdout)
            assert_no_sanitizer_report(first.stdout + second.stdout)
            # The migrated database serves.
            server = HearthServer(data_dir=target).start()
            try:
                self.assertIn("Samaritans", server.client().get("/help?region=GB").text)
            finally:
                server.stop(cleanup=False)
                drop_database(target)

    def test_bad_configuration_is_refused_with_a_clear_message(self):
        with tempfile.TemporaryDirectory(prefix="hearth-it-") as data:
            bad_file = os.path.join(data, "bad.toml")
            with open(bad_file, "w") as f:
                f.write('workers = 0\n[limits]\nsignups_per_client_per_hour = 5\n')
            cases = [
                (["serve", "--data", data, "--listen", "127.0.0.1:0"], {"HEARTH_WORKERS": "abc"},
                 ["HEARTH_WORKERS", "whole number", '"abc"']),
                (["serve", "--data", data, "--workers", "abc"], {}, ["--workers", "whole number"]),
                (["serve", "--data", data], {"HEARTH_LOG_LEVEL": "loud"}, ["log_level must be"]),
                (["serve", "--data", data], {"HEARTH_SESSION_LIFETIME_SECONDS": "-5"},
                 ["session_lifetime_seconds"]),
                (["serve", "--data", data, "--no-such-option", "1"], {}, ["Unknown option --no-such-option"]),
                (["serve", "--data", data, "--listen", "nowhere"], {}, ["HOST:PORT"]),
                (["serve", "--data", data, "--config", bad_file], {}, [bad_file, "workers"]),
                (["serve", "--data", data, "--config", os.path.join(data, "missing.toml")], {}, ["does not exist"]),
                (["frobnicate", "--data", data], {}, ["unknown command"]),
            ]
            for args, env, expected in cases:
                with self.subTest(args=args, env=env):
                    result = run_hearth(args, env=env, timeout=30)
                    self.assertNotEqual(result.returncode, 0, result.stdout)
                    self.assertNotIn("listening on", result.stdout)
                    for text in expected:
                        self.assertIn(text, result.stdout)
                    assert_no_sanitizer_report(result.stdout)

    def test_a_busy_port_is_reported(self):
        first = HearthServer().start()
        try:
            with tempfile.TemporaryDirectory(prefix="hearth-it-") as data:
                result = run_hearth(["serve", "--data", data, "--listen", f"127.0.0.1:{first.port}"], timeout=30)
            self.assertNotEqual(result.returncode, 0, result.stdout)
            self.assertIn("Could not listen on 127.0.0.1:%d" % first.port, result.stdout)
            self.assertEqual(first.client().get("/healthz").status, 200)
        finally:
            first.stop()


if __name__ == "__main__":
    unittest.main()
