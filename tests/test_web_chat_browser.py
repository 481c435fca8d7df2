"""The web chat end to end: the real app on 127.0.0.1, the real page in headless Chromium.

Uses Debian's ``chromium`` and ``chromium-driver`` (.ci/run installs them); skipped
only when either is missing. Selenium is told both paths, so it never downloads one.

The phone tests emulate a 390 by 844 pixel screen, save screenshots (to
``$TAXBOT_SCREENSHOTS`` when set, else a pytest temporary folder) for a person
to look at, and run axe-core (vendored in ``tests/vendor/axe-core/`` from the
npm registry) in the page: no serious or critical violation may remain.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from bot import referral
from bot.app import HELPLINE, WEB_CHAT, create_app
from bot.channels.web_chat import MAX_TEXT, WebSender
from bot.channels.web_links import Links
from bot.config import Config, ServiceConfig, WebConfig
from bot.content import Content
from bot.conversation import Conversation
from bot.environment import read_environment
from bot.handoff import Handoff
from bot.helpline import Helpline
from bot.sealing import Sealer
from bot.storage import Retention, open_store
from tests.helpers.fake_staff import FakeStaff

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 20  # seconds; a reply takes milliseconds, a cold browser a few seconds
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
# Who runs the service in these tests, as an organisation would set it in bot.toml.
SERVICE = ServiceConfig(
    name="Example Legal Aid",
    url="https://legal-aid.example.org",
    privacy_url="https://legal-aid.example.org/privacy",
)
# 10:00 in Boston: the emergency line names LUCE (open 5am to 9pm), whatever the time of the run.
DAY = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
)


@dataclass
class Served:
    """The app running in its own thread, with a stand-in staff group for the handoff."""

    url: str
    loop: asyncio.AbstractEventLoop
    helpline: Helpline
    staff: FakeStaff


@pytest.fixture(scope="module")
def served(
    config: Config, content: Content, conversation: Conversation, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The real app served from its own thread and event loop, so Selenium's blocking calls can't stall it.

    The content carries an organisation's ``[service]`` settings; the conversation
    is the shared one with that content (building another would take seconds).
    """
    env = read_environment(tmp_path_factory.mktemp("env"), {})
    store = open_store("memory://", Retention())
    run_by = replace(content, config=replace(config, service=SERVICE))
    talk = copy.copy(conversation)
    talk.content = run_by
    app = create_app(run_by.config, run_by, env, store=store, conversation=talk)
    app[WEB_CHAT].clock = lambda: DAY
    helpline, staff = app[HELPLINE], FakeStaff()
    helpline.handoff = Handoff(
        store, Sealer([b"s" * 40]), staff, {"web": WebSender(store)}, lambda: helpline.content
    )
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app, access_log=None)

    async def start() -> int:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return int(runner.addresses[0][1])

    thread = threading.Thread(target=loop.run_forever, name="web-chat-server", daemon=True)
    thread.start()
    port = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    try:
        yield Served(f"http://127.0.0.1:{port}/", loop, helpline, staff)
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


@pytest.fixture
def base_url(served: Served) -> str:
    return served.url


def _browser(profile: Path, lang: str = "en-US") -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--lang={lang}",
        "--window-size=1024,900",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(WAIT)
    return driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = _browser(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: WebDriver) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, WAIT)


def _open(driver: WebDriver, url: str) -> None:
    driver.get(url)
    # Ready once /api/ui has filled the language picker.
    _wait(driver).until(lambda d: len(Select(d.find_element(By.ID, "language")).options) > 1)


