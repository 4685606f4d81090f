"""Copy the front-end files Simpul serves from node_modules into simpul/static_vendor/.

Only the files listed here are served; nothing is loaded from a CDN. The source-map comment is
dropped: the maps are not shipped, and `collectstatic` (fingerprinted names) fails on a reference
to a file that does not exist.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "simpul" / "static_vendor"

FILES = {
    "htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "chartjs/chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
}
OPTIONAL = {"chartjs/chart.umd.min.js"}
SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S+\s*$")


def served_bytes(source: Path) -> bytes:
    return SOURCE_MAP.sub(b"\n", source.read_bytes())


def main() -> int:
    missing = []
    for dest, src in FILES.items():
        source = NODE / src
        if not source.exists():
            if dest not in OPTIONAL:
                missing.append(src)
            continue
        target = OUT / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        content = served_bytes(source)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
    if missing:
        print("missing in node_modules (run npm ci):", ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
