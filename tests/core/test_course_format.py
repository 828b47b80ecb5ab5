"""The course format's checks on synthetic modules: activities carry minutes, their slide
and their materials; sources carry dates; the course fits an afternoon; the kiosk draws
equivalent before and after sets (issue 19)."""

from __future__ import annotations

import pytest

from victim_champion.core.course import Course, Timing, parse_module
from victim_champion.core.course_checks import check_course, history_sources, stale_sources
from victim_champion.core.errors import CourseContentError
from victim_champion.core.training_day import (
    KnowledgeCheck,
    ModuleGain,
    QuizPhase,
    gains_summary,
    knowledge_check,
    module_gains,
)

QUIZ = "\n".join(
    f"Q: Question {n}?\n- [ ] Wrong {n}\n- [x] Right {n}\n- [ ] Also wrong {n}\nWhy: Because {n}."
    for n in range(1, 6)
)


def module_text(
    module_id: str = "m1",
    minutes: int = 20,
    activity: str = "Minutes: 8\nOptional: yes\nAfter slide: First\nTalk in pairs.\n\n"
    "Materials: Prompt cards\n- What would help?\n- Who could you ask?",
    sources: str = "Statement: Victim Support ran the service.\nSource: seed 004\n"
    "Dated: 2020-06\nChecked: 2026-11",
) -> str:
    return (
        f"---\nid: {module_id}\ntitle: Module {module_id}\nminutes: {minutes}\n---\n\n"
        "# Slide: First\n- A point\n\nNotes:\nSay this.\n\n"
        f"# Activity: Pairs\n{activity}\n\n# Sources\n{sources}\n\n# Quiz\n{QUIZ}\n"
    )


def test_a_module_reads_its_activity_materials_and_sources() -> None:
    module = parse_module(module_text(), "m1.md")
    [activity] = module.activities
    assert (activity.minutes, activity.optional, activity.after_slide) == (8, True, "First")
    assert activity.materials[0].name == "Prompt cards"
    assert activity.materials[0].cards == ("What would help?", "Who could you ask?")
    assert module.optional_minutes == 8
    [note] = module.sources
    assert (note.dated, note.checked, note.months_old(), note.is_stale()) == (
        "2020-06",
        "2026-11",
        77,
        True,
    )
    notes = module.presenter_notes(module.slides[0])
    assert "ACTIVITY NOW: Pairs (8 minutes; optional" in notes and "Prompt cards" in notes
    assert "QUIZ ANSWERS" in notes and "Answer: Right 3. Because 3." in notes


@pytest.mark.parametrize(
    ("activity", "problem"),
    [
        ("After slide: First\nTalk.\n\nMaterials: Cards\n- One", "needs 'Minutes:'"),
        ("Minutes: 5\nTalk.\n\nMaterials: Cards\n- One", "needs 'After slide:'"),
        ("Minutes: 5\nAfter slide: Nowhere\nTalk.\n\nMaterials: Cards\n- One", "names no slide"),
        ("Minutes: 5\nAfter slide: First\nTalk in pairs.", "needs its materials"),
        ("Minutes: 5\nAfter slide: First\nTalk.\n\nMaterials: Cards\nOne", "starting with '- '"),
        ("Minutes: 5\nOptional: maybe\nAfter slide: First\nT.\nMaterials: C\n- 1", "yes or no"),
    ],
)
def test_an_activity_without_its_parts_is_refused(activity: str, problem: str) -> None:
    with pytest.raises(CourseContentError, match=problem):
        parse_module(module_text(activity=activity), "m1.md")


@pytest.mark.parametrize(
    ("sources", "problem"),
    [
        ("Statement: X.\nSource: seed 4\nChecked: 2026-11", "no 'Dated:' line"),
        ("Statement: X.\nSource: seed 4\nDated: June 2020\nChecked: 2026-11", "YYYY-MM"),
        ("Source: seed 4", "starts with 'Statement:'"),
        ("Said: X.", "lines start with 'Statement:'"),
    ],
)
def test_a_source_without_its_dates_is_refused(sources: str, problem: str) -> None:
    with pytest.raises(CourseContentError, match=problem):
        parse_module(module_text(sources=sources), "m1.md")


HISTORY = (
    "Statement: In 2019, Victim Support ran the service.\nSource: seed 004\n"
    "Dated: 2019-06\nChecked: 2026-12\nHistory: yes"
)