def _bot_messages(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#log > .msg.bot")


def _ask(driver: WebDriver, text: str) -> WebElement:
    """Type a message, press Enter, and return the bot's reply to it."""
    before = len(_bot_messages(driver))
    box = driver.find_element(By.ID, "question")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    return _wait(driver).until(lambda d: len(_bot_messages(d)) > before and _bot_messages(d)[-1])


def test_a_conversation_in_the_browser(browser: WebDriver, base_url: str, content: Content) -> None:
    _open(browser, base_url)
    assert browser.find_element(By.ID, "intro").text == content.strings.get("en", "web-intro")
    log = browser.find_element(By.ID, "log")
    assert log.get_attribute("role") == "log"
    assert log.get_attribute("aria-live") == "polite"

    # A question typed and sent with Enter gets an answer about ITINs.
    reply = _ask(browser, "what is an ITIN")
    assert "ITIN" in reply.text
    mine = browser.find_elements(By.CSS_SELECTOR, "#log > .msg.me")
    assert [m.text for m in mine] == ["what is an ITIN"]
    assert browser.find_element(By.ID, "question").get_attribute("value") == ""
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    # Shift+Enter is a new line, not a send.
    box = browser.find_element(By.ID, "question")
    box.send_keys("first line", Keys.SHIFT, Keys.ENTER, Keys.NULL, "second line")
    assert box.get_attribute("value") == "first line\nsecond line"
    assert len(_bot_messages(browser)) == 1
    box.clear()

    # Picking Español: Spanish labels, the language's name sent, a reply in Spanish.
    before = len(_bot_messages(browser))
    Select(browser.find_element(By.ID, "language")).select_by_visible_text("Español")
    spanish = {key: content.strings.get("es", key) for key in ("web-language", "web-input-label", "web-send")}
    _wait(browser).until(lambda d: d.find_element(By.ID, "send").text == spanish["web-send"])
    assert browser.find_element(By.ID, "language-label").text == spanish["web-language"]
    assert browser.find_element(By.ID, "question-label").text == spanish["web-input-label"]
    assert browser.find_element(By.ID, "intro").text == content.strings.get("es", "web-intro")
    assert browser.title == content.strings.get("es", "web-title")
    _wait(browser).until(lambda d: len(_bot_messages(d)) > before)
    assert browser.find_elements(By.CSS_SELECTOR, "#log > .msg.me")[-1].text == "Español"
    assert _bot_messages(browser)[-1].get_attribute("lang") == "es"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"

    # "menu" shows numbered choices as buttons; clicking one sends its number.
    _ask(browser, "menu")
    buttons = _wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#log > .msg.bot:last-child .choices button")
    )
    assert buttons[0].text.startswith("1. ")
    before = len(_bot_messages(browser))
    buttons[0].click()
    _wait(browser).until(lambda d: len(_bot_messages(d)) > before)
    assert browser.find_elements(By.CSS_SELECTOR, "#log > .msg.me")[-1].text == "1"
    # Only the newest reply keeps buttons: an old list's numbers no longer mean anything.
    assert not browser.find_elements(By.CSS_SELECTOR, "#log > .msg.bot:not(:last-child) .choices")

    # Markup typed by a person is shown as text and never run.
    _ask(browser, "<script>alert(1)</script>")
    assert browser.find_elements(By.CSS_SELECTOR, "#log > .msg.me")[-1].text == "<script>alert(1)</script>"
    created = browser.execute_script("return document.querySelectorAll('#log script, #log [onerror]').length")
    assert created == 0
    assert browser.execute_script("return document.scripts.length") == 1  # chat.js alone
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check

    # The page keeps nothing but the session id: no cookies, no localStorage.
    assert browser.get_cookies() == []
    assert browser.execute_script("return window.localStorage.length") == 0
    stored = browser.execute_script(
        "return Object.keys(sessionStorage).map(function (k) { return [k, sessionStorage.getItem(k)]; })"
    )
    assert len(stored) == 1
    session = stored[0][1]
    assert 24 <= len(session) <= 64
    assert set(session) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_a_failed_request_shows_the_error_and_gives_the_question_back(
    browser: WebDriver, base_url: str, content: Content
) -> None:
    _open(browser, base_url)
    # The network refuses the next message, as when the connection drops.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/message*"]})
    box = browser.find_element(By.ID, "question")
    box.send_keys("what is an ITIN", Keys.ENTER)
    error = browser.find_element(By.ID, "error")
    _wait(browser).until(lambda d: error.is_displayed())
    assert error.text == content.strings.get("en", "web-error")
    assert box.get_attribute("value") == "what is an ITIN"
    assert not browser.find_elements(By.CSS_SELECTOR, "#log > .msg")
    assert browser.find_element(By.ID, "send").is_enabled()


def test_the_page_starts_in_the_browsers_language(tmp_path: Path, base_url: str, content: Content) -> None:
    driver = _browser(tmp_path / "profile", lang="es-MX")
    try:
        _open(driver, base_url)
        send = content.strings.get("es", "web-send")
        _wait(driver).until(lambda d: d.find_element(By.ID, "send").text == send)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
        assert Select(driver.find_element(By.ID, "language")).first_selected_option.text == "Español"
    finally:
        driver.quit()


def test_no_sideways_scrolling_on_a_320px_screen(tmp_path: Path, base_url: str) -> None:
    """320 CSS pixels: a small phone, or a 640px window at 200% zoom."""
    driver = _browser(tmp_path / "profile")
    try:
        # A desktop window has a minimum width; the emulated screen has none.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": True},
        )
        _open(driver, base_url)
        _ask(driver, "menu")
        _ask(driver, "what is an ITIN")
        width = driver.execute_script("return document.documentElement.clientWidth")
        assert width == 320
        assert driver.execute_script("return document.documentElement.scrollWidth") <= width
        driver.save_screenshot(str(tmp_path / "320px.png"))
    finally:
        driver.quit()


