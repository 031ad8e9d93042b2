"""Synthetic data at a chosen scale, in the files of docs/data-layout.md, deterministic from a seed.

``python -m bench.generate --projects 10000 --seed 1 --out /tmp/flanders`` writes every table
the loaders read (plus sources.csv) so that ``lires build --data /tmp/flanders`` accepts it
unchanged. Nothing here is real: names say "Synthetic ...", NIS codes start with 0 (no
Belgian NIS code does), NUTS codes start with BEX or BEY (no real Belgian NUTS code does) and every
source points under https://example.org/synthetic/.

Shape (how the other tables grow with the number of projects P; Limburg ~10^2, Flanders ~10^4,
EU/Kohesio 1.5 x 10^6 with about 500,000 beneficiaries):

- provinces ~ P / 2,000 (1 .. 250, like NUTS-2), three arrondissements and five subregions each;
  NUTS codes BEX.. (provinces) and BEY.. (arrondissements), outside the real Belgian BE1/BE2/BE3/BEZ;
- municipalities ~ P / 30 (42 .. 8,500), 2 % of them merged into a successor on 2019-01-01;
- organisations ~ P / 3 (at least 40), every kind of the schema, each tied to one province;
- strategies ~ P / 2,000 (at least 12) with 2-4 objectives each, each with 0-4 narrower ones;
- structures ~ P / 50 (at least 21) with 2-15 members (municipalities, organisations, subregions);
- projects with 1-5 locations in one province, 1-8 partners (popular organisations take part
  more often), 1-3 objectives, a budget, a period and a status; one municipality and one
  objective in 20 are in no project, so the gap analysis has gaps to find.

Rows are written as they are drawn (csv module), so memory stays flat whatever the scale.
"""

from __future__ import annotations

import argparse
import csv
import random
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from loaders.inputs import tables
from ontology.vocab import vocabulary


def headers() -> dict[str, list[str]]:
    """Every file written, with its header: the declared columns of the loaders' tables, in load order."""
    return {table.name: [column.name for column in table.columns] for table in tables()}


THEMES = (
    "innovation",
    "logistics",
    "energy transition",
    "tourism",
    "labour market",
    "spatial planning",
    "circular economy",
    "care economy",
    "digitalisation",
    "mobility",
    "agrofood",
    "education",
)
SYNTHETIC = "https://example.org/synthetic/"
ARRONDISSEMENTS_PER_PROVINCE = 3
SUBREGIONS_PER_PROVINCE = 5
MERGED_EVERY = 50
"""One municipality in this many merges into the next one on 2019-01-01."""
NIS_GROUPS = 9
"""Two-digit NIS prefixes 01..09 shared out among the arrondissements (0 is never a real first digit)."""
UNTOUCHED_EVERY = 20
"""One municipality and one objective in this many are never a project's location or aim (agenda gaps)."""


