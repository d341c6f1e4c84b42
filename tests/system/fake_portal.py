"""A stand-in for xdg-desktop-portal's Inhibit interface on a private D-Bus bus (for the tests).

Run as ``python fake_portal.py BUS_ADDRESS``. It owns ``org.freedesktop.portal.Desktop`` and
answers, at ``/org/freedesktop/portal/desktop``, ``org.freedesktop.portal.Inhibit.Inhibit
(s window, u flags, a{sv} options) -> o handle`` as the real portal does: the handle is
``/org/freedesktop/portal/desktop/request/SENDER/TOKEN`` (SENDER the caller's unique name
without ':' and with '.' as '_', TOKEN the ``handle_token`` option; this fake cannot read
that option from PySide and makes a token of its own, so a client must use the handle it
is given), and the inhibition lasts until ``org.freedesktop.portal.Request.Close`` on it. A call with another signature
(flags sent as an ``i``) is refused, as GDBus refuses it. Each call is printed to stdout as
one JSON line, after a first ``{"ready": true}`` line.

A QDBusVirtualObject, not exported slots: it sees each message's sender and signature.
"""

from __future__ import annotations

import json
import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath, QDBusVirtualObject

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
REQUESTS = PATH + "/request"
TOKEN_UNREAD = "token"

INTROSPECTION = {
    "inhibit": """<interface name="org.freedesktop.portal.Inhibit">
  <method name="Inhibit">
    <arg type="s" name="window" direction="in"/>
    <arg type="u" name="flags" direction="in"/>
    <arg type="a{sv}" name="options" direction="in"/>
    <arg type="o" name="handle" direction="out"/>
  </method>
</interface>
""",
    "request": """<interface name="org.freedesktop.portal.Request">
  <method name="Close"/>
</interface>
""",
}


def emit(record: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


class Portal(QDBusVirtualObject):
    """The portal's desktop object and every request object under it."""

    def __init__(self, bus: QDBusConnection) -> None:
        super().__init__()
        self.bus = bus
        self.open: set[str] = set()  # the request handles not closed yet
        self.count = 0

    def introspect(self, path: str) -> str:
        if path == PATH:
            return INTROSPECTION["inhibit"]
        if path in self.open:
            return INTROSPECTION["request"]
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        member, path, signature = message.member(), message.path(), message.signature()
        if path == PATH and member == "Inhibit":
            if signature != "sua{sv}":
                emit({"member": "Inhibit", "refused": signature})
                reply = message.createErrorReply(
                    "org.freedesktop.DBus.Error.InvalidArgs",
                    f"Type of message, '({signature})', does not match expected type '(sua{{sv}})'",
                )
                connection.send(reply)
                return True
            window, flags, _options = message.arguments()
            sender = message.service().lstrip(":").replace(".", "_")
            # PySide cannot read an a{sv} out of a QDBusArgument, so the handle_token is
            # not known here: a token of our own, as an older portal would.
            self.count += 1
            handle = f"{REQUESTS}/{sender}/{TOKEN_UNREAD}{self.count}"
            self.open.add(handle)
            emit(
                {
                    "member": "Inhibit",
                    "args": [window, flags],
                    "signature": signature,
                    "handle": handle,
                }
            )
            connection.send(message.createReply(QDBusObjectPath(handle)))  # one "o"
            return True
        if member == "Close" and path in self.open:
            self.open.discard(path)
            emit({"member": "Close", "path": path})
            connection.send(message.createReply())
            return True
        return False


def main() -> int:
    address = sys.argv[1]
    app = QCoreApplication(sys.argv[:1])
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    bus = QDBusConnection.connectToBus(address, "fake-portal")
    portal = Portal(bus)
    if not (
        bus.isConnected()
        and bus.registerVirtualObject(
            PATH, portal, QDBusConnection.VirtualObjectRegisterOption.SubPath
        )
        and bus.registerService(SERVICE)
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
