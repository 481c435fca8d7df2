"""taxbot: a private helpline that answers questions about tax privacy."""

__version__ = "0.1.0"
