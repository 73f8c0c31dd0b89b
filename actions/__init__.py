"""The custom actions' package: run inside the Rasa server (endpoints.yml: `action_endpoint: actions_module:
actions`, cpas_rasa/actions_in_process.py) or by an action server (`rasa run actions --actions actions`, deploy/)."""
