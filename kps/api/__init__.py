"""The REST API's shared conventions: one error body, its schema, one way to register routes."""
