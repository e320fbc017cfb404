"""One window per project: a second launch hands its files to the window already open.

Double-clicking a document in the file manager while the window is open must not start a
second copy on the same project (two windows, two undo stacks, one file). The window
listens on a local socket (``QLocalServer``: a Unix socket, or a named pipe on Windows)
whose name is derived from the user and the project's resolved path; a new launch first
tries that name and, if a window answers, sends it the files and exits.

The message is one line of JSON, ``{"cable-annotator": 1, "files": [...]}`` with
absolute paths; the window answers ``ok`` once it has taken them.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

PROTOCOL = 1
HAND_OVER_TIMEOUT_MS = 3000
_MAX_MESSAGE = 1 << 20  # a megabyte of paths is far beyond any real launch


def socket_name(project_path: Path) -> str:
    """The socket name for ``project_path``: per user (two users of one machine never
    meet) and per project (another project opens its own window)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without passwd entry)
        user = "user"
    # Short: on Unix the name becomes a socket file in the temporary folder, and the whole
    # path must fit in about 100 bytes (macOS's TMPDIR alone takes some 50).
    user = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:16]
    resolved = str(Path(project_path).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"cable-annotator-{user}-{digest}"


def hand_over(project_path: Path, files: list[Path],
              timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
    """Give ``files`` to a window already open on ``project_path``; True when one took
    them (this launch is then done), False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(socket_name(project_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    message = {"cable-annotator": PROTOCOL,
               "files": [str(Path(path).expanduser().absolute()) for path in files]}
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll())
    socket.disconnectFromServer()
    return answer.strip() == b"ok"


def parse_message(data: bytes) -> list[Path] | None:
    """The files of one hand-over message, or None when it is not one of ours."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(message, dict) or message.get("cable-annotator") != PROTOCOL:
        return None
    files = message.get("files")
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    return [Path(name) for name in files]


class InstanceServer(QObject):
    """Listens for later launches on the open project's socket name."""

    filesReceived = Signal(list)  # list[Path]; empty: a plain launch, show the window

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def name(self) -> str | None:
        return self._server.serverName() if self._server is not None else None

    def listen(self, project_path: Path) -> bool:
        """Answer launches for ``project_path`` (and no longer for the previous project).
        False when another live window already serves that project."""
        name = socket_name(project_path)
        if self._server is not None and self._server.serverName() == name:
            return True
        self.close()
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            if _answers(name):  # another window has this project open: leave it be
                server.deleteLater()
                return False
            QLocalServer.removeServer(name)  # a stale socket of a window that crashed
            if not server.listen(name):
                server.deleteLater()
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll())
        if b"\n" not in data:
            if len(data) > _MAX_MESSAGE:
                self._drop(socket)
            else:
                self._buffers[socket] = data
            return
        files = parse_message(data.split(b"\n", 1)[0])
        socket.write(b"ok\n" if files is not None else b"refused\n")
        socket.flush()
        self._buffers[socket] = b""
        if files is not None:
            self.filesReceived.emit(files)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(500)
    probe.abort()
    return alive
