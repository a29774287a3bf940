"""The access layer: the one place that decides who may see and do what."""
