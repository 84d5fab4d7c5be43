#!/usr/bin/env python3
"""Fills Qt .ts files from the translation tables in this folder (tools/i18n/<language>.json).

A table maps context -> source text -> translation; a plural message (numerus="yes") maps to a
list with one form per plural form of the language (zh_CN: 1, it: 2). The context "*" holds
translations shared by every context (a context's own entry wins). Every message found in a
table is written and marked finished; a message that is not is listed, and the run fails.

    translate.py TS...                  fill the files, list what is missing
    translate.py --missing PREFIX TS    also write the missing messages to PREFIX.<language>.json,
                                        a table to fill in
    translate.py --merge FILE.<language>.json
                                        merge a filled-in table into <language>.json (entries
                                        left empty are skipped), then run the update again
"""
import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLURAL_FORMS = {"zh_CN": 1, "it": 2}


def table_for(language):
    path = HERE / f"{language}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def lookup(table, context, source):
    for scope in (context, "*"):
        entry = table.get(scope, {}).get(source)
        if entry is not None:
            return entry
    return None


def write_translation(message, translation, forms):
    element = message.find("translation")
    for child in list(element):
        element.remove(child)
    element.text = None
    element.attrib.pop("type", None)
    if message.get("numerus") == "yes":
        values = translation if isinstance(translation, list) else [translation] * forms
        for value in values:
            ET.SubElement(element, "numerusform").text = value
    else:
        element.text = translation


def fill(ts_path, missing_out):
    tree = ET.parse(ts_path)
    root = tree.getroot()
    language = root.get("language")
    table = table_for(language)
    forms = PLURAL_FORMS.get(language, 2)
    missing, written = {}, 0
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = lookup(table, name, source)
            problem = None
            if translation is None:
                problem = "no translation in the table"
            elif message.get("numerus") == "yes" and isinstance(translation, list) and len(translation) != forms:
                problem = f"{len(translation)} plural forms, {language} has {forms}"
            elif not translation:
                problem = "empty translation in the table"
            if problem:
                missing.setdefault(name, {})[source] = [""] * forms if message.get("numerus") == "yes" else ""
                print(f"{ts_path}: {name}: {source!r}: {problem}", file=sys.stderr)
                continue
            write_translation(message, translation, forms)
            written += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    Path(ts_path).write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    count = sum(len(v) for v in missing.values())
    print(f"{ts_path}: {written} translated, {count} missing")
    if missing_out and missing:
        out = Path(f"{missing_out}.{language}.json")
        out.write_text(json.dumps(missing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{ts_path}: the missing messages are in {out}; translate them and merge them into {HERE / (language + '.json')}")
    return count


def merge(path):
    language = Path(path).name.split(".")[-2]
    if language not in PLURAL_FORMS:
        sys.exit(f"{path}: name it <anything>.<language>.json with language one of {sorted(PLURAL_FORMS)}")
    table = table_for(language)
    added = 0
    for context, messages in json.loads(Path(path).read_text(encoding="utf-8")).items():
        for source, translation in messages.items():
            if not translation or (isinstance(translation, list) and not all(translation)):
                print(f"{path}: {context}: {source!r}: still empty, skipped", file=sys.stderr)
                continue
            table.setdefault(context, {})[source] = translation
            added += 1
    target = HERE / f"{language}.json"
    target.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{target}: {added} translation(s) merged")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--missing", metavar="PREFIX", help="write missing messages to PREFIX.<language>.json")
    parser.add_argument("--merge", metavar="FILE", action="append", default=[], help="merge a filled-in table into its language's")
    parser.add_argument("ts", nargs="*")
    args = parser.parse_args()
    for path in args.merge:
        merge(path)
    if not args.ts:
        return 0
    missing = sum(fill(ts, args.missing) for ts in args.ts)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
