"""Reads of client files. Every function that returns a person's data writes its access-log
row itself (see `mia.clients.access`), so no view or endpoint can forget it."""
