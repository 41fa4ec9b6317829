"""The waiting-list REST API: views in ``views``, the answers' shapes in ``serializers``."""
