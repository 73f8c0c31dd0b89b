"""The action server's package (`rasa run actions --actions actions`)."""
