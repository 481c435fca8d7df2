"""A copy of the real bot.toml with the rate limits lifted, for benchmarks that mean to flood.

The limits in bot.toml (a few hundred messages a minute in total) are there to
protect a real helpline's SMS bill; a load test that hit them would measure the
"slow down" path instead of answering. Everything else, the content folders
included, is the real configuration.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIFTED = {"per_user": 10_000, "per_user_minutes": 1, "global_per_minute": 1_000_000}


def unlimited_config(folder: Path) -> Path:
    """Write the copy into ``folder`` (content folders made absolute) and return its path."""
    text = (ROOT / "bot.toml").read_text(encoding="utf-8")
    for key in ("faq_dir", "locales_dir"):
        text = re.sub(
            rf'^{key} = "([^"]+)"',
            lambda m, k=key: f'{k} = "{(ROOT / m.group(1)).as_posix()}"',
            text,
            flags=re.M,
        )
    for key, value in LIFTED.items():
        text, found = re.subn(rf"^{key} = \d+", f"{key} = {value}", text, flags=re.M)
        assert found == 1, f"bot.toml has no [limits] {key}"
    path = folder / "bot.toml"
    path.write_text(text, encoding="utf-8")
    return path
