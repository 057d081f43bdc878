"""Sound and voice for session cues.

Each cue kind from the session engine has its own short sound (assets/sounds/*.wav); counts and side
switches can also be spoken through QtTextToSpeech when a real engine is installed (silently off when
not). Mute persists in the settings. QtMultimedia is imported lazily, off the launch path; any audio
failure (missing library, no output device, broken file) turns sound off with a logged warning and never
raises into the app.
"""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QObject, QUrl, Signal

from coach import paths
from coach.core.session.state import Cue
from coach.ui.settings import Settings

log = logging.getLogger(__name__)

SOUND_FOR = {
    "start": "start",
    "step": "start",
    "countdown": "countdown",
    "switch_side": "switch_side",
    "ready": "start",
    "set_done": "set_done",
    "rep": "rep",
    "pelvic_drop": "pelvic_drop",
    "finished": "finished",
}
SPEECH_ENGINES = ("speechd", "flite", "sapi", "winrt", "darwin", "macos", "android")  # never "mock"


def spoken_text(cue: Cue) -> str | None:
    """What the voice says for a cue, or None (short, plain words)."""
    if cue.kind in ("countdown", "rep") and cue.value is not None:
        return str(cue.value)
    if cue.kind == "switch_side":
        return "Switch sides"
    if cue.kind == "ready":
        return "Get ready"
    if cue.kind == "pelvic_drop":
        return "Keep your hips level"
    if cue.kind in ("step", "finished"):
        return cue.text
    return None


_SPEECH: list[bool] = []  # the answer of speech_available(), once asked


def speech_available() -> bool:
    """True when a real text-to-speech engine works on this computer (asked once per run). Settings offers spoken
    counts only then; they are on by default (``audio/speak``)."""
    if not _SPEECH:
        ok = False
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            for name in (e for e in SPEECH_ENGINES if e in QTextToSpeech.availableEngines()):
                tts = QTextToSpeech(name)
                ok = tts.state() != QTextToSpeech.State.Error
                tts.deleteLater()
                if ok:
                    break
        except Exception as err:  # no QtTextToSpeech module, a broken plugin
            log.info("text to speech unavailable: %s", err)
        _SPEECH.append(ok)
    return _SPEECH[0]


class AudioCues(QObject):
    """Plays cues. ``played`` keeps the last sounds the session asked for while not muted (whether or not this
    machine has a speaker); ``cuePlayed`` is emitted for each of them."""

    cuePlayed = Signal(str)  # sound name
    mutedChanged = Signal(bool)
    problem = Signal(str)  # audio was turned off: a message for the status bar

    def __init__(self, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self._effects: dict[str, object] | None = None  # name -> QSoundEffect, made on first use
        self._sound_ok = True
        self.unavailable: str | None = None  # why there is no sound (no audio device...), once known
        self._tts = None
        self._tts_tried = False
        self.played: deque[str] = deque(maxlen=50)
        self.spoken: deque[str] = deque(maxlen=50)

    # ---- mute ------------------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return self.settings.muted  # read each time: the settings dialog may change it

    def set_muted(self, muted: bool) -> None:
        muted = bool(muted)
        if muted == self.muted:
            return
        self.settings.muted = muted
        if muted and self._tts is not None:
            try:
                self._tts.stop()
            except Exception:  # pragma: no cover - engine-specific
                pass
        self.mutedChanged.emit(muted)

    def toggle_mute(self) -> bool:
        self.set_muted(not self.muted)
        return self.muted

    # ---- playing ---------------------------------------------------------------------------------
    def play(self, cue: Cue) -> None:
        if self.muted:
            return
        name = SOUND_FOR.get(cue.kind)
        if name is not None:
            self._play_sound(name)
        text = spoken_text(cue)
        if text and self.settings.get("audio/speak"):
            self._say(text)

    def warm_up(self) -> None:
        """Load the sounds now (call after the window is shown so the first cue isn't late)."""
        self._load()

    def _load(self) -> dict[str, object]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if QMediaDevices.defaultAudioOutput().isNull():
                self._disable_sound("Sound is off: no audio output device was found")
                return self._effects

            folder = paths.assets_dir() / "sounds"
            for name in set(SOUND_FOR.values()):
                f = folder / f"{name}.wav"
                if not f.is_file():
                    log.warning("sound %s missing; that cue will be silent", f)
                    continue
                eff = QSoundEffect(self)
                eff.setSource(QUrl.fromLocalFile(str(f)))
                eff.setVolume(0.8)
                self._effects[name] = eff
        except Exception as err:  # ImportError (e.g. no libpulse), plugin failures
            self._disable_sound(f"Sound is off: audio could not start ({err})")
        return self._effects

    def _play_sound(self, name: str) -> None:
        self.played.append(name)
        self.cuePlayed.emit(name)
        if not self._sound_ok:
            return
        try:
            eff = self._load().get(name)
            if eff is not None:
                eff.stop()
                eff.play()
        except Exception as err:  # pragma: no cover - defensive: audio must never crash the app
            self._disable_sound(f"Sound is off: {err}")

    def _disable_sound(self, message: str) -> None:
        self._sound_ok = False
        self.unavailable = message
        log.warning(message)
        self.problem.emit(message)

    # ---- voice -----------------------------------------------------------------------------------
    def _engine(self):
        if self._tts_tried:
            return self._tts
        self._tts_tried = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            engines = [e for e in SPEECH_ENGINES if e in QTextToSpeech.availableEngines()]
            if not engines:
                return None
            tts = QTextToSpeech(engines[0], self)
            if tts.state() == QTextToSpeech.State.Error:
                log.info("text to speech unavailable: %s", tts.errorString())
                tts.deleteLater()
                return None
            tts.errorOccurred.connect(self._speech_failed)
            self._tts = tts
        except Exception as err:
            log.info("text to speech unavailable: %s", err)
            self._tts = None
        return self._tts

    def _speech_failed(self, *_args) -> None:
        log.info("text to speech stopped working; spoken counts are off")
        self._tts = None

    def _say(self, text: str) -> None:
        tts = self._engine()
        if tts is None:
            return
        try:
            tts.say(text)
            self.spoken.append(text)
        except Exception as err:  # pragma: no cover - engine-specific
            log.info("text to speech failed: %s", err)
            self._tts = None