def test_a_history_statement_is_read_and_left_out_of_the_stale_list() -> None:
    text = module_text(sources=HISTORY)
    [note] = parse_module(text, "m1.md").sources
    assert note.history and note.is_stale()  # old, but it says what was so in 2019
    present = parse_module(module_text(), "m1.md")
    assert not present.sources[0].history
    course = Course("C", "1", "2020", (parse_module(text, "m1.md"), present), Timing())
    assert [m.id for m, _ in stale_sources(course)] == ["m1"]  # only the present one
    assert [note.statement for _, note in history_sources(course)] == [note.statement]


@pytest.mark.parametrize(
    ("sources", "problem", "on"),
    [
        (HISTORY.replace("History: yes", "History: maybe"), "'History:' is yes", "History"),
        (HISTORY.replace("History: yes", "History: no"), "'History:' is yes", "History"),
        (HISTORY.replace("In 2019, ", ""), "with its year", "Statement"),
        (HISTORY.replace("History:", "Histories:"), "or 'History:'", "Histories"),
    ],
)
def test_a_history_statement_says_yes_and_its_year(sources: str, problem: str, on: str) -> None:
    text = module_text(sources=sources)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith(on + ":"))
    with pytest.raises(CourseContentError, match=problem) as raised:
        parse_module(text, "m1.md")
    assert (raised.value.file_name, raised.value.line) == ("m1.md", line)


@pytest.mark.parametrize("card", ["Answers. Helps: take your time.", "answer: 3, 1, 2"])
def test_answers_stay_in_the_trainers_pack(card: str) -> None:
    cards = "Talk in pairs.\n\nMaterials: Prompt cards\n- What would help?\n"
    trainers = "\nMaterials: Answer card for the trainer\n- "
    activity = f"Minutes: 8\nAfter slide: First\n{cards}- {card}"
    text = module_text(activity=activity)
    line = text.splitlines().index(f"- {card}") + 1
    with pytest.raises(CourseContentError, match="answers go in a set named") as raised:
        parse_module(text, "m1.md")
    assert (raised.value.file_name, raised.value.line) == ("m1.md", line)
    assert "'Prompt cards' gives answers" in str(raised.value)
    moved = f"Minutes: 8\nAfter slide: First\n{cards}{trainers}{card}"
    fixed = parse_module(module_text(activity=moved), "m1.md")
    assert [m.name for m in fixed.activities[0].materials][-1] == "Answer card for the trainer"
    assert fixed.activities[0].materials[-1].cards == (card,)


def test_a_module_needs_five_quiz_questions() -> None:
    text = module_text().split("Q: Question 5?")[0]
    with pytest.raises(CourseContentError, match="at least 5 quiz questions"):
        parse_module(text, "m1.md")


def course_of(minutes: list[int], welcome: int = 10) -> Course:
    modules = tuple(
        parse_module(module_text(f"m{i}", m), f"m{i}.md") for i, m in enumerate(minutes)
    )
    return Course("Course", "1", "2020", modules, Timing(welcome, 5, 10, 5, 5, 2, 14))


def timed_module(minutes: int = 20, core: int = 5, optional: int = 8, slides: int = 1) -> str:
    """A module with one optional activity ('Pairs') and one core one ('Sort')."""
    activity = (
        f"Minutes: {optional}\nOptional: yes\nAfter slide: First\nTalk in pairs.\n\n"
        "Materials: Prompt cards\n- What would help?\n\n"
        f"# Activity: Sort\nMinutes: {core}\nAfter slide: First\nSort the stories.\n\n"
        "Materials: Story cards\n- A story"
    )
    more = "".join(
        f"# Slide: More {n}\n- A point\n\nNotes:\nSay this.\n\n" for n in range(1, slides)
    )
    return module_text("m0", minutes, activity).replace(
        "# Activity: Pairs", more + "# Activity: Pairs"
    )


def timed_course(count: int = 8, optional_cap: int = 14, **module: int) -> Course:
    text = timed_module(**module)
    modules = tuple(
        parse_module(text.replace("id: m0", f"id: m{i}"), f"m{i}.md") for i in range(count)
    )
    return Course("Course", "1", "2020", modules, Timing(10, 5, 10, 5, 5, 2, optional_cap))