@dataclass(frozen=True)
class Shape:
    """How many of each thing a data set of ``projects`` projects has (see the module docstring)."""

    projects: int

    @property
    def provinces(self) -> int:
        return min(250, max(1, round(self.projects / 2000)))

    @property
    def arrondissements(self) -> int:
        return self.provinces * ARRONDISSEMENTS_PER_PROVINCE

    @property
    def subregions(self) -> int:
        return self.provinces * SUBREGIONS_PER_PROVINCE

    @property
    def municipalities(self) -> int:
        return min(8_500, max(42, self.projects // 30, self.arrondissements))

    @property
    def organisations(self) -> int:
        return max(40, self.projects // 3)

    @property
    def strategies(self) -> int:
        return max(12, self.projects // 2000)

    @property
    def structures(self) -> int:
        return max(21, self.projects // 50)

    @property
    def sources(self) -> int:
        return max(165, self.projects // 100)


def nis(group: int, number: int) -> str:
    """A synthetic five-digit NIS code ``0{group}{number:03d}`` (leading 0: outside the Belgian range).

    As in Belgium, the first two digits of a municipality's code are those of its arrondissement
    (loaders/check.py checks this); group 0 holds the provinces, groups 1-9 the rest.
    """
    if not (0 <= group <= NIS_GROUPS and 0 < number < 1000):
        raise ValueError(f"no synthetic NIS code for group {group}, number {number}: at most 999 per group")
    return f"0{group}{number:03d}"


def nuts(letter: str, number: int) -> str:
    """A synthetic NUTS code ``BE{letter}`` + two base-36 digits (the schema allows BE + 3 characters)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if not 0 <= number < 36 * 36:
        raise ValueError(f"synthetic NUTS codes hold 1,296 regions, not {number + 1}")
    return f"BE{letter}{digits[number // 36]}{digits[number % 36]}"


class Generator:
    """Draws every table of one synthetic data set from one seeded random generator."""

    def __init__(self, shape: Shape, seed: int) -> None:
        self.shape = shape
        self.rng = random.Random(seed)
        vocab = vocabulary()
        self.organisation_kinds = vocab.enums["OrganisationKind"]
        self.strategy_kinds = vocab.enums["StrategyKind"]
        self.statuses = vocab.enums["ProjectStatus"]
        self.partner_roles = [r for r in vocab.enums["PartnerRole"] if r != "lead"]
        self.objectives: list[tuple[str, str]] = []  # (objective ref, strategy ref)
        self.municipality_codes = self._municipality_codes()

    def _municipality_codes(self) -> list[str]:
        """The NIS code of each municipality: its arrondissement's prefix, then a number within that prefix."""
        counters = [0] * (NIS_GROUPS + 1)
        codes = []
        for m in range(self.shape.municipalities):
            group = self.arrondissement_group(m % self.shape.arrondissements)
            counters[group] += 1
            codes.append(nis(group, counters[group]))
        return codes

    @staticmethod
    def arrondissement_group(index: int) -> int:
        return index % NIS_GROUPS + 1

    def arrondissement(self, index: int) -> str:
        """The NIS code of arrondissement ``index``."""
        return nis(self.arrondissement_group(index), index // NIS_GROUPS + 1)

    # -- references -------------------------------------------------------------------------
    def sources(self) -> str:
        """One or two source keys for a row."""
        picks = {self.rng.randrange(self.shape.sources) for _ in range(self.rng.choice((1, 1, 2)))}
        return ";".join(f"SYN_SOURCE_{i:06d}" for i in sorted(picks))

    def municipality(self, index: int) -> str:
        return self.municipality_codes[index]

    def in_province(self, province: int) -> int:
        """A municipality index in ``province``."""
        arrondissement = province * ARRONDISSEMENTS_PER_PROVINCE + self.rng.randrange(ARRONDISSEMENTS_PER_PROVINCE)
        count = len(range(arrondissement, self.shape.municipalities, self.shape.arrondissements))
        return arrondissement + self.shape.arrondissements * self.rng.randrange(count)

    def location(self, province: int) -> int:
        """A municipality index in ``province`` that projects may take place in."""
        for _ in range(100):
            if (found := self.in_province(province)) % UNTOUCHED_EVERY != UNTOUCHED_EVERY - 1:
                return found
        return found

    def organisation(self, province: int) -> int:
        """An organisation index, local to ``province`` three times in four; popular ones more often."""
        provinces, total = self.shape.provinces, self.shape.organisations
        if self.rng.random() < 0.75:
            per_province = len(range(province, total, provinces))
            return province + provinces * int(per_province * self.rng.random() ** 2.5)
        return int(total * self.rng.random() ** 2.5)

    def period(self) -> tuple[str, str]:
        start = self.rng.randrange(2008, 2025)
        end = start + self.rng.randrange(1, 8)
        precision = self.rng.random()
        if precision < 0.5:
            return str(start), str(end)
        if precision < 0.8:
            return f"{start}-{self.rng.randrange(1, 13):02d}", f"{end}-{self.rng.randrange(1, 13):02d}"
        return f"{start}-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}", ""

    # -- tables -----------------------------------------------------------------------------
    def rows(self, table: str):
        """The rows of ``table`` (a key of ``headers()``), drawn lazily."""
        return getattr(self, f"_{table}")()

    def _sources(self):
        for i in range(self.shape.sources):
            yield (
                f"SYN_SOURCE_{i:06d}",
                f"{SYNTHETIC}source/{i:06d}",
                f"Synthetic source {i:06d}",
                "Synthetic publisher",
                f"{2010 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            )

    def _provinces(self):
        for p in range(self.shape.provinces):
            yield (
                nis(0, p + 1),
                f"Synthetische provincie {p + 1:03d}",
                f"Synthetic province {p + 1:03d}",
                nuts("X", p),
                "",
                self.sources(),
            )

    def _arrondissements(self):
        for a in range(self.shape.arrondissements):
            province = a // ARRONDISSEMENTS_PER_PROVINCE
            yield (
                self.arrondissement(a),
                f"Synthetisch arrondissement {a + 1:04d}",
                f"Synthetic arrondissement {a + 1:04d}",
                nis(0, province + 1),
                nuts("Y", a),
                "",
                self.sources(),
            )

    def _subregions(self):
        for s in range(self.shape.subregions):
            yield (
                f"synthetic-subregion-{s + 1:04d}",
                f"Synthetische deelregio {s + 1:04d}",
                f"Synthetic subregion {s + 1:04d}",
                "A synthetic subregion for benchmarks.",
                self.sources(),
            )

    def _municipalities(self):
        count = self.shape.municipalities
        for m in range(count):
            merged = m % MERGED_EVERY == MERGED_EVERY - 1 and m + 1 < count
            successor = m % MERGED_EVERY == 0 and m > 0
            yield (
                self.municipality(m),
                f"Synthetische gemeente {m + 1:05d}",
                f"Synthetic municipality {m + 1:05d}",
                self.arrondissement(m % self.shape.arrondissements),
                "2019-01-01" if successor else "",
                "2018-12-31" if merged else "",
                self.municipality(m + 1) if merged else "",
                "",
                self.sources(),
            )

    def _populations(self):
        for m in range(self.shape.municipalities):
            yield self.municipality(m), int(self.rng.lognormvariate(9.5, 0.8)), "2024-01-01", self.sources()

    def _municipality_centres(self):
        for m in range(self.shape.municipalities):  # anywhere in a box around Belgium; nothing real
            yield (
                self.municipality(m),
                f"{self.rng.uniform(49.5, 51.5):.6f}",
                f"{self.rng.uniform(2.5, 6.4):.6f}",
                self.sources(),
            )

    def _subregion_memberships(self):
        for m in range(self.shape.municipalities):
            if self.rng.random() < 0.9:  # as in Limburg, not every municipality is assigned
                province = m % self.shape.arrondissements // ARRONDISSEMENTS_PER_PROVINCE
                subregion = province * SUBREGIONS_PER_PROVINCE + self.rng.randrange(SUBREGIONS_PER_PROVINCE)
                yield self.municipality(m), f"synthetic-subregion-{subregion + 1:04d}", "source", "", "", self.sources()

    def _organisations(self):
        for o in range(self.shape.organisations):
            kind = self.organisation_kinds[o % len(self.organisation_kinds)]
            province = o % self.shape.provinces
            governs = self.municipality(self.in_province(province)) if kind == "municipal_government" else ""
            yield (
                f"synthetic-organisation-{o + 1:07d}",
                f"Synthetische organisatie {o + 1:07d}",
                "",
                kind,
                "",
                f"{SYNTHETIC}organisation/{o + 1:07d}",
                governs,
                f"A synthetic {kind.replace('_', ' ')} for benchmarks.",
                self.sources(),
            )

    def _strategies(self):
        for s in range(self.shape.strategies):
            ref = f"synthetic-strategy-{s + 1:05d}"
            part_of = f"synthetic-strategy-{self.rng.randrange(s) + 1:05d}" if s and self.rng.random() < 0.4 else ""
            start, end = self.period()
            yield (
                ref,
                f"Synthetische strategie {s + 1:05d}",
                f"Synthetic strategy {s + 1:05d}",
                self.strategy_kinds[s % len(self.strategy_kinds)],
                part_of,
                start,
                end,
                "A synthetic strategy for benchmarks.",
                self.sources(),
            )

    def _objectives(self):
        for s in range(self.shape.strategies):
            strategy = f"synthetic-strategy-{s + 1:05d}"
            for top in range(1, self.rng.randrange(2, 5) + 1):
                yield from self._objective(strategy, f"{top}", "")
                for narrower in range(1, self.rng.randrange(0, 5) + 1):
                    yield from self._objective(strategy, f"{top}.{narrower}", f"{strategy}-{top}")

    def _objective(self, strategy: str, notation: str, broader: str):
        ref = f"{strategy}-{notation.replace('.', '-')}"
        self.objectives.append((ref, strategy))
        yield (
            ref,
            strategy,
            broader,
            notation,
            f"Synthetische doelstelling {notation}",
            f"Synthetic objective {notation} of {strategy}",
            "",
            self.sources(),
        )

    def _structures(self):
        for s in range(self.shape.structures):
            start, end = self.period()
            yield (
                f"synthetic-structure-{s + 1:06d}",
                f"Synthetische structuur {s + 1:06d}",
                "",
                "fixed_regional" if s % 3 == 0 else "thematic",
                start,
                end if s % 2 else "",
                "A synthetic collaboration structure for benchmarks.",
                self.sources(),
            )

    def _memberships(self):
        for s in range(self.shape.structures):
            province = s % self.shape.provinces
            members: dict[str, str] = {}
            for _ in range(self.rng.randrange(2, 16)):
                draw = self.rng.random()
                if draw < 0.4:
                    members[self.municipality(self.in_province(province))] = "municipality"
                elif draw < 0.95:
                    members[f"synthetic-organisation-{self.organisation(province) + 1:07d}"] = "organisation"
                else:
                    subregion = province * SUBREGIONS_PER_PROVINCE + self.rng.randrange(SUBREGIONS_PER_PROVINCE)
                    members[f"synthetic-subregion-{subregion + 1:04d}"] = "subregion"
            for i, (member, member_type) in enumerate(sorted(members.items())):
                start = str(self.rng.randrange(2008, 2025)) if self.rng.random() < 0.2 else ""
                yield (
                    f"synthetic-structure-{s + 1:06d}",
                    member_type,
                    member,
                    "lead" if i == 0 else "",
                    start,
                    "",
                    self.sources(),
                )

    def projects_and_partners(self):
        """(project row, [partner rows]) per project; needs the objectives drawn first."""
        if not self.objectives:
            raise RuntimeError("draw the objectives before the projects")
        served = [o for i, o in enumerate(self.objectives) if i % UNTOUCHED_EVERY != UNTOUCHED_EVERY - 1]
        for p in range(self.shape.projects):
            ref = f"synthetic-project-{p + 1:07d}"
            province = self.rng.randrange(self.shape.provinces)
            locations = sorted(
                {self.municipality(self.location(province)) for _ in range(self.rng.choice((1, 1, 1, 2, 2, 3, 4, 5)))}
            )
            objectives = sorted(
                {served[int(len(served) * self.rng.random() ** 1.5)] for _ in range(self.rng.randrange(1, 4))}
            )
            start, end = self.period()
            sources = self.sources()
            yield (
                (
                    ref,
                    "",
                    f"Synthetic project {p + 1:07d}",
                    f"A synthetic project on {THEMES[p % len(THEMES)]} for benchmarks.",
                    THEMES[p % len(THEMES)],
                    self.statuses[self.rng.randrange(len(self.statuses))] if self.rng.random() < 0.9 else "",
                    start,
                    end,
                    f"{self.rng.lognormvariate(13.5, 1.5):.2f}",
                    ";".join(locations),
                    ";".join(o for o, _ in objectives),
                    ";".join(sorted({s for _, s in objectives})),
                    sources,
                ),
                self._partners(ref, province, sources),
            )

    def _partners(self, project: str, province: int, sources: str) -> list[tuple]:
        count = self.rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8))
        picked = list(dict.fromkeys(self.organisation(province) for _ in range(count)))
        roles = ["lead"] + [self.rng.choice([*self.partner_roles, "", "", "partner"]) for _ in picked[1:]]
        return [
            (project, f"synthetic-organisation-{o + 1:07d}", role, sources)
            for o, role in zip(picked, roles, strict=False)
        ]


def generate(projects: int, seed: int, out: Path) -> dict[str, int]:
    """Write one synthetic data set of ``projects`` projects into ``out``; returns rows written per file.

    Raises ValueError for fewer than one project.
    """
    if projects < 1:
        raise ValueError("expected at least one project")
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(Shape(projects), seed)
    written: dict[str, int] = {}
    with ExitStack() as stack:
        writers = {}
        files = headers()
        for table, header in files.items():
            handle = stack.enter_context((out / f"{table}.csv").open("w", encoding="utf-8", newline=""))
            writers[table] = csv.writer(handle, lineterminator="\n")
            writers[table].writerow(header)
            written[table] = 0
        for table in files:
            if table in ("projects", "project_partners"):
                continue
            for row in generator.rows(table):
                writers[table].writerow(row)
                written[table] += 1
        for project, partners in generator.projects_and_partners():
            writers["projects"].writerow(project)
            writers["project_partners"].writerows(partners)
            written["projects"] += 1
            written["project_partners"] += len(partners)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --seed S --out DIR``; prints rows written per file as JSON."""
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, required=True, help="number of projects (100 Limburg .. 1.5e6 EU)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the CSV files into")
    args = parser.parse_args(argv)
    print(
        json.dumps({"projects": args.projects, "seed": args.seed, "rows": generate(args.projects, args.seed, args.out)})
    )


if __name__ == "__main__":
    main()
