"""The About dialog: version, licence, the format profile in use and what it is based on."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hgreport import __version__
from hgreport.layout import Profile


class AboutDialog(QDialog):
    """What a clerk or IT staff needs to know about the program in front of them."""

    def __init__(self, profile: Profile, icon: QIcon | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About hgreport"))
        layout = QVBoxLayout(self)
        if icon is not None and not icon.isNull():
            logo = QLabel()
            logo.setPixmap(icon.pixmap(64, 64))
            logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(logo)
        self.title = QLabel(f"<h2>hgreport {__version__}</h2>")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        self.purpose = QLabel(self.tr(
            "Drafting the reports of Party committees together, and exporting them to Word "
            "in the official layout."))
        self.purpose.setWordWrap(True)
        layout.addWidget(self.purpose)
        self.profile_label = QLabel(self.tr("Format profile in use: <b>{name}</b><br>Based on: {basis}")
                                    .format(name=profile.name, basis=profile.based_on))
        self.profile_label.setWordWrap(True)
        self.profile_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.profile_label)
        self.licence = QLabel(self.tr(
            "Licence: MIT. The program works offline and never connects to the network."))
        self.licence.setWordWrap(True)
        layout.addWidget(self.licence)
        self.versions = QLabel(self.tr("Python {python} · Qt for Python {qt}").format(
            python=platform.python_version(), qt=pyside_version))
        self.versions.setStyleSheet("color: gray")
        layout.addWidget(self.versions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
