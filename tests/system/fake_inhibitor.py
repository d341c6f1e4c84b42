"""A stand-in for a desktop's screensaver service on a private D-Bus bus (for the tests).

Run as ``python fake_inhibitor.py BUS_ADDRESS screensaver|power``. It owns
``org.freedesktop.ScreenSaver`` or ``org.freedesktop.PowerManagement`` with QtDBus, the way
KDE's service does: the interface is introspectable, ``Inhibit`` answers a ``u`` cookie, and
a call whose signature does not match (``UnInhibit`` with an ``i``) is refused. Each call is
printed to stdout as one JSON line, after a first ``{"ready": true}`` line.
"""

from __future__ import annotations

import json
import signal
import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QTimer, Slot
from PySide6.QtDBus import QDBusConnection


def emit(record: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def inhibitor_class(interface: str) -> type[QObject]:
    """A QObject exporting Inhibit(s, s) -> u and UnInhibit(u) as D-Bus ``interface``.

    Made per interface: QtDBus names the interface of a slot after the class that
    declares it, so the slots cannot live in a shared base class.
    """

    @ClassInfo({"D-Bus Interface": interface})
    class Inhibitor(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.cookie = 41

        @Slot(str, str, result="uint")
        def Inhibit(self, application: str, reason: str) -> int:
            self.cookie += 1
            emit({"member": "Inhibit", "args": [application, reason], "cookie": self.cookie})
            return self.cookie

        @Slot("uint")
        def UnInhibit(self, cookie: int) -> None:
            emit({"member": "UnInhibit", "args": [cookie]})

    return Inhibitor


# name: (bus name, object path, interface)
SERVICES = {
    "screensaver": (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
    ),
    "power": (
        "org.freedesktop.PowerManagement",
        "/org/freedesktop/PowerManagement/Inhibit",
        "org.freedesktop.PowerManagement.Inhibit",
    ),
}


def main() -> int:
    address, which = sys.argv[1], sys.argv[2]
    service, path, interface = SERVICES[which]
    app = QCoreApplication(sys.argv[:1])
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    bus = QDBusConnection.connectToBus(address, "fake-inhibitor")
    inhibitor = inhibitor_class(interface)()
    options = QDBusConnection.RegisterOption.ExportAllSlots
    if not (
        bus.isConnected()
        and bus.registerObject(path, inhibitor, options)
        and bus.registerService(service)
    ):
        emit({"ready": False, "error": bus.lastError().message()})
        return 1
    emit({"ready": True})
    tick = QTimer()  # wakes Qt's loop so Python can run the SIGTERM handler
    tick.timeout.connect(lambda: None)
    tick.start(100)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
