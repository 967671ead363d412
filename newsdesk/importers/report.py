"""What an import did, counted per kind, with warnings naming the item they concern."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

# Outcomes, in the order the summary lists them.
NEW = "neu"
UPDATED = "aktualisiert"
UNCHANGED = "unverändert"
SKIPPED = "übersprungen"
MISSING = "fehlt"
OUTCOMES = (NEW, UPDATED, UNCHANGED, SKIPPED, MISSING)


@dataclass
class ImportReport:
    counts: defaultdict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    warnings: list[tuple[str, str]] = field(default_factory=list)
    dry_run: bool = False

    def add(self, kind: str, outcome: str, number: int = 1) -> None:
        self.counts[kind][outcome] += number

    def warn(self, item: str, message: str) -> None:
        self.warnings.append((item, message))

    def total(self, kind: str) -> int:
        return sum(self.counts[kind].values())

    def lines(self) -> list[str]:
        """The summary as printed at the end of a run."""
        title = "Probelauf, nichts geschrieben" if self.dry_run else "Import abgeschlossen"
        lines = [f"{title}:"]
        for kind, counter in self.counts.items():
            parts = [f"{counter[o]} {o}" for o in OUTCOMES if counter[o]]
            lines.append(f"  {kind}: {', '.join(parts)}")
        if self.warnings:
            lines.append(f"Warnungen ({len(self.warnings)}):")
            lines.extend(f"  {item}: {message}" for item, message in self.warnings)
        return lines
