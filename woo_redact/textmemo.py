"""What depends on a document's text alone, worked out once for every stage that asks.

Detection, propagation and the policy each ask whether a name is an office holder's here
(the same spans, three times a document), and both passes of a dossier ask which words the
text calls places. The answers are kept per text for the last documents read, up to
``BUDGET_CHARS`` characters of text in all, so memory does not grow with the dossier.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

BUDGET_CHARS = 4_000_000  # about 1,600 pages of text


class TextMemo:
    def __init__(self, budget: int = BUDGET_CHARS) -> None:
        self._items: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._chars = 0
        self.budget = budget

    def of(self, text: str) -> dict[str, Any]:
        """The answers kept for ``text`` (a new, empty set for a text not seen lately)."""
        got = self._items.get(text)
        if got is not None:
            self._items.move_to_end(text)
            return got
        got = self._items[text] = {}
        self._chars += len(text)
        while self._chars > self.budget and len(self._items) > 1:
            old, _ = self._items.popitem(last=False)
            self._chars -= len(old)
        return got

    def get(self, text: str, key: str, make: Callable[[], Any]) -> Any:
        answers = self.of(text)
        if key not in answers:
            answers[key] = make()
        return answers[key]


class RememberedHolders:
    """An office-holder list whose verdict on a span of a text is worked out once."""

    def __init__(self, holders, memo: TextMemo) -> None:
        self._holders = holders
        self._memo = memo

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_holders", "_memo"):
            raise AttributeError(name)  # pickling looks these up before they are set
        return getattr(self._holders, name)

    def reason_to_keep(self, text: str, start: int, end: int, name: str) -> str | None:
        verdicts = self._memo.of(text).setdefault("office_holders", {})
        key = (start, end, name)
        if key not in verdicts:
            verdicts[key] = self._holders.reason_to_keep(text, start, end, name)
        return verdicts[key]
