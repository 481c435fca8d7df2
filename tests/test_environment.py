from pathlib import Path

import pytest

from bot.environment import read_environment
from bot.errors import ConfigError
from tests.helpers.webhooks import environment


def test_nothing_set_means_web_chat_only_with_a_random_key(tmp_path: Path) -> None:
    env = read_environment(tmp_path, {})
    assert env.twilio_auth_token is None and env.telegram_bot_token is None
    assert len(env.secret_key.reveal()) >= 32
    assert env.storage_url == f"sqlite:///{tmp_path / 'var' / 'taxbot.sqlite3'}"


def test_secrets_never_print(tmp_path: Path) -> None:
    redis = "redis://taxbot:redis-password@10.0.0.5:6379/0"
    env = read_environment(tmp_path, environment(BOT_PREVIOUS_SECRET_KEY="p" * 40, BOT_STORAGE_URL=redis))
    assert "test-auth-token" not in repr(env) and "redis-password" not in repr(env)
    assert "p" * 40 not in repr(env) and "k" * 40 not in repr(env)
    assert "Secret('****')" in repr(env)
    assert env.previous_secret_key is not None and env.previous_secret_key.reveal() == "p" * 40


def test_no_previous_key_unless_rotating(tmp_path: Path) -> None:
    assert read_environment(tmp_path, environment()).previous_secret_key is None


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"TELEGRAM_BOT_TOKEN": "1:x"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"TELEGRAM_WEBHOOK_SECRET": "abc"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": "bad secret!"}, "letters, digits"),
        ({"BOT_PUBLIC_URL": ""}, "BOT_PUBLIC_URL is required"),
        ({"BOT_PUBLIC_URL": "bot.example.org"}, "full URL"),
        ({"BOT_SECRET_KEY": ""}, "BOT_SECRET_KEY is required"),
        ({"BOT_SECRET_KEY": "short"}, "at least 32"),
        ({"TWILIO_ACCOUNT_SID": "XX123"}, "AC"),
        ({"BOT_PREVIOUS_SECRET_KEY": "k" * 40}, "equals BOT_SECRET_KEY"),
        ({"BOT_PREVIOUS_SECRET_KEY": "short"}, "at least 32"),
        (
            {"BOT_PREVIOUS_SECRET_KEY": "p" * 40, "BOT_SECRET_KEY": "", "TWILIO_AUTH_TOKEN": ""},
            "set the new key",
        ),
    ],
)
def test_bad_or_incomplete_settings_stop_with_one_line(
    tmp_path: Path, variables: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        read_environment(tmp_path, {**environment(), **variables})
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
