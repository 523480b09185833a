#!/usr/bin/env python3
"""Builds hostile pages and prints how long each took: the builder's budget is 5 s of CPU
for a page of about 1 MB, however it nests (issue 9). Exits 1 when a page is over it or a
build fails.

    python3 scripts/bench-build.py [path/to/qa-widget]     (default: target/release/qa-widget)

CPU time (user + system, from getrusage) is what is checked, as wall time on a shared
machine measures the neighbours too; both are printed.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time

BUDGET_CPU_SECONDS = 5.0


def cases():
    """(name, file name, content): the nesting cases of issue 9 and their relatives."""
    yield "100k nested <ul><li> (1.8 MB)", "lists.html", "<ul><li>" * 100_000 + "deep" + "</li></ul>" * 100_000
    yield "100k unclosed <div><span><b>", "unclosed.html", "<div><span><b>" * 100_000 + "deep"
    yield "100 KB of nested list markers", "list-100k.md", "- " * 50_000 + "x\n"
    yield "100 KB of nested quote markers", "quote-100k.md", "> " * 50_000 + "x\n"
    yield "1 MB of nested list markers", "list-1m.md", "- " * 500_000 + "x\n"
    yield "1 MB of nested quote markers", "quote-1m.md", "> " * 500_000 + "x\n"
    yield "1 MB of list markers, one more a line", "stairs.md", "".join("- " * i + "x\n" for i in range(1, 1000))
    yield "1 MB of <blockquote> in plain text", "quotes.txt", "<blockquote>" * 80_000 + "deep\n"
    yield "1 MB run-on line of words", "run-on.txt", " ".join(f"word{i % 97}" for i in range(140_000))
    yield "1 MB of question headings", "faq.html", "".join(f"<h2>Q{i}?</h2><p>A{i}.</p>" for i in range(40_000))


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else "target/release/qa-widget"
    if not os.access(cli, os.X_OK):
        sys.exit(f"{cli} not found: build it with `cargo build --release` (or give its path)")
    over = []
    print(f"{'page':<42} {'size':>9} {'wall':>7} {'cpu':>7}  result")
    with tempfile.TemporaryDirectory(prefix="qa-widget-bench-build-") as folder:
        for name, file_name, content in cases():
            page = os.path.join(folder, file_name)
            with open(page, "w", encoding="utf-8") as f:
                f.write(content)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.monotonic()
            run = subprocess.run(
                [cli, "build", page, "-o", os.path.join(folder, "out.idx"), "--quiet"],
                capture_output=True,
                text=True,
            )
            wall = time.monotonic() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            size = os.path.getsize(page) / 1e6
            result = run.stdout.strip().split(":")[0] if run.returncode == 0 else f"FAILED: {run.stderr.strip()}"
            print(f"{name:<42} {size:>6.2f} MB {wall:>6.2f}s {cpu:>6.2f}s  {result}")
            if run.returncode != 0 or cpu > BUDGET_CPU_SECONDS:
                over.append(name)
            os.remove(page)
    if over:
        sys.exit(f"over the {BUDGET_CPU_SECONDS:.0f} s budget or failed: {', '.join(over)}")
    print(f"every page built within {BUDGET_CPU_SECONDS:.0f} s of CPU")


if __name__ == "__main__":
    main()
