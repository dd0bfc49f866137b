"""Pages of engagement, one module per record family; each view parses, calls one selector or
service, renders. 404 for what the user may not see (alike for missing), 403 with the reason for
what they see but may not do."""
