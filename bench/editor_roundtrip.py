"""Editor -> stored -> editor for many generated articles: the body editor loses nothing.

    .venv/bin/python bench/editor_roundtrip.py [--count 10000] [--seed 16]

The same check as newsdesk/articles/tests/test_editor.py (which runs 2,000 in the suite): each
generated body (paragraphs, subheadings, lists, quotes, spec tables, embeds, source lines, raw
HTML figures, rules, code) goes through the editor's document model in Node (parse, then
serialise, frontend/roundtrip.mjs); readers must see the same page, block by block, and a
second trip must change no byte. Needs `make install-test` (the editor's npm packages).
Prints the count, wall and CPU time with the load average; exits non-zero on the first loss.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
    import django

    django.setup()
    from newsdesk.articles.tests.test_editor import assert_lossless, generated_body

    rng = random.Random(options.seed)
    bodies = [generated_body(rng) for _ in range(options.count)]
    started = time.monotonic()
    assert_lossless(bodies)
    wall = time.monotonic() - started
    node = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"{options.count} generated articles: editor -> stored -> editor exact; "
        f"wall {wall:.1f} s, CPU {time.process_time():.1f} s (Python: rendering for the "
        f"comparison) + {node.ru_utime + node.ru_stime:.1f} s (Node: the editor); "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
