"""Code that runs inside the Rasa server: the input channel and an NLU component.

The action server code and the pure rules live in ``actions/``.
"""
