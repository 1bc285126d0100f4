// Give wagtail-localize's translation fields the target language's lang and dir
// (its editor renders every target field left to right: wagtail-localize#197).
(function () {
  "use strict";
  var script = document.currentScript;
  var rtlLanguages = ((script && script.dataset.rtlLanguages) || "ar fa ps").split(" ");

  function targetLanguage(editor) {
    try {
      return JSON.parse(editor.dataset.props).locale.code;
    } catch (error) {
      return null;
    }
  }

  function mark(editor, code) {
    var direction = rtlLanguages.indexOf(code) === -1 ? "ltr" : "rtl";
    editor.querySelectorAll("textarea, input[type=text], [data-translation-target]").forEach(function (field) {
      if (field.getAttribute("lang") !== code) {
        field.setAttribute("lang", code);
        field.setAttribute("dir", direction);
      }
    });
    editor.querySelectorAll(".js-translation-target").forEach(function (node) {
      node.setAttribute("lang", code);
      node.setAttribute("dir", direction);
    });
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor[data-props]");
    if (!editor) return;
    var code = targetLanguage(editor);
    if (!code) return;
    mark(editor, code);
    new MutationObserver(function () { mark(editor, code); }).observe(editor, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
