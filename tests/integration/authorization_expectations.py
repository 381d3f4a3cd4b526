"""Who may do what: the expected outcome of every route, for every group privacy level and
every kind of viewer. test_authorization_matrix.py checks the running server against it.

This is a specification, written from issue 3 ("Groups, personas and conversations") and
DESIGN.md principles 1 and 5, not read off the implementation. Every route the server has
(`hearth routes`) must appear in ROUTES, and every name in ROUTES must be a route: adding a
route means deciding, here, who may use it.

Viewers (one account each; the same account holds that role in every fixture group):
  guest      not logged in
  nonmember  logged in, not in the group
  pending    has asked to join the private group and waits (public and hidden groups have no
             requests: there this account is a non-member)
  member     active member
  moderator  active member with the moderator role
  admin      active member with the admin role
  owner      the group's owner
  banned     was a member, now banned

Outcomes:
  allowed    2xx, or a 3xx that is not a redirect to the log-in page
  login      the guest is sent to log in: 303 to /login?next=… (pages) or 401 (API)
  forbidden  403 (for a guest: 401 or the log-in redirect are as good: they learn nothing)
  unreadable the group is visible to the viewer but its content is not theirs to read (a
             private group they haven't joined, a group that banned them): 403 or 404 (or
             the log-in page for a guest), and where the address names a thread, post,
             persona, invite or service, byte for byte the answer for a random id, so that
             a refusal never confirms that an id is real
  not_found  exactly the answer for something that does not exist: 404, or for a guest on a
             members-only route the log-in redirect; in both cases the body and headers are
             identical (apart from the echoed path) to the same request for a random slug
             and random ids. This is how hidden groups, and content a viewer may not read,
             stay invisible.
  already    the viewer is already where the request would take them (a member joining, an
             applicant asking again): 409, or an answer saying so (2xx/3xx); nothing changes
  conflict   refused because of the viewer's own state, which they know (the owner can't
             leave before handing ownership over): 409, or for pages a 303 back or a 409 page
  absent     the group is visible but the thing acted on doesn't exist there (leaving a
             group one isn't in, deciding a request nobody made): 404 or a 303 back to the
             group page

A refused write (every outcome but `allowed`) must change nothing.
"""

VIEWERS = ("guest", "nonmember", "pending", "member", "moderator", "admin", "owner", "banned")
PRIVACIES = ("public", "private", "hidden")
OUTCOMES = ("allowed", "login", "forbidden", "unreadable", "not_found", "already", "conflict", "absent")

# --- The principles, as plain predicates (for the leak checks and as a cross-check of the tables).


def sees_group(privacy, viewer):
    """Does the group exist for this viewer? A hidden group only for its active members."""
    return privacy != "hidden" or viewer in ("member", "moderator", "admin", "owner")


def reads_content(privacy, viewer):
    """Threads, posts, member lists, personas. A ban shuts the member out of reading too."""
    if viewer == "banned":
        return False
    return privacy == "public" or viewer in ("member", "moderator", "admin", "owner")


def _table(text):
    """Parses a grid: a header row of viewers, then one row per privacy level (or `any`)."""
    lines = [line.split() for line in text.strip().splitlines() if line.strip()]
    header, rows = lines[0], lines[1:]
    assert tuple(header) == VIEWERS, header
    table = {}
    for row in rows:
        privacy, outcomes = row[0], row[1:]
        assert privacy in PRIVACIES + ("any",), privacy
        assert len(outcomes) == len(VIEWERS), row
        for outcome in outcomes:
            assert outcome in OUTCOMES, (row, outcome)
        table[privacy] = dict(zip(VIEWERS, outcomes))
    return table


# --- The vocabulary: one table per kind of permission. -----------------------------------------