def test_a_legal_aid_workers_reply_reaches_the_page(browser: WebDriver, served: Served) -> None:
    """The web chat has no address to write to: the page asks for waiting replies every few seconds."""
    _open(browser, served.url)
    offer = _ask(browser, "where can i buy cheap bus tickets to new york")
    assert "Reply YES" in offer.text
    opened = _ask(browser, "yes")
    assert "sent your question to legal-aid staff" in opened.text
    assert served.helpline.handoff is not None
    reply = served.helpline.handoff.from_staff(served.staff.ticket_message(), "We read your question.", 9999)
    asyncio.run_coroutine_threadsafe(reply, served.loop).result(timeout=10)
    _wait(browser).until(lambda d: _bot_messages(d)[-1].text == "Legal-aid worker: We read your question.")


# On a phone ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: ``$TAXBOT_SCREENSHOTS``, or a temporary folder."""
    chosen = os.environ.get("TAXBOT_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[WebDriver]:
    """Chromium as a 390 by 844 pixel phone."""
    driver = _browser(tmp_path / "profile")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    driver.set_script_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _shoot(driver: WebDriver, screens: Path, name: str, *, whole: bool = False) -> Path:
    """A screenshot of the screen, or (``whole``) of the whole page, as a person would scroll it."""
    path = screens / f"{name}.png"
    if whole:
        height = driver.execute_script("return document.documentElement.scrollHeight")
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": PHONE["width"], "height": height, "scale": 1},
            },
        )
        path.write_bytes(base64.b64decode(shot["data"]))
    else:
        driver.save_screenshot(str(path))
    return path


