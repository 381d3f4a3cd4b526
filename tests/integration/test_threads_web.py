"""Conversations through the HTML pages, as a person with a browser (no JavaScript) uses them:
starting threads, threaded replies, editing with history, removing, reactions, unread markers,
following, pinning and locking, double submissions, content warnings, anonymous posts and
hostile input."""
import html
import re
import secrets
import time
import unittest
import urllib.parse

from groups_fixtures import Member, form_post, start_server, without_path
from threads_fixtures import hidden_inputs, key, nesting, reply, start_thread, text_of


def marked_new(page):
    """The posts the page marks "New", in page order."""
    return re.findall(r'<article id="?post-(\d+)"?><p class=by><span class="badge badge-new">New</span>', page)


# Replies as people write them in a support group: a few sentences each, about 220
# characters on average (the scale seed's synthetic replies average about 200).
REPLY_TEXTS = [
    "Mum has started getting very agitated around 5pm every day. She paces, asks to go home even though she "
    "is home, and sometimes doesn't recognise me until the morning. How do you all get through the evenings?",
    "That late-afternoon restlessness is so hard. What helped us: closing the curtains before dusk, lamps on "
    "early, and a walk after lunch so Dad was tired in a good way. It didn't stop it, but it was shorter and "
    "calmer.",
    "Thank you, I hadn't thought about the light. We'll try lamps on at 4 and see how this week goes. I'll "
    "report back, and thank you for making me feel less alone with it.",
    "Please also ask about respite. I waited far too long because I felt guilty. A sitter two evenings a week "
    "gave me my sleep back, and I'm a kinder carer for it. Your local carers' centre can help you find one.",
    "Sending you strength. The evenings were the hardest part for us too, and it does help to talk about it "
    "here with people who understand. Please look after your own sleep as well, even if it means asking for help.",
    "We kept a simple routine: tea at the same time, the radio on low, and the same chair. It didn't stop it, "
    "but it shortened it, and I stopped arguing about where home was. That alone made the evenings calmer.",
    "Same here. Some days are better than others, and I try to remember that the bad evenings pass. Be gentle "
    "with yourself tonight, and have something nice for yourself when she is settled. You are doing well.",
    "Our memory clinic nurse suggested checking for an infection when it suddenly got worse. It was a UTI and "
    "things calmed down a lot once it was treated. Worth asking about, especially if it came on quickly.",
    "I'm mostly reading, not posting, but all of this helps. It's good to know we're not alone in it. Dad "
    "is the same around teatime, and tonight I'll try the lamps.",
    "Music from when she was young works for us. Not every time, but often enough to be worth trying. We "
    "have a playlist ready for around five, and a cup of tea for me. Singing along seems to help her most.",
]


def tool_button(page, field):
    """The thread tools form's button for `field` (follow, pinned, locked): its action, the
    fields it sends (hidden inputs and its own name and value) and its label."""
    form = re.search(r'<form method="post" class="tools" id="thread-tools">(.*?)</form>', page, re.S)
    assert form, "no thread tools"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(1)))
    button = re.search(r'<button [^>]*formaction="([^"]+)" name=' + field + r' value=(\d)>([^<]+)</button>',
                       form.group(1))
    assert button, f"no {field} button"
    fields[field] = button.group(2)
    return button.group(1), fields, button.group(3)


class ThreadsWebTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = start_server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def member(self, prefix="m"):
        return Member(self.server, prefix)

    def guest(self):
        return self.server.client()

    def assert_page(self, response, status=200):
        self.assertEqual(response.status, status, response.text[:3000])
        self.assertTrue(response.header("Content-Type", "").startswith("text/html"))
        return response.text

    def group_with_members(self, *members, **fields):
        owner = self.member("own")
        group = owner.create_group(**fields)
        for m in members:
            self.assertEqual(m.join(group["slug"]).status, 201)
        return owner, group["slug"]

    def post_reply(self, member, slug, thread_id, body, reply_to=None, **extra):
        """Fills the thread page's reply form (under `reply_to` when given) and sends it."""
        path = f"/g/{slug}/t/{thread_id}" + (f"?reply_to={reply_to}" if reply_to else "")
        page = self.assert_page(member.web.get(path))
        fields = hidden_inputs(page, f"/g/{slug}/t/{thread_id}/reply")
        fields.update({"body": body, **extra})
        return member.web.post_form(f"/g/{slug}/t/{thread_id}/reply", fields)

    def react(self, member, slug, thread_id, post_id, kind, on):
        page = self.assert_page(member.web.get(f"/g/{slug}/t/{thread_id}"))
        fields = hidden_inputs(page, f"/g/{slug}/t/{thread_id}/react")
        fields["r"] = f"{post_id}.{kind}.{1 if on else 0}"
        return member.web.post_form(f"/g/{slug}/t/{thread_id}/react", fields)

    # -- starting a conversation and replying -------------------------------------------------

    def test_start_a_conversation_and_reply_in_a_threaded_tree(self):
        ann, bob = self.member(), self.member()
        owner, slug = self.group_with_members(ann, bob, rules=["Be gentle."], anonymous_posting=True)
        form = self.assert_page(ann.web.get(f"/g/{slug}/new"))
        for name in ("title", "body", "content_warning", "anonymous", "idempotency_key", "csrf"):
            self.assertIn(f'name="{name}"', form, name)
        self.assertIn("Shown as Anonymous member. Moderators can still act on the post but can't see who wrote it.",
                      html.unescape(form))
        self.assertIn("Markdown", form)
        self.assertRegex(form, r'<aside[^>]*>.*Be gentle\.', "the rules beside the form")
        fields = hidden_inputs(form, f"/g/{slug}/new")
        title = "Evenings are hard " + secrets.token_hex(3)
        created = ann.web.post_form(f"/g/{slug}/new", {**fields, "title": title, "body": "How do you *cope*?"})
        self.assertEqual(created.status, 303, created.text[:2000])
        self.assertRegex(created.location, rf"^/g/{slug}/t/\d+$")
        thread_id = created.location.rsplit("/", 1)[1]
        page = self.assert_page(ann.web.get(created.location))
        self.assertIn(f"<h1>{title}</h1>", page)
        self.assertIn("<em>cope</em>", page)
        self.assertRegex(page, r'<aside[^>]*>.*Be gentle\.', "the rules beside the thread")
        ann_name = ann.persona_in(slug)["name"]
        self.assertIn(ann_name, page)

        # A chain of replies, each answering the one before: nesting stops at depth 3.
        parent, ids = None, []
        for i, who in enumerate((bob, ann, bob, ann)):
            posted = self.post_reply(who, slug, thread_id, f"Reply number {i}", reply_to=parent)
            self.assertEqual(posted.status, 303, posted.text[:2000])
            parent = re.search(r"#post-(\d+)$", posted.location).group(1)
            ids.append(parent)
        sibling = self.post_reply(bob, slug, thread_id, "A second answer to the thread")
        ids.append(re.search(r"#post-(\d+)$", sibling.location).group(1))
        page = self.assert_page(self.guest().get(f"/g/{slug}/t/{thread_id}"))
        depth, parent_list = nesting(page)
        self.assertEqual([depth[i] for i in ids], [1, 2, 3, 3, 1])
        self.assertEqual(parent_list[ids[2]], parent_list[ids[3]], "the 4th reply sits beside the 3rd")
        self.assertNotEqual(parent_list[ids[0]], parent_list[ids[1]])
        self.assertEqual(parent_list[ids[0]], parent_list[ids[4]], "top-level replies share the outer list")
        self.assertIn("5 replies", page)
        self.assertIn('<ol class=replies>', page)
        # Each post says who wrote it and when, as a <time> with a machine-readable value.
        self.assertRegex(page, r'<time datetime=\d{4}-\d\d-\d\dT\d\d:\d\dZ title="[^"]+">just now</time>')

        # The group page lists the thread: title, opening author, reply count, last activity.
        listing = self.assert_page(self.guest().get(f"/g/{slug}"))
        self.assertIn(f'href="/g/{slug}/t/{thread_id}">{title}</a>', listing)
        self.assertIn(f'href="/g/{slug}/p/{ann.persona_in(slug)["id"]}">{ann_name}</a>', listing)
        self.assertIn("5 replies", listing)
        self.assertNotIn("Start a conversation", listing, "guests can't start one")
        self.assertIn(f'href="/g/{slug}/new"', self.assert_page(bob.web.get(f"/g/{slug}")))

    def test_new_conversation_mistakes_are_shown_with_the_form(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)  # anonymous posts not allowed
        form = self.assert_page(ann.web.get(f"/g/{slug}/new"))
        self.assertNotIn('name="anonymous"', form, "no anonymous choice where the group doesn't allow it")
        fields = hidden_inputs(form, f"/g/{slug}/new")
        refused = ann.web.post_form(f"/g/{slug}/new", {**fields, "title": "", "body": "Kept body text"})
        page = self.assert_page(refused, 400)
        self.assertIn('role="alert"', page)
        self.assertIn("Please give your post a title.", page)
        self.assertIn("Kept body text", page)
        self.assertIn('aria-invalid="true"', page)
        self.assertIn(f'value="{fields["idempotency_key"]}"', page, "the corrected form is still one post")
        anonymous = ann.web.post_form(f"/g/{slug}/new", {**fields, "title": "T", "body": "B", "anonymous": "1"})
        self.assertIn("doesn't allow anonymous posts", html.unescape(self.assert_page(anonymous, 400)))
        # Guests are sent to log in; people who aren't members are told how to join.
        self.assertEqual(self.guest().get(f"/g/{slug}/new").status, 303)
        outsider = self.member()
        self.assertIn("Join the group", self.assert_page(outsider.web.get(f"/g/{slug}/new"), 403))
        self.assertEqual(without_path(self.assert_page(outsider.web.get("/g/no-such-group-here/new"), 404),
                                      "/g/no-such-group-here/new"),
                         without_path(outsider.web.get("/g/no-such-group-at-all/new").text,
                                      "/g/no-such-group-at-all/new"))

    # -- no double posts ------------------------------------------------------------------------

    def test_the_same_form_sent_twice_makes_one_post(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        form = self.assert_page(ann.web.get(f"/g/{slug}/new"))
        fields = {**hidden_inputs(form, f"/g/{slug}/new"), "title": "Only once " + secrets.token_hex(3), "body": "Hi"}
        first = ann.web.post_form(f"/g/{slug}/new", fields)
        second = ann.web.post_form(f"/g/{slug}/new", fields)  # a double click, or back and resubmit
        self.assertEqual((first.status, second.status), (303, 303))
        self.assertEqual(first.location, second.location)
        listing = self.assert_page(ann.web.get(f"/g/{slug}"))
        self.assertEqual(listing.count(fields["title"]), 1)
        thread_id = first.location.rsplit("/", 1)[1]

        page = self.assert_page(ann.web.get(first.location))
        reply_fields = {**hidden_inputs(page, f"/g/{slug}/t/{thread_id}/reply"), "body": "Said once"}
        a = ann.web.post_form(f"/g/{slug}/t/{thread_id}/reply", reply_fields)
        b = ann.web.post_form(f"/g/{slug}/t/{thread_id}/reply", reply_fields)
        self.assertEqual((a.status, b.status), (303, 303))
        self.assertEqual(a.location, b.location)
        page = self.assert_page(ann.web.get(first.location))
        self.assertEqual(page.count("Said once"), 1)
        # A new form (a new key) is a new post, even with the same words.
        again = self.post_reply(ann, slug, thread_id, "Said once")
        self.assertEqual(again.status, 303)
        self.assertNotEqual(again.location, a.location)
        self.assertEqual(self.assert_page(ann.web.get(first.location)).count("Said once"), 2)
        # Each page view gives the form a fresh key.
        keys = {hidden_inputs(self.assert_page(ann.web.get(f"/g/{slug}/new")), f"/g/{slug}/new")["idempotency_key"]
                for _ in range(3)}
        self.assertEqual(len(keys), 3)

    # -- editing and the edit history -----------------------------------------------------------

    def test_edit_shows_edited_and_the_history_only_to_author_and_moderators(self):
        ann, bob = self.member(), self.member()
        owner, slug = self.group_with_members(ann, bob)
        thread = start_thread(ann, slug, title="First title", body="The first words")
        thread_id = thread["thread"]["id"]
        post_id = reply(ann, thread_id, body="Original reply text")
        edit_path = f"/g/{slug}/posts/{post_id}/edit"
        form = self.assert_page(ann.web.get(edit_path))
        self.assertIn("Original reply text", form)
        self.assertNotIn('name="title"', form, "replies have no title")
        saved = form_post(ann.web, edit_path, edit_path, {"body": "Better reply text", "content_warning": ""})
        self.assertEqual(saved.status, 303, saved.text[:2000])
        self.assertEqual(saved.location, f"/g/{slug}/t/{thread_id}#post-{post_id}")
        # The opening post's edit form changes the title too.
        opening = thread["posts"][0]["id"]
        retitled = form_post(ann.web, f"/g/{slug}/posts/{opening}/edit", f"/g/{slug}/posts/{opening}/edit",
                             {"title": "Second title", "body": "The first words", "content_warning": ""})
        self.assertEqual(retitled.status, 303)

        history = f"/g/{slug}/posts/{post_id}/history"
        for viewer, sees_link in ((ann, True), (owner, True), (bob, False)):
            page = self.assert_page(viewer.web.get(f"/g/{slug}/t/{thread_id}"))
            self.assertIn("Better reply text", page)
            self.assertNotIn("Original reply text", page)
            self.assertIn("edited", page)
            self.assertEqual(f'href=../posts/{post_id}/history>edited</a>' in page, sees_link)
        self.assertIn("<h1>Second title</h1>", self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}")))
        for viewer in (ann, owner):
            page = self.assert_page(viewer.web.get(history))
            self.assertIn("Original reply text", page)
            self.assertIn("Better reply text", page)
        self.assertNotIn("Original reply text", self.assert_page(bob.web.get(history), 403))
        self.assertEqual(self.guest().get(history).status, 303)  # log in first
        # Only the author may edit.
        self.assertNotIn("Better reply text", self.assert_page(bob.web.get(edit_path), 403))
        refused = form_post(bob.web, f"/g/{slug}/t/{thread_id}", edit_path, {"body": "Hijacked"})
        self.assertEqual(refused.status, 403)
        mistake = form_post(ann.web, edit_path, edit_path, {"body": "  "})
        self.assertIn("Please write something", self.assert_page(mistake, 400))

    # -- removing -------------------------------------------------------------------------------

    def test_remove_leaves_removed_by_its_author_and_the_text_is_gone_everywhere(self):
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        thread_id = start_thread(ann, slug)["thread"]["id"]
        secret = "Zanzibar" + secrets.token_hex(4)
        post_id = reply(bob, thread_id, body=f"I wish I hadn't said {secret}")
        child = reply(ann, thread_id, body="An answer that stays", parent=post_id)
        delete_path = f"/g/{slug}/posts/{post_id}/delete"
        confirm = self.assert_page(bob.web.get(delete_path))
        self.assertIn("Remove this post?", confirm)
        self.assertEqual(ann.web.get(delete_path).status, 403)
        removed = form_post(bob.web, delete_path, delete_path, {})
        self.assertEqual(removed.status, 303)
        again = form_post(bob.web, f"/g/{slug}/t/{thread_id}", delete_path, {})
        self.assertEqual(again.status, 303, "removing twice is fine")
        for client in (self.guest(), ann.web, bob.web):
            page = self.assert_page(client.get(f"/g/{slug}/t/{thread_id}"))
            self.assertIn("removed by its author", page)
            self.assertNotIn(secret, page)
            self.assertIn("An answer that stays", page)
            self.assertIn(f'id=post-{child}>', page)
        api = bob.call("GET", f"/api/v1/threads/{thread_id}")
        self.assertNotIn(secret, api.text)
        found = self.assert_page(bob.web.get(f"/search?q={secret}"))
        self.assertIn("Nothing found", found)
        self.assertNotIn(f"#post-{post_id}", found)
        self.assertEqual(bob.call("GET", f"/api/v1/search?q={secret}").json()["results"], [])
        self.assertEqual(bob.web.get(f"/g/{slug}/posts/{post_id}/edit").status, 409)

    # -- reactions ------------------------------------------------------------------------------

    def test_reactions_toggle_and_count(self):
        ann, bob, cat = self.member(), self.member(), self.member()
        _, slug = self.group_with_members(ann, bob, cat)
        thread_id = start_thread(ann, slug)["thread"]["id"]
        post_id = reply(ann, thread_id, body="Something that helped me")
        button = f'value={post_id}.helped.'
        # A reply's buttons open under it (?reply_to=); the page shows its counts and the link.
        open_path = f"/g/{slug}/t/{thread_id}?reply_to={post_id}"
        closed = self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}"))
        self.assertNotIn(button, closed)
        self.assertIn(f'<a href="?to={post_id}#react">React or reply</a>', closed)
        for member in (bob, cat):
            done = self.react(member, slug, thread_id, post_id, "helped", True)
            self.assertEqual(done.status, 303, done.text[:2000])
            self.assertEqual(done.location, f"/g/{slug}/t/{thread_id}#post-{post_id}")
        self.assertEqual(self.react(bob, slug, thread_id, post_id, "helped", True).status, 303)  # a retry
        page = self.assert_page(bob.web.get(open_path))
        self.assertIn(f'{button}0 aria-pressed=true>This helped <span>2</span></button>', page)
        self.assertIn("This helped 2 (you)", self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}")))
        self.assertIn(f'{button}1 aria-pressed=false>This helped <span>2</span></button>',
                      self.assert_page(ann.web.get(open_path)))
        self.assertIn("This helped 2", self.assert_page(self.guest().get(f"/g/{slug}/t/{thread_id}")))
        self.assertEqual(self.react(bob, slug, thread_id, post_id, "helped", False).status, 303)
        page = self.assert_page(bob.web.get(open_path))
        self.assertIn(f'{button}1 aria-pressed=false>This helped <span>1</span></button>', page)
        # The per-post form (kind, on) does the same.
        done = form_post(bob.web, f"/g/{slug}/t/{thread_id}", f"/g/{slug}/posts/{post_id}/react",
                         {"kind": "me_too", "on": "1"})
        self.assertEqual(done.status, 303)
        self.assertIn(f'value={post_id}.me_too.0 aria-pressed=true>Me too <span>1</span>',
                      self.assert_page(bob.web.get(open_path)))
        self.assertEqual(form_post(bob.web, f"/g/{slug}/t/{thread_id}", f"/g/{slug}/posts/{post_id}/react",
                                   {"kind": "hugs", "on": "1"}).status, 400)
        # Only members react: a member of another group can't, even with a valid form.
        outsider = self.member()
        refused = form_post(outsider.web, f"/g/{slug}/t/{thread_id}", f"/g/{slug}/posts/{post_id}/react",
                            {"kind": "support", "on": "1"})
        self.assertEqual(refused.status, 403)
        seen_by_outsider = self.assert_page(outsider.web.get(open_path))
        self.assertNotIn("form=rx", seen_by_outsider)
        self.assertNotIn('id="rx"', seen_by_outsider)
        self.assertNotIn("React", seen_by_outsider)

    # -- unread markers, reading and following --------------------------------------------------

    def test_unread_markers_follow_and_recent_activity(self):
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        title = "Checking in " + secrets.token_hex(3)
        thread_id = start_thread(ann, slug, title=title)["thread"]["id"]
        self.assertIn("1 new", self.assert_page(bob.web.get(f"/g/{slug}")))
        self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}"))  # reading marks it read
        listing = self.assert_page(bob.web.get(f"/g/{slug}"))
        self.assertNotRegex(listing, rf"{title}</a> <span class=\"badge badge-new\">")
        reply(ann, thread_id)
        reply(ann, thread_id)
        listing = self.assert_page(bob.web.get(f"/g/{slug}"))
        self.assertIn(f'{title}</a> <span class="badge badge-new">2 new</span>', listing)
        self.assertNotIn("badge-new", self.assert_page(self.guest().get(f"/g/{slug}")), "guests have no markers")
        home = self.assert_page(bob.web.get("/"))
        self.assertIn("Recent activity", home)
        self.assertIn(f'{title}</a> <span class="badge badge-new">2 new</span>', home)
        self.assertRegex(home, r"<time datetime=")
        self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}"))
        self.assertNotIn(title, self.assert_page(bob.web.get("/")), "read threads leave the feed")

        page = self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}"))
        action, fields, label = tool_button(page, "follow")
        self.assertEqual((action, fields["follow"], label), (f"/g/{slug}/t/{thread_id}/follow", "1",
                                                             "Follow this conversation"))
        followed = bob.web.post_form(action, fields)
        self.assertEqual(followed.status, 303)
        page = self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}"))
        self.assertIn("Stop following", page)
        self.assertTrue(bob.call("GET", f"/api/v1/threads/{thread_id}").json()["thread"]["following"])
        action, fields, label = tool_button(page, "follow")
        self.assertEqual((fields["follow"], label), ("0", "Stop following"))
        unfollowed = bob.web.post_form(action, fields)
        self.assertEqual(unfollowed.status, 303)
        self.assertFalse(bob.call("GET", f"/api/v1/threads/{thread_id}").json()["thread"]["following"])

    def test_replies_new_since_the_last_read_are_marked_for_that_member_only(self):
        ann, bob, cat = self.member(), self.member(), self.member()
        _, slug = self.group_with_members(ann, bob, cat)
        thread_id = start_thread(bob, slug)["thread"]["id"]
        path = f"/g/{slug}/t/{thread_id}"
        earlier = reply(bob, thread_id, body="Written before Ann read")
        self.assertEqual(marked_new(self.assert_page(ann.web.get(path))), [],
                         "a first visit marks nothing: nothing was read before")
        newer = reply(bob, thread_id, body="Written after Ann read", parent=earlier)
        page = self.assert_page(ann.web.get(path))
        self.assertEqual(marked_new(page), [newer])
        self.assertIn(f'<p class=news> <span class="badge badge-new">1 new</span> '
                      f'<a href="#post-{newer}">Jump to the first new reply</a></p>', page)
        again = self.assert_page(ann.web.get(path))
        self.assertEqual(marked_new(again), [], "read now")
        self.assertNotIn("Jump to the first new reply", again)
        # Nobody else sees Ann's markers: not the author, not a member who never read it, not a guest.
        for client in (bob.web, cat.web, self.guest()):
            page = self.assert_page(client.get(path))
            self.assertNotIn("badge-new", page)
            self.assertNotIn("Jump to the first new reply", page)
        # A guest can't borrow a member's carried mark either.
        self.assertNotIn("badge-new", self.assert_page(self.guest().get(f"{path}?new={earlier}")))

    def test_new_replies_on_later_pages_keep_their_markers(self):
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        thread_id, ids = self.thread_of_52(ann, slug)
        path = f"/g/{slug}/t/{thread_id}"
        self.assert_page(bob.web.get(path))  # Bob reads the first page
        top = reply(ann, thread_id, body="A new top-level reply, on the second page")
        nested = reply(ann, thread_id, body="A new answer on the first page", parent=ids[0])
        first_page = self.assert_page(bob.web.get(path))
        self.assertEqual(marked_new(first_page), [nested])
        jump = re.search(r'<span class="badge badge-new">2 new</span> <a href="([^"]+)">Jump to the first new reply',
                         first_page)
        self.assertTrue(jump, "the jump link")
        target = html.unescape(jump.group(1))
        self.assertRegex(target, rf"^/g/{slug}/t/{thread_id}\?after=[0-9.]+&new={top}#post-{top}$")
        second_page = self.assert_page(bob.web.get(target.split("#")[0]))
        self.assertEqual(marked_new(second_page), [top],
                         "the first visit marked the thread read; the link kept the mark")
        more = re.search(r'<a href="([^"]+)">More replies</a>', first_page)
        self.assertIn(f"&amp;new={top}", more.group(1), "More replies keeps the markers too")

    def test_links_to_replies_beyond_the_first_page_land_on_their_page(self):
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        thread_id, ids = self.thread_of_52(ann, slug)
        word = "Quokka" + secrets.token_hex(3)
        late = reply(ann, thread_id, body=f"Late answer about {word}", parent=ids[51])

        def lands(location, post_id):
            """The location is the page with the post, at the post."""
            self.assertTrue(location.endswith(f"#post-{post_id}"), location)
            self.assertIn("?after=", location)
            page = self.assert_page(ann.web.get(location.split("#")[0]))
            self.assertIn(f'<article id=post-{post_id}>', page)

        edit = f"/g/{slug}/posts/{late}/edit"
        saved = form_post(ann.web, edit, edit, {"body": f"Edited answer about {word}", "content_warning": ""})
        self.assertEqual(saved.status, 303, saved.text[:2000])
        lands(saved.location, late)
        self.assertIn(f'href="{html.escape(saved.location)}">Cancel</a>', self.assert_page(ann.web.get(edit)))
        react = form_post(bob.web, f"/g/{slug}/t/{thread_id}", f"/g/{slug}/posts/{late}/react",
                          {"kind": "support", "on": "1"})
        self.assertEqual(react.status, 303)
        lands(react.location, late)
        # A reply to a reply on the second page, from its form there.
        page = self.assert_page(bob.web.get(saved.location.split("#")[0]))
        answer = re.search(rf'<a href="([^"]+to={ids[50]})#react">React or reply</a>', page)
        self.assertTrue(answer)
        posted = self.post_reply(bob, slug, thread_id, "Answering on page two",
                                 reply_to=f"{ids[50]}&after=" + re.search(r"after=([0-9.]+)", answer.group(1)).group(1))
        self.assertEqual(posted.status, 303)
        lands(posted.location, re.search(r"#post-(\d+)$", posted.location).group(1))
        # Search results link to the post through ?post=, which opens its page.
        found = self.assert_page(bob.web.get(f"/search?q={word}"))
        link = re.search(rf'href="(/g/{slug}/t/{thread_id}\?post={late}#post-{late})"', found)
        self.assertTrue(link, "the search result links to the post")
        self.assertIn(f'<article id=post-{late}>', self.assert_page(bob.web.get(link.group(1).split("#")[0])))
        api_hit = bob.call("GET", f"/api/v1/search?q={word}").json()["results"][0]
        self.assertEqual(api_hit["url"], link.group(1), "the API's link to the post is the same")
        self.assertIn(f'<article id=post-{ids[0]}>',
                      self.assert_page(bob.web.get(f"/g/{slug}/t/{thread_id}?post=not-a-post")), "the first page")
        delete = f"/g/{slug}/posts/{late}/delete"
        removed = form_post(ann.web, delete, delete, {})
        self.assertEqual(removed.status, 303)
        lands(removed.location, late)

    def test_a_reply_form_shown_again_links_to_the_group_from_its_own_address(self):
        """The page's links to personas and posts are relative; shown again at …/reply after a
        mistake, they must still reach /g/{slug}/p/… and /g/{slug}/posts/…."""
        ann, bob = self.member(), self.member()
        _, slug = self.group_with_members(ann, bob)
        thread_id = start_thread(ann, slug)["thread"]["id"]
        bobs = reply(bob, thread_id, body="Bob's reply")
        refused = self.post_reply(bob, slug, thread_id, "   ")
        page = self.assert_page(refused, 400)
        self.assertIn("Please write something", page)
        base = f"/g/{slug}/t/{thread_id}/reply"
        links = {urllib.parse.urljoin(base, href) for href in re.findall(r'<a href=([^ >"]+)>', page)}
        self.assertIn(f"/g/{slug}/p/{ann.persona_in(slug)['id']}", links)
        self.assertIn(f"/g/{slug}/posts/{bobs}/edit", links)
        for path in (f"/g/{slug}/p/{bob.persona_in(slug)['id']}", f"/g/{slug}/posts/{bobs}/edit"):
            self.assertIn(path, links)
            self.assertEqual(bob.web.get(path).status, 200, path)

    def test_a_member_page_of_fifty_replies_weighs_under_30_kb(self):
        """DESIGN.md: a thread page weighs under 30 KB uncompressed. Fifty replies of the lengths
        people write (about 200 characters), some answering others, some with reactions, read by
        a member who wrote two of them and has something new since the last visit."""
        writers = [self.member() for _ in range(6)]
        reader = self.member()
        owner, slug = self.group_with_members(*writers, reader, name="Carers of people living with dementia")
        thread_id = start_thread(writers[0], slug, title="Sundowning has started and I'm exhausted",
                                 body=REPLY_TEXTS[0])["thread"]["id"]
        parents, ids = [None], []
        for i in range(50):
            parent = parents[i % len(parents)] if i % 3 else None
            author = reader if i in (10, 30) else writers[i % 6]
            post = reply(author, thread_id, body=REPLY_TEXTS[(i + 1) % len(REPLY_TEXTS)], parent=parent)
            ids.append(post)
            parents.append(post)
        for i, post in enumerate(ids[::4]):
            self.assertEqual(self.react(writers[i % 6], slug, thread_id, post, "support", True).status, 303)
        path = f"/g/{slug}/t/{thread_id}"
        self.assert_page(reader.web.get(path))
        reply(writers[2], thread_id, body=REPLY_TEXTS[3])  # new since the reader's visit
        sizes = {}
        for name, client in (("member", reader.web), ("moderator", owner.web), ("guest", self.guest())):
            page = self.assert_page(client.get(path))
            self.assertEqual(page.count("<article "), 52, name)
            self.assertEqual(len(marked_new(page)), 1 if name == "member" else 0, name)
            sizes[name] = len(page.encode())
        for name, size in sizes.items():
            self.assertLess(size, 30_000, f"the {name}'s page weighs {size} bytes: {sizes}")

    def thread_of_52(self, author, slug):
        """A thread with 52 top-level replies: the last two are on the second page."""
        thread_id = start_thread(author, slug)["thread"]["id"]
        ids = []
        for i in range(52):
            ids.append(reply(author, thread_id, body=f"Top level {i:02}"))
            time.sleep(0.003)  # distinct times: replies are ordered by when they were written
        return thread_id, ids

    # -- pin and lock -----------------------------------------------------------------------------

    def test_moderators_pin_and_lock(self):
        ann = self.member()
        owner, slug = self.group_with_members(ann)
        first = start_thread(ann, slug, title="Older thread")["thread"]["id"]
        time.sleep(0.01)  # distinct activity times: the order must not rest on a tie
        start_thread(ann, slug, title="Newer thread")
        listing = self.assert_page(ann.web.get(f"/g/{slug}"))
        self.assertLess(listing.index("Newer thread"), listing.index("Older thread"))
        member_page = self.assert_page(ann.web.get(f"/g/{slug}/t/{first}"))
        self.assertNotIn(f"/g/{slug}/t/{first}/pin", member_page)
        refused = form_post(ann.web, f"/g/{slug}/t/{first}", f"/g/{slug}/t/{first}/pin", {"pinned": "1"})
        self.assertEqual(refused.status, 403)
        pinned = form_post(owner.web, f"/g/{slug}/t/{first}", f"/g/{slug}/t/{first}/pin", {"pinned": "1"})
        self.assertEqual(pinned.status, 303)
        listing = self.assert_page(ann.web.get(f"/g/{slug}"))
        self.assertLess(listing.index("Older thread"), listing.index("Newer thread"), "pinned first")
        self.assertRegex(listing, r'Older thread</a> <span class="badge">Pinned</span>')

        locked = form_post(owner.web, f"/g/{slug}/t/{first}", f"/g/{slug}/t/{first}/lock", {"locked": "1"})
        self.assertEqual(locked.status, 303)
        page = self.assert_page(ann.web.get(f"/g/{slug}/t/{first}"))
        self.assertIn("This conversation is locked", page)
        self.assertNotIn(f'action="/g/{slug}/t/{first}/reply"', page)
        self.assertIn('<span class="badge">Locked</span>', page)
        refused = form_post(ann.web, f"/g/{slug}/t/{first}", f"/g/{slug}/t/{first}/reply",
                            {"body": "Can I?", "idempotency_key": key()})
        self.assertEqual(refused.status, 403)
        self.assertIn("locked", refused.text)
        moderator = self.post_reply(owner, slug, first, "A moderator's note")
        self.assertEqual(moderator.status, 303)
        unlocked = form_post(owner.web, f"/g/{slug}/t/{first}", f"/g/{slug}/t/{first}/lock", {"locked": "0"})
        self.assertEqual(unlocked.status, 303)
        self.assertEqual(self.post_reply(ann, slug, first, "Thanks").status, 303)

    # -- content warnings -----------------------------------------------------------------------

    def test_content_warning_keeps_the_post_behind_details(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        thread_id = start_thread(ann, slug, body="A hard night, written down.", content_warning="self-harm")[
            "thread"]["id"]
        page = self.assert_page(self.guest().get(f"/g/{slug}/t/{thread_id}"))
        self.assertIn('<details class=cw><summary>Content warning: self-harm</summary>'
                      '<p>A hard night, written down.</p></details>', page)

    # -- anonymous posts --------------------------------------------------------------------------

    def test_anonymous_posts_never_show_their_author_to_anyone_else(self):
        author, reader = self.member("anon"), self.member()
        owner, slug = self.group_with_members(author, reader, anonymous_posting=True)
        persona = author.persona_in(slug)
        marker = "Quietword" + secrets.token_hex(3)
        form = self.assert_page(author.web.get(f"/g/{slug}/new"))
        created = author.web.post_form(f"/g/{slug}/new", {**hidden_inputs(form, f"/g/{slug}/new"),
                                                          "title": f"Anonymous {marker}", "body": f"Body {marker}",
                                                          "anonymous": "1"})
        self.assertEqual(created.status, 303)
        thread_id = created.location.rsplit("/", 1)[1]
        reply(author, thread_id, body=f"Reply {marker}", anonymous=True)
        reply(reader, thread_id, body="Thinking of you")

        own = self.assert_page(author.web.get(f"/g/{slug}/t/{thread_id}"))
        self.assertIn("You posted this anonymously", own)
        self.assertIn("Anonymous A", own)
        own_api = author.call("GET", f"/api/v1/threads/{thread_id}").json()
        self.assertEqual(own_api["posts"][0]["author"], {"anonymous": True, "label": "A", "you": True})

        secrets_of_author = (persona["name"], persona["id"], author.login)
        paths = [f"/g/{slug}/t/{thread_id}", f"/g/{slug}", f"/search?q={marker}", f"/search?q={marker}&group={slug}",
                 "/", f"/g/{slug}/p/{reader.persona_in(slug)['id']}"]
        api_paths = [f"/api/v1/threads/{thread_id}", f"/api/v1/groups/{slug}/threads", f"/api/v1/search?q={marker}",
                     "/api/v1/me/feed"]
        for name, client, caller in (("other member", reader.web, reader), ("moderator", owner.web, owner),
                                     ("guest", self.guest(), None)):
            for path in paths:
                body = client.get(path).text
                for secret in secrets_of_author:
                    self.assertNotIn(secret, body, f"{name} sees {secret!r} at {path}")
                self.assertNotIn("You posted this anonymously", body)
            for path in api_paths:
                response = caller.call("GET", path) if caller else self.guest().json("GET", path)
                for secret in secrets_of_author:
                    self.assertNotIn(secret, response.text, f"{name} sees {secret!r} at {path}")
            page = client.get(f"/g/{slug}/t/{thread_id}").text
            self.assertIn("Anonymous member", page)
            self.assertIn(marker, page)
        # Search finds the anonymous posts and says "Anonymous member".
        found = self.assert_page(reader.web.get(f"/search?q={marker}"))
        self.assertIn("Anonymous member", found)
        # The author's persona page doesn't tie the anonymous posts to them either.
        persona_page = reader.web.get(f"/g/{slug}/p/{persona['id']}").text
        self.assertNotIn(marker, persona_page)

    # -- who may read a thread ------------------------------------------------------------------

    def test_private_and_hidden_threads_leak_nothing(self):
        ann = self.member()
        owner = self.member("own")
        private = owner.create_group(privacy="private")["slug"]
        hidden = owner.create_group(privacy="hidden")["slug"]
        private_thread = start_thread(owner, private, title="Private matter")["thread"]["id"]
        hidden_thread = start_thread(owner, hidden, title="Hidden matter")["thread"]["id"]
        for client in (self.guest(), ann.web):
            real = client.get(f"/g/{private}/t/{private_thread}")
            made_up = client.get(f"/g/{private}/t/{int(private_thread) + 1}")
            self.assertEqual(real.status, 403)
            self.assertEqual(made_up.status, 403)
            self.assertEqual(real.text, made_up.text, "a private group's thread ids reveal nothing")
            self.assertNotIn("Private matter", real.text)
            self.assertIn("Only members can read this", real.text)
            path = f"/g/{hidden}/t/{hidden_thread}"
            missing = f"/g/no-such-group-{secrets.token_hex(3)}/t/{hidden_thread}"
            hidden_page = client.get(path)
            self.assertEqual(hidden_page.status, 404)
            self.assertEqual(without_path(hidden_page.text, path), without_path(client.get(missing).text, missing))
            self.assertNotIn("Hidden matter", hidden_page.text)
        # A thread of one group under another group's address is not found.
        public = owner.create_group()["slug"]
        self.assertEqual(owner.web.get(f"/g/{public}/t/{private_thread}").status, 404)
        self.assertEqual(owner.web.get(f"/g/{public}/t/123456").status, 404)
        self.assertEqual(owner.web.get(f"/g/{private}/t/{private_thread}").status, 200)
        self.assertEqual(owner.web.get(f"/g/{hidden}/t/{hidden_thread}").status, 200)

    def test_bad_page_positions_are_400(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        thread_id = start_thread(ann, slug)["thread"]["id"]
        self.assert_page(self.guest().get(f"/g/{slug}?after=not-a-cursor"), 400)
        self.assert_page(self.guest().get(f"/g/{slug}/t/{thread_id}?after=1.2.3"), 400)
        self.assert_page(self.guest().get(f"/g/{slug}/t/not-a-number"), 404)

    def test_group_page_pages_through_conversations(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        titles = [f"Numbered thread {i:02}" for i in range(27)]
        for title in titles:
            start_thread(ann, slug, title=title)
            time.sleep(0.003)  # distinct activity times
        first = self.assert_page(self.guest().get(f"/g/{slug}"))
        self.assertEqual(sum(t in first for t in titles), 25)
        self.assertIn(titles[-1], first, "the latest first")
        older = re.search(r'<a href="(/g/[^"]+\?after=[^"#]+)#threads">Older conversations</a>', first)
        self.assertTrue(older)
        second = self.assert_page(self.guest().get(older.group(1)))
        self.assertEqual([t for t in titles if t in second], titles[:2])
        self.assertNotIn("Older conversations", second)
        self.assertIn("Latest conversations", second)

    def test_replies_page_with_more_replies(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        thread_id = start_thread(ann, slug)["thread"]["id"]
        ids = []
        for i in range(52):
            ids.append(reply(ann, thread_id, body=f"Top level {i:02}"))
            time.sleep(0.003)  # distinct times: replies are ordered by when they were written
        page = self.assert_page(self.guest().get(f"/g/{slug}/t/{thread_id}"))
        self.assertIn("Top level 49", page)
        self.assertNotIn("Top level 50", page)
        more = re.search(r'<a href="\?after=([0-9.]+)">More replies</a>', page)
        self.assertTrue(more)
        later = self.assert_page(self.guest().get(f"/g/{slug}/t/{thread_id}?after={more.group(1)}"))
        self.assertIn("Top level 50", later)
        self.assertIn("Top level 51", later)
        self.assertNotIn("Top level 49", later)
        self.assertIn("Back to the first replies", later)
        # A reply from the first page's form lands on the page that shows it.
        posted = self.post_reply(ann, slug, thread_id, "The newest reply")
        self.assertEqual(posted.status, 303)
        shown = self.assert_page(ann.web.get(posted.location.split("#")[0]))
        self.assertIn("The newest reply", shown)
        self.assertNotIn(f'id=post-{ids[0]}>', shown)

    # -- hostile input --------------------------------------------------------------------------

    def test_scripts_and_javascript_links_are_inert(self):
        ann = self.member()
        _, slug = self.group_with_members(ann)
        thread = start_thread(ann, slug, title="<script>alert('t')</script>",
                              body="<script>alert('b')</script>\n\n[click me](javascript:alert(1)) "
                                   "<img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a>",
                              content_warning="<b>cw</b>")
        thread_id = thread["thread"]["id"]
        reply(ann, thread_id, body="<iframe src='https://evil.example'></iframe>\n\n*fine*")
        for path in (f"/g/{slug}/t/{thread_id}", f"/g/{slug}", f"/search?q=alert", "/"):
            page = self.assert_page(ann.web.get(path))
            self.assertNotIn("<script>alert", page, path)
            self.assertNotRegex(page, r"(?i)href\s*=\s*[\"']?\s*javascript:", path)
            self.assertNotIn("<img src=x", page, path)
            self.assertNotIn("<iframe", page, path)
            self.assertNotIn("<b>cw</b>", page, path)
        page = self.assert_page(ann.web.get(f"/g/{slug}/t/{thread_id}"))
        self.assertIn("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;", page)
        self.assertIn("<em>fine</em>", page)


if __name__ == "__main__":
    unittest.main()
