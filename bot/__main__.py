"""Allow `python -m bot` as well as the `taxbot` command."""

from bot.cli import main

if __name__ == "__main__":  # not when a build process (bot.matcher) imports this as its main module
    raise SystemExit(main())
