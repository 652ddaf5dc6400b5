// Asks for the reader's data while the rest of the page is still arriving (on a slow
// network the answer is then on its way sooner); app.js takes it from window.retretFirst.
(function () {
  var hash = new URLSearchParams(location.hash.slice(1));
  var data = hash.get("tgWebAppData");
  if (!data) return;
  window.retretFirst = fetch("api/me?view=" + encodeURIComponent(hash.get("view") || ""), {
    method: "GET",
    headers: { Authorization: "tma " + data },
    cache: "no-store",
    credentials: "omit",
  });
})();