def _axe_run(driver: WebDriver) -> dict[str, Any]:
    """axe-core's default rules (WCAG 2 A and AA, best practices) on the page as it is now."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then("
        "function (r) { done(JSON.stringify({violations: r.violations, passes: r.passes.length})); },"
        "function (e) { done(JSON.stringify({error: String(e)})); });"
    )
    result: dict[str, Any] = json.loads(found)
    assert "error" not in result, result
    assert result["passes"] >= 10  # the rules ran
    return result


def _serious(violations: list[dict[str, Any]]) -> list[tuple[str, str, str, list[Any]]]:
    return [
        (v["id"], v["impact"], v.get("help", ""), [n.get("target") for n in v["nodes"]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def _axe(driver: WebDriver, screens: Path, name: str) -> None:
    """Run axe-core in the page: no serious or critical violation. The report goes beside the screenshots."""
    violations = _axe_run(driver)["violations"]
    (screens / f"{name}.axe.json").write_text(json.dumps(violations, indent=1), encoding="utf-8")
    bad = _serious(violations)
    assert not bad, bad


def _no_sideways_scrolling(driver: WebDriver) -> None:
    width = driver.execute_script("return document.documentElement.clientWidth")
    assert width == PHONE["width"]
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width


def _rect(element: WebElement) -> dict[str, float]:
    rect: dict[str, float] = element.parent.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return {top: r.top, bottom: r.bottom};", element
    )
    return rect


def test_before_typing_the_page_names_who_runs_it_links_privacy_and_shows_the_emergency_line(
    phone: WebDriver, base_url: str, content: Content, screens: Path
) -> None:
    _open(phone, base_url)
    _wait(phone).until(lambda d: d.find_element(By.ID, "emergency").is_displayed())
    _shoot(phone, screens, "01-start-en")

    service = phone.find_element(By.ID, "service")
    assert service.is_displayed()
    assert service.text == f"{content.strings.get('en', 'web-run-by')} {SERVICE.name}"
    assert phone.find_element(By.LINK_TEXT, SERVICE.name).get_attribute("href") == SERVICE.url + "/"
    privacy = phone.find_element(By.ID, "privacy-link")
    assert privacy.text == content.strings.get("en", "web-privacy")
    assert privacy.get_attribute("href") == base_url + "privacy?lang=en"
    own = phone.find_element(By.ID, "org-privacy")
    assert own.is_displayed() and own.get_attribute("href") == SERVICE.privacy_url
    assert own.text == content.strings.get("en", "web-org-privacy", {"service": SERVICE.name})

    # The emergency line as a message about danger gets it, a tap-to-call number, on the first screen.
    emergency = phone.find_element(By.ID, "emergency")
    line = phone.find_element(By.ID, "emergency-line")
    assert line.text == referral.danger_line(content, "en", now=DAY)
    call = line.find_element(By.CSS_SELECTOR, "a[href^='tel:']")
    assert (call.text, call.get_attribute("href")) == ("617-370-5023", "tel:6173705023")
    assert _rect(emergency)["bottom"] <= PHONE["height"]
    assert _rect(phone.find_element(By.ID, "question"))["bottom"] <= PHONE["height"]  # and the question box
    _no_sideways_scrolling(phone)
    _axe(phone, screens, "01-start-en")


def test_a_question_about_legal_help_returns_tap_to_call_links_in_paragraphs(
    phone: WebDriver, base_url: str, content: Content, screens: Path
) -> None:
    _open(phone, base_url)
    reply = _ask(phone, "where can i get free legal help")
    first = reply.find_elements(By.CSS_SELECTOR, ".block:first-of-type > p")
    assert len(first) >= 4  # the answer keeps its paragraphs
    gap = phone.execute_script(
        "var p = arguments[0];return p[1].getBoundingClientRect().top - p[0].getBoundingClientRect().bottom;",
        first,
    )
    assert gap >= 8  # pixels between paragraphs, not just a line break
    links = reply.find_elements(By.CSS_SELECTOR, "a")
    found = {(a.text, a.get_attribute("href")) for a in links}
    assert ("(617) 371-1234", "tel:6173711234") in found
    assert ("877-777-4778", "tel:8777774778") in found
    # Only the content's own numbers and addresses (the browser adds a "/" to a bare https address).
    allowed = {(text, href.rstrip("/")) for text, href in Links.of(content).targets.items()}
    for text, href in found:
        assert (text, href.rstrip("/")) in allowed, (text, href)
    for call in reply.find_elements(By.CSS_SELECTOR, "a[href^='tel:']"):
        assert phone.execute_script("return arguments[0].getClientRects().length", call) == 1  # never broken
    web = reply.find_element(By.CSS_SELECTOR, "a[href^='https:']")
    assert web.get_attribute("target") == "_blank" and "noopener" in web.get_attribute("rel")
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'})", reply)
    _shoot(phone, screens, "02-legal-help")
    _shoot(phone, screens, "02-legal-help-whole", whole=True)
    contacts = reply.find_elements(By.CSS_SELECTOR, ".block")[-2]  # "People who can help", before the offer
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", contacts)
    _shoot(phone, screens, "02-legal-help-contacts")
    _no_sideways_scrolling(phone)
    _axe(phone, screens, "02-legal-help")

    # The menu: each choice once, as a button; nothing for a screen reader to read twice.
    menu = _ask(phone, "menu")
    buttons = _wait(phone).until(lambda d: menu.find_elements(By.CSS_SELECTOR, ".choices button"))
    said = menu.get_attribute("textContent")
    for button in buttons:
        label = button.text.split(". ", 1)[1]
        assert said.count(label) == 1, label
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'})", menu)
    _shoot(phone, screens, "03-menu")
    _axe(phone, screens, "03-menu")


def test_a_question_over_the_limit_is_refused_with_a_reason_and_kept_whole(
    phone: WebDriver, base_url: str, content: Content, screens: Path
) -> None:
    _open(phone, base_url)
    box = phone.find_element(By.ID, "question")
    assert box.get_attribute("maxlength") is None  # a pasted text is never silently cut
    long = "My husband got a letter from the IRS and we are scared. " * 19  # 1,064 characters
    assert len(long) > MAX_TEXT
    phone.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", box, long
    )
    box.send_keys(Keys.ENTER)
    error = phone.find_element(By.ID, "error")
    _wait(phone).until(lambda d: error.is_displayed())
    assert error.text == content.strings.get("en", "web-too-long", {"limit": MAX_TEXT})
    assert "1,000" in error.text
    assert box.get_attribute("value") == long
    assert box.get_attribute("aria-invalid") == "true"
    count = phone.find_element(By.ID, "count")
    assert count.is_displayed() and count.text == f"{len(long):,} / {MAX_TEXT:,}"
    assert not phone.find_elements(By.CSS_SELECTOR, "#log > .msg")  # nothing was sent
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
    _shoot(phone, screens, "04-too-long")
    _axe(phone, screens, "04-too-long")

    # Shortened, the explanation goes and the question goes through.
    box.clear()
    box.send_keys("what is an ITIN")
    assert not error.is_displayed() and not count.is_displayed()
    assert box.get_attribute("aria-invalid") is None
    box.send_keys(Keys.ENTER)
    _wait(phone).until(lambda d: len(_bot_messages(d)) == 1)
    assert "ITIN" in _bot_messages(phone)[0].text


def test_in_spanish_the_emergency_line_and_the_privacy_notice_are_in_spanish(
    phone: WebDriver, base_url: str, content: Content, screens: Path
) -> None:
    _open(phone, base_url + "?lang=es")
    send = content.strings.get("es", "web-send")
    _wait(phone).until(lambda d: d.find_element(By.ID, "send").text == send)
    line = phone.find_element(By.ID, "emergency-line")
    assert line.text == referral.danger_line(content, "es", now=DAY)
    assert line.find_element(By.CSS_SELECTOR, "a").get_attribute("href") == "tel:6173705023"
    assert phone.find_element(By.ID, "emergency-label").text == content.strings.get("es", "web-emergency")
    _shoot(phone, screens, "05-start-es")
    _axe(phone, screens, "05-start-es")

    phone.find_element(By.ID, "privacy-link").click()
    title = content.faq.entries["bot-privacy"].texts["es"].title
    _wait(phone).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == title)
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert content.strings.get("es", "web-privacy-browser") in phone.find_element(By.TAG_NAME, "main").text
    _shoot(phone, screens, "06-privacy-es")
    _shoot(phone, screens, "06-privacy-es-whole", whole=True)
    _no_sideways_scrolling(phone)
    _axe(phone, screens, "06-privacy-es")
    back = phone.find_element(By.LINK_TEXT, content.strings.get("es", "web-back"))
    back.click()
    _wait(phone).until(lambda d: d.find_element(By.ID, "send").text == send)


def test_an_emergency_reply_on_a_phone(phone: WebDriver, base_url: str, screens: Path) -> None:
    _open(phone, base_url)
    reply = _ask(phone, "ICE is at my door right now")
    assert "urgent" in (reply.get_attribute("class") or "")
    hrefs = {a.get_attribute("href") for a in reply.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")}
    assert {"tel:6173705023", "tel:18443631423"} <= hrefs
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'})", reply)
    _shoot(phone, screens, "07-urgent")
    _shoot(phone, screens, "07-urgent-whole", whole=True)
    _no_sideways_scrolling(phone)
    _axe(phone, screens, "07-urgent")


def test_the_accessibility_check_finds_a_real_fault(phone: WebDriver, base_url: str) -> None:
    """The check can fail: a question box without its label is a critical violation."""
    _open(phone, base_url)
    phone.execute_script("var l = document.getElementById('question-label'); l.parentNode.removeChild(l);")
    found = {v["id"] for v in _axe_run(phone)["violations"] if v["impact"] == "critical"}
    assert "label" in found


def test_only_a_configured_site_can_show_the_chat_in_a_frame(
    browser: WebDriver, served: Served, screens: Path
) -> None:
    """A community organisation's page (another origin) with the documented iframe snippet."""
    host = web.Application()
    runner = web.AppRunner(host, access_log=None)
    chat_url = served.url

    async def page(request: web.Request) -> web.Response:
        snippet = (
            f'<iframe src="{chat_url}?lang=es" title="Chat" '
            'style="width:100%;height:40rem;border:1px solid #6b7280"></iframe>'
        )
        return web.Response(
            text=f"<!doctype html><title>Partner</title><main>{snippet}</main>", content_type="text/html"
        )

    async def start() -> int:
        host.router.add_get("/", page)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return int(runner.addresses[0][1])

    port = asyncio.run_coroutine_threadsafe(start(), served.loop).result(timeout=30)
    partner = f"http://localhost:{port}"  # another origin than http://127.0.0.1:<chat port>
    talk = served.helpline.conversation
    before = talk.content

    def framed_chat_loads() -> bool:
        browser.switch_to.default_content()
        browser.get(partner + "/")
        frame = browser.find_element(By.TAG_NAME, "iframe")
        browser.switch_to.frame(frame)
        try:
            _wait(browser).until(lambda d: d.execute_script("return document.readyState") == "complete")
            return bool(browser.find_elements(By.ID, "question"))
        finally:
            browser.switch_to.default_content()

    try:
        assert not framed_chat_loads()  # bot.toml lists no site: the browser refuses the frame
        talk.content = replace(before, config=replace(before.config, web=WebConfig(embed_origins=(partner,))))
        assert framed_chat_loads()
        browser.switch_to.frame(browser.find_element(By.TAG_NAME, "iframe"))
        send = before.strings.get("es", "web-send")
        _wait(browser).until(lambda d: d.find_element(By.ID, "send").text == send)  # ?lang=es in the snippet
        browser.switch_to.default_content()
        _shoot(browser, screens, "08-embedded")
    finally:
        talk.content = before
        asyncio.run_coroutine_threadsafe(runner.cleanup(), served.loop).result(timeout=30)
