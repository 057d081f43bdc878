"""The camera half of the app: pose model files, frame sources, the MediaPipe adapter, ``coach analyze``.

Light to import: cv2 and mediapipe are imported inside the functions that need them, so that
``coach routines list`` and launching the app stay fast.

- ``model``: model resolution (setting / ``COACH_POSE_MODEL`` / data dir / official download)
- ``sources``: webcam, video file and in-memory frame sources behind one interface
- ``estimator``: ``PoseEstimator``, the MediaPipe Tasks PoseLandmarker in VIDEO mode
- ``analyze``: the ``coach analyze`` subcommand; ``progress``: its stderr progress bar
"""
