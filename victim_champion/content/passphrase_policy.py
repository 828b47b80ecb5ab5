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

import re
from dataclasses import dataclass
from functools import cache

MIN_PASSPHRASE_LENGTH = 12
MIN_GUESSES_LOG10 = 10.0
# zxcvbn walks every substring and refuses more than 72 characters; the first 72 are
# plenty to judge (a longer passphrase is only stronger), and all that is judged.
JUDGED_CHARACTERS = 72
LABELS = ("Too easy to guess", "Weak", "Fair", "Strong", "Very strong")
# What someone guessing would try first for this app and its users: its own name, the
# people and places behind it (FACTS.md), the words of its course titles, and the slot's
# name (given as context). The course test checks every title word is here.
APP_WORDS = (
    "victim",
    "victims",
    "champion",
    "champions",
    "compass",
    "point",
    "points",
    "house",
    "kent",
    "medway",
    "ashford",
    "canterbury",
    "dartford",
    "dover",
    "folkestone",
    "hythe",
    "gravesham",
    "maidstone",
    "sevenoaks",
    "swale",
    "thanet",
    "tonbridge",
    "malling",
    "tunbridge",
    "wells",
    "police",
    "crime",
    "commissioner",
    "opcc",
    "pcc",
    "code",
    "rights",
    "twelve",
    "supporting",
    "specialist",
    "restorative",
    "justice",
    "challenge",
    "reporting",
    "informed",
    "staying",
    "who does what",  # a course title whose words are each too common alone
    "outreach",
    "support",
    "training",
    "passphrase",
    "password",
)
# Characters typed in place of letters ("v1ct1m"), for finding those words.
_LOOK_ALIKES = {"a": "4@", "e": "3", "i": "1!|l", "l": "1|i", "o": "0", "s": "5$", "t": "7+"}
# What joins words without adding anything to guess: spaces, hyphens, dots, underscores,
# commas and apostrophes.
_JOINERS = r"[\s._,'\-]*"
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

    result = zxcvbn(passphrase[:JUDGED_CHARACTERS], user_inputs=[*APP_WORDS, *context])
    warning = str(result["feedback"].get("warning") or "")
    return int(result["score"]), float(result["guesses_log10"]), warning


def guessable_words(context: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The app's own words and those of ``context`` (a slot's name: "Thanet desk 2" gives
    thanet and desk), lower case, longest first."""
    named = (w for text in context for w in re.split(r"[^\w]|\d|_", text.casefold()))
    words = {*APP_WORDS, *(w for w in named if len(w) >= 3)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def _finder(words: tuple[str, ...]) -> re.Pattern[str]:
    def spelled(word: str) -> str:
        return "".join(
            _JOINERS
            if ch == " "
            else f"[{re.escape(ch + _LOOK_ALIKES[ch])}]"
            if ch in _LOOK_ALIKES
            else re.escape(ch)
            for ch in word
        )

    either = "|".join(f"(?P<w{i}>{spelled(w)})" for i, w in enumerate(words))
    return re.compile(f"{_JOINERS}(?:{either}){_JOINERS}", re.IGNORECASE)


def without_guessable(passphrase: str, context: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """What is left once the app's words and the slot's name are taken out, whatever
    case, digits or joiners surround them (and the joiners left between the rest), and
    which words were found. "Victim_Champion_2026!" leaves "2026!"."""
    words = guessable_words(context)
    finder = _finder(words)
    found: list[str] = []
    rest = passphrase
    while True:  # taking a word out can join two halves of another: "vicKENTtim"
        matches = list(finder.finditer(rest))
        if not matches:
            break
        for match in matches:
            word = words[int(str(match.lastgroup)[1:])]
            if word not in found:
                found.append(word)
        rest = finder.sub("", rest)
    return re.sub(_JOINERS, "", rest), found


def judge(passphrase: str, context: tuple[str, ...] = ()) -> Verdict:
    """Score a passphrase; ``context`` adds words particular to this person (their name)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        short = f"it is shorter than {MIN_PASSPHRASE_LENGTH} characters"
        score = _estimate(passphrase, context)[0] if passphrase else 0
        return Verdict(min(score, 1), False, LABELS[0], short)
    score, guesses_log10, warning = _estimate(passphrase, context)
    if guesses_log10 >= MIN_GUESSES_LOG10:
        return _without_own_words(passphrase, context) or Verdict(score, True, LABELS[score], "")
    own = None if warning else _without_own_words(passphrase, context)
    if own is not None:  # say which words, rather than only "quick to guess"
        return own
    score = min(score, 3)
    reason = warning.rstrip(".").lower() if warning else "it would be quick to guess"
    if reason.startswith("this is "):
        reason = "it is " + reason.removeprefix("this is ")
    return Verdict(score, False, LABELS[score], reason)


def _without_own_words(passphrase: str, context: tuple[str, ...]) -> Verdict | None:
    """zxcvbn counts each joiner between known words as a fresh random character, so it
    calls "victim-champion-2026" very strong. What is left without the app's words and the
    slot's name, its joiners taken out too, must be strong on its own; None if it is."""
    rest, found = without_guessable(passphrase[:JUDGED_CHARACTERS], context)
    if not found:
        return None
    score, guesses_log10, _ = _estimate(rest, context) if rest else (0, 0.0, "")
    if guesses_log10 >= MIN_GUESSES_LOG10:
        return None
    score = min(score, 2)
    reason = f"it is built on words anyone would try first here ({_listed(found)})"
    return Verdict(score, False, LABELS[score], reason)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
