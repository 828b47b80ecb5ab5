"""The guides lead somewhere: every link, image, #anchor and repository path in
README.md and docs/*.md is real.

- A relative link or image must name a file or folder that exists.
- A #anchor must be a heading in its target (GitHub's way of making heading ids).
- A path in backticks that starts at one of the repository's folders, or at one of the
  package's (`sync/shared/...` means `victim_champion/sync/shared/...`), must exist;
  a glob (`docs/screenshots/page-*`) must match at least one file.
- A web link is checked for its shape only: the tests have no network.

Code blocks and HTML comments are left out: they hold commands and notes, not links.
The checker's own tests at the bottom break each rule once and see it reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "victim_champion"

# Folders that are made by tools, never committed, so a path into them is not a repo path.
NOT_IN_THE_REPO = {".git", ".venv", ".venv-build", "build", "dist", "dist-windows"}

# Paths a guide names on purpose although they do not exist, with the reason.
WRITTEN_AS_MISSING = {
    ("ARCHITECTURE.md", "sync/outbox.py"): "the file the architecture test plants in a copy",
}

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# [text](target) or ![alt](target "title"); the text may hold one level of brackets.
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.MULTILINE)
PLACEHOLDER = re.compile(r"[<>{}…|%\\=\"'(),;$@!?\[\]]|\.\.\.|^\.\./|^~|^/|://")


def docs() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def prose(text: str) -> str:
    """The text without code blocks and comments, each blanked out line for line, so
    that line numbers in messages stay true."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return FENCE.sub(blank, COMMENT.sub(blank, text))


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def slug(heading: str) -> str:
    """GitHub's id for a heading: the words as shown, lower case, punctuation dropped
    (hyphens and underscores kept), spaces made hyphens."""
    shown = re.sub(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)", r"\1", heading)
    shown = re.sub(r"<[^>]+>", "", shown).replace("`", "").replace("*", "")
    return re.sub(r"[^\w\- ]", "", shown.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading id in a Markdown file; a repeated heading gets -1, -2, ..."""
    seen: dict[str, int] = {}
    found = set()
    for match in HEADING.finditer(prose(path.read_text(encoding="utf-8"))):
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def web_link_problem(target: str) -> str | None:
    if target.startswith("mailto:"):
        ok = re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", target)
        return None if ok else "is not an email address"
    parts = urlsplit(target)
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or "." not in host or " " in target:
        return "is not a proper web address"
    if not re.fullmatch(r"[a-z0-9.-]+", host) or host.startswith(".") or host.endswith("."):
        return "has a malformed host"
    return None


def link_problems(doc: Path, repo: Path = REPO) -> list[str]:
    """Each broken link, image or anchor in one Markdown file, as 'file:line: ...'."""
    text = prose(doc.read_text(encoding="utf-8"))
    problems = []
    for match in LINK.finditer(text):
        image, target = match.group(1), match.group(3)
        where = f"{doc.relative_to(repo)}:{line_of(text, match.start())}"
        kind = "image" if image else "link"
        if not target:
            problems.append(f"{where}: the {kind} [{match.group(2)}] has no target")
            continue
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            problem = web_link_problem(target)
            if problem:
                problems.append(f"{where}: {target} {problem}")
            continue
        file_part, _, anchor = target.partition("#")
        if file_part.startswith("/"):
            problems.append(f"{where}: {target} should be relative to the file")
            continue
        destination = (doc.parent / unquote(file_part)).resolve() if file_part else doc
        if not destination.exists():
            problems.append(f"{where}: the {kind} {target} leads to no file")
            continue
        if anchor:
            if destination.suffix != ".md":
                problems.append(f"{where}: {target} has an anchor into a file that is not Markdown")
            elif anchor not in anchors(destination):
                problems.append(f"{where}: {target}: no heading gives #{anchor}")
    return problems


def repo_roots(repo: Path) -> set[str]:
    """The folders a repository path can start at: the repository's and the package's."""
    roots = set()
    for base in (repo, repo / PACKAGE.name):
        for entry in base.iterdir():
            if (
                entry.is_dir()
                and entry.name not in NOT_IN_THE_REPO
                and not entry.name.endswith((".egg-info", "_cache", "__pycache__"))
            ):
                roots.add(entry.name)
    return roots


def path_exists(written: str, repo: Path) -> bool:
    """A file, folder or glob in the repository or the package; `core/x.Name` is the name
    Name in core/x.py."""
    folder, _, last = written.rpartition("/")
    module, _, name = last.partition(".")
    for base in (repo, repo / PACKAGE.name):
        if any(ch in written for ch in "*?"):
            if any(base.glob(written)):
                return True
        elif (base / written).exists():
            return True
        source = base / folder / f"{module}.py"
        if name.isidentifier() and source.is_file():
            return re.search(rf"\b{name}\b", source.read_text(encoding="utf-8")) is not None
    return False


def path_problems(doc: Path, repo: Path = REPO) -> list[str]:
    """Each path in backticks that starts at a repository folder and does not exist."""
    roots = repo_roots(repo)
    text = prose(doc.read_text(encoding="utf-8"))
    problems = []
    for match in CODE_SPAN.finditer(text):
        written = match.group(2).strip()
        if "/" not in written or re.search(r"\s", written):
            continue  # a word, a command or a sentence, not a path
        if PLACEHOLDER.search(written.replace("*", "")):
            continue  # a placeholder (<language>), a URL path (/dashboard) or outside the repo
        if written.split("/", 1)[0] not in roots:
            continue
        if (doc.name, written) in WRITTEN_AS_MISSING:
            continue
        if not path_exists(written, repo):
            where = f"{doc.relative_to(repo)}:{line_of(text, match.start())}"
            problems.append(f"{where}: `{written}` is not in the repository")
    return problems


@pytest.mark.parametrize("doc", docs(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_image_and_anchor_leads_somewhere(doc: Path) -> None:
    assert link_problems(doc) == []


@pytest.mark.parametrize("doc", docs(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_repository_path_in_backticks_exists(doc: Path) -> None:
    assert path_problems(doc) == []


def test_paths_written_as_missing_are_still_written_and_still_missing() -> None:
    for (name, written), reason in WRITTEN_AS_MISSING.items():
        assert f"`{written}`" in (REPO / "docs" / name).read_text(encoding="utf-8"), reason
        assert not path_exists(written, REPO), f"{written} exists now: take it off the list"


def test_the_guides_are_all_checked() -> None:
    names = {p.name for p in docs()}
    assert {"README.md", "trainers-guide.md", "desk-guide.md", "compass-house-guide.md"} <= names
    assert {"developers-guide.md", "benchmarks.md", "ARCHITECTURE.md"} <= names


def test_every_screenshot_a_guide_shows_is_a_png() -> None:
    shown = set()
    for doc in docs():
        for match in LINK.finditer(prose(doc.read_text(encoding="utf-8"))):
            if match.group(1):
                shown.add((doc.parent / match.group(3)).resolve())
                assert match.group(2).strip(), f"{doc.name}: an image without alt text"
    assert shown, "no guide shows a screenshot"
    for image in shown:
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image


# The checker itself: each rule broken once, in a throwaway repository.


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    for name in (
        "docs/desk-guide.md",
        "docs/screenshots/page-01-sessions.png",
        "scripts/test",
        "victim_champion/sync/shared/sealing.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("## The quick exit\n" if name.endswith(".md") else "")
    (tmp_path / "victim_champion/sync/shared/sealing.py").write_text("def seal(): ...\n")
    (tmp_path / "victim_champion" / "sync" / "__init__.py").write_text("")
    return tmp_path


def test_a_broken_link_image_and_anchor_are_each_reported(scratch_repo: Path) -> None:
    doc = scratch_repo / "docs" / "scratch.md"
    doc.write_text(
        "# Scratch\n\n## The quick exit\n\n"
        "[fine](desk-guide.md#the-quick-exit) [here](#the-quick-exit)\n"
        "![fine](screenshots/page-01-sessions.png) [folder](../scripts)\n"
        "[gone](no-such-guide.md)\n"
        "![gone](screenshots/no-such-shot.png)\n"
        "[no heading](desk-guide.md#the-slow-exit)\n"
        "[nor here](#nowhere)\n"
        "[bad web](https://nodot/page) [fine web](https://www.gov.uk/)\n"
        "```\n[in a code block](nowhere.md)\n```\n"
        "<!-- [in a comment](nowhere.md) -->\n",
        encoding="utf-8",
    )
    found = link_problems(doc, scratch_repo)
    problems = "\n".join(found)
    assert "docs/scratch.md:7: the link no-such-guide.md leads to no file" in problems
    assert "image screenshots/no-such-shot.png leads to no file" in problems
    assert "no heading gives #the-slow-exit" in problems
    assert "no heading gives #nowhere" in problems
    assert "https://nodot/page is not a proper web address" in problems
    assert "nowhere.md" not in problems.replace("#nowhere", "")
    assert len(found) == 5, problems


def test_a_stale_path_in_backticks_is_reported(scratch_repo: Path) -> None:
    doc = scratch_repo / "docs" / "scratch.md"
    doc.write_text(
        "The sealing is in `sync/sealing.py`, now `sync/shared/sealing.py`.\n"
        "Scripts: `scripts/test`, `scripts/no-such-script`; shots `docs/screenshots/page-*`.\n"
        "Names: `sync/shared/sealing.seal`, `sync/shared/sealing.unseal_all`.\n"
        "Not paths: `/dashboard/content`, `resources/translations/<language>.po`,\n"
        "`~/.local/bin/victim-champion`, `dist/victim-champion/`, `a b/c`.\n",
        encoding="utf-8",
    )
    problems = path_problems(doc, scratch_repo)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "`sync/sealing.py` is not in the repository",
        "`scripts/no-such-script` is not in the repository",
        "`sync/shared/sealing.unseal_all` is not in the repository",
    ]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Backups, and what a restore loses", "backups-and-what-a-restore-loses"),
        ("The person's sheet, and the discreet card", "the-persons-sheet-and-the-discreet-card"),
        ("Presenting, and the presenter keys", "presenting-and-the-presenter-keys"),
        ("Set-up on a fresh Debian 12 machine", "set-up-on-a-fresh-debian-12-machine"),
        ("The `qps-ploc` language", "the-qps-ploc-language"),
        ("Runs after the evening's changes, and why", "runs-after-the-evenings-changes-and-why"),
    ],
)
def test_heading_ids_are_made_as_github_makes_them(heading: str, expected: str) -> None:
    assert slug(heading) == expected
