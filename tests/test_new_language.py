"""Adding a language is files only: French, added to a copy of the content without touching code.

The French files live in ``tests/fixtures/languages/fr/`` (UI strings, language
file, and one ``fr.md`` per FAQ entry). Each test copies them into a private
copy of ``faq/``, ``locales/`` and ``bot.toml``, adds ``"fr"`` to
``languages``, and then uses only the bot's ordinary entry points: the
``taxbot`` command, the conversation, and the web and SMS routes.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from aiohttp.test_utils import TestClient

from bot import sms
from bot.app import create_app
from bot.check import load_checked
from bot.cli import main
from bot.config import Config, load_config
from bot.content import Content
from bot.conversation import Conversation, Inbound, Reply
from bot.environment import read_environment
from bot.session import Session
from tests.conftest import ROOT
from tests.content.test_faq_content import numbers, untraceable
from tests.helpers.webhooks import environment, twilio_form, twilio_signature

FRENCH = Path(__file__).resolve().parent / "fixtures" / "languages" / "fr"
ENTRY_IDS = sorted(p.name for p in (ROOT / "faq").iterdir() if p.is_dir() and p.name != "_redirects")
REDIRECTS = sorted(p.name for p in (ROOT / "faq" / "_redirects").iterdir() if p.is_dir())


def add_french(root: Path) -> Path:
    """Copy the French files into a project copy and switch French on in its bot.toml; files only."""
    shutil.copytree(FRENCH / "locales" / "fr", root / "locales" / "fr")
    for source in (FRENCH / "faq").rglob("fr.md"):
        shutil.copy(source, root / "faq" / source.relative_to(FRENCH / "faq"))
    toml = root / "bot.toml"
    text = toml.read_text(encoding="utf-8")
    languages = tomllib.loads(text)["content"]["languages"]
    line = "languages = " + json.dumps(languages)
    assert line in text  # the one line this test changes
    toml.write_text(text.replace(line, "languages = " + json.dumps([*languages, "fr"])), encoding="utf-8")
    return toml


@pytest.fixture(scope="module")
def french_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """A project copy with French, shared by this module's tests (building a conversation takes seconds)."""
    root = tmp_path_factory.mktemp("french")
    for name in ("faq", "locales"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "bot.toml", root / "bot.toml")
    return load_config(add_french(root))


@pytest.fixture(scope="module")
def french_content(french_config: Config) -> Content:
    return load_checked(french_config)


@pytest.fixture(scope="module")
def french(french_content: Content) -> Conversation:
    return Conversation(french_content)


def say(
    conversation: Conversation, text: str, session: Session | None = None, opted_out: bool = False
) -> Reply:
    reply, _ = conversation.respond(Inbound(text, opted_out=opted_out), session or Session())
    return reply


# The files ------------------------------------------------------------------------------------------


def test_french_files_have_every_key_the_english_ones_have() -> None:
    def message_ids(path: Path) -> set[str]:
        return set(re.findall(r"^([a-z][a-z0-9-]*) =", path.read_text(encoding="utf-8"), re.MULTILINE))

    assert message_ids(FRENCH / "locales/fr/bot.ftl") == message_ids(ROOT / "locales/en/bot.ftl")
    english = tomllib.loads((ROOT / "locales/en/language.toml").read_text(encoding="utf-8"))
    french = tomllib.loads((FRENCH / "locales/fr/language.toml").read_text(encoding="utf-8"))
    assert set(french) == set(english)
    for table in ("commands", "urgent", "detect", "ads"):
        assert set(french[table]) == set(english[table]), table
        assert all(french[table].values()), table
    assert french["name"] == "Français"
    assert sorted(p.parent.name for p in (FRENCH / "faq").glob("*/fr.md")) == ENTRY_IDS
    assert sorted(p.parent.name for p in (FRENCH / "faq" / "_redirects").glob("*/fr.md")) == REDIRECTS


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_each_french_entry_is_for_review_and_keeps_the_english_numbers_and_notes(entry_id: str) -> None:
    english = (ROOT / "faq" / entry_id / "en.md").read_text(encoding="utf-8")
    french = (FRENCH / "faq" / entry_id / "fr.md").read_text(encoding="utf-8")
    assert "\ntranslation: needs-review\n" in french
    notes = [re.findall(r"<!--.*?-->", text, re.DOTALL) for text in (french, english)]
    assert len(notes[0]) == len(notes[1])
    if not entry_id.startswith("_"):  # staff's source notes stay word for word
        assert notes[0] == notes[1]
    assert [s for s in re.findall(r"^## (\w+)", french, re.MULTILINE)] == re.findall(
        r"^## (\w+)", english, re.MULTILINE
    )
    if entry_id.startswith("_"):
        return
    answer = re.compile(r"^# .*?(?=^## Questions)", re.DOTALL | re.MULTILINE)
    english_answer, french_answer = answer.findall(english)[0], answer.findall(french)[0]
    # Every number in the French answer is one the English has, and the other way round.
    assert untraceable(french_answer, numbers(english_answer)) == set()
    assert untraceable(english_answer, numbers(french_answer)) == set()


