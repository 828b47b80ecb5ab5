"""Kiosk mode: attendees use the laptop themselves, one at a time, and see only their own entry.

Three activities: signing in, the knowledge check, and the feedback form. Leaving kiosk
mode needs the staff passphrase (typed into the field at the bottom, then Leave kiosk):
that is the staff gesture, and nothing else leaves. An attendee's Escape does nothing
here; Shift three times and the Quick exit button hide everything, as everywhere. Every word on
it comes from the message catalogue, in the language the app was started with.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from victim_champion.content.script_font_files import FALLBACK_FONTS, font_path
from victim_champion.core.course import Question
from victim_champion.operations.languages import DEFAULT_LANGUAGE, Messages, messages
from victim_champion.ui.guards.quick_exit_triggers import IN_KIOSK
from victim_champion.ui.widgets.form_widgets import (
    button,
    label,
    message_label,
    passphrase_field,
    speak,
)

KIOSK_STYLE = (
    "QWidget#kiosk QLabel { font-size: 18pt; } "
    "QWidget#kiosk QRadioButton, QWidget#kiosk QCheckBox { font-size: 15pt; } "
    "QWidget#kiosk QLineEdit { font-size: 20pt; padding: 10px; }"
)
RATINGS = ("usefulness", "clarity", "confidence", "overall")  # kiosk.rating.<name>
CLEAR_AFTER_MS = 4000


@cache
def load_script_fonts() -> None:
    """Give Qt the bundled fonts, so a name typed in Devanagari, Gurmukhi, Bengali, Arabic
    or Chinese shows as itself on a laptop without those fonts (loaded on first sign-in,
    not at start-up: 5 MB of fonts)."""
    for _, file_name in FALLBACK_FONTS:
        QFontDatabase.addApplicationFont(str(font_path(file_name)))


class KioskScreen(QWidget):
    """The attendee-facing screen; forwards what people enter, shows what it is told."""

    sign_in_requested = Signal(str, bool)
    quiz_finished = Signal(list)
    feedback_submitted = Signal(dict)
    leave_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self.words: Messages = messages(language)
        words = self.words
        if words.language != DEFAULT_LANGUAGE:  # its own words may need them: measured now
            load_script_fonts()
        self.setObjectName("kiosk")
        self.setStyleSheet(KIOSK_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)
        self.heading = label("", "heading")
        layout.addWidget(self.heading)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self._build_sign_in()
        self._build_quiz()
        self._build_feedback()
        self.thanks = message_label("success")
        self.thanks.setAccessibleDescription(words.text("kiosk.message_name"))
        self.thanks.error_prefix = words.text("kiosk.error_prefix")
        layout.addWidget(self.thanks)
        staff = QHBoxLayout()
        staff.addStretch(1)
        self.staff_passphrase = passphrase_field(words.text("kiosk.staff_passphrase_name"))
        self.staff_passphrase.setMaximumWidth(280)
        self.staff_passphrase.setPlaceholderText(words.text("kiosk.staff_passphrase"))
        self.leave_button = button(words.text("kiosk.leave"), words.text("kiosk.leave_name"))
        self.leave_button.clicked.connect(self._on_leave_clicked)
        self.staff_passphrase.returnPressed.connect(self._on_leave_clicked)
        self.staff_message = message_label("error")
        self.staff_message.error_prefix = words.text("kiosk.error_prefix")
        staff.addWidget(self.staff_message)
        staff.addWidget(self.staff_passphrase)
        staff.addWidget(self.leave_button)
        layout.addLayout(staff)
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.timeout.connect(self.clear_message)
        self.questions: list[Question] = []
        self.answers: list[int] = []

    # ------------------------------------------------------------------ sign-in

    def _build_sign_in(self) -> None:
        page = QWidget()
        form = QVBoxLayout(page)
        words = self.words
        form.addWidget(label(words.text("kiosk.sign_in_prompt")))
        self.name = passphrase_field(words.text("kiosk.your_name"))
        self.name.setEchoMode(self.name.EchoMode.Normal)
        self.name.returnPressed.connect(self._on_sign_in_clicked)
        form.addWidget(self.name)
        self.consent = QCheckBox(words.text("kiosk.consent"))
        speak(self.consent, words.text("kiosk.consent_name"))
        form.addWidget(self.consent)
        sign_in = words.text("kiosk.sign_in")
        self.sign_in_button = button(sign_in, sign_in, role="primary")
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        form.addWidget(self.sign_in_button)
        form.addStretch(1)
        self.sign_in_page = page
        self.pages.addWidget(page)

    def _on_sign_in_clicked(self) -> None:
        name = " ".join(self.name.text().split())
        if name:
            self.sign_in_requested.emit(name, self.consent.isChecked())

    def show_signed_in(self, first_name: str) -> None:
        """Greet this person only; the next person sees nothing of them."""
        self.name.setText("")  # setText also empties the undo history
        self.consent.setChecked(False)
        self.say(self.words.text("kiosk.signed_in", first_name=first_name))

    # ------------------------------------------------------------------ quiz

    def _build_quiz(self) -> None:
        page = QWidget()
        form = QVBoxLayout(page)
        self.question_number = label("", "hint")
        self.question_text = label("")  # named with its own words as each question shows
        form.addWidget(self.question_number)
        form.addWidget(self.question_text)
        self.option_group = QButtonGroup(self)
        self.option_buttons: list[QRadioButton] = []
        for index in range(4):
            option = QRadioButton()  # read out by its answer's own words (see _show_question)
            self.option_group.addButton(option, index)
            self.option_buttons.append(option)
            form.addWidget(option)
        self.quiz_next = button(
            self.words.text("kiosk.next"), self.words.text("kiosk.next_name"), role="primary"
        )
        self.quiz_next.clicked.connect(self._on_quiz_next_clicked)
        form.addWidget(self.quiz_next)
        form.addStretch(1)
        self.quiz_page = page
        self.pages.addWidget(page)

    def start_knowledge_check(self, before: bool, questions: list[Question]) -> None:
        """The anonymous quiz before the session starts, or after it, under its own title."""
        title = self.words.text("kiosk.quiz_before" if before else "kiosk.quiz_after")
        self.start_quiz(title, questions)

    def start_quiz(self, title: str, questions: list[Question]) -> None:
        """A fresh, anonymous run of the questions for the next person."""
        self.heading.setText(title)
        self.questions = questions
        self.answers = []
        self.pages.setCurrentWidget(self.quiz_page)
        self._show_question()

    def _show_question(self) -> None:
        question = self.questions[len(self.answers)]
        self.question_number.setText(
            self.words.text(
                "kiosk.question_number", number=len(self.answers) + 1, total=len(self.questions)
            )
        )
        self.question_text.setText(question.text)
        self.question_text.setAccessibleName(
            self.words.text(
                "kiosk.question_name",
                number=len(self.answers) + 1,
                total=len(self.questions),
                question=question.text,
            )
        )
        self.option_group.setExclusive(False)
        for index, option in enumerate(self.option_buttons):
            option.setChecked(False)
            option.setVisible(index < len(question.options))
            if index < len(question.options):
                option.setText(question.options[index])
                speak(option)
        self.option_group.setExclusive(True)
        self.option_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        last = len(self.answers) + 1 == len(self.questions)
        self.quiz_next.setText(self.words.text("kiosk.finish" if last else "kiosk.next"))
        name = "kiosk.finish_name" if last else "kiosk.next_name"
        speak(self.quiz_next, self.words.text(name))

    def _on_quiz_next_clicked(self) -> None:
        chosen = self.option_group.checkedId()
        if chosen < 0:
            self.say(self.words.text("kiosk.choose_answer"), error=True)
            return
        self.clear_message()
        self.answers.append(chosen)
        if len(self.answers) < len(self.questions):
            self._show_question()
            return
        finished, self.answers = self.answers, []
        self.quiz_finished.emit(finished)
        self._show_question()  # ready for the next person, from question 1

    def show_quiz_result(self, right: int, total: int) -> None:
        """How this person did, briefly, and a prompt to pass the laptop on."""
        self.say(self.words.text("kiosk.quiz_result", right=right, total=total))

    # ------------------------------------------------------------------ feedback

    def _build_feedback(self) -> None:
        page = QWidget()
        grid = QGridLayout(page)
        self.rating_groups: dict[str, QButtonGroup] = {}
        words = self.words
        # Words at both ends of every scale, so 1 and 5 mean the same to everyone.
        grid.addWidget(label(words.text("kiosk.scale_low"), "hint"), 0, 1, 1, 2)
        high = label(words.text("kiosk.scale_high"), "hint")
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(high, 0, 4, 1, 2)
        for row, key in enumerate(RATINGS, start=1):
            text = words.text(f"kiosk.rating.{key}")
            grid.addWidget(label(text), row, 0)
            group = QButtonGroup(self)
            for value in range(1, 6):
                choice = QRadioButton(str(value))
                choice.setAccessibleName(
                    words.text("kiosk.rating_choice_name", question=text, value=value)
                )  # starts with the number shown
                group.addButton(choice, value)
                grid.addWidget(choice, row, value)
            self.rating_groups[key] = group
        row = len(RATINGS) + 1
        grid.addWidget(label(words.text("kiosk.comment_prompt"), "hint"), row, 0, 1, 6)
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName(words.text("kiosk.comment_name"))
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(120)
        grid.addWidget(self.comment, row + 1, 0, 1, 6)
        send = words.text("kiosk.send_feedback")
        self.feedback_button = button(send, send, role="primary")
        self.feedback_button.clicked.connect(self._on_feedback_clicked)
        grid.addWidget(self.feedback_button, row + 2, 0)
        self.feedback_page = page
        self.pages.addWidget(page)

    def start_feedback(self) -> None:
        """The anonymous feedback form, empty."""
        self.heading.setText(self.words.text("kiosk.feedback_heading"))
        self._reset_feedback()
        self.pages.setCurrentWidget(self.feedback_page)

    def _reset_feedback(self) -> None:
        for group in self.rating_groups.values():
            group.setExclusive(False)
            for choice in group.buttons():
                choice.setChecked(False)
            group.setExclusive(True)
        self.comment.setPlainText("")

    def _on_feedback_clicked(self) -> None:
        ratings = {key: group.checkedId() for key, group in self.rating_groups.items()}
        if any(value < 1 for value in ratings.values()):
            self.say(self.words.text("kiosk.choose_ratings"), error=True)
            return
        self.feedback_submitted.emit({**ratings, "comment": self.comment.toPlainText().strip()})
        self._reset_feedback()

    def thank_for_feedback(self) -> None:
        """The feedback was kept."""
        self.say(self.words.text("kiosk.feedback_thanks"))

    # ------------------------------------------------------------------ common

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.window().setProperty(IN_KIOSK, True)  # an attendee's Escape does nothing

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.window().setProperty(IN_KIOSK, False)

    def start_sign_in(self, session_title: str) -> None:
        """Sign-in for a session (names in any script show in the bundled fonts)."""
        load_script_fonts()
        self.heading.setText(self.words.text("kiosk.welcome", session=session_title))
        self.pages.setCurrentWidget(self.sign_in_page)
        self.name.setText("")
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str, *, error: bool = False) -> None:
        """A short message that clears itself, so the next person never sees it; an error
        (an answer not chosen) shows as one, in red after the word "Error"."""
        self.thanks.show_status(text, error=error)
        self._clear_timer.start(CLEAR_AFTER_MS)

    def clear_message(self) -> None:
        """Remove the message."""
        self.thanks.setText("")

    def _on_leave_clicked(self) -> None:
        passphrase = self.staff_passphrase.text()
        self.staff_passphrase.setText("")
        if passphrase:
            self.leave_requested.emit(passphrase)

    def refuse_leaving(self, text: str | None = None, *, wrong_passphrase: bool = True) -> None:
        """Wrong staff passphrase, or one that could not be checked (said in the kiosk's
        language unless ``text`` is given)."""
        if text is None:
            key = "kiosk.wrong_passphrase" if wrong_passphrase else "kiosk.passphrase_unchecked"
            text = self.words.text(key)
        self.staff_message.show_status(text, error=True)

    def clear(self) -> None:
        """Forget everything on the screen (leaving kiosk mode, lock, quick exit)."""
        self._clear_timer.stop()
        for text_holder in (self.thanks, self.staff_message, self.question_text):
            text_holder.setText("")
        self.name.setText("")
        self.staff_passphrase.setText("")
        self._reset_feedback()
        self.answers = []
