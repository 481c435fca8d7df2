"""The test suite, as a package: ``tests.helpers`` must be this folder, even though textstat's
wheel installs a top-level ``tests`` package of its own into site-packages."""
