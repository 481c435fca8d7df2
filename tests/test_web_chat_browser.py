"""The web chat end to end: the real app on 127.0.0.1, the real page in headless Chromium.

Uses Debian's ``chromium`` and ``chromium-driver`` (.ci/run installs them); skipped
only when either is missing. Selenium is told both paths, so it never downloads one.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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

from bot.app import HELPLINE, create_app
from bot.channels.web_chat import WebSender
from bot.config import Config
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
    """The real app served from its own thread and event loop, so Selenium's blocking calls can't stall it."""
    env = read_environment(tmp_path_factory.mktemp("env"), {})
    store = open_store("memory://", Retention())
    app = create_app(config, content, env, store=store, conversation=conversation)
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
    return driver.find_elements(By.CSS_SELECTOR, "#log > li.bot")


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
    mine = browser.find_elements(By.CSS_SELECTOR, "#log > li.me")
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
    assert browser.find_elements(By.CSS_SELECTOR, "#log > li.me")[-1].text == "Español"
    assert _bot_messages(browser)[-1].get_attribute("lang") == "es"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"

    # "menu" shows numbered choices as buttons; clicking one sends its number.
    _ask(browser, "menu")
    buttons = _wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#log > li.bot:last-child .choices button")
    )
    assert buttons[0].text.startswith("1. ")
    before = len(_bot_messages(browser))
    buttons[0].click()
    _wait(browser).until(lambda d: len(_bot_messages(d)) > before)
    assert browser.find_elements(By.CSS_SELECTOR, "#log > li.me")[-1].text == "1"
    # Only the newest reply keeps buttons: an old list's numbers no longer mean anything.
    assert not browser.find_elements(By.CSS_SELECTOR, "#log > li.bot:not(:last-child) .choices")

    # Markup typed by a person is shown as text and never run.
    _ask(browser, "<script>alert(1)</script>")
    assert browser.find_elements(By.CSS_SELECTOR, "#log > li.me")[-1].text == "<script>alert(1)</script>"
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
    assert not browser.find_elements(By.CSS_SELECTOR, "#log > li")
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
