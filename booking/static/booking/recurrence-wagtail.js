/* Initialise django-recurrence widgets in the Wagtail admin, without Django admin's jQuery. */
(function () {
  "use strict";

  function initialise(root) {
    root.querySelectorAll("textarea.recurrence-widget").forEach(function (textarea) {
      if (textarea.dataset.recurrenceReady || textarea.id.indexOf("__prefix__") !== -1) {
        return;
      }
      textarea.dataset.recurrenceReady = "true";
      new recurrence.widget.Widget(textarea.id, {});
    });
  }

  function start() {
    initialise(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            initialise(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
