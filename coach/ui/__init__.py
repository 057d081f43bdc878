"""The PySide6 desktop app: views, the session player, the camera panel and the worker thread.

Views get controllers (``coach.ui.app_controller``) and never open the database or the camera themselves.
"""
