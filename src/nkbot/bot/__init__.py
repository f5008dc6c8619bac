"""The Telegram adapter: python-telegram-bot handlers around the pure answer engine."""
