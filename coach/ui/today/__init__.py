"""The Today screen: the programme's session for today (or a rest day), the morning check and the set-up."""
