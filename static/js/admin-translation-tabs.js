// django-modeltranslation labels each language tab, and the switch above the form, with the
// language's code ("th", "en"): show the language's name, in the page's language, instead.
"use strict";
(function () {
    const names = new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" });

    function languageName(code) {
        try {
            const name = names.of(code.replace("_", "-"));
            return name.charAt(0).toUpperCase() + name.slice(1);
        } catch (error) {
            return code;
        }
    }

    function relabel() {
        const labels = document.querySelectorAll(
            ".ui-tabs-nav a[href^='#tab_'], select.modeltranslation-switch option"
        );
        for (const label of labels) {
            const code = label.dataset.languageCode || label.textContent.trim();
            if (/^[a-z]{2}([-_][a-zA-Z]+)?$/.test(code) && label.textContent !== languageName(code)) {
                label.dataset.languageCode = code;
                label.textContent = languageName(code);
            }
        }
    }
    // The tabs are drawn when the page is ready, and again for each inline row added.
    new MutationObserver(relabel).observe(document.documentElement, { childList: true, subtree: true });
})();
