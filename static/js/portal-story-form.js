// The story form's people and projects: without JavaScript they are plain multiple selects
// (every option, labelled with its city; the server checks the city). Here they become
// searchable pickers (the Select2 that ships with Django's admin, served from our static files)
// that ask the portal for the people and projects of the city chosen above them.
(function () {
  "use strict";
  var $ = window.jQuery;
  if (!$ || !$.fn.select2) return;
  var form = document.querySelector("form.portal-form");
  if (!form) return;
  var city = form.querySelector("select[name=city]");
  var language = document.documentElement.lang === "th" ? "th" : "en";

  form.querySelectorAll("select[data-searchable]").forEach(function (select) {
    // Only what is chosen stays: the rest comes from the server, for the chosen city.
    Array.prototype.forEach.call(select.querySelectorAll("option:not(:checked)"), function (option) {
      option.remove();
    });
    var label = form.querySelector("label[for='" + select.id + "']");
    $(select).select2({
      language: language,
      width: "100%",
      minimumInputLength: 0,
      ajax: {
        url: select.dataset.autocompleteUrl,
        dataType: "json",
        delay: 250,
        data: function (params) {
          return { term: params.term || "", page: params.page || 1, city: city ? city.value : "" };
        },
      },
    });
    // Select2 hides the select: its search box is what a screen reader and a test reach.
    var search = select.parentElement.querySelector(".select2-search__field");
    if (search && label) search.setAttribute("aria-label", label.textContent.trim());
  });

  if (city) {
    // People and projects belong to a city: another city's are no longer offered.
    city.addEventListener("change", function () {
      form.querySelectorAll("select[data-searchable]").forEach(function (select) {
        $(select).val(null).trigger("change");
      });
    });
  }
})();
