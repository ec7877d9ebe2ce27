#!/usr/bin/env python3
"""Builds the libFuzzer targets of Fuzz/Targets into .build-fuzz/ (run from the package root).

Only callscope's own code under test is compiled with -sanitize=fuzzer,address (coverage and
AddressSanitizer): CallScopeKit whole, and of CallScopeReceiver and CallScopeText just the files the
targets exercise. The dependencies (swift-crypto, NIO, TOMLKit, ...) are linked from the ordinary
debug build, whose compile and link commands (.build/debug.yaml) supply every flag and object.

    swift build --target CallScopeReceiver --target CallScopeText  # the ordinary debug build first
    Fuzz/build.py [TARGET ...]                                     # default: every target
"""
import glob
import json
import os
import shlex
import subprocess
import sys

ROOT = os.getcwd()
OUT = os.path.join(ROOT, ".build-fuzz")
SANITIZE = ["-sanitize=fuzzer,address", "-O", "-g"]

# The modules under test: which sources, and which fuzz targets need them.
MODULES = {
    "CallScopeKit": sorted(glob.glob("Sources/CallScopeKit/**/*.swift", recursive=True)),
    "CallScopeReceiver": ["Sources/CallScopeReceiver/PushVerifier.swift", "Sources/CallScopeReceiver/PushText.swift"],
    "CallScopeText": [f"Sources/CallScopeText/{name}.swift" for name in ("DisplayWidth", "EastAsianWide", "Sanitizer", "TextLayout")],
}
TARGETS = {
    "json": ["CallScopeKit"],
    "push": ["CallScopeKit", "CallScopeReceiver"],
    "config": ["CallScopeKit"],
    "text": ["CallScopeText"],
    "mapping": ["CallScopeKit"],
}
# Link no object of these targets from the debug build: the fuzz build has its own, or none is needed.
OWN_TARGETS = {"CallScopeKit", "CallScopeReceiver", "CallScopeText", "CallScopeTUI", "CallScopeStore", "CallScopePostgres", "CallScopeSandbox", "callscope", "callscope-bench"}


def debug_yaml_args(command):
    """The argument list of one command of SwiftPM's build description."""
    lines = open(os.path.join(ROOT, ".build/debug.yaml")).read().split("\n")
    start = lines.index(f'  "{command}":')
    for line in lines[start + 1:]:
        if line.strip().startswith("args: "):
            return json.loads(line.strip()[len("args: "):])
    sys.exit(f"no args for {command} in .build/debug.yaml: run the ordinary debug build first")


def search_flags(module):
    """The import paths and C module maps SwiftPM gave `module`'s compile, and its language settings."""
    args = debug_yaml_args(f"C.{module}-x86_64-unknown-linux-gnu-debug.module")
    keep, i = [], 0
    while i < len(args):
        a = args[i]
        if a in ("-I", "-Xcc", "-target", "-swift-version", "-package-name", "-enable-upcoming-feature",
                 "-enable-experimental-feature", "-Xfrontend", "-strict-concurrency"):
            keep += [a, args[i + 1]]
            i += 2
            continue
        if a.startswith("-D") or a.startswith("-swift-version") or a.startswith("-strict-concurrency"):
            keep.append(a)
        i += 1
    return ["-I", os.path.join(OUT, "Modules")] + keep


def run(command):
    print(" ".join(command[:6]), "...", flush=True)
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True)
    # gold warns about every AddressSanitizer helper symbol; nothing to act on
    sys.stderr.write("".join(l for l in done.stderr.splitlines(True) if "Cannot export local symbol '__asan" not in l))
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command[:6])} ...")


def build_module(module):
    """One instrumented object and module file per module under test."""
    obj = os.path.join(OUT, f"{module}.o")
    run(["swiftc", "-module-name", module, "-parse-as-library", "-wmo", "-emit-module",
         "-emit-module-path", os.path.join(OUT, "Modules", f"{module}.swiftmodule"), "-c", "-o", obj]
        + SANITIZE + search_flags(module) + MODULES[module])
    return obj


def dependency_objects_and_libraries():
    """The debug build's objects of everything but callscope's own targets, and the link's libraries."""
    args = debug_yaml_args("C.callscope-x86_64-unknown-linux-gnu-debug.exe")
    objects, libraries = [], []
    for a in args:
        if a.startswith("@"):
            for path in shlex.split(open(a[1:]).read()):
                if os.path.basename(os.path.dirname(path)).removesuffix(".build") not in OWN_TARGETS:
                    objects.append(path)
        elif a.startswith("-l"):
            libraries.append(a)
    return objects, libraries


def main():
    names = sys.argv[1:] or list(TARGETS)
    os.makedirs(os.path.join(OUT, "Modules"), exist_ok=True)
    built = {m: build_module(m) for m in sorted({m for n in names for m in TARGETS[n]}, key=list(MODULES).index)}
    objects, libraries = dependency_objects_and_libraries()
    object_list = os.path.join(OUT, "dependencies.LinkFileList")
    with open(object_list, "w") as f:
        f.write("\n".join(shlex.quote(o) for o in objects) + "\n")
    for name in names:
        modules = TARGETS[name]
        run(["swiftc", "-parse-as-library", "-module-name", f"Fuzz_{name}", "-o", os.path.join(OUT, f"fuzz-{name}")]
            + SANITIZE + search_flags(modules[-1]) + [f"Fuzz/Targets/{name}.swift"]
            + [built[m] for m in modules] + ["@" + object_list] + libraries)


if __name__ == "__main__":
    main()
