// A spreadsheet being built: fetch this page again every few seconds and put its new parts in
// place, so the download appears without a reload. Without JavaScript, "Check again" does the same.
(function () {
  "use strict";
  var EVERY_MS = 3000;

  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var freshPage = fresh.getElementById("spreadsheet");
        if (!freshPage) {
          return;
        }
        var status = document.getElementById("spreadsheet-status");
        var freshStatus = fresh.getElementById("spreadsheet-status");
        // The status element stays in the page, so a screen reader announces only its new words.
        if (status.textContent !== freshStatus.textContent) {
          status.innerHTML = freshStatus.innerHTML;
        }
        document.getElementById("spreadsheet-details").innerHTML =
          fresh.getElementById("spreadsheet-details").innerHTML;
        if (freshPage.hasAttribute("data-spreadsheet-refresh")) {
          window.setTimeout(refresh, EVERY_MS);
        } else {
          document.title = fresh.title;
        }
      })
      .catch(function () {
        window.setTimeout(refresh, EVERY_MS * 2);
      });
  }

  if (document.querySelector("[data-spreadsheet-refresh]")) {
    window.setTimeout(refresh, EVERY_MS);
  }
})();
