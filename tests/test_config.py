from pathlib import Path

import pytest

from bot.config import MatcherConfig, load_config
from bot.errors import ConfigError


def test_the_shipped_config_loads_and_resolves_folders_next_to_it(project_copy: Path) -> None:
    config = load_config(project_copy / "bot.toml")
    assert config.content.faq_dir == project_copy.resolve() / "faq"
    assert config.content.locales_dir == project_copy.resolve() / "locales"
    assert config.content.source_language in config.content.languages
    assert config.server.port == 8080


def test_a_config_without_matcher_settings_gets_the_calibrated_thresholds(project_copy: Path) -> None:
    """Leaving ``[matcher]`` out of one's own bot.toml must not bring back uncalibrated, looser thresholds."""
    path = project_copy / "bot.toml"
    shipped = load_config(path).matcher
    text = path.read_text(encoding="utf-8")
    start = text.index("[matcher]")
    end = text.index("\n[", start + 1)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    assert load_config(path).matcher == shipped == MatcherConfig()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("answer = -0.05", "answer = 7.2"), "[matcher] answer must be a number from -1 to 1"),
        (("port = 8080", 'port = "eighty"'), "[server] port must be a whole number"),
        (('default_language = "en"', 'default_language = "fr"'), "default_language 'fr' is not in languages"),
        (("[matcher]", "[matcher"), "bot.toml: "),
        (
            ("urgent_max_segments_ucs2 = 4", "urgent_max_segments_ucs2 = 0"),
            "[sms] urgent_max_segments_ucs2 must be a whole number from 1 to 10",
        ),
    ],
)
def test_bad_settings_stop_with_one_clear_line(
    project_copy: Path, edit: tuple[str, str], message: str
) -> None:
    path = project_copy / "bot.toml"
    text = path.read_text()
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--config"):
        load_config(tmp_path / "nope.toml")


def test_the_emergency_sms_has_its_own_budget_per_encoding(project_copy: Path) -> None:
    sms = load_config(project_copy / "bot.toml").sms
    assert (sms.urgent_max_segments_gsm, sms.urgent_max_segments_ucs2) == (3, 4)
    assert sms.segments_for("UCS-2", urgent=True) == 4 and sms.segments_for("GSM-7", urgent=True) == 3
    assert sms.segments_for("UCS-2") == sms.segments_for("GSM-7") == sms.max_segments
