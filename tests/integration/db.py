"""SQL on a test server's database, whichever engine it runs on.

The integration tests go through Hearth (its API, pages and `hearth` subcommands) wherever
they can. A few checks need the database itself: counting rows to prove a refused write left
nothing behind, or putting the authorization matrix's fixture back after an allowed write.
These helpers run such SQL on the server's own database: its hearth.db with sqlite3, or,
when the tests run on PostgreSQL (HEARTH_TEST_POSTGRES, hearth_server.py), the data
directory's database with the `psql` client from Debian's postgresql package (the tests
need no Python driver).

Write the SQL both engines accept, with `?` placeholders. Rows come back as tuples of Python
values (integers, floats, strings, None) on both engines; a BLOB/bytea would differ (bytes
on SQLite, a "\\x…" string on PostgreSQL), so compare none. Each result is a `Rows` list
that also knows its column names (on PostgreSQL only when it has rows).

    count = query(server, "SELECT COUNT(*) FROM posts WHERE thread_id = ?", (thread,))[0][0]
    execute(server, "UPDATE sessions SET expires_at = ? WHERE account_id = ?", (0, account))
    counts, rows = read_many(server, [("SELECT COUNT(*) FROM posts", ()), ("SELECT * FROM threads", ())])
"""
import atexit
import contextlib
import json
import os
import sqlite3
import subprocess
import tempfile
import threading

from hearth_server import database_env, on_postgres

# postgres_database.cpp takes this advisory lock at the start of every write transaction;
# taking it here too runs a test's writes between Hearth's, as SQLite's file lock does.
_WRITE_LOCK = 79600447942760


class Rows(list):
    """A query's rows (tuples), plus `columns`: their names."""

    def __init__(self, rows=(), columns=()):
        super().__init__(rows)
        self.columns = tuple(columns)


def query(server, sql, params=()):
    """The rows of one SELECT."""
    return read_many(server, [(sql, params)])[0]


def execute(server, sql, params=()):
    """Runs one statement that changes data, in a transaction of its own."""
    write_many(server, [(sql, params)])


def read_many(server, statements):
    """The rows of each SELECT in `statements` ([(sql, params)]), all read in one consistent
    snapshot."""
    if on_postgres():
        return _postgres_reads(server, statements)
    with _sqlite(server, "BEGIN") as db:  # one read transaction: one picture of the database
        results = []
        for sql, params in statements:
            cursor = db.execute(sql, params)
            results.append(Rows(cursor.fetchall(), [d[0] for d in cursor.description or ()]))
        return results


def write_many(server, statements):
    """Runs the statements ([(sql, params)]) in one write transaction: all or nothing."""
    if not statements:
        return
    if on_postgres():
        script = ["BEGIN;", r"\o /dev/null", f"SELECT pg_advisory_xact_lock({_WRITE_LOCK});", r"\o"]
        script += [_bind(sql, params) + ";" for sql, params in statements]
        script.append("COMMIT;")
        _psql(server, script)
        return
    with _sqlite(server, "BEGIN IMMEDIATE") as db:
        for sql, params in statements:
            db.execute(sql, params)


# -- SQLite ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _sqlite(server, begin):
    """A connection to the server's hearth.db inside one transaction (`begin`), committed
    when the block ends, rolled back when it raises."""
    db = sqlite3.connect(os.path.join(server.data_dir, "hearth.db"), timeout=30, isolation_level=None)
    try:
        db.execute(begin)
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.close()


# -- PostgreSQL, through psql --------------------------------------------------------------------


def _postgres_reads(server, statements):
    # One statement (one snapshot, one round trip) whose value is a JSON array holding, for
    # each SELECT, the array of its rows: json keeps the columns in order and numbers as
    # numbers. (json_build_array takes up to 100 arguments: an array of arrays of 50.)
    selects = [f"(SELECT coalesce(json_agg(r), '[]') FROM ({_bind(sql, params)}) AS r)" for sql, params in statements]
    chunks = [f"json_build_array({', '.join(selects[i:i + 50])})" for i in range(0, len(selects), 50)]
    printed = _psql(server, [f"SELECT json_build_array({', '.join(chunks)});"])
    results = []
    for chunk in json.loads(printed.rstrip("\0"), object_pairs_hook=lambda pairs: pairs):
        for rows in chunk:
            columns = [name for name, _ in rows[0]] if rows else []
            results.append(Rows([tuple(value for _, value in row) for row in rows], columns))
    assert len(results) == len(statements), (len(results), len(statements))
    return results


