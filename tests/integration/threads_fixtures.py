"""Shared set-up for the conversation tests (test_threads_web.py, test_threads_api.py,
test_search.py): threads and replies made through the API, and reading the thread page's
HTML the way a screen reader would (which post sits at which nesting level)."""
import html
import re
import secrets
from html.parser import HTMLParser

from groups_fixtures import csrf_of


def key():
    """A fresh idempotency key, as a form or an API client makes one per draft."""
    return secrets.token_urlsafe(12)


def start_thread(member, slug, title=None, body=None, **fields):
    """Starts a thread through the API; returns the thread JSON ({"thread", "posts", ...})."""
    payload = {"title": title or f"Thread {secrets.token_hex(3)}", "body": body or "Hello, everyone.",
               "idempotency_key": key()}
    payload.update(fields)
    response = member.call("POST", f"/api/v1/groups/{slug}/threads", payload)
    assert response.status == 201, response.raw_body[:800]
    return response.json()


def reply(member, thread_id, body=None, parent=None, **fields):
    """Replies through the API; returns the new post's id."""
    payload = {"body": body or f"A reply {secrets.token_hex(3)}", "idempotency_key": key()}
    if parent is not None:
        payload["parent_id"] = parent
    payload.update(fields)
    response = member.call("POST", f"/api/v1/threads/{thread_id}/posts", payload)
    assert response.status == 201, response.raw_body[:800]
    return response.json()["post"]["id"]


def hidden_inputs(page, form_action):
    """The hidden fields of the form posting to form_action, as a dict."""
    found = re.search(r'<form [^>]*action="' + re.escape(form_action) + r'"[^>]*>(.*?)</form>', page, re.S)
    assert found, f"no form for {form_action}"
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', found.group(1)))


def text_of(page):
    """The page's visible text, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


class _Nesting(HTMLParser):
    """Records, for each <article id="post-…">, how many lists of replies enclose it."""

    def __init__(self):
        super().__init__()
        self.stack = []  # open <ol> and <li> tags: ("ol", is_replies_root) / ("li", None)
        self.in_replies = 0
        self.depth = {}
        self.parent_list = {}
        self._lists = 0
        self._list_ids = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol":
            is_root = attrs.get("class") == "replies"
            if is_root or self.in_replies:
                self.in_replies += 1
                self._lists += 1
                self._list_ids.append(self._lists)
            self.stack.append(("ol", is_root or bool(self.in_replies)))
        elif tag == "article" and attrs.get("id", "").startswith("post-"):
            post = attrs["id"][5:]
            self.depth[post] = self.in_replies
            self.parent_list[post] = self._list_ids[-1] if self._list_ids else None

    def handle_endtag(self, tag):
        if tag == "ol" and self.stack:
            _, counted = self.stack.pop()
            if counted and self.in_replies:
                self.in_replies -= 1
                self._list_ids.pop()


def nesting(page):
    """({post_id: nesting level}, {post_id: id of the list it sits in}). The opening post is
    at level 0; replies to it at 1, and so on."""
    parser = _Nesting()
    parser.feed(page)
    return parser.depth, parser.parent_list


def form_csrf(page):
    return csrf_of(page)