def test_the_full_course_fits_an_afternoon_with_ten_minutes_of_slack() -> None:
    course = timed_course()  # each module: 20 minutes, 8 of them optional, one core activity
    figures = (course.core_minutes, course.core_transitions, course.short_minutes)
    assert figures == (8 * 12, 8 * 2, 35 + 96 + 16)
    assert (course.full_minutes, course.slack_minutes) == (147 + 14, 180 - 161)
    check_course(course, [], "course.toml")
    check_course(timed_course(optional_cap=23), [], "course.toml")  # exactly 10 of slack
    with pytest.raises(CourseContentError, match="leaving 9 of a 180-minute afternoon"):
        check_course(timed_course(optional_cap=24), [], "course.toml")
    with pytest.raises(CourseContentError, match="takes 175 minutes") as raised:
        check_course(timed_course(count=9), [], "course.toml")
    assert raised.value.file_name == "course.toml"


@pytest.mark.parametrize(
    ("fits", "breaks", "problem", "activity"),
    [
        ({"optional_cap": 10}, {"optional_cap": 9}, "more than the 9 a session has", "Pairs"),
        ({"optional": 12}, {"optional": 13}, "the optional 'Pairs' takes 13 minutes", "Pairs"),
        ({"core": 3}, {"core": 2}, "'Sort' takes 2 minutes; an activity needs at least 3", "Sort"),
        ({"optional": 3}, {"optional": 2}, "'Pairs' takes 2 minutes", "Pairs"),
        ({"minutes": 14}, {"minutes": 13}, "0 of its 13 minutes are left for 1 slides", ""),
        ({"slides": 7}, {"slides": 8}, "7 of its 20 minutes are left for 8 slides", ""),
    ],
)
def test_each_timing_rule_refuses_one_minute_too_many(
    fits: dict[str, int], breaks: dict[str, int], problem: str, activity: str
) -> None:
    check_course(timed_course(count=1, **fits), [], "course.toml")
    lines = timed_module(**{k: v for k, v in breaks.items() if k != "optional_cap"}).splitlines()
    heading = f"# Activity: {activity}"
    line = lines.index(heading) + 1 if activity else 1  # the activity, or the front matter
    with pytest.raises(CourseContentError, match=problem) as raised:
        check_course(timed_course(count=1, **breaks), [], "course.toml")
    assert (raised.value.file_name, raised.value.line) == ("m0.md", line)


def test_a_provider_named_without_a_source_is_refused_and_old_sources_are_listed() -> None:
    course = course_of([20] * 7)
    with pytest.raises(CourseContentError, match="names DAVSS but no '# Sources'"):
        unsourced = module_text("m0", 20).replace("- A point", "- DAVSS helps")
        check_course(
            Course(
                "C",
                "1",
                "2020",
                (parse_module(unsourced, "m0.md"), *course.modules[1:]),
                course.timing,
            ),
            ["DAVSS"],
            "course.toml",
        )
    assert len(stale_sources(course)) == 7  # 2020 sources checked in 2026


def test_before_and_after_sets_match_module_for_module_and_never_repeat() -> None:
    course = course_of([20] * 7)
    draws = set()
    for session in ("s1", "s2", "s3", "s4", "s5", "s6"):
        before = knowledge_check(course, QuizPhase.PRE, session)
        after = knowledge_check(course, QuizPhase.POST, session)
        assert before.module_ids == after.module_ids == tuple(m.id for m in course.modules)
        assert all(b != a for b, a in zip(before.questions, after.questions, strict=True))
        assert knowledge_check(course, QuizPhase.PRE, session) == before  # a kiosk restart
        draws.add(before.questions)
    assert len(draws) > 1  # sessions draw different items from the bank


def test_the_gain_per_module_names_what_landed_least() -> None:
    check = KnowledgeCheck(("a", "b"), course_of([20] * 7).modules[0].questions[:2])
    pre = check.by_module([1, 0])
    post = check.by_module([1, 1])
    gains = module_gains(["a", "b"], [("pre", pre), ("post", post), ("post", {"a": False})])
    assert gains == [ModuleGain("a", 100.0, 50.0), ModuleGain("b", 0.0, 100.0)]
    text = gains_summary(gains, {"a": "Rights", "b": "Challenge"})
    assert "- Rights: 100% \u2192 50%" in text and "Landed least: Rights (-50 points)." in text