def _psql(server, script):
    """What psql printed for the script, run on the server's database."""
    url = database_env(server.data_dir)["HEARTH_DATABASE"]
    with _sessions_lock:  # an idle session of this database, or a new one
        idle = _idle_sessions.setdefault(url, [])
        session = idle.pop() if idle else _PsqlSession(url)
        _all_sessions.add(session)
    try:
        return session.run(script)
    finally:
        with _sessions_lock:
            _idle_sessions[url].append(session)


class _PsqlSession:
    """A psql process on one database, kept for the whole test run (one per thread that
    uses it at the same time): starting psql and connecting costs about 100 ms a time on a
    busy machine, which the authorization matrix (thousands of snapshots) would pay on every
    call; a kept one answers in a millisecond. A failed statement ends it (ON_ERROR_STOP,
    the open transaction rolled back); its next use starts another."""

    DONE = b"\x01done\n"  # JSON text never holds a raw control character

    def __init__(self, url):
        self.url = url
        self.lock = threading.Lock()
        self.process = None
        self.errors = None

    def run(self, script):
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()
            text = "\n".join(script) + "\n\\echo '\\x01done'\n"
            try:
                self.process.stdin.write(text.encode("utf-8"))
                self.process.stdin.flush()
            except BrokenPipeError:
                pass  # the output below ends at once: reported there
            out = bytearray()
            while not out.endswith(self.DONE):
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
                if not chunk:
                    self._fail(script)
                out += chunk
            return out[:-len(self.DONE)].decode("utf-8")

    def _start(self):
        self.close()
        self.errors = tempfile.TemporaryFile()
        env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
        self.process = subprocess.Popen(["psql", "-X", "-q", "-A", "-t", "-0", "-v", "ON_ERROR_STOP=1", self.url],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, env=env)

    def _fail(self, script):
        code = self.process.wait(30)
        self.errors.seek(0)
        message = self.errors.read().decode("utf-8", "replace")
        self.close()
        raise AssertionError(f"psql failed ({code}): {message}\nscript:\n" + "\n".join(script))

    def close(self):
        if self.process is not None:
            if self.process.poll() is None:
                self.process.stdin.close()
                try:
                    self.process.wait(10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            self.process.stdout.close()
            self.process = None
        if self.errors is not None:
            self.errors.close()
            self.errors = None


_idle_sessions = {}  # database URL -> [_PsqlSession]
_all_sessions = set()
_sessions_lock = threading.Lock()


@atexit.register
def _close_sessions():
    for session in _all_sessions:
        session.close()


def _bind(sql, params):
    """`sql` with each `?` outside a quoted string replaced by the literal of its parameter."""
    sql = sql.strip().rstrip(";")
    params = list(params)
    out, quote, used = [], None, 0
    for ch in sql:
        if quote:
            quote = None if ch == quote else quote
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            if used == len(params):
                raise ValueError(f"more placeholders than parameters in {sql!r}")
            out.append(_literal(params[used]))
            used += 1
            continue
        out.append(ch)
    if used != len(params):
        raise ValueError(f"{len(params)} parameters for {used} placeholders in {sql!r}")
    return "".join(out)


def _literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):  # Hearth stores booleans as the integers 0 and 1
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray)):
        return f"'\\x{bytes(value).hex()}'::bytea"
    if isinstance(value, str):
        if "\0" in value:
            raise ValueError("PostgreSQL text cannot hold NUL")
        return "'" + value.replace("'", "''") + "'"  # standard_conforming_strings is on
    raise TypeError(f"no SQL literal for {type(value).__name__}")
