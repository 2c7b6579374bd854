"""Optional integrations with corpus-scale engines (extras only)."""
