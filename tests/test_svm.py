"""The SVM's lines are fitted once per set of examples and read back on the next start."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sklearn.svm

from bot.svm import fit_lines

# Three examples of two classes over three features, as (rows, cols, data).
ROWS, COLS = np.array([0, 1, 2, 2]), np.array([0, 1, 1, 2])
DATA, LABELS = np.array([1.0, 1.0, 0.6, 0.8]), np.array([0, 1, 1])


def fit(cache: Path | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return fit_lines(ROWS, COLS, DATA, (3, 3), LABELS, cache)


def test_a_second_start_reads_the_lines_instead_of_fitting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fit(tmp_path)
    assert len(list(tmp_path.glob("svm-*.npz"))) == 1

    def no_fit(*args: object, **kwargs: object) -> None:
        raise AssertionError("fitted again")

    monkeypatch.setattr(sklearn.svm.LinearSVC, "fit", no_fit)
    again = fit(tmp_path)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_other_examples_are_fitted_anew(tmp_path: Path) -> None:
    fit(tmp_path)
    fit_lines(ROWS, COLS, DATA * 2, (3, 3), LABELS, tmp_path)
    assert len(list(tmp_path.glob("svm-*.npz"))) == 2


def test_an_unreadable_cache_file_is_fitted_again(tmp_path: Path) -> None:
    expected = fit(None)
    fit(tmp_path)
    (saved,) = tmp_path.glob("svm-*.npz")
    saved.write_bytes(b"not a numpy file")
    for a, b in zip(expected, fit(tmp_path), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    classes, coef, _ = fit(blocked / "cache")
    assert list(classes) == [0, 1] and coef.shape == (2, 3)


def test_the_same_examples_give_the_same_lines_on_every_fit() -> None:
    """liblinear visits examples in a random order: unseeded, a first start on another machine
    could answer a borderline message differently."""
    rng = np.random.default_rng(7)
    examples, features = 2000, 3000  # large enough that the order changes the lines (by ~1e-5)
    rows = np.repeat(np.arange(examples), 12)
    cols = rng.integers(0, features, rows.size)
    data = rng.random(rows.size)
    labels = rng.integers(0, 25, examples)
    first = fit_lines(rows, cols, data, (examples, features), labels, None)
    np.random.seed(1)  # what an unseeded fit would draw its order from
    second = fit_lines(rows, cols, data, (examples, features), labels, None)
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a, b)
