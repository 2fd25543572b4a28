/* Progressive enhancement only: every feature here also works as plain HTML. */
(function () {
  "use strict";

  // "Exit this page": cover the page at once, then replace it so Back does not return here.
  function exitNow(url) {
    document.querySelectorAll(".exit-this-page__overlay").forEach(function (overlay) {
      overlay.hidden = false;
    });
    document.title = "…";
    window.location.replace(url);
  }

  var exitLink = document.querySelector("[data-exit-this-page]");
  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      exitNow(exitLink.href);
    });
    var shiftPresses = 0;
    var resetTimer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        shiftPresses = 0;
        return;
      }
      shiftPresses += 1;
      clearTimeout(resetTimer);
      resetTimer = setTimeout(function () { shiftPresses = 0; }, 5000);
      if (shiftPresses >= 3) {
        exitNow(exitLink.href);
      }
    });
  }

  // Booking form: the parent or guardian questions only matter for under-18s.
  var guardian = document.querySelector("[data-guardian-fields]");
  if (guardian) {
    var ageInputs = document.querySelectorAll("input[name='age_group']");
    var showGuardian = function () {
      var chosen = document.querySelector("input[name='age_group']:checked");
      guardian.hidden = chosen !== null && chosen.value === "18_plus";
    };
    ageInputs.forEach(function (input) { input.addEventListener("change", showGuardian); });
    showGuardian();
  }

  // Error summary: move focus to it so screen-reader users hear what needs fixing.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
})();
