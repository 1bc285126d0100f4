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

  function sourceLanguage(editor) {
    try {
      return JSON.parse(editor.dataset.props).sourceLocale.code;
    } catch (error) {
      return "de";
    }
  }

  function mark(editor, code) {
    var direction = rtlLanguages.indexOf(code) === -1 ? "ltr" : "rtl";
    // Each segment is an <li>: the source text (<p>), then the translation (<div>, or a <textarea> while editing).
    var targets = editor.querySelectorAll("li > p:first-child + div, li > p:first-child + textarea, li textarea");
    targets.forEach(function (field) {
      if (field.getAttribute("lang") !== code) {
        field.setAttribute("lang", code);
        field.setAttribute("dir", direction);
      }
    });
    editor.querySelectorAll("li > p:first-child").forEach(function (source) {
      if (!source.hasAttribute("lang")) source.setAttribute("lang", sourceLanguage(editor));
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
