"""nkbot: answers questions about the Nagorno-Karabakh conflict from a curated, cited fact base."""

__version__ = "0.1.0"
