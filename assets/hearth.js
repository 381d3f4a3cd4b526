// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Tell the server the browser's time zone, so times can be shown in it before the member
  // picks one in settings. A first-party cookie, read only by Hearth.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && /^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone) && document.cookie.indexOf("hearth_tz=" + zone) === -1) {
      var secure = location.protocol === "https:" ? "; Secure" : "";
      document.cookie = "hearth_tz=" + zone + "; Path=/; Max-Age=31536000; SameSite=Lax" + secure;
    }
  } catch (e) { /* old browsers: times stay in UTC until the member chooses a zone */ }

  // Prevent double submission: disable a form's submit buttons once it is sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("method") !== "post") return;
    window.setTimeout(function () {
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    }, 0);
  });

  askInline();
  liveMessageCount();

  // Live updates on a conversation page. The server's event stream names what changed (a
  // reply, an edit, a removal, a reaction; the conversation locked or pinned) and the post,
  // never its content. The page is then
  // loaded again, exactly as reloading it would show it to this reader, and the posts that
  // changed are taken from it: new replies are added where they belong, changed posts are
  // replaced. Focus never moves; a post that holds the focus is updated once focus leaves
  // it. New replies are announced politely to screen readers.
  var main = document.querySelector("[data-live]");
  if (!main || !window.EventSource || !window.fetch || !window.DOMParser) return;

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  var pending = {};       // post id -> true: to update from the next load
  var everything = false; // a reset: every post of the page
  var threadState = false; // locked or pinned changed: the flags, the tools and the reply form too
  var timer = null;
  var loading = false;

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function schedule(delay) {
    if (timer !== null || loading) return;
    timer = window.setTimeout(function () {
      timer = null;
      if (document.hidden) return; // loads when the tab is shown again
      load();
    }, delay);
  }

  function onEvent(event) {
    try {
      var data = JSON.parse(event.data);
      if (data && data.post) pending[data.post] = true;
    } catch (e) { return; }
    schedule(300);
  }

  function pageAddress() {
    return location.pathname + location.search;
  }

  function directList(item) {
    for (var child = item.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName === "OL") return child;
    }
    return null;
  }

  // The list on this page where a reply taken from `fresh` (the page loaded again) goes.
  function listFor(freshItem) {
    var freshList = freshItem.parentNode;
    if (!freshList || freshList.tagName !== "OL") return null;
    if (freshList.classList.contains("replies")) {
      var replies = document.querySelector("ol.replies");
      if (replies) return replies;
      var heading = document.getElementById("replies-h");
      if (!heading) return null;
      replies = document.createElement("ol");
      replies.className = "replies";
      heading.parentNode.insertBefore(replies, heading.nextSibling);
      return replies;
    }
    var parentItem = freshList.parentNode;
    var parentArticle = parentItem && parentItem.querySelector("article");
    var here = parentArticle && document.getElementById(parentArticle.id);
    if (!here || here.parentNode.tagName !== "LI") return null;
    var list = directList(here.parentNode);
    if (!list) {
      list = document.createElement("ol");
      here.parentNode.appendChild(list);
    }
    return list;
  }

  function insert(freshArticle) {
    var freshItem = freshArticle.parentNode;
    if (!freshItem || freshItem.tagName !== "LI") return false;
    var list = listFor(freshItem);
    if (!list) return false;
    var item = document.createElement("li");
    item.appendChild(document.importNode(freshArticle, true));
    // Before the first later sibling this page already shows, else last.
    for (var next = freshItem.nextElementSibling; next; next = next.nextElementSibling) {
      var article = next.querySelector("article");
      var shown = article && document.getElementById(article.id);
      if (shown && shown.parentNode.parentNode === list) {
        list.insertBefore(item, shown.parentNode);
        return true;
      }
    }
    list.appendChild(item);
    return true;
  }

  function holdsFocus(element) {
    return document.activeElement && element !== document.activeElement && element.contains(document.activeElement);
  }

  function updateLater(article) {
    article.addEventListener("focusout", function again() {
      article.removeEventListener("focusout", again);
      window.setTimeout(function () { if (!holdsFocus(article)) schedule(0); }, 0);
    });
  }

  // `wanted`: the posts whose events came before the page was loaded again; `all`: every post.
  function apply(fresh, wanted, all) {
    var added = 0, elsewhere = 0;
    var articles = fresh.querySelectorAll("article[id^='post-']");
    for (var i = 0; i < articles.length; i++) {
      var freshArticle = articles[i];
      var id = freshArticle.id.slice(5);
      if (!all && !wanted[id]) continue;
      delete wanted[id];
      var shown = document.getElementById(freshArticle.id);
      if (!shown) {
        if (insert(freshArticle)) added++;
      } else if (holdsFocus(shown)) {
        pending[id] = true;
        updateLater(shown);
      } else if (shown.outerHTML !== freshArticle.outerHTML) {
        shown.parentNode.replaceChild(document.importNode(freshArticle, true), shown);
      }
    }
    for (var rest in wanted) {
      if (Object.prototype.hasOwnProperty.call(wanted, rest) && !document.getElementById("post-" + rest)) elsewhere++;
    }
    // "12 replies", and the title when the opening post's was edited.
    var pairs = [[fresh.getElementById("replies-h"), document.getElementById("replies-h")],
                 [fresh.querySelector("h1"), document.querySelector("h1")]];
    for (var j = 0; j < pairs.length; j++) {
      if (pairs[j][0] && pairs[j][1] && pairs[j][0].textContent !== pairs[j][1].textContent) {
        pairs[j][1].textContent = pairs[j][0].textContent;
      }
    }
    if (added > 0) announce(added === 1 ? "1 new reply" : added + " new replies");
    else if (elsewhere > 0) announce("New replies were posted. They are on a later page of this conversation.");
  }

  // The node with this id on the page becomes the one in `fresh` (added after `before` when
  // the page has none; removed when `fresh` has none), unless it holds the focus.
  function swap(id, fresh, before) {
    var shown = document.getElementById(id), next = fresh.getElementById(id);
    if (shown && holdsFocus(shown)) return;
    if (shown && next) {
      if (shown.outerHTML !== next.outerHTML) shown.parentNode.replaceChild(document.importNode(next, true), shown);
    } else if (shown) {
      shown.parentNode.removeChild(shown);
    } else if (next && before) {
      before.parentNode.insertBefore(document.importNode(next, true), before.nextSibling);
    }
  }

  // A reply form taken away (the conversation was locked) must not take the member's words
  // with it: they stay on the page, read-only, to copy; a form given back (unlocked) gets
  // them again.
  function carryWords(oldNode, parent, before) {
    var typed = oldNode.querySelector("textarea");
    if (!typed || !typed.value.trim()) return;
    var form = parent.querySelector("form textarea");
    if (form) {
      if (!form.value) form.value = typed.value;
      return;
    }
    var box = document.createElement("div"), note = document.createElement("p"), words = document.createElement("textarea");
    box.className = "card unsent";
    note.id = "unsent-note";
    note.textContent = "Your reply wasn't posted. Your words are kept here so you can copy them:";
    words.readOnly = true;
    words.rows = 5;
    words.value = typed.value;
    words.setAttribute("aria-labelledby", "unsent-note");
    box.appendChild(note);
    box.appendChild(words);
    parent.insertBefore(box, before);
  }

  // The conversation was locked or unlocked, pinned or unpinned: its badges, the moderators'
  // buttons and the reply form follow. A form the member may still use stays as it is, with
  // whatever they have typed; one they may no longer use gives way to the page's notice.
  function applyThreadState(fresh) {
    var flags = document.getElementById("thread-flags");
    var wasLocked = !!flags && flags.textContent.indexOf("Locked") !== -1;
    swap("thread-flags", fresh, document.querySelector("h1"));
    swap("thread-tools", fresh, null);
    var area = document.getElementById("reply-area"), freshArea = fresh.getElementById("reply-area");
    var formThere = freshArea && freshArea.querySelector("form") !== null;
    if (area && freshArea && !(formThere && area.querySelector("form"))) {
      var newArea = document.importNode(freshArea, true);
      area.parentNode.replaceChild(newArea, area);
      carryWords(area, newArea, null);
    }
    // A reply form opened under a reply goes too when the page no longer offers one.
    var inline = document.querySelector("ol.replies section#reply");
    if (inline && !fresh.querySelector("section#reply")) {
      var where = inline.parentNode, after = inline.nextSibling;
      where.removeChild(inline);
      carryWords(inline, where, after);
    }
    var nowFlags = document.getElementById("thread-flags");
    var isLocked = !!nowFlags && nowFlags.textContent.indexOf("Locked") !== -1;
    if (isLocked && !wasLocked) announce("This conversation is now locked, so it can't take new replies.");
    else if (wasLocked && !isLocked) announce("This conversation is open for replies again.");
  }

  function waiting() {
    if (everything || threadState) return true;
    for (var id in pending) {
      var shown = document.getElementById("post-" + id);
      if (Object.prototype.hasOwnProperty.call(pending, id) && !(shown && holdsFocus(shown))) return true;
    }
    return false;
  }

  function load() {
    loading = true;
    var wanted = pending, all = everything, state = threadState; // events that come while loading wait for the next load
    pending = {};
    everything = false;
    threadState = false;
    // X-Hearth-Live: an open tab fetching news is not the member reading them, so the
    // server leaves the thread unread (and the fetched page marks them "New").
    fetch(pageAddress(), { credentials: "same-origin", headers: { "Accept": "text/html", "X-Hearth-Live": "1" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        apply(fresh, wanted, all);
        if (state) applyThreadState(fresh);
      })
      .catch(function () { /* the next event, or a reload, brings the page up to date */ })
      .then(function () {
        loading = false;
        if (waiting()) schedule(300);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && waiting()) schedule(0);
  });

  var source = new EventSource(main.getAttribute("data-live"));
  ["thread", "reply", "edit", "removal", "reaction"].forEach(function (kind) {
    source.addEventListener(kind, onEvent);
  });
  // Locked or pinned: every post too, since their "React or reply" links follow the lock.
  ["lock", "pin"].forEach(function (kind) {
    source.addEventListener(kind, function () {
      everything = true;
      threadState = true;
      schedule(300);
    });
  });
  source.addEventListener("reset", function () {
    everything = true;
    threadState = true;
    schedule(0);
  });

  // The header's "Messages (N) · M requests" kept up to date as messages and message requests
  // arrive or are read (GET /api/v1/me/events, which only ever tells this account's own
  // counts). Without JavaScript the next page load shows the same. The words are those of
  // web/layout.cpp's messages_link.
  function liveMessageCount() {
    var link = document.getElementById("nav-messages");
    if (!link || !window.EventSource || !window.JSON) return;
    var source = null;
    // A tab in the background lets its stream go (over plain HTTP/1.1 a browser keeps only
    // six connections to a site, and a thread page already holds one) and opens it again
    // when shown: the stream's first event is the current count.
    function listen() {
      source = new EventSource("/api/v1/me/events");
      source.addEventListener("unread", show);
    }
    document.addEventListener("visibilitychange", function () {
      if (document.hidden && source) {
        source.close();
        source = null;
      } else if (!document.hidden && !source) {
        listen();
      }
    });
    if (!document.hidden) listen();
    var unread = null;
    function show(event) {
      var counts;
      try { counts = JSON.parse(event.data); } catch (e) { return; }
      if (typeof counts.unread_messages !== "number") return;
      if (unread !== null && counts.unread_messages > unread) freshMessages();
      unread = counts.unread_messages;
      var requests = counts.message_requests || 0;
      while (link.firstChild) link.removeChild(link.firstChild);
      link.appendChild(document.createTextNode("Messages"));
      if (counts.unread_messages > 0) {
        link.appendChild(document.createTextNode(" (" + counts.unread_messages));
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " new";
        link.appendChild(hidden);
        link.appendChild(document.createTextNode(")"));
      }
      if (requests > 0) {
        link.appendChild(document.createTextNode(" · " + requests + (requests === 1 ? " request" : " requests")));
      }
    }
  }

  // On a private conversation's page, a new message (the unread count went up) shows at once:
  // the page is loaded again, as a reload would show it (which also marks it read), and its
  // list of messages replaces this one's unless the reader is in it; it is announced.
  function freshMessages() {
    var list = document.getElementById("message-list");
    if (!list || !window.fetch || !window.DOMParser) return;
    fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("message-list");
        var shown = document.getElementById("message-list");
        if (!fresh || !shown || shown.outerHTML === fresh.outerHTML || shown.contains(document.activeElement)) return;
        var before = shown.querySelectorAll("article").length;
        shown.parentNode.replaceChild(document.importNode(fresh, true), shown);
        if (fresh.querySelectorAll("article").length > before) {
          var note = document.getElementById("message-status");
          if (note) {
            note.textContent = "";
            window.setTimeout(function () { note.textContent = "A new message arrived."; }, 50);
          }
        }
      })
      .catch(function () { /* a reload shows it */ });
  }

  // The safety filters' prompt, inline. A posting form marked data-prompt is sent with
  // fetch, asking for JSON: the server then answers {"location": …} when the post is made
  // (and the page goes there) or {"prompt": …} when a filter asks first (the third-party
  // guard, the kindness nudge), shown here above the form's buttons with the words
  // concerned marked. "Post anyway" and "Cancel" send the form as usual, with confirm=1 or
  // cancel=1. Anything else (a mistake in the form, an old browser) falls back to sending
  // the form normally, and the server answers with a page, as it does without JavaScript.
  function askInline() {
    if (!window.fetch || !window.FormData || !window.URLSearchParams) return;

    function setField(form, name, value) {
      var input = form.querySelector("input[type=hidden][name='" + name + "']");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.appendChild(input);
      }
      input.value = value;
    }

    function sendPlainly(form) {
      form.setAttribute("data-prompt", "sent");
      HTMLFormElement.prototype.submit.call(form);
    }

    function setButtons(form, disabled) {
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = disabled;
    }

    function marked(part) {
      var box = document.createElement("div");
      box.className = "prompt-text";
      (part.segments || []).forEach(function (segment) {
        var node = document.createTextNode(segment.text);
        if (segment.marked) {
          var mark = document.createElement("mark");
          mark.appendChild(node);
          box.appendChild(mark);
        } else {
          box.appendChild(node);
        }
      });
      return box;
    }

    function button(label, quiet, onClick) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = quiet ? "button button-quiet" : "button";
      b.textContent = label;
      b.addEventListener("click", onClick);
      return b;
    }

    function show(form, prompt) {
      var old = form.querySelector(".filter-inline");
      if (old) old.parentNode.removeChild(old);
      var box = document.createElement("div");
      box.className = "filter-inline";
      var heading = document.createElement("h3");
      heading.tabIndex = -1;
      heading.textContent = "Before you post";
      box.appendChild(heading);
      var messages = document.createElement("div");
      messages.className = "alert alert-urgent";
      messages.setAttribute("role", "alert");
      (prompt.messages || []).forEach(function (text) {
        var p = document.createElement("p");
        p.textContent = text;
        messages.appendChild(p);
      });
      box.appendChild(messages);
      if (prompt.title) box.appendChild(marked(prompt.title));
      if (prompt.body) box.appendChild(marked(prompt.body));
      var actions = document.createElement("div");
      actions.className = "actions";
      var submit = form.querySelector("button[type=submit]");
      actions.appendChild(button("Edit", false, function () {
        if (prompt.kindness) setField(form, "nudged", "1");
        box.parentNode.removeChild(box);
        if (submit) submit.hidden = false;
        var field = form.querySelector("textarea[name=body]");
        if (field) field.focus();
      }));
      actions.appendChild(button("Post anyway", true, function () {
        setField(form, "confirm", "1");
        sendPlainly(form);
      }));
      actions.appendChild(button("Cancel", true, function () {
        if (prompt.kindness) setField(form, "nudged", "1");
        setField(form, "cancel", "1");
        sendPlainly(form);
      }));
      box.appendChild(actions);
      form.insertBefore(box, submit || null);
      if (submit) submit.hidden = true;  // the prompt's buttons answer it
      heading.focus();
    }

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.getAttribute("data-prompt") !== "") return;
      event.preventDefault();
      if (form.hasAttribute("data-sending")) return;  // a double click: the first one is on its way
      form.setAttribute("data-sending", "");
      fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)).toString()
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("application/json") === -1) throw new Error("a page");
          return response.json();
        })
        .then(function (answer) {
          if (answer.location) {
            // Only the #fragment differs (a reply on this page): load the page again.
            var target = new URL(answer.location, location.href);
            if (target.pathname === location.pathname && target.search === location.search) {
              location.hash = target.hash;
              location.reload();
            } else {
              location.href = target.href;
            }
          } else if (answer.prompt) {
            form.removeAttribute("data-sending");
            window.setTimeout(function () { setButtons(form, false); }, 0);
            show(form, answer.prompt);
          } else {
            throw new Error("unexpected");
          }
        })
        .catch(function () { sendPlainly(form); });
    });
  }
})();
