"""Which passphrases protect victims' records well enough: the one rule every way of
setting one goes through (first run, Settings, the command line, a new staff slot).

A passphrase must be at least ``MIN_PASSPHRASE_LENGTH`` characters and need at least
10^``MIN_GUESSES_LOG10`` guesses by zxcvbn, Dropbox's strength estimator as maintained
for Python (its top score, 4). A stolen laptop's keys.json can be guessed at offline, at
about two guesses a second per core through Argon2id: 10^10 guesses is decades even for a
rack of machines, while zxcvbn's "3" (10^8) is months. zxcvbn
it knows the 30,000 commonest passwords, English words, names, keyboard runs, dates and
l33t spellings. The app's own words (the names on its screens and of the places it
serves) count as guessable too. A refusal says why in plain words and offers a few random
words, chosen here, that would pass.

The words offered come from the estimator's English frequency list (common, so easy to
say and type), never from a short list someone could learn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

MIN_PASSPHRASE_LENGTH = 12
MIN_GUESSES_LOG10 = 10.0
LABELS = ("Too easy to guess", "Weak", "Fair", "Strong", "Very strong")
# What someone guessing would try first for this app and its users.
APP_WORDS = (
    "victim",
    "victims",
    "champion",
    "compass",
    "point",
    "kent",
    "medway",
    "ashford",
    "outreach",
    "support",
    "training",
    "passphrase",
    "password",
)
# Words a suggestion never contains: nothing that reads as being about crime or harm.
_NOT_SUGGESTED = frozenset({"victim", "abuse", "killed", "death", "murder", "war", "police"})


@dataclass(frozen=True)
class Verdict:
    """How a passphrase fares: a 0-4 score, whether it may be used, and why not."""

    score: int
    acceptable: bool
    label: str
    reason: str  # one clause, without a full stop: "it is one of the commonest passwords"


def _estimate(passphrase: str, context: tuple[str, ...]) -> tuple[int, float, str]:
    from zxcvbn import zxcvbn  # about 50 ms to load: only when a passphrase is judged

    # zxcvbn walks every substring and refuses more than 72 characters; the first 72 are
    # plenty to judge (a longer passphrase is only stronger).
    result = zxcvbn(passphrase[:72], user_inputs=[*APP_WORDS, *context])
    warning = str(result["feedback"].get("warning") or "")
    return int(result["score"]), float(result["guesses_log10"]), warning


def judge(passphrase: str, context: tuple[str, ...] = ()) -> Verdict:
    """Score a passphrase; ``context`` adds words particular to this person (their name)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        short = f"it is shorter than {MIN_PASSPHRASE_LENGTH} characters"
        score = _estimate(passphrase, context)[0] if passphrase else 0
        return Verdict(min(score, 1), False, LABELS[0], short)
    score, guesses_log10, warning = _estimate(passphrase, context)
    if guesses_log10 >= MIN_GUESSES_LOG10:
        return Verdict(score, True, LABELS[score], "")
    score = min(score, 3)
    reason = warning.rstrip(".").lower() if warning else "it would be quick to guess"
    if reason.startswith("this is "):
        reason = "it is " + reason.removeprefix("this is ")
    return Verdict(score, False, LABELS[score], reason)


@cache
def _words() -> tuple[str, ...]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    common = FREQUENCY_LISTS["english_wikipedia"][300:6000]
    return tuple(w for w in common if w.isalpha() and 4 <= len(w) <= 8 and w not in _NOT_SUGGESTED)


def suggestion(count: int = 4) -> str:
    """A few random common words joined by hyphens, which the policy accepts."""
    import secrets  # here: it loads OpenSSL's hashes, 3 ms before the first paint

    words = _words()
    while True:
        offered = "-".join(secrets.choice(words) for _ in range(count))
        if judge(offered).acceptable:
            return offered


def recovery_words(count: int) -> str:
    """A recovery key: ``count`` random common words, lower case, spaced."""
    import secrets

    words = _words()
    return " ".join(secrets.choice(words) for _ in range(count))


def refusal(verdict: Verdict) -> str:
    """The one sentence a person sees when a passphrase is refused."""
    return (
        f"Choose a stronger passphrase, because {verdict.reason}; a few unrelated words "
        f"work well, for example {suggestion()}."
    )
