"""Allow `python -m bot` as well as the `taxbot` command."""

from bot.cli import main

raise SystemExit(main())
