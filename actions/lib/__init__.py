"""Pure helpers of the action server and the NLU components: no rasa_sdk, no rasa import."""
