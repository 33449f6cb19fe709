"""What the product proposes for the SWOT analysis: the highest-rated items of stage 1 as strengths,
the lowest-rated as weaknesses. The curator decides; opportunities and threats are theirs to write."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitoring.charts import _number
from monitoring.selectors.process_report import ProcessReport

SHOWN = 3
GOOD, POOR = 7.5, 6.5


@dataclass
class Proposals:
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)


def proposals(report: ProcessReport) -> Proposals:
    items = []
    for row in report.matrix:
        for column, cell in zip(report.columns, row.cells, strict=True):
            if cell and cell.n and not cell.hidden:
                items.append((cell.mean, cell.n, row.text, column))
    items.sort(key=lambda item: (-item[0], -item[1]))

    def line(item) -> str:
        mean, n, text, column = item
        return f"{text.rstrip('?')} — {column.lower()}, средняя оценка {_number(mean)} из 10 (ответов: {n})"

    strengths = [line(i) for i in items if i[0] >= GOOD][:SHOWN]
    weaknesses = [line(i) for i in reversed(items) if i[0] < POOR][:SHOWN]
    return Proposals(strengths, weaknesses)
