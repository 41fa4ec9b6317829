"""Rollout: Qulturum's tracking of the KPS programme per clinic, with evidence from the platform's data."""
