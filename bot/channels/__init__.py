"""Channel adapters: each turns one provider's requests into helpline messages and back."""

# Telegram's webhook route, here so the app can answer it with "off" without importing
# python-telegram-bot (about 18 MB) on a server where Telegram is not set up.
TELEGRAM_PATH = "/telegram/webhook"
