"""The linear SVM's lines for the matcher, fitted once per set of examples and kept on disk.

Fitting is most of the start-up time and grows with classes × examples, so a
restart with unchanged content (or a reload back to it) loads the lines from
``var/cache/`` next to ``bot.toml`` instead. scikit-learn (and its import time)
is needed only to fit.
Owns: fitting and the cache files. Must not: build features or score messages
(:mod:`bot.matcher`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path

import numpy as np

CACHE = Path("var") / "cache"
KEEP = 30  # cache files kept (one per language and content version)
SVM_C = 1.0  # the separating weights' regularisation (scikit-learn's LinearSVC)
# liblinear shuffles the examples: a fixed seed gives the same lines on every machine and start,
# so a borderline answer does not depend on which process fitted it.
SVM_SEED = 0


def fit_cache(config_path: Path) -> Path:
    """The cache folder of the bot set up by ``config_path``: its state folder, like var/last-good."""
    return config_path.resolve().parent / CACHE


def fit_lines(
    rows: np.ndarray,
    cols: np.ndarray,
    data: np.ndarray,
    shape: tuple[int, int],
    labels: np.ndarray,
    cache: Path | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The SVM's classes, lines and offsets for a TF-IDF matrix given as (rows, cols, data).

    From ``cache`` when these examples were fitted before: the file's name is a
    hash of everything the fit depends on, scikit-learn's version included.
    """
    digest = hashlib.sha256(repr((shape, SVM_C, SVM_SEED, metadata.version("scikit-learn"))).encode())
    for array in (rows, cols, data, labels):
        digest.update(np.ascontiguousarray(array).tobytes())
    path = cache / f"svm-{digest.hexdigest()[:32]}.npz" if cache is not None else None
    if path is not None and path.is_file():
        try:
            with np.load(path) as saved:
                return saved["classes"], saved["coef"], saved["intercept"]
        except (OSError, ValueError, KeyError):
            pass  # unreadable: fit again and replace it
    from scipy import sparse
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=SVM_C, random_state=SVM_SEED).fit(
        sparse.csr_matrix((data, (rows, cols)), shape=shape), labels
    )
    classes, coef, intercept = svm.classes_, svm.coef_, svm.intercept_
    if len(classes) == 2:  # one line for two classes: the first class is its negative side
        coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    if path is not None:
        _save(path, classes, coef.astype(np.float32), intercept)
    return classes, coef, intercept


def _save(path: Path, classes: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> None:
    """Write whole or not at all (processes may start together); a read-only disk only costs time.

    Only the newest ``KEEP`` files stay: a few content versions of every language.
    """
    name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            name = out.name
            np.savez(out, classes=classes, coef=coef, intercept=intercept)
        os.replace(name, path)
        kept = sorted(path.parent.glob("svm-*.npz"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        if name:
            with contextlib.suppress(OSError):
                os.unlink(name)
