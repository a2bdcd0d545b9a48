"""Decide: the policy file says, per entity type, on which Woo ground and with which action.

The policy is the one place where an organisation tunes woo-redact: entity types, grounds,
allow and deny lists, and whether office holders stay visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

import yaml

from .grounds import is_ground
from .model import LOW_OCR, Finding

DEFAULT_POLICY = "default_policy.yaml"
ACTIONS = ("redact", "propose", "keep")
ADDRESS_TYPES = ("NL_ADDRESS", "NL_POSTCODE")


class PolicyError(ValueError):
    pass


@dataclass(slots=True)
class EntityRule:
    ground: str
    action: str = "redact"
    min_score: float = 0.5


@dataclass(slots=True)
class TermList:
    """Exact terms (case-insensitive) and regexes written as ``re:PATTERN``."""
    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # exact terms as written

    @classmethod
    def parse(cls, items: list[str] | None, where: str) -> TermList:
        tl = cls()
        for item in items or []:
            item = str(item)
            if item.startswith("re:"):
                try:
                    tl.patterns.append(re.compile(item[3:], re.IGNORECASE))
                except re.error as e:
                    raise PolicyError(f"{where}: bad regex {item[3:]!r}: {e}") from e
            elif item.strip():
                tl.exact.add(_norm(item))
                tl.terms.append(item.strip())
        return tl

    def matches(self, text: str) -> str | None:
        n = _norm(text)
        if n in self.exact:
            return f"'{text}'"
        for p in self.patterns:
            if p.search(text.strip()):
                return f"/{p.pattern}/"
        return None


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


class OfficeHolderCheck(Protocol):
    def reason_to_keep(self, text: str, start: int, end: int, name: str) -> str | None: ...

    def keep_later_mentions(self, findings: list[Finding], text: str) -> None: ...


@dataclass(slots=True)
class Policy:
    entities: dict[str, EntityRule]
    allow: TermList
    deny: TermList
    deny_ground: str
    keep_office_holders: bool
    keep_organisation_addresses: bool
    office_holder_file: Path | None
    source: str

    @property
    def enabled_entities(self) -> list[str]:
        return list(self.entities)

    def decide(self, findings: list[Finding], text: str,
               office_holders: OfficeHolderCheck | None = None) -> list[Finding]:
        """Set ground, action and reason on every finding; drop the ones below min_score."""
        # the organisation rules load the name lists: imported on first use, so that loading
        # a policy (to check it before a run starts) stays light
        from .organisations import (acronym_mailbox, contact_only_lines,
                                    continue_kept_addresses, named_mailbox,
                                    organisation_address, organisation_iban,
                                    organisation_mailbox, organisation_name,
                                    organisation_phone)

        out = []
        for f in findings:
            rule = self.entities.get(f.entity_type)
            if rule is None:
                continue
            if f.score < rule.min_score and f.detector != "deny_list":
                continue
            f.ground = rule.ground
            f.action = rule.action  # type: ignore[assignment]
            if f.entity_type == "DENY_LIST":
                f.reason = "deny list"
            elif (hit := self.allow.matches(f.text)) is not None:
                f.action, f.reason = "keep", f"allow list {hit}"
            elif (f.entity_type in ADDRESS_TYPES and self.keep_organisation_addresses
                  and (why := organisation_address(text, f.start, f.end))):
                f.action, f.reason = "keep", why
            elif (f.entity_type == "PHONE_NUMBER" and self.keep_organisation_addresses
                  and (why := organisation_phone(text, f.start, f.end))):
                # a switchboard or service number is the organisation's, not a person's
                f.action, f.reason = "keep", why
            elif (f.entity_type == "IBAN_CODE" and self.keep_organisation_addresses
                  and (why := organisation_iban(text, f.start, f.end))):
                f.action, f.reason = "keep", why
            elif (f.entity_type == "EMAIL_ADDRESS" and self.keep_organisation_addresses
                  and (why := organisation_mailbox(f.text) or acronym_mailbox(f.text, text)
                       or named_mailbox(f.text, text, f.start))):
                # a team's or a task's mailbox ("bestuurszaken@") names no one
                f.action, f.reason = "keep", why
            elif (f.entity_type == "PERSON" and self.keep_office_holders
                  and office_holders is not None
                  and (why := office_holders.reason_to_keep(text, f.start, f.end, f.text))):
                f.action, f.reason = "keep", why
            elif f.entity_type == "PERSON" and (why := organisation_name(text, f.start, f.end)):
                # "Bureau Bibob", "Wet Bibob", "Bouwbedrijf Van Wijnen": the same word is a
                # person's name elsewhere, here it names an organisation or a law
                f.action, f.reason = "keep", why
            elif f.detector.endswith(LOW_OCR) and f.action == "redact":
                f.action, f.reason = "propose", "read from a poor scan (low OCR confidence): check"
            else:
                f.reason = f"policy: {f.entity_type} → {rule.action}"
            out.append(f)
        if self.keep_office_holders and office_holders is not None:
            office_holders.keep_later_mentions(out, text)
        if self.keep_organisation_addresses:
            continue_kept_addresses(out, text)
            contact_only_lines(out, text)
        return out


def load_policy(path: str | Path | None = None) -> Policy:
    if path is None:
        ref = resources.files("woo_redact") / "data" / DEFAULT_POLICY
        raw_text, base, source = ref.read_text("utf-8"), None, "default"
    else:
        p = Path(path)
        if not p.is_file():
            raise PolicyError(f"policy file not found: {p}")
        raw_text, base, source = p.read_text("utf-8"), p.parent, str(p)
    try:
        raw = yaml.safe_load(raw_text) or {}
    except yaml.YAMLError as e:
        raise PolicyError(f"{source}: not valid YAML: {e}") from e
    return _parse(raw, base, source)


def _parse(raw: dict, base: Path | None, source: str) -> Policy:
    entities: dict[str, EntityRule] = {}
    for name, spec in (raw.get("entities") or {}).items():
        spec = spec or {}
        ground = str(spec.get("ground", ""))
        action = str(spec.get("action", "redact"))
        if not is_ground(ground):
            raise PolicyError(f"{source}: entity {name}: unknown Woo ground {ground!r}")
        if action not in ACTIONS:
            raise PolicyError(f"{source}: entity {name}: action must be one of {ACTIONS}")
        entities[name] = EntityRule(ground, action, float(spec.get("min_score", 0.5)))
    deny = raw.get("deny") or {}
    deny_ground = str(deny.get("ground", "5.1.2e"))
    if not is_ground(deny_ground):
        raise PolicyError(f"{source}: deny: unknown Woo ground {deny_ground!r}")
    deny_terms = TermList.parse(deny.get("terms"), f"{source}: deny")
    if deny_terms.exact or deny_terms.patterns:
        entities.setdefault("DENY_LIST", EntityRule(deny_ground, "redact", 0.0))
    oh = raw.get("office_holders") or {}
    oh_file = None
    if oh.get("list_file"):
        f = Path(oh["list_file"])
        if not f.is_absolute():
            # next to the policy file, else the list shipped with the package
            local = base / f if base is not None else None
            f = local if local is not None and local.is_file() else Path(
                str(resources.files("woo_redact") / "data" / f))
        oh_file = f
    return Policy(entities=entities, allow=TermList.parse(raw.get("allow"), f"{source}: allow"),
                  deny=deny_terms, deny_ground=deny_ground,
                  keep_office_holders=bool(oh.get("keep", True)), office_holder_file=oh_file,
                  keep_organisation_addresses=bool(raw.get("keep_organisation_addresses", True)),
                  source=source)
