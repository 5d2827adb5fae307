"""Keep the Chinese catalogue current: lupdate over the package, then lrelease.

    python tools/update_translations.py            # refresh the .ts, compile the .qm
    python tools/update_translations.py --check    # exit 1 if a string is untranslated

lupdate keeps every translation already in ``resources/translations/graphviz_app_zh_CN.ts``,
adds new strings as "unfinished" and drops strings no longer in the code. Translate the
unfinished ones (Qt Linguist: ``pyside6-linguist``, or by hand in the XML), then run this again
to compile. Source locations are not stored, so the .ts changes only when strings do.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graphviz_app"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside the running Python, else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        sys.exit(f"update_translations: pyside6-{name} not found (pip install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    """Every module of the UI (the core never shows text through Qt)."""
    return sorted(str(p.relative_to(ROOT)) for p in (PACKAGE / "ui").rglob("*.py"))


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"graphviz_app_{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"graphviz_app_{language}.qm"


def lupdate(ts: Path, language: str) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", language, "-silent"],
                   cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm), "-silent"], cwd=ROOT, check=True)


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            empty = translation is None or not ("".join(translation.itertext()).strip())
            if empty or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                missing.append((name, message.findtext("source") or ""))
    return missing


def check() -> int:
    """Run lupdate on a copy: every string of the code must have a translation."""
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            copy = Path(tmp) / ts_file(language).name
            if ts_file(language).exists():
                shutil.copy(ts_file(language), copy)
            lupdate(copy, language)
            for context, source in unfinished(copy):
                print(f"{language}: untranslated [{context}] {source!r}")
                status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    for language in LANGUAGES:
        lupdate(ts_file(language), language)
        lrelease(ts_file(language), qm_file(language))
        missing = unfinished(ts_file(language))
        print(f"{ts_file(language).relative_to(ROOT)}: {len(missing)} untranslated")
        for context, source in missing:
            print(f"  [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
