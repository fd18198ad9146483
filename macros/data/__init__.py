"""Load, validate and model the data folder: from YAML bytes to a Dataset."""
