"""`translate complete`: fill in stubs (bodies left as ``...``/``TODO``) in place."""
