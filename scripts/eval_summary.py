"""Totals over one or more `woo-redact eval` reports (eval.json), against issue #14's bars:
sensitive occurrences left, names left, must-stay text kept, office holders kept, words
removed, quarantines. Usage: python scripts/eval_summary.py eval-unseen/*/eval.json"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(paths: list[str]) -> int:
    rows, tot = [], {"docs": 0, "quar": 0, "sens": 0, "left": 0, "names": 0, "names_left": 0,
                     "keep": 0, "kept": 0, "oh": 0, "oh_kept": 0, "words": 0, "removed": 0,
                     "items": 0, "flagged": 0, "passage_words": 0}
    for path in paths:
        s = json.loads(Path(path).read_text("utf-8"))["summary"]
        person = s["categories"].get("PERSON", {"expected": 0, "survived": 0})
        oh = s["keep"].get("office holder", {"readable": 0, "kept": 0})
        words = s.get("words") or {"total": 0, "removed": 0}
        r = {"docs": s["documents"], "quar": len(s["quarantined"]),
             "sens": s["overall"]["expected"], "left": s["overall"]["survived"],
             "names": person["expected"], "names_left": person["survived"],
             "keep": s["overall"]["keep_expected"], "kept": s["overall"]["kept"],
             "oh": oh["readable"], "oh_kept": oh["kept"],
             "words": words["total"], "removed": words["removed"],
             "items": sum(c["items"] for c in (s.get("content") or {}).values()),
             "flagged": sum(c["flagged"] for c in (s.get("content") or {}).values()),
             "passage_words": (s.get("passages") or {}).get("words", 0)}
        rows.append((Path(path).parent.name, r))
        for k in tot:
            tot[k] += r[k]
    rows.append(("all", tot))
    print(f"{'set':26} {'docs':>4} {'quar':>4}  {'sensitive left':>16}  {'names left':>14}  "
          f"{'kept':>16}  {'office holders':>14}  {'words removed':>14}  "
          f"{'content flagged':>15}  {'passage words':>14}")
    for name, r in rows:
        print(f"{name:26} {r['docs']:4d} {r['quar']:4d}  {_share(r['left'], r['sens']):>16}  "
              f"{_share(r['names_left'], r['names']):>14}  {_share(r['kept'], r['keep']):>16}  "
              f"{_share(r['oh_kept'], r['oh']):>14}  {_share(r['removed'], r['words']):>14}  "
              f"{_share(r['flagged'], r['items']):>15}  "
              f"{_share(r['passage_words'], r['words']):>14}")
    return 0


def _share(n: int, d: int) -> str:
    return f"{n}/{d} {100 * n / d:5.1f}%" if d else "–"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
