"""Handlers grouped by purpose: commands, questions, buttons, inline queries, errors."""
