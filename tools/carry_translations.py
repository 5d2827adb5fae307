"""Fill untranslated strings of the Chinese catalogue from a translation of the same source text
in another context (after code moves a string from one class to another).

    python tools/carry_translations.py OLD.ts      # e.g. the catalogue from before the move
    python tools/update_translations.py            # then compile
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "resources" / "translations" / "graphviz_app_zh_CN.ts"


def known(path: Path) -> dict[str, str]:
    found = {}
    for message in ET.parse(path).getroot().iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        if source and translation is not None and translation.text and translation.get("type") is None:
            found.setdefault(source, translation.text)
    return found


def main(argv: list[str]) -> int:
    old = known(Path(argv[0])) if argv else {}
    old.update({k: v for k, v in known(CATALOGUE).items() if k not in old})
    tree = ET.parse(CATALOGUE)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") == "unfinished" and message.findtext("source") in old:
            translation.text = old[message.findtext("source")]
            del translation.attrib["type"]
            filled += 1
    tree.write(CATALOGUE, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled} strings from other contexts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
