// Stands in for `cheerio`, which mjml-browser 5.4.1 requires at load time without depending on
// it (CommonJS, because mjml-browser require()s it). MJML uses cheerio only for
// <mj-html-attributes>, which the gallery does not use: that one tag fails with a clear message.
"use strict";
function load() {
  throw new Error("<mj-html-attributes> is not supported: set lang/dir on <mjml> and style elements inline");
}
module.exports = { load, default: { load } };
