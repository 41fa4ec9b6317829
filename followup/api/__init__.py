"""The follow-up REST API: views in ``views``, the answers' shapes in ``serializers``."""
