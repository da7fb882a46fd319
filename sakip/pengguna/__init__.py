"""Users and roles in the browser: an office's accounts (its administrator and the pemda's),
the pemda-wide accounts (the pemda's administrator), and each user's own password.

Writes go through ``sakip.services`` (accounts are core data), rules through ``sakip.access``."""
