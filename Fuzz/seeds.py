#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into Fuzz/Seeds/<target>/ from the provider documents
(every JSON sample in shared/provider-docs, and the fixtures taken from them) and the config
examples of shared/spec/cli-and-config.md. Run from the package root:

    Fuzz/seeds.py [PATH-TO-shared]        # default: ../shared beside the repository
"""
import glob
import hashlib
import json
import os
import re
import shutil
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.getcwd()), "shared")
SEEDS = "Fuzz/Seeds"


def json_samples(text):
    """Every JSON object or array in a document, nested ones too (a trailing comma forgiven)."""
    decoder, found = json.JSONDecoder(), []
    for i, c in enumerate(text):
        if c not in "{[":
            continue
        for candidate in (text[i:], re.sub(r",(\s*[}\]])", r"\1", text[i:])):
            try:
                value, _ = decoder.raw_decode(candidate)
            except ValueError:
                continue
            if value:
                found.append(value)
            break
    return found


def records(value):
    """The objects that look like call records: objects in arrays, at any depth."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                yield item
            yield from records(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from records(item)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


# Numbers out of every range a mapping bounds (times 1970-9999, durations 0-31 days, amounts in 64 bits)
EXTREMES = ["1e300", "-1e300", "1e400", "9e18", "9223372036854775808", "-1", "253402300800", "300000000000000", "2678401"]
NUMBER = "\u0000number:"


def out_of_range(value, extreme):
    """`value` with every number, and every string holding a number or a clock, replaced by `extreme`
    (a number stays a number, a string a string)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return NUMBER + extreme
    if isinstance(value, str):
        return extreme if re.fullmatch(r"-?[0-9.:eE+]+", value.strip() or "x") else value
    if isinstance(value, list):
        return [out_of_range(item, extreme) for item in value]
    return {key: (item if key.lower().endswith("id") else out_of_range(item, extreme)) for key, item in value.items()}


def hostile_json(record, extreme):
    text = json.dumps(out_of_range(record, extreme), ensure_ascii=False)
    return re.sub(r'"\\u0000number:([^"]*)"', r"\1", text).encode()


def write(target, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    docs = sorted(glob.glob(os.path.join(SHARED, "provider-docs", "*")))
    samples = []
    for path in docs + sorted(glob.glob("Tests/CallScopeKitTests/Fixtures/*.json")):
        samples += json_samples(open(path, encoding="utf-8").read())
    for sample in samples:
        text = json.dumps(sample, ensure_ascii=False).encode()
        write("json", text)
        for record in records(sample):
            write("mapping", json.dumps(record, ensure_ascii=False).encode())
            for extreme in EXTREMES:
                write("mapping", hostile_json(record, extreme))
        for s in set(strings(sample)):
            write("text", bytes([len(s) % 64]) + s.encode())
    # ICSOC pushes: a whole body (mode 0); its data, signed (1) or encrypted (2) by the target
    push = json.load(open("Tests/CallScopeKitTests/Fixtures/icsoc-push-plain.json", encoding="utf-8"))
    write("push", b"\x00" + json.dumps(push, ensure_ascii=False).encode())
    for mode in (1, 2):
        write("push", bytes([mode]) + json.dumps(push["data"], ensure_ascii=False).encode())
        for extreme in EXTREMES:
            write("push", bytes([mode]) + hostile_json(push["data"], extreme))
        for record in records(samples):
            if "call_id" in record:
                write("push", bytes([mode]) + json.dumps(record, ensure_ascii=False).encode())
    # configs: the spec's examples
    spec = open(os.path.join(SHARED, "spec", "cli-and-config.md"), encoding="utf-8").read()
    for block in re.findall(r"```toml\n(.*?)```", spec, re.S):
        write("config", block.encode())
    # hostile text: escapes and controls the sanitizer must neutralise
    for s in ["\x1b]0;PWNED\x07", "\x1b[2J\x1b[H", "a\u202ebc", "\u009b31m", "e\u0301\u0301\u0301\u0301\u0301", "中文\U0001F468\u200d\U0001F469"]:
        write("text", bytes([7]) + s.encode())
    for target in sorted(os.listdir(SEEDS)):
        print(target, len(os.listdir(os.path.join(SEEDS, target))), "seeds")


if __name__ == "__main__":
    main()
