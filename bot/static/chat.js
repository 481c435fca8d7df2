/* taxbot web chat.
 *
 * Everything the server sends is untrusted: every string is put on the page with
 * textContent / createTextNode, never parsed as HTML. Replies come as blocks of lines
 * of runs; a run with an href (one of the content's own phone numbers or web
 * addresses, see bot/channels/web_links.py) becomes a link, and only a tel: or
 * http(s): one. A legal-aid worker's words are a person's, not content: plain text.
 * The only thing the page keeps is a random session id in sessionStorage (gone when
 * the tab closes); when storage is blocked it lives in memory for this page only.
 * No cookies, no other storage.
 */
(function () {
  "use strict";

  var SESSION_KEY = "taxbot-session";
  var SESSION_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
  var FALLBACK_LANG = "en";
  var FALLBACK_ERROR = "Sorry, the message did not go through. Please try again.";
  var FALLBACK_TOO_LONG = "This message is too long, so it was not sent. Please shorten it.";
  var SAFE_HREF = /^(?:tel:\+?[0-9]{1,20}|https?:\/\/[^\s"'<>]+)$/;
  var PRIVACY_HREF = /^privacy\?lang=[A-Za-z-]{1,16}$/;
  var FETCH_OPTIONS = { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" };

  var title = document.getElementById("title");
  var service = document.getElementById("service");
  var runBy = document.getElementById("run-by");
  var serviceName = document.getElementById("service-name");
  var privacyLink = document.getElementById("privacy-link");
  var orgPrivacyItem = document.getElementById("org-privacy-item");
  var orgPrivacy = document.getElementById("org-privacy");
  var emergency = document.getElementById("emergency");
  var emergencyLabel = document.getElementById("emergency-label");
  var emergencyLine = document.getElementById("emergency-line");
  var count = document.getElementById("count");
  var intro = document.getElementById("intro");
  var languageLabel = document.getElementById("language-label");
  var picker = document.getElementById("language");
  var log = document.getElementById("log");
  var errorBox = document.getElementById("error");
  var form = document.getElementById("form");
  var questionLabel = document.getElementById("question-label");
  var question = document.getElementById("question");
  var sendButton = document.getElementById("send");

  var strings = {};
  var languages = [];
  var uiLang = document.documentElement.lang || FALLBACK_LANG;
  var uiTicket = 0;
  var maxText = 0; // characters; the server's limit, from api/ui
  var errorKey = null; // which message the error box shows, so a language change can redo it
  var busy = false;
  var memorySession = null;

  // Session id -----------------------------------------------------------------

  function newSessionId() {
    var bytes = new Uint8Array(24); // 32 base64url characters
    window.crypto.getRandomValues(bytes);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function sessionId() {
    if (memorySession) {
      return memorySession;
    }
    var id = null;
    try {
      id = window.sessionStorage.getItem(SESSION_KEY);
    } catch (e) {
      id = null; // storage blocked (cookies off): keep the id in memory only
    }
    if (!id || !SESSION_PATTERN.test(id)) {
      id = newSessionId();
      try {
        window.sessionStorage.setItem(SESSION_KEY, id);
      } catch (e) {
        // the same: memory only
      }
    }
    memorySession = id;
    return id;
  }

  // Text and links -------------------------------------------------------------

  // One run: a link when the server marked it as one of the content's numbers or addresses.
  function runNode(run) {
    var value = run && typeof run.text === "string" ? run.text : "";
    var href = run && typeof run.href === "string" ? run.href : "";
    if (!href || !SAFE_HREF.test(href)) {
      return document.createTextNode(value);
    }
    var link = document.createElement("a");
    link.href = href;
    if (href.indexOf("tel:") === 0) {
      link.className = "tel";
      link.textContent = value;
    } else {
      breakAfterSlashes(link, value);
      externalLink(link);
    }
    return link;
  }

  // A long address breaks after a "/" on a narrow screen, not in the middle of a word.
  function breakAfterSlashes(link, value) {
    value.split("/").forEach(function (piece, index, pieces) {
      link.appendChild(document.createTextNode(index < pieces.length - 1 ? piece + "/" : piece));
      if (index < pieces.length - 1) {
        link.appendChild(document.createElement("wbr"));
      }
    });
  }

  // Links that leave the site open a new tab: the conversation stays where it was.
  function externalLink(link) {
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  }

  // Blocks (apart) of lines (paragraphs) of runs, as /api/message and /api/ui send them.
  function appendBlocks(container, blocks) {
    (Array.isArray(blocks) ? blocks : []).forEach(function (block) {
      if (!Array.isArray(block)) {
        return;
      }
      var group = document.createElement("div");
      group.className = "block";
      block.forEach(function (line) {
        if (!Array.isArray(line)) {
          return;
        }
        var paragraph = document.createElement("p");
        line.forEach(function (run) {
          paragraph.appendChild(runNode(run));
        });
        group.appendChild(paragraph);
      });
      container.appendChild(group);
    });
  }

  // A person's words (a legal-aid worker's reply) laid out the same way, with no links.
  function plainBlocks(message) {
    return String(message).split(/\n\s*\n/).map(function (chunk) {
      return chunk.split("\n").filter(function (line) {
        return line.trim();
      }).map(function (line) {
        return [{ text: line }];
      });
    }).filter(function (block) {
      return block.length;
    });
  }

  function characters(message) {
    return Array.from(message).length; // code points, as the server counts them
  }

  // Page labels ----------------------------------------------------------------

  function text(key, fallback) {
    var value = strings[key];
    return typeof value === "string" && value ? value : fallback;
  }

  function known(code) {
    for (var i = 0; i < languages.length; i++) {
      if (languages[i].code === code) {
        return languages[i];
      }
    }
    return null;
  }

  function fillPicker(list) {
    var same = list.length === picker.options.length;
    for (var i = 0; same && i < list.length; i++) {
      same = picker.options[i].value === list[i].code && picker.options[i].textContent === list[i].name;
    }
    if (same) {
      return;
    }
    while (picker.firstChild) {
      picker.removeChild(picker.firstChild);
    }
    list.forEach(function (language) {
      var option = document.createElement("option");
      option.value = language.code;
      option.lang = language.code;
      option.textContent = language.name;
      picker.appendChild(option);
    });
  }

  function applyUi(data) {
    strings = data.strings && typeof data.strings === "object" ? data.strings : {};
    if (Array.isArray(data.languages)) {
      languages = data.languages.filter(function (item) {
        return item && typeof item.code === "string" && typeof item.name === "string";
      });
      fillPicker(languages);
    }
    uiLang = typeof data.lang === "string" ? data.lang : FALLBACK_LANG;
    maxText = typeof data.max_text === "number" && data.max_text > 0 ? data.max_text : 0;
    title.textContent = text("web-title", title.textContent);
    document.title = title.textContent;
    intro.textContent = text("web-intro", intro.textContent);
    languageLabel.textContent = text("web-language", languageLabel.textContent);
    questionLabel.textContent = text("web-input-label", questionLabel.textContent);
    sendButton.textContent = text("web-send", sendButton.textContent);
    applyService(data);
    applyEmergency(data.emergency);
    if (errorKey) {
      errorBox.textContent = errorText(errorKey);
    }
    updateCount();
    // The page's own labels carry their language, whatever language the replies are in.
    Array.prototype.forEach.call(document.querySelectorAll(".ui"), function (element) {
      element.lang = uiLang;
    });
    picker.value = uiLang;
  }

  // Who runs the service, its own privacy page and the bot's privacy notice in this language.
  function applyService(data) {
    var info = data.service && typeof data.service === "object" ? data.service : {};
    var name = typeof info.name === "string" ? info.name : "";
    runBy.textContent = text("web-run-by", runBy.textContent);
    while (serviceName.firstChild) {
      serviceName.removeChild(serviceName.firstChild);
    }
    if (name) {
      var url = typeof info.url === "string" && SAFE_HREF.test(info.url) ? info.url : "";
      serviceName.appendChild(url ? runNode({ text: name, href: url }) : document.createTextNode(name));
    }
    service.hidden = !name;
    privacyLink.textContent = text("web-privacy", privacyLink.textContent);
    if (typeof data.privacy === "string" && PRIVACY_HREF.test(data.privacy)) {
      privacyLink.setAttribute("href", data.privacy);
    }
    var own = typeof info.privacy_url === "string" && SAFE_HREF.test(info.privacy_url) ? info.privacy_url : "";
    if (own) {
      orgPrivacy.href = own;
      orgPrivacy.textContent = text("web-org-privacy", name);
    }
    orgPrivacyItem.hidden = !own;
  }

  // The emergency line, shown before anyone types; none when no emergency contact is known.
  function applyEmergency(blocks) {
    emergencyLabel.textContent = text("web-emergency", emergencyLabel.textContent);
    while (emergencyLine.firstChild) {
      emergencyLine.removeChild(emergencyLine.firstChild);
    }
    appendBlocks(emergencyLine, blocks);
    emergency.hidden = !emergencyLine.firstChild;
    emergency.lang = uiLang;
  }

  function loadUi(lang) {
    var ticket = ++uiTicket;
    return fetch("api/ui?lang=" + encodeURIComponent(lang), Object.assign({
      headers: { Accept: "application/json" },
    }, FETCH_OPTIONS)).then(function (response) {
      if (!response.ok) {
        throw new Error("api/ui answered " + response.status);
      }
      return response.json();
    }).then(function (data) {
      if (ticket === uiTicket) { // a later request wins
        applyUi(data);
      }
      return data;
    });
  }

  function browserLanguage() {
    var tag = (navigator.language || "").toLowerCase();
    return tag.split(/[-_]/)[0] || FALLBACK_LANG;
  }

  // ?lang=es in the page's address (an embed on a Spanish page, the privacy page's way back) wins.
  function wantedLanguage() {
    var match = /[?&]lang=([A-Za-z-]{1,16})(?:&|$)/.exec(window.location.search);
    return match ? match[1].toLowerCase() : browserLanguage();
  }

  // Errors and busy state ---------------------------------------------------------

  function errorText(key) {
    return key === "web-too-long" ? text(key, FALLBACK_TOO_LONG) : text("web-error", FALLBACK_ERROR);
  }

  function showError(key) {
    errorKey = key === "web-too-long" ? key : "web-error";
    errorBox.textContent = errorText(errorKey);
    errorBox.lang = uiLang;
    errorBox.hidden = false;
  }

  function hideError() {
    errorKey = null;
    errorBox.hidden = true;
    errorBox.textContent = "";
    question.removeAttribute("aria-invalid");
    question.removeAttribute("aria-describedby");
  }

  // A question over the limit is never cut: it stays in the box, with why it was not sent.
  function refuseTooLong() {
    showError("web-too-long");
    question.setAttribute("aria-invalid", "true");
    question.setAttribute("aria-describedby", "error count");
    updateCount();
  }

  // "1,234 / 1,000", shown only while the question is over the limit.
  function updateCount() {
    var used = characters(question.value);
    var over = maxText > 0 && used > maxText;
    if (over) {
      var format = new Intl.NumberFormat(uiLang);
      count.textContent = format.format(used) + " / " + format.format(maxText);
      count.lang = uiLang;
    } else {
      count.textContent = "";
    }
    count.hidden = !over;
    if (!over && errorKey === "web-too-long") {
      hideError();
    }
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    picker.disabled = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    Array.prototype.forEach.call(log.querySelectorAll(".choices button"), function (button) {
      button.disabled = on;
    });
  }

  // Run one step at a time; put focus back where it was (disabling a control drops it).
  function exclusive(step) {
    if (busy) {
      return Promise.resolve(false);
    }
    var focused = document.activeElement;
    setBusy(true);
    return Promise.resolve().then(step).then(function (result) {
      setBusy(false);
      restoreFocus(focused);
      return result;
    }, function () {
      setBusy(false);
      showError("web-error");
      restoreFocus(focused);
      return false;
    });
  }

  function restoreFocus(previous) {
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) {
      return;
    }
    var target = previous && document.contains(previous) && !previous.disabled ? previous : question;
    target.focus({ preventScroll: true });
  }

  // The conversation ---------------------------------------------------------------

  function addMine(message) {
    var item = document.createElement("div");
    item.className = "msg me";
    item.appendChild(document.createTextNode(message));
    log.appendChild(item);
    return item;
  }

  function clearChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".choices"), function (list) {
      list.parentNode.removeChild(list);
    });
  }

  function addReply(reply) {
    var parts = Array.isArray(reply.parts) ? reply.parts : [];
    var choices = Array.isArray(reply.choices) ? reply.choices : [];
    var lang = typeof reply.lang === "string" && reply.lang ? reply.lang : null;
    if (lang) {
      document.documentElement.lang = lang;
    }
    if (!parts.length && !choices.length) {
      return null; // nothing to say (someone who opted out gets no reply)
    }
    var item = document.createElement("div");
    item.className = reply.urgent ? "msg bot urgent" : "msg bot";
    if (lang) {
      item.lang = lang;
    }
    if (reply.urgent) {
      var sign = document.createElement("span");
      sign.className = "sign";
      sign.setAttribute("aria-hidden", "true");
      sign.textContent = "\u26A0";
      item.appendChild(sign);
    }
    if (Array.isArray(reply.blocks)) {
      appendBlocks(item, reply.blocks);
    } else {
      parts.forEach(function (part) {
        appendBlocks(item, plainBlocks(part));
      });
    }
    if (choices.length) {
      var list = document.createElement("ul");
      list.className = "choices";
      choices.forEach(function (choice) {
        var number = String(choice.number);
        var entry = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.value = number;
        button.textContent = number + ". " + String(choice.label);
        button.addEventListener("click", function () {
          say(number);
        });
        entry.appendChild(button);
        list.appendChild(entry);
      });
      item.appendChild(list);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "start" });
    return item;
  }

  function post(message) {
    return fetch("api/message", Object.assign({
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ session: sessionId(), text: message }),
    }, FETCH_OPTIONS)).then(function (response) {
      if (!response.ok) {
        throw new Error("api/message answered " + response.status);
      }
      return response.json();
    });
  }

  // After YES to a legal-aid worker, their replies wait on the server until this page asks.
  var POLL_MS = 5000;
  var polling = null;

  function startPolling() {
    if (polling === null) {
      polling = window.setInterval(pollOnce, POLL_MS);
    }
  }

  function pollOnce() {
    fetch("api/poll", Object.assign({
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ session: sessionId() }),
    }, FETCH_OPTIONS)).then(function (response) {
      return response.ok ? response.json() : { messages: [] };
    }).then(function (data) {
      if (Array.isArray(data.messages) && data.messages.length) {
        addReply({ parts: data.messages, choices: [], lang: null, urgent: false }); // plain text: no links
      }
    }).catch(function () { /* try again at the next tick */ });
  }

  // Send one message: show it, post it, show the reply. Resolves true when it went through.
  function deliver(message) {
    hideError();
    var mine = addMine(message);
    return post(message).then(function (reply) {
      clearChoices(); // the numbers of earlier lists no longer mean anything
      addReply(reply);
      if (reply.kind === "handoff" || reply.kind === "relayed") {
        startPolling();
      }
      var lang = reply.lang;
      if (typeof lang === "string" && lang !== uiLang && known(lang)) {
        // The bot now answers in another language: the labels follow it.
        loadUi(lang).catch(function () { /* keep the current labels */ });
      }
      return true;
    }, function (error) {
      log.removeChild(mine);
      throw error;
    });
  }

  function say(message) {
    if (!message.trim()) {
      return Promise.resolve(false);
    }
    return exclusive(function () {
      return deliver(message);
    });
  }

  function submitQuestion() {
    var message = question.value;
    if (busy || !message.trim()) {
      return;
    }
    if (maxText > 0 && characters(message) > maxText) {
      refuseTooLong();
      return;
    }
    question.value = "";
    say(message).then(function (sent) {
      if (!sent && !question.value) {
        question.value = message; // give the question back to try again
      }
    });
  }

  function chooseLanguage() {
    var language = known(picker.value);
    if (!language) {
      return;
    }
    exclusive(function () {
      document.documentElement.lang = language.code;
      return loadUi(language.code).then(function () {
        return deliver(language.name);
      }, function (error) {
        picker.value = uiLang; // the labels did not change, so neither does the picker
        document.documentElement.lang = uiLang;
        throw error;
      });
    });
  }

  // Wiring ---------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitQuestion();
  });

  question.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing.
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    event.preventDefault();
    submitQuestion();
  });

  picker.addEventListener("change", chooseLanguage);

  question.addEventListener("input", updateCount);

  var wanted = wantedLanguage();
  loadUi(wanted).then(function (data) {
    if (data.lang !== wanted && data.lang !== FALLBACK_LANG) {
      return loadUi(FALLBACK_LANG);
    }
    return data;
  }).then(function () {
    document.documentElement.lang = uiLang;
  }).catch(function () {
    showError("web-error");
  });
  sessionId();
})();