RULES = {
    # Pages and endpoints about no group in particular: the front page, help, the directory,
    # signing up, logging in, recovery.
    "public": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     allowed    allowed    allowed    allowed    allowed    allowed    allowed    allowed
    """),
    # The member's own account, settings, tokens and personas; starting a group.
    "account": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     login      allowed    allowed    allowed    allowed    allowed    allowed    allowed
    """),
    # The group itself: its page and JSON (name, description, rules, transparency card;
    # content only for readers). Public and private groups are listed for everyone; a
    # hidden one exists only for its members.
    "group-see": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  allowed    allowed    allowed    allowed    allowed    allowed    allowed    allowed
        private allowed    allowed    allowed    allowed    allowed    allowed    allowed    allowed
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # The group's content: threads, posts, who belongs, a member as the group sees them.
    # Whoever may not read it is refused without learning whether a thread, post or
    # persona id is real: the refusal is the same for a random id (the matrix checks it).
    "group-read": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  allowed    allowed    allowed    allowed    allowed    allowed    allowed    unreadable
        private unreadable unreadable unreadable allowed    allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # Keeping track of what one has read: anyone logged in who may read the thread (lurking
    # is participation; a reader of a public group needn't join to have unread markers).
    "group-read-account": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      allowed    allowed    allowed    allowed    allowed    allowed    unreadable
        private login      unreadable unreadable allowed    allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # Starting a thread, replying, reacting, following: active members.
    "group-participate": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  allowed    allowed    allowed    allowed    unreadable
        private login      unreadable unreadable allowed    allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # Editing and removing a post: only its author (the fixture's `member`). Moderators
    # have their own tools (the moderation issue), not the author's pen.
    "post-author": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  allowed    forbidden  forbidden  forbidden  unreadable
        private login      unreadable unreadable allowed    forbidden  forbidden  forbidden  unreadable
        hidden  not_found  not_found  not_found  allowed    forbidden  forbidden  forbidden  not_found
    """),
    # A post's edit history: its author and the group's moderators.
    "post-revisions": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  allowed    allowed    allowed    allowed    unreadable
        private login      unreadable unreadable allowed    allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # Requests to join; pinning and locking threads: moderators and up.
    "group-moderate": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  forbidden  allowed    allowed    allowed    unreadable
        private login      unreadable unreadable forbidden  allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  forbidden  allowed    allowed    allowed    not_found
    """),
    # Deciding a request (the fixture's applicant). Public and hidden groups take no
    # requests, so there is nothing to decide even for a moderator: `absent`.
    "decide-request": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  forbidden  absent     absent     absent     unreadable
        private login      unreadable unreadable forbidden  allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  forbidden  absent     absent     absent     not_found
    """),
    # Settings, rules, invites, roles, the volunteer badge, the group's own services:
    # admins and the owner.
    "group-manage": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  forbidden  forbidden  allowed    allowed    unreadable
        private login      unreadable unreadable forbidden  forbidden  allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  forbidden  forbidden  allowed    allowed    not_found
    """),
    # The join screen (GET): a member is sent to the group page, an applicant sees that
    # their request waits, a banned member is told they can't join.
    "join-screen": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      allowed    allowed    allowed    allowed    allowed    allowed    forbidden
        private login      allowed    allowed    allowed    allowed    allowed    allowed    forbidden
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # The moderation log, the public side of which anyone who may read the group reads (the
    # moderators get all of it): the same as reading the group's content.
    # Reporting a post or a persona: anyone logged in who may read it ("group-read-account").
    # The moderation queue, a post's or a member's moderation record and every moderation
    # action: "group-moderate". Moderation settings: "group-manage".
    # Platform admins' pages: nobody in the fixture is one.
    "platform-admin": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden
    """),
    # Joining: directly (public) or by request (private); hidden groups only by invite.
    "join": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      allowed    allowed    already    already    already    already    forbidden
        private login      allowed    already    already    already    already    already    forbidden
        hidden  not_found  not_found  not_found  already    already    already    already    not_found
    """),
    # The leave screen (GET): members confirm; applicants confirm withdrawing; anyone
    # else who can see the group is sent back to it.
    "leave-screen": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      allowed    allowed    allowed    allowed    allowed    allowed    allowed
        private login      allowed    allowed    allowed    allowed    allowed    allowed    allowed
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    allowed    not_found
    """),
    # Leaving, or withdrawing a request. The owner must hand ownership over first. A banned
    # member has nothing to leave: leaving would wipe the ban and let them join a public
    # group again, so the ban stays (`absent`, and nothing changes).
    "leave": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      absent     absent     allowed    allowed    allowed    conflict   absent
        private login      absent     allowed    allowed    allowed    allowed    conflict   absent
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    conflict   not_found
    """),
    # Looking at an invite link: whoever holds a working link may see where it leads, even
    # a hidden group (the link is the secret). Members are sent on to the group.
    "invite-link": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  allowed    allowed    allowed    allowed    allowed    allowed    allowed    allowed
        private allowed    allowed    allowed    allowed    allowed    allowed    allowed    allowed
        hidden  allowed    allowed    allowed    allowed    allowed    allowed    allowed    allowed
    """),
    # Accepting an invite: joins at once, whatever the privacy (an applicant too); never
    # undoes a ban. A member accepting again is told they are in; nothing changes.
    # Rating a context note: members who may take part (the fixture's note is the owner's, who
    # can't rate their own: `conflict`).
    "note-rate": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  allowed    allowed    allowed    conflict   unreadable
        private login      unreadable unreadable allowed    allowed    allowed    conflict   unreadable
        hidden  not_found  not_found  not_found  allowed    allowed    allowed    conflict   not_found
    """),
    # Showing a verified badge: only verified members, and nobody in the fixture is verified.
    "verified-member": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     login      forbidden  forbidden  forbidden  forbidden  forbidden  forbidden  forbidden
    """),
    # Private messages (docs/messages.md): a conversation is its two participants' alone (the
    # fixture's is between the member and another member, the pal); everyone else, the group's moderators
    # included, gets exactly the answer for a conversation that doesn't exist.
    "message-participant": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  not_found  not_found  not_found  allowed    not_found  not_found  not_found  not_found
        private not_found  not_found  not_found  allowed    not_found  not_found  not_found  not_found
        hidden  not_found  not_found  not_found  allowed    not_found  not_found  not_found  not_found
    """),
    # The same for the routes about no group in the path (the public group's conversation).
    "message-participant-any": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     not_found  not_found  not_found  allowed    not_found  not_found  not_found  not_found
    """),
    # Declining a message request: the fixture's conversation is an ordinary one (the member
    # answered the pal's request), so the member is told there's nothing to decline; everyone
    # else gets the answer for a conversation that doesn't exist.
    "message-decline": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  not_found  not_found  not_found  conflict   not_found  not_found  not_found  not_found
        private not_found  not_found  not_found  conflict   not_found  not_found  not_found  not_found
        hidden  not_found  not_found  not_found  conflict   not_found  not_found  not_found  not_found
    """),
    "message-decline-any": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     not_found  not_found  not_found  conflict   not_found  not_found  not_found  not_found
    """),
    # Writing to a member from their page (the fixture's member): whoever may take part, but
    # the member is writing to themselves.
    "message-persona": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      forbidden  forbidden  conflict   allowed    allowed    allowed    unreadable
        private login      unreadable unreadable conflict   allowed    allowed    allowed    unreadable
        hidden  not_found  not_found  not_found  conflict   allowed    allowed    allowed    not_found
    """),
    # The API's way to the same, with the viewer's own persona in the lobby group: always oneself.
    "message-self": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        any     login      conflict   conflict   conflict   conflict   conflict   conflict   conflict
    """),
    "invite-accept": _table("""
                guest      nonmember  pending    member     moderator  admin      owner      banned
        public  login      allowed    allowed    already    already    already    already    forbidden
        private login      allowed    allowed    already    already    already    already    forbidden
        hidden  login      allowed    allowed    already    already    already    already    forbidden
    """),
}

# Rules under which the viewer learns the group's name and description whatever its
# privacy (they hold its invite link); its content stays secret all the same.
REVEALS_GROUP_TO_LINK_HOLDERS = {"invite-link", "invite-accept"}

# --- Every route, by the name `hearth routes` prints. ---------------------------------------------

ROUTES = {
    # Front door and accounts.
    "web.home": "public",
    "web.signup": "public",
    "web.signup.submit": "public",
    "web.login": "public",
    "web.login.submit": "public",
    "web.logout": "public",
    "web.recover": "public",
    "web.recover.submit": "public",
    "web.help": "public",
    "web.groups": "public",
    "web.settings": "account",
    "web.settings.preferences": "account",
    "web.settings.password": "account",
    "web.settings.logout_everywhere": "account",
    "web.settings.recovery_codes": "account",
    "web.settings.tokens": "account",
    "web.settings.tokens.revoke": "account",
    "web.groups.new": "account",
    "web.groups.create": "account",
    "web.me.personas": "account",
    "web.me.persona": "account",
    "web.me.persona.save": "account",
    "api.accounts.create": "public",
    "api.recovery": "public",
    "api.sessions.create": "public",
    "api.sessions.delete_current": "account",
    "api.sessions.delete_all": "account",
    "api.me.get": "account",
    "api.me.update": "account",
    "api.me.password": "account",
    "api.tokens.create": "account",
    "api.tokens.list": "account",
    "api.tokens.delete": "account",
    "api.support_services": "public",
    "api.groups.list": "public",
    "api.groups.create": "account",
    "api.me.groups": "account",
    "api.me.personas": "account",
    "api.me.personas.get": "account",
    "api.me.personas.update": "account",
    # A group and belonging to it.
    "web.group": "group-see",
    "api.groups.get": "group-see",
    "web.group.join": "join-screen",
    "web.group.join.submit": "join",
    "api.groups.join": "join",
    "web.group.leave": "leave-screen",
    "web.group.leave.submit": "leave",
    "api.groups.leave": "leave",
    "web.invite": "invite-link",
    "api.invites.get": "invite-link",
    "web.invite.accept": "invite-accept",
    "api.invites.accept": "invite-accept",
    "web.group.members": "group-read",
    "api.groups.members": "group-read",
    "web.group.persona": "group-read",
    "api.personas.get": "group-read",
    # Moderating and managing.
    "web.group.manage": "group-moderate",
    "api.groups.requests": "group-moderate",
    "web.group.manage.requests.persona_id": "decide-request",
    "api.groups.requests.decide": "decide-request",
    "web.group.manage.settings": "group-manage",
    "api.groups.update": "group-manage",
    "web.group.manage.invites": "group-manage",
    "api.groups.invites.create": "group-manage",
    "api.groups.invites.list": "group-manage",
    "web.group.manage.invites.id.revoke": "group-manage",
    "api.groups.invites.revoke": "group-manage",
    "web.group.manage.members.persona_id.role": "group-manage",
    "api.groups.members.role": "group-manage",
    "web.group.manage.members.persona_id.volunteer": "group-manage",
    "api.groups.members.volunteer": "group-manage",
    "web.group.manage.services": "group-manage",
    "api.groups.services.add": "group-manage",
    "web.group.manage.services.id.remove": "group-manage",
    "api.groups.services.remove": "group-manage",
    # Conversations.
    "web.thread": "group-read",
    "web.thread.new": "group-participate",
    "web.thread.new.submit": "group-participate",
    "web.thread.reply": "group-participate",
    "web.thread.react": "group-participate",
    "web.post.react": "group-participate",
    "web.thread.follow": "group-participate",
    "web.thread.pin": "group-moderate",
    "web.thread.lock": "group-moderate",
    "web.post.edit": "post-author",
    "web.post.edit.submit": "post-author",
    "web.post.delete": "post-author",
    "web.post.delete.submit": "post-author",
    "web.post.history": "post-revisions",
    "api.threads.list": "group-read",
    "api.threads.get": "group-read",
    "api.threads.create": "group-participate",
    "api.threads.reply": "group-participate",
    "api.threads.follow": "group-participate",
    "api.threads.unfollow": "group-participate",
    "api.threads.read": "group-read-account",
    "api.threads.update": "group-moderate",
    "api.posts.update": "post-author",
    "api.posts.delete": "post-author",
    "api.posts.revisions": "post-revisions",
    "api.posts.react": "group-participate",
    "api.posts.unreact": "group-participate",
    "api.me.feed": "account",
    # Live updates (issue 5): a thread's event stream is read like the thread; a member's
    # unread count is their own.
    "web.thread.events": "group-read",
    "api.me.events": "account",
    "api.threads.events": "group-read",
    # Reports and moderation (issue 4).
    "web.post.report": "group-read-account",
    "web.post.report.submit": "group-read-account",
    "web.persona.report": "group-read-account",
    "web.persona.report.submit": "group-read-account",
    "api.posts.report": "group-read-account",
    "api.groups.members.report": "group-read-account",
    "web.me.reports": "account",
    "web.me.notices": "account",
    "api.me.reports": "account",
    "api.me.notices": "account",
    "web.group.moderation": "group-moderate",
    "api.groups.moderation.queue": "group-moderate",
    "web.moderation.post": "group-moderate",
    "web.moderation.post.act": "group-moderate",
    "api.posts.moderation": "group-moderate",
    "api.posts.moderate": "group-moderate",
    "web.moderation.member": "group-moderate",
    "web.moderation.member.act": "group-moderate",
    "api.groups.members.moderation": "group-moderate",
    "api.groups.members.moderate": "group-moderate",
    "web.group.moderation.log": "group-read",
    "api.groups.moderation.log": "group-read",
    "api.groups.moderation.settings": "group-read",
    "web.group.manage.moderation": "group-manage",
    "api.groups.moderation.settings.update": "group-manage",
    "web.admin": "platform-admin",
    "web.admin.escalation.resolve": "platform-admin",
    "web.admin.unmask": "platform-admin",
    "web.admin.unmask.submit": "platform-admin",
    "api.admin.escalations": "platform-admin",
    "api.admin.escalations.resolve": "platform-admin",
    "api.admin.unmask": "platform-admin",
    "api.admin.audit": "platform-admin",
    # The safety filters' word lists (issue 4): a group's watched words are its moderators'
    # (never shown to anyone else: words people can read are words they can avoid); its
    # "strict" setting for other people's details is its admins'; the platform's list is the
    # platform admins'; mute words are each member's own.
    "web.group.words": "group-moderate",
    "web.group.words.add": "group-moderate",
    "web.group.words.remove": "group-moderate",
    "web.group.words.strict": "group-manage",
    "api.groups.watched_words": "group-moderate",
    "api.groups.watched_words.add": "group-moderate",
    "api.groups.watched_words.remove": "group-moderate",
    "api.groups.filter_settings": "group-moderate",
    "api.groups.filter_settings.update": "group-manage",
    "web.admin.words": "platform-admin",
    "web.admin.words.add": "platform-admin",
    "web.admin.words.remove": "platform-admin",
    "api.admin.watched_words": "platform-admin",
    "api.admin.watched_words.add": "platform-admin",
    "api.admin.watched_words.remove": "platform-admin",
    "web.settings.mute_words": "account",
    "web.settings.mute_words.add": "account",
    "web.settings.mute_words.remove": "account",
    "api.me.mute_words": "account",
    "api.me.mute_words.add": "account",
    "api.me.mute_words.remove": "account",
    # Blocking and muting (issue 4, docs/blocking.md): blocking a member is for anyone logged in
    # who may read the group (a reader of a public group too); the lists, and unblocking or
    # unmuting from them, are one's own. Muting a thread or a group: whoever may read it.
    "web.persona.block": "group-read-account",
    "web.persona.block.submit": "group-read-account",
    "api.groups.members.block": "group-read-account",
    "api.groups.members.unblock": "group-read-account",
    "web.settings.blocked": "account",
    "web.settings.blocked.unblock": "account",
    "api.me.blocks": "account",
    "api.me.blocks.delete": "account",
    "web.thread.mute": "group-read-account",
    "api.threads.mute": "group-read-account",
    "api.threads.unmute": "group-read-account",
    "web.group.mute": "group-read-account",
    "api.groups.mute": "group-read-account",
    "api.groups.unmute": "group-read-account",
    "web.settings.muted": "account",
    "web.settings.muted.unmute": "account",
    "api.me.mutes": "account",
    # Context notes (issue 4, misinformation): anyone who may read a post reads the notes shown
    # with it; writing one takes a verified member (nobody in the fixture) or a moderator;
    # labelling a post "needs context" and removing notes are the moderators'; members rate.
    "web.post.notes": "group-read",
    "api.posts.notes": "group-read",
    "web.post.notes.add": "group-moderate",
    "api.posts.notes.create": "group-moderate",
    "web.post.needs_context": "group-moderate",
    "api.posts.needs_context.set": "group-moderate",
    "api.posts.needs_context.clear": "group-moderate",
    "web.note.rate": "note-rate",
    "api.notes.rate": "note-rate",
    "web.note.remove": "group-moderate",
    "api.notes.delete": "group-moderate",
    # Verified members: platform admins verify; the member shows the badge per persona (hiding
    # it needs no verification: it changes nothing for anyone else).
    "web.admin.verifications": "platform-admin",
    "web.admin.verifications.add": "platform-admin",
    "web.admin.verifications.revoke": "platform-admin",
    "api.admin.verifications": "platform-admin",
    "api.admin.verifications.create": "platform-admin",
    "api.admin.verifications.revoke": "platform-admin",
    "api.me.verification": "account",
    "web.me.persona.badge": "verified-member",
    "api.me.personas.badge.show": "verified-member",
    "api.me.personas.badge.hide": "account",
    # Private messages (docs/messages.md): one's own list and settings; a conversation is its
    # participants' only; a reported or held message is the group's moderators' to act on.
    "web.messages": "account",
    "web.me.persona.messages": "account",
    "api.messages": "account",
    "api.me.personas.message_setting": "account",
    "api.me.personas.message_setting.save": "account",
    "web.messages.conversation": "message-participant",
    "web.messages.conversation.send": "message-participant",
    "web.messages.message.delete": "message-participant",
    "web.messages.message.delete.confirm": "message-participant",
    "web.messages.message.report": "message-participant",
    "web.messages.message.report.submit": "message-participant",
    "api.conversations.messages": "message-participant-any",
    "api.conversations.messages.send": "message-participant-any",
    "api.messages.delete": "message-participant-any",
    "api.messages.report": "message-participant-any",
    # Message requests: accepting an ordinary conversation is fine (nothing changes).
    "web.messages.request.accept": "message-participant",
    "web.messages.request.decline": "message-decline",
    "api.conversations.accept": "message-participant-any",
    "api.conversations.decline": "message-decline-any",
    "web.persona.message": "message-persona",
    "web.persona.message.send": "message-persona",
    "api.personas.messages.send": "message-self",
    "web.moderation.message": "group-moderate",
    "web.moderation.message.act": "group-moderate",
    "api.groups.moderation.message": "group-moderate",
    "api.groups.moderation.message.act": "group-moderate",
    # Search answers everyone, from what they may read (the leak checks see to the rest).
    "web.search": "public",
    "api.search": "public",
}


def rule_of(route_name):
    return RULES[ROUTES[route_name]]


def is_group_scoped(route_name):
    return "any" not in rule_of(route_name)


def expected(route_name, privacy, viewer):
    table = rule_of(route_name)
    return table["any" if "any" in table else privacy][viewer]
