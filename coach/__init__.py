"""IT-band coach: roll the muscles (TFL, vastus lateralis, glutes), never the band, then load them."""

__version__ = "0.1.0"
