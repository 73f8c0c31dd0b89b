"""The action server's package (`rasa run actions --actions actions`)."""
import sys

from actions.lib import profile as _profile

# Until actions/session_slots.py imports actions.lib.profile itself (it is being rewritten on another branch):
# `from actions.profile import ...` still finds the module that moved to actions/lib/profile.py.
sys.modules.setdefault("actions.profile", _profile)
