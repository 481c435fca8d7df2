"""What content builds is kept per set of inputs and read back on the next start, never served stale."""

from __future__ import annotations

from pathlib import Path

from bot.built import cached


class Builds:
    """A builder that counts its calls."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> dict[str, int]:
        self.count += 1
        return {"built": self.count}


def test_the_same_inputs_are_read_back_instead_of_built(tmp_path: Path) -> None:
    build = Builds()
    first = cached(tmp_path, "index-en", ("en", ["what is an itin"]), build)
    again = cached(tmp_path, "index-en", ("en", ["what is an itin"]), build)
    assert first == again == {"built": 1} and build.count == 1


def test_other_inputs_are_built_anew(tmp_path: Path) -> None:
    build = Builds()
    cached(tmp_path, "index-en", ("en", ["what is an itin"]), build)
    assert cached(tmp_path, "index-en", ("en", ["what is an ssn"]), build) == {"built": 2}


def test_without_a_folder_everything_is_built(tmp_path: Path) -> None:
    build = Builds()
    cached(None, "index-en", "x", build)
    cached(None, "index-en", "x", build)
    assert build.count == 2


def test_an_unreadable_file_is_built_again_and_replaced(tmp_path: Path) -> None:
    build = Builds()
    cached(tmp_path, "words", "x", build)
    (saved,) = tmp_path.glob("words-*.pickle")
    saved.write_bytes(b"not a pickle")
    assert cached(tmp_path, "words", "x", build) == {"built": 2}
    assert cached(tmp_path, "words", "x", build) == {"built": 2}


def test_a_folder_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    assert cached(blocked / "cache", "words", "x", Builds()) == {"built": 1}


def test_only_the_newest_files_of_each_kind_stay(tmp_path: Path) -> None:
    build = Builds()
    for n in range(4):
        cached(tmp_path, "index-en", n, build, keep=2)
    cached(tmp_path, "index-es", 0, build, keep=2)
    assert len(list(tmp_path.glob("index-en-*.pickle"))) == 2
    assert len(list(tmp_path.glob("index-es-*.pickle"))) == 1
    assert cached(tmp_path, "index-en", 3, build, keep=2) == {"built": 4}
