// wagtail-localize builds the editor's heading in its JavaScript bundle as the English
// "<source> to <target> translation", outside gettext. Replace that exact text with the
// admin language's wording, which the page passes in data-pattern ("{source}", "{target}").
(function () {
  "use strict";
  var script = document.currentScript;
  var pattern = script && script.dataset.pattern;

  function rename(editor) {
    var props;
    try {
      props = JSON.parse(editor.dataset.props);
    } catch (error) {
      return;
    }
    var source = props.sourceLocale.displayName;
    var target = props.locale.displayName;
    var english = source + " to " + target + " translation";
    editor.querySelectorAll("section h3").forEach(function (heading) {
      if (heading.textContent === english) {
        heading.textContent = pattern.replace("{source}", source).replace("{target}", target);
        heading.setAttribute("lang", document.documentElement.lang);
      }
    });
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor[data-props]");
    if (!editor || !pattern) return;
    rename(editor);
    new MutationObserver(function () { rename(editor); }).observe(editor, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
