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
    // {type: 2, data: query} is a query, {type: 3, data: result} its answer.
    if (message && message.type === 0 && message.data && message.data.docs) {
      vocabulary = terms(message.data.docs, message.data.config.separator);
      fulltext.setup(message.data);
    }
    if (message && message.type === 2 && typeof message.data === "string") {
      queryMap().then(function (map) {
        var query = convert(message.data, map);
        fulltext.asked(query);
        post.call(worker, { type: 2, data: vocabulary ? query.replace(/\p{Script=Han}+/gu, segment) : query });
      });
      return;
    }
    return post.apply(worker, arguments);
  };

  // Full text. The small index holds titles, headings and leads; every other
  // word is in shards (search/fulltext/N.json, N a hash of the word) fetched for
  // the words of a query, after the small index has answered. The pages holding
  // every word are added to Material's result, below its own.
  var fulltext = (function () {
    var MAX_SPLIT = 8;  // a longer run of Han is looked up whole
    var shards = 0, docs = [], fetched = {}, queue = [], latest = null;
    function shardOf(word) {  // FNV-1a over the first two UTF-16 code units, as search/fulltext.py
      var h = 0x811c9dc5;
      for (var i = 0; i < Math.min(word.length, 2); i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
      return h % shards;
    }
    function shardFor(word) {  // a shard's words and their pages, as {word: deltas}
      var n = shardOf(word);
      fetched[n] = fetched[n] || fetch(new URL("search/fulltext/" + n + ".json", base))
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
      return fetched[n];
    }
    function addPages(set, deltas) {
      var page = 0;
      deltas.forEach(function (delta) { set.add(page += delta); });
      return set;
    }
    function clean(word) {  // as the build trims a word: no edges that are not letters or digits
      return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
    }
    function words(query) {  // runs of Han and of other characters, as jieba splits them
      return (query.match(/\p{Script=Han}+|[^\p{Script=Han}\s]+/gu) || []).map(clean).filter(Boolean);
    }
    // The pages holding a word that begins with `run`, or (a run of Han up to
    // MAX_SPLIT long) words that spell it one after another: jieba may have cut
    // 食品安全监管 as 食品·安全监管. Each suffix's shard is fetched once.
    function lookup(run) {
      var split = /\p{Script=Han}/u.test(run) && run.length <= MAX_SPLIT;
      var suffixes = [run];
      for (var i = 1; split && i < run.length; i++) suffixes.push(run.slice(i));
      return Promise.all(suffixes.map(shardFor)).then(function (loaded) {
        var whole = beginning(loaded[0], run);
        return { whole: whole, spelt: split ? spell(run, loaded, whole) : whole };
      });
    }
    function spell(run, loaded, whole) {  // loaded[i]: the shard of run.slice(i); whole: what begins with run
      var memo = [];
      function from(i) {  // a word beginning with run.slice(i), or a word of it, then the rest
        if (memo[i]) return memo[i];
        var pages = i ? beginning(loaded[i], run.slice(i)) : new Set(whole);
        for (var k = i + 1; k < run.length; k++) {
          var head = run.slice(i, k);
          if (!Object.prototype.hasOwnProperty.call(loaded[i], head)) continue;
          var tail = from(k);
          addPages(new Set(), loaded[i][head]).forEach(function (page) { if (tail.has(page)) pages.add(page); });
        }
        return (memo[i] = pages);
      }
      return from(0);
    }
    function beginning(shard, prefix) {  // the pages of the shard's words that begin with prefix
      var pages = new Set();
      Object.keys(shard).forEach(function (key) {
        if (key.lastIndexOf(prefix, 0) === 0) addPages(pages, shard[key]);
      });
      return pages;
    }
    function intersect(sets) {
      return Array.from(sets[0]).filter(function (page) {
        return sets.every(function (set) { return set.has(page); });
      }).sort(function (x, y) { return x - y; });
    }
    function search(query) {
      var list = words(query);
      if (!shards || !list.length) return Promise.resolve({ pages: [], words: list });
      return Promise.all(list.map(lookup)).then(function (found) {
        var best = intersect(found.map(function (f) { return f.whole; })), first = new Set(best);
        var rest = intersect(found.map(function (f) { return f.spelt; }))
          .filter(function (page) { return !first.has(page); });
        return { pages: best.concat(rest), words: list };  // the words as typed first
      });
    }
    function item(page, list) {
      var doc = docs[page], matched = {};
      list.forEach(function (word) { matched[word] = true; });
      return [{ location: doc.location, title: doc.title, text: doc.text, score: 0, terms: matched }];
    }
    function augment(worker, event, query) {
      var result = event.data.data, shown = new Set();
      result.items.forEach(function (group) {
        group.forEach(function (doc) { shown.add(doc.location.split("#")[0]); });
      });
      if (result.items.length) deliver(worker, result);  // the small index's results at once
      search(query).then(function (found) {
        if (query !== latest) return;  // a newer query's answer is on its way
        var extra = found.pages.filter(function (page) {
          return docs[page] && !shown.has(docs[page].location);
        }).map(function (page) { return item(page, found.words); });
        if (extra.length || !result.items.length) {
          deliver(worker, { items: result.items.concat(extra), suggest: result.suggest });
        }
      });
    }
    var ours = new WeakSet();
    function deliver(worker, result) {
      var event = new MessageEvent("message", { data: { type: 3, data: result } });
      ours.add(event);
      worker.dispatchEvent(event);
    }
    function intercept(worker) {  // runs before Material's listener: it was added first
      worker.addEventListener("message", function (event) {
        if (ours.has(event) || !event.data || event.data.type !== 3 || !queue.length) return;
        event.stopImmediatePropagation();
        augment(worker, event, queue.shift());
      });
    }
    return {
      setup: function (index) {
        docs = index.docs.filter(function (doc) {  // postings number pages, not their sections
          return doc.location.indexOf("#") < 0;
        });
        shards = index.config.zhdocs_fulltext_shards || 0;
      },
      asked: function (query) { queue.push(query); latest = query; },
      intercept: intercept
    };
  })();
  var NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    var worker = new NativeWorker(url, options);
    if (String(url).indexOf("search") >= 0) fulltext.intercept(worker);
    return worker;
  };
  window.Worker.prototype = NativeWorker.prototype;

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
