"""Who is present at the meeting: the attendance dialog of the Deliberation page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from selection_desk.i18n import _


class AttendanceDialog(QDialog):
    """One box per juror (code, name, role): ticked when present at the meeting; everyone is
    ticked when ``present`` is None (no attendance recorded yet)."""

    def __init__(
        self,
        jurors: Sequence[tuple[str, str, str]],
        present: set[str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Attendance"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Members present at the meeting:")))
        self.boxes: dict[str, QCheckBox] = {}
        for code, name, role in jurors:
            box = QCheckBox(f"{name} ({role})")
            box.setChecked(present is None or code in present)
            self.boxes[code] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def present(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]
