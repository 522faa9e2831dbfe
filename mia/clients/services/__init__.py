"""Every write to client files: keyword-only, one transaction, permission checked by `policy`."""
