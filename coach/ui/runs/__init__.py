"""The Runs page (load chart, advice, runs table, add and import), the ladder card on Today, and the running
settings. Views reach the history only through ``RunsService``."""
