"""The public portal: one module per kind of page."""
