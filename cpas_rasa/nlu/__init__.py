"""NLU components loaded by the Rasa server (config.yml pipeline)."""
