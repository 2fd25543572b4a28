/* Progressive enhancement only: every feature here also works as plain HTML. */
(function () {
  "use strict";

  // "Exit this page" (after GOV.UK's component): the button, or Shift pressed three times within
  // five seconds. Each press lights one of three dots and is said by a status message; a Shift held
  // to type a capital letter does not count.
  var exitBar = document.querySelector("[data-module='exit-this-page']");
  var exitLink = document.querySelector("[data-exit-this-page]");
  var exitStatus = document.querySelector("[data-exit-this-page-status]");
  var exitOverlay = document.querySelector("[data-exit-this-page-overlay]");

  function say(text) {
    if (exitStatus) {
      exitStatus.textContent = text;
    }
  }

  // Cover the page at once, hide it from assistive technology too, then replace it so Back does not return here.
  function exitNow() {
    Array.prototype.forEach.call(document.body.children, function (element) {
      if (element !== exitOverlay && element !== exitStatus) {
        element.inert = true;
        element.setAttribute("aria-hidden", "true");
      }
    });
    if (exitOverlay) {
      exitOverlay.hidden = false;
    }
    say(exitBar.dataset.textLeaving);
    document.title = "…";
    window.location.replace(exitLink.href);
  }

  if (exitLink && exitBar) {
    var indicator = exitLink.querySelector(".exit-this-page__indicator");
    var lights = indicator ? indicator.children : [];
    var shiftPresses = 0;
    var shiftUsedWithAnotherKey = false;
    var expiryTimer = null;

    var showPresses = function (count) {
      if (indicator) {
        indicator.hidden = count === 0;
        Array.prototype.forEach.call(lights, function (light, index) {
          light.classList.toggle("is-on", index < count);
        });
      }
    };
    var resetPresses = function () {
      clearTimeout(expiryTimer);
      shiftPresses = 0;
      showPresses(0);
    };

    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      exitNow();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" && event.shiftKey) {
        shiftUsedWithAnotherKey = true;
      }
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        if (shiftPresses > 0) {
          resetPresses();
        }
        return;
      }
      if (shiftUsedWithAnotherKey) {
        shiftUsedWithAnotherKey = false;
        resetPresses();
        return;
      }
      shiftPresses += 1;
      showPresses(shiftPresses);
      clearTimeout(expiryTimer);
      if (shiftPresses >= 3) {
        exitNow();
        return;
      }
      say(shiftPresses === 1 ? exitBar.dataset.textTwoMore : exitBar.dataset.textOneMore);
      expiryTimer = setTimeout(function () {
        resetPresses();
        say(exitBar.dataset.textExpired);
      }, 5000);
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

  // Error summary: move focus to it so screen-reader users hear what needs fixing. A link in it
  // focuses its field and scrolls the field's question (label or legend) into view with it, as
  // GOV.UK's error summary does: the browser alone would leave the question above the screen.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) {
        return;
      }
      var fieldset = input.closest("fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      var question = legend || document.querySelector("label[for='" + input.id + "']") || input;
      event.preventDefault();
      question.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
})();
