"""Fill untranslated strings of the Chinese catalogue from a translation of the same text in
another context, or of the same text with its placeholders respelt (``%s``/``%d``/``%.2f`` →
``%1``, or ``%1`` → ``{name}``), after code moved or reworded a string.

    cp resources/translations/graphviz_app_zh_CN.ts /tmp/old.ts
    python tools/update_translations.py           # lupdate: new sources arrive unfinished
    python tools/carry_translations.py /tmp/old.ts
    python tools/update_translations.py           # compile

A placeholder of the old translation becomes the new source's placeholder at the same position:
``%N`` by its number, printf-style ones in order (which is how they had to be translated).
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "resources" / "translations" / "graphviz_app_zh_CN.ts"
PLACEHOLDER = re.compile(r"%\d+|%[-+ #0]*\d*(?:\.\d+)?[sdfgx]|\{[a-z_]+(?::[^}]*)?\}")


def shape(text: str) -> str:
    return PLACEHOLDER.sub("\x00", text.replace("%%", "%"))


def known(path: Path) -> dict[str, str]:
    found = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        if source and translation is not None and translation.text and translation.get("type") is None:
            found.setdefault(source, translation.text)
    return found


def respell(old_source: str, old_translation: str, new_source: str) -> str | None:
    """The old translation with the new source's placeholders, or None if they do not line up."""
    old_marks = PLACEHOLDER.findall(old_source.replace("%%", "%"))
    new_marks = PLACEHOLDER.findall(new_source)
    if len(old_marks) != len(new_marks):
        return None
    if all(m.startswith("%") and m[1:].isdigit() for m in old_marks):  # %N: by number
        def by_number(match: re.Match) -> str:
            n = int(match.group(0)[1:])
            return new_marks[n - 1] if 1 <= n <= len(new_marks) else match.group(0)

        return re.sub(r"%\d+", by_number, old_translation)
    marks = iter(new_marks)  # printf style: in order
    try:
        return PLACEHOLDER.sub(lambda _m: next(marks), old_translation.replace("%%", "%"))
    except StopIteration:
        return None


def main(argv: list[str]) -> int:
    old = known(Path(argv[0])) if argv else {}
    old.update({k: v for k, v in known(CATALOGUE).items() if k not in old})
    by_shape: dict[str, list[str]] = {}
    for source in old:
        by_shape.setdefault(shape(source), []).append(source)
    tree = ET.parse(CATALOGUE)
    filled, left = 0, []
    for message in tree.getroot().iter("message"):
        translation, source = message.find("translation"), message.findtext("source")
        if translation is None or translation.get("type") != "unfinished" or not source:
            continue
        text = old.get(source)
        if text is None:
            for candidate in by_shape.get(shape(source), []):
                text = respell(candidate, old[candidate], source)
                if text is not None:
                    break
        if text is None:
            left.append(source)
            continue
        translation.text = text
        del translation.attrib["type"]
        filled += 1
    tree.write(CATALOGUE, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled} strings; {len(left)} still untranslated")
    for source in left:
        print("  ", source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
