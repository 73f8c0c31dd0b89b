"""Privacy inside the Rasa server: personal numbers masked before a message is stored or logged
(``redaction``), and what a person types cleaned before Rasa reads it (``sanitize``)."""
