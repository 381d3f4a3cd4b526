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
})();
