// zhdocs: each script searches its own index, in whichever script the reader
// types, and the script switch keeps the section. Loaded before Material's
// bundle, which reads #__config once when it starts.
(function () {
  "use strict";
  var script = document.currentScript;
  var folder = script ? script.getAttribute("data-script-folder") : "";
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  if (folder) {
    // Material looks for search/search_index.json below `base`: this script's own.
    config.base = config.base + "/" + folder + "/";  // a folder: the slash matters to URL()
    element.textContent = JSON.stringify(config);
  }
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);

  // Material's switch fetches sitemap.xml next to every <link rel=alternate> and,
  // for mkdocs-static-i18n's page-level alternates, gets a 404. The switch's own
  // links already lead to the same page in the other script, so Material need not
  // see them (search engines still do, and sitemap.xml lists them too).
  document.querySelectorAll("link[rel=alternate][hreflang]").forEach(function (link) {
    link.remove();
  });

  // A query typed in the other script is converted character by character with
  // the map generated from OpenCC's output at build time (search/query_map.json).
  var table = null;
  function queryMap() {
    table = table || fetch(new URL("search/query_map.json", base))
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; });
    return table;
  }
  function convert(query, map) {
    return Array.from(query, function (c) { return map[c] || c; }).join("");
  }
  // Material splits a Chinese query into index terms itself, but never lets a
  // term end at the query's last character (质量强市 is searched as 质量 alone).
  // So the query goes to it already split into index terms, one per run of Han.
  var vocabulary = null;
  function terms(docs, separator) {
    var split = new RegExp(separator + "+"), set = new Set();
    docs.forEach(function (doc) {
      (doc.title + " " + doc.text).split(split).forEach(function (t) { if (t) set.add(t); });
    });
    return set;
  }
  function segment(run) {
    var words = [];
    for (var i = 0, j; i < run.length; i = j) {
      for (j = Math.min(run.length, i + 16); j > i + 1 && !vocabulary.has(run.slice(i, j)); j--);
      words.push(run.slice(i, j));
    }
    return words.join(" ");
  }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var worker = this;
    // Material's search worker protocol: {type: 0, data: index} sets up the index,
    // {type: 2, data: query} is a query.
    if (message && message.type === 0 && message.data && message.data.docs) {
      vocabulary = terms(message.data.docs, message.data.config.separator);
    }
    if (message && message.type === 2 && typeof message.data === "string") {
      queryMap().then(function (map) {
        var query = convert(message.data, map);
        if (vocabulary) query = query.replace(/\p{Script=Han}+/gu, segment);
        post.call(worker, { type: 2, data: query });
      });
      return;
    }
    return post.apply(worker, arguments);
  };

  // Material separates jieba's words with zero-width spaces (U+200B) for its
  // index; the reader's snippets should not carry them into a copy.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (var text = walker.currentNode; text; text = walker.nextNode()) {
          if (text.nodeType === 3 && text.data.indexOf("\u200b") >= 0) {
            text.data = text.data.replace(/\u200b/g, "");
          }
        }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // The switch links to the same page in the other script; anchors are the
  // same in both, so the reader stays in the section they are reading.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (link && location.hash) link.href = link.href.split("#")[0] + location.hash;
  }, true);
})();
