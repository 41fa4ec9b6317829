"""What guards every request: login lockout, API throttling, session lifetime and caching."""
