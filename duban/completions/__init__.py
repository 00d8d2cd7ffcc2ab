"""A government's completion list imported into the plan it completes (duban import --into)."""