# The command line -----------------------------------------------------------------------------------


def test_faq_check_passes_with_french_added_as_files_only(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = add_french(project_copy)
    assert main(["faq", "check", "--config", str(toml), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "ok: 22 entries in en, es, pt, ht, zh, vi, ko, fr;" in out
    # French is new: each file waits for a native speaker and has no record of its English yet.
    assert "faq/itin-what/fr.md:3: warning: needs review by a native speaker" in out.replace("\\", "/")


def test_faq_check_names_a_missing_french_file(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = add_french(project_copy)
    (project_copy / "faq" / "itin-what" / "fr.md").unlink()
    assert main(["faq", "check", "--config", str(toml)]) == 1
    assert "itin-what/fr.md:1: error: missing: entry 'itin-what' has no fr.md" in capsys.readouterr().out


def test_faq_list_json_lists_french_for_every_entry(
    french_config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["faq", "list", "--json", "--config", str(french_config.path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(row["id"] for row in rows) == [i for i in ENTRY_IDS if not i.startswith("_")]
    for row in rows:
        assert "fr" in row["languages"], row["id"]
        assert row["translations"]["fr"] == "needs-review", row["id"]


# The conversation -------------------------------------------------------------------------------------

# Written for this test: everyday French as people text it, not the FAQ's own example questions.
QUESTIONS = [
    ("Bonjour, c'est quoi exactement un numéro ITIN ?", "itin-what"),
    ("est ce que le fisc a deja donné nos adresses aux services d'immigration ?", "data-already-shared"),
    ("j'ai peur, est-ce que je fais quand même ma déclaration de revenus cette année ?", "file-or-not"),
    ("je cherche un avocat gratuit pour mon problème avec les impôts", "legal-help"),
    ("qu'est-ce que vous enregistrez sur moi quand je vous écris ?", "bot-privacy"),
    ("C'est quoi cet accord signé entre l'IRS et ICE en avril ?", "mou-what"),
    (
        "ma femme a un ITIN et nos enfants sont nés ici, on a droit au crédit pour enfants ?",
        "mixed-status-family",
    ),
    ("la sécurité sociale donne aussi nos adresses à ICE ?", "ssa-sharing"),
    ("mon ITIN a expiré, je le renouvelle ou c'est trop risqué ?", "itin-apply-renew"),
    ("le procès de la juge Talwani à Boston, ça dit quoi ?", "lawsuit-boston"),
]


@pytest.mark.parametrize(("text", "entry_id"), QUESTIONS, ids=[e for _, e in QUESTIONS])
def test_french_questions_are_recognised_and_answered_in_french(
    french: Conversation, text: str, entry_id: str
) -> None:
    reply = say(french, text)
    assert (reply.lang, reply.kind, reply.entry_id) == ("fr", "answer", entry_id)
    sms = french.content.faq.entries[entry_id].texts["fr"].sms
    assert reply.parts[0].startswith(sms)
    assert "Infos vérifiées le" in reply.parts[0] and "Répondez PLUS" in reply.parts[0]


def test_every_french_title_gets_its_own_entry_in_french(french: Conversation) -> None:
    wrong = []
    for entry in french.content.faq.entries.values():
        reply = say(french, entry.texts["fr"].title)
        if (reply.entry_id, reply.lang) != (entry.id, "fr"):
            wrong.append(f"{entry.id}: {reply.entry_id} in {reply.lang}")
    assert wrong == []


def test_french_emergencies_get_the_urgent_answer_first(french: Conversation) -> None:
    for text in ("ICE frappe à ma porte en ce moment", "ils ont arrêté mon mari ce matin, au secours"):
        reply = say(french, text)
        assert (reply.kind, reply.lang, reply.urgent) == ("urgent", "fr", True), text
        assert reply.parts[0].startswith("Appelez LUCE 617-370-5023")


def test_more_continues_the_answer_in_french(french: Conversation) -> None:
    first, session = french.respond(Inbound("c'est quoi un itin ?"), Session())
    assert first.lang == "fr"
    more, _ = french.respond(Inbound("plus"), session)
    assert (more.kind, more.lang, more.entry_id) == ("more", "fr", "itin-what")
    # The opening paragraph restates the SMS (as in English), so MORE goes on from the next one.
    assert more.parts[0].startswith("Qui en reçoit un")


def test_other_languages_are_still_recognised_with_french_present(french: Conversation) -> None:
    for text, lang in [
        ("what is an itin", "en"),
        ("que es el itin y para que sirve", "es"),
        ("o que é o itin", "pt"),
        ("kisa yon itin ye", "ht"),
        ("itin 是什么", "zh"),
    ]:
        assert say(french, text).lang == lang, text


def test_the_language_menu_lists_francais_and_picking_it_switches(french: Conversation) -> None:
    menu, session = french.respond(Inbound("language"), Session())
    labels = {c.label: c.number for c in menu.choices}
    assert "Français" in labels
    assert "Français" in menu.parts[0]
    picked, session = french.respond(Inbound(str(labels["Français"])), session)
    assert picked.lang == "fr" and session.lang == "fr" and session.lang_chosen
    assert picked.parts[0].startswith("D'accord, je vais répondre en français.")
    # Chosen by name too, in any case and with or without the accent.
    for name in ("français", "FRANCAIS", "french"):
        reply, chosen = french.respond(Inbound(name), Session())
        assert (reply.lang, chosen.lang, chosen.lang_chosen) == ("fr", "fr", True), name


@pytest.mark.parametrize("word", ["arrête", "ARRÊTEZ", "arret", "désabonner", "ne m'écrivez plus", "STOP"])
def test_french_stop_words_opt_out_in_french(french: Conversation, word: str) -> None:
    session = Session(lang="fr", lang_chosen=True)
    reply = say(french, word, session)
    assert reply.optout and reply.lang == "fr"
    assert reply.parts == (french.content.strings.get("fr", "optout-confirm"),)


@pytest.mark.parametrize("word", ["reprendre", "réabonner", "START"])
def test_french_start_words_opt_back_in(french: Conversation, word: str) -> None:
    reply = say(french, word, Session(lang="fr"), opted_out=True)
    assert reply.optin and reply.lang == "fr"


def test_french_forget_me_erases_the_session(french: Conversation) -> None:
    reply, session = french.respond(Inbound("oubliez-moi s'il vous plaît"), Session(lang="fr"))
    assert reply.forget and reply.lang == "fr" and session == Session()
    assert reply.parts[0] == "C'est fait : j'ai effacé tout ce que je gardais sur vous."


# The web chat and SMS ---------------------------------------------------------------------------------------


@pytest.fixture
async def client(
    aiohttp_client, french_config: Config, french_content: Content, french: Conversation, tmp_path: Path
) -> TestClient:  # type: ignore[no-untyped-def]
    env = read_environment(tmp_path, environment(BOT_STORAGE_URL="memory://"))
    return await aiohttp_client(create_app(french_config, french_content, env, conversation=french))


async def test_web_chat_offers_french_and_speaks_it(client: TestClient) -> None:
    ui = await (await client.get("/api/ui")).json()
    assert {"code": "fr", "name": "Français"} in ui["languages"]
    french_ui = await (await client.get("/api/ui", params={"lang": "fr"})).json()
    assert french_ui["lang"] == "fr"
    assert french_ui["strings"]["web-send"] == "Envoyer"
    assert french_ui["strings"]["web-title"] == "Questions sur la confidentialité des impôts"
    answer = await client.post(
        "/api/message", json={"session": "web-french-0123456789", "text": "c'est quoi un itin ?"}
    )
    body = await answer.json()
    assert (body["lang"], body["kind"]) == ("fr", "answer")
    assert body["parts"][0].startswith("Un ITIN (Individual Taxpayer Identification Number")


async def test_sms_arrete_stops_messages_until_reprendre(client: TestClient) -> None:
    async def text(body: str, sid: str) -> str:
        form = twilio_form("plain_en", Body=body, MessageSid=sid, From="+15555550199")
        headers = {"X-Twilio-Signature": twilio_signature("/twilio/sms", form)}
        response = await client.post("/twilio/sms", data=form, headers=headers)
        assert response.status == 200
        return await response.text()

    stopped = await text("Arrête", "SMfr0001")
    assert "Vous ne recevrez plus de messages de ce service" in stopped
    assert "<Message>" not in await text("c'est quoi un itin ?", "SMfr0002")
    back = await text("reprendre", "SMfr0003")
    assert "Bon retour parmi nous" in back
    answer = await text("c'est quoi un itin ?", "SMfr0004")
    (message,) = [m.text or "" for m in ElementTree.fromstring(answer).iter("Message")]
    assert message.startswith("Un ITIN est un numéro fiscal de 9 chiffres")
    # French fits the cheap alphabet: "é" is in GSM-7, "ô" or "ç" would be written "o" and "c".
    assert sms.measure(message).encoding == "GSM-7"
