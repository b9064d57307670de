"""Raw table -> canonical table plus a data-quality report, or a DataError that says why.

The column mapping is proposed from header synonyms (``schema``), can be overridden by the
user, and every row that cannot be used is dropped with a counted reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

import models.core.parsing as parsing
from models.core.errors import DataError
from models.core.i18n import Joined, Phrase
from models.core.parsing import normalise_header
from models.core.periods import normalise_kpi_names, parse_periods
from models.data.loading import RawTable
from models.data.objective_rules import row_problems
from models.data.quality import QualityReport, build_report
from models.data.schema import TableSpec, table_spec

Mapping = dict[str, str | None]


@dataclass(frozen=True)
class ImportOptions:
    """How to read ambiguous values; ``auto`` everywhere by default.

    Attributes
    ----------
    date_order
        ``auto``, ``dayfirst`` or ``monthfirst`` for slash dates.
    decimal
        ``auto``, ``,`` or ``.``.
    value_map
        Per canonical column, raw value -> canonical value (e.g. calls ``outcome``:
        ``{"AGENT": "answered", "HANG": "missed"}``), checked before the built-in words.
    default_direction
        Direction given to calls when the file has no direction column.
    """

    date_order: parsing.DateOrder = "auto"
    decimal: parsing.DecimalMark = "auto"
    value_map: dict[str, dict[str, str]] = field(default_factory=dict)
    default_direction: str = "inbound"


def propose_mapping(columns: list[str], kind: str) -> Mapping:
    """Match file headers to canonical columns by their French and English synonyms.

    Exact (folded) matches are taken first, in synonym order, required columns before
    optional ones; then a header that *contains* a long synonym as whole words
    ("Montant TTC (EUR)"). No file column is used twice. Unmatched canonical columns map to
    ``None``.
    """
    spec = table_spec(kind)
    folded = {column: normalise_header(column) for column in columns}
    mapping: Mapping = {}
    used: set[str] = set()
    ordered = sorted(spec.columns, key=lambda c: not c.required)
    for exact in (True, False):
        for column_spec in ordered:
            if mapping.get(column_spec.name):
                continue
            names = (normalise_header(column_spec.name),) + column_spec.synonyms
            match = _first_match(names, folded, used, exact)
            mapping[column_spec.name] = match
            if match:
                used.add(match)
    return {c.name: mapping.get(c.name) for c in spec.columns}


def _first_match(
    names: tuple[str, ...], folded: dict[str, str], used: set[str], exact: bool
) -> str | None:
    for name in names:
        for column, header in folded.items():
            if column in used:
                continue
            if exact and header == name:
                return column
            if not exact and len(name) >= 4 and f" {name} " in f" {header} ":
                return column
    return None


def validate_table(
    raw: RawTable, kind: str, mapping: Mapping | None = None, options: ImportOptions | None = None
) -> tuple[pd.DataFrame, QualityReport]:
    """Turn a raw table into the canonical ``kind`` table.

    Parameters
    ----------
    raw
        What ``loading.read_raw`` found.
    kind
        ``orders``, ``leads``, ``calls``, ``feedback`` or ``objectives``.
    mapping
        Canonical column -> file column; entries given here override the proposal, ``None``
        means "not in this file".
    options
        Date order, decimal mark and value mappings.

    Returns
    -------
    (table, report)
        Canonical columns only, rows that could not be used removed; the report counts them.

    Raises
    ------
    DataError
        A required column is missing or unreadable, or no row is usable.
    """
    spec = table_spec(kind)
    options = options or ImportOptions()
    chosen = propose_mapping(list(raw.frame.columns), kind)
    chosen.update(mapping or {})
    _check_mapping(raw, spec, chosen)
    notes: list[Phrase] = []
    columns: dict[str, pd.Series] = {}
    prefer_comma = raw.separator == ";"
    for column_spec in spec.columns:
        source = chosen.get(column_spec.name)
        if not source:
            continue
        cells = raw.frame[source]
        parsed, note = _parse_column(
            column_spec.kind, cells, column_spec.name, options, prefer_comma
        )
        if column_spec.required and parsed.notna().sum() == 0:
            raise _unreadable(raw, spec, column_spec.name, source, cells)
        columns[column_spec.name] = parsed
        if note:
            notes.append(Phrase("note.column", column=source, note=note))
    table = pd.DataFrame(columns, index=raw.frame.index)
    table, more_notes = _finish(table, kind, options)
    notes += more_notes
    table, dropped = (
        _drop_bad_objectives(table, raw, chosen)
        if kind == "objectives"
        else _drop_unusable(table, spec)
    )
    if table.empty:
        reasons = Joined(
            tuple(
                Phrase("drop.count", count=len(rows), reason=reason)
                for reason, rows in dropped.items()
            ),
            ";",
        )
        raise DataError.coded(
            "no_usable_row", file=Phrase(f"file.{spec.kind}"), name=raw.name, reasons=reasons
        )
    report = build_report(raw, spec, chosen, table, dropped, notes)
    return table.reset_index(drop=True), report


def _check_mapping(raw: RawTable, spec: TableSpec, mapping: Mapping) -> None:
    found = list(raw.frame.columns)
    unknown = {k: v for k, v in mapping.items() if v and v not in found}
    if unknown:
        raise DataError.coded(
            "mapped_absent",
            file=Phrase(f"file.{spec.kind}"),
            name=raw.name,
            columns=sorted(unknown.values()),
            count=len(unknown),
            found=found,
        )
    missing = [c for c in spec.required if not mapping.get(c)]
    if missing:
        # amounts kept in another file (payments, order lines) is a common export layout
        split_amounts = "amount" in missing and any(
            normalise_header(c) == "order id" for c in found
        )
        raise DataError.coded(
            "missing_amounts" if split_amounts else "missing_columns",
            file=Phrase(f"file.{spec.kind}"),
            kind=Phrase(f"kind.{spec.kind}"),
            name=raw.name,
            found=found,
            description=spec.description,
            labels=Joined(tuple(spec.label(c) for c in missing), lower=True),
            count=len(missing),
        )
    for group in spec.one_of:
        if not any(mapping.get(c) for c in group):
            raise DataError.coded(
                "one_of",
                file=Phrase(f"file.{spec.kind}"),
                name=raw.name,
                group=Joined(tuple(spec.label(c) for c in group)),
                found=found,
            )


# Canonical values of the category columns, with the words that mean them.
VOCABULARIES: dict[str, dict[str, frozenset[str]]] = {
    "flag": {"true": parsing.TRUE_WORDS, "false": parsing.FALSE_WORDS},
    "direction": {"inbound": parsing.INBOUND_WORDS, "outbound": parsing.OUTBOUND_WORDS},
    "outcome": {
        "answered": parsing.ANSWERED_WORDS,
        "missed": parsing.MISSED_WORDS,
        "ignored": parsing.IGNORED_WORDS,
    },
    "stage": {
        "won": parsing.WON_STAGE_WORDS,
        "lost": parsing.LOST_STAGE_WORDS,
        "open": parsing.OPEN_STAGE_WORDS,
    },
}


def unrecognised_values(
    raw: RawTable, kind: str, mapping: Mapping, limit: int = 20
) -> dict[str, tuple[list[str], list[str]]]:
    """Per mapped category column, the file's values no built-in word explains.

    Returns canonical column -> (unknown values, the canonical values they may map to), so
    the UI can ask the user; at most ``limit`` values per column.
    """
    found: dict[str, tuple[list[str], list[str]]] = {}
    for column_spec in table_spec(kind).columns:
        source = mapping.get(column_spec.name)
        if column_spec.kind not in VOCABULARIES or not source or source not in raw.frame:
            continue
        vocabulary = VOCABULARIES[column_spec.kind]
        _, unknown = parsing.map_categories(raw.frame[source], vocabulary)
        if unknown:
            found[column_spec.name] = (unknown[:limit], list(vocabulary))
    return found


def _parse_column(
    kind: str, cells: pd.Series, name: str, options: ImportOptions, prefer_comma: bool
) -> tuple[pd.Series, Phrase | None]:
    overrides = options.value_map.get(name)
    if kind in ("date", "datetime"):
        parsed = parsing.parse_dates(cells, options.date_order)
        return parsed.values, parsed.describe()
    if kind == "number":
        if name == "duration":
            return parsing.parse_durations(cells, options.decimal, prefer_comma), None
        numbers = parsing.parse_numbers(cells, options.decimal, prefer_comma)
        return numbers.values, Phrase("note.decimal_comma") if numbers.decimal == "," else None
    if kind == "time":
        return parsing.parse_times(cells), None
    if kind == "flag":
        values, unknown = parsing.map_categories(cells, VOCABULARIES[kind], overrides)
        note = Phrase("note.read_as_not_converted", values=unknown[:8]) if unknown else None
        return values.eq("true").fillna(False).astype(bool), note
    if kind == "stage":  # the file's words are kept; ``_finish`` adds the status
        _, unknown = parsing.map_categories(cells, VOCABULARIES[kind], overrides)
        note = Phrase("note.stages_read_as_open", values=unknown[:8]) if unknown else None
        return parsing.parse_text(cells), note
    if kind in ("direction", "outcome"):
        values, unknown = parsing.map_categories(cells, VOCABULARIES[kind], overrides)
        return values, Phrase("note.values_dropped", values=unknown[:8]) if unknown else None
    return parsing.parse_text(cells), None


def deal_status(stages: pd.Series, overrides: dict[str, str] | None = None) -> pd.Series:
    """``open``, ``won`` or ``lost`` for each deal stage: the user's mapping first (raw stage
    -> status), then the usual French and English words; a stage no word explains is a step
    of the pipeline, so open (the import's notes list those stages)."""
    status, _ = parsing.map_categories(stages, VOCABULARIES["stage"], overrides)
    return status.fillna("open").astype("string")


def _unreadable(
    raw: RawTable, spec: TableSpec, name: str, source: str, cells: pd.Series
) -> DataError:
    examples = [str(v) for v in cells.dropna().astype(str).str.strip().unique()[:3] if v]
    kind = spec.column(name).kind
    expected = Phrase(f"expected.{kind if kind in ('date', 'datetime', 'number') else 'value'}")
    found = Phrase("found.examples", examples=examples) if examples else Phrase("found.empty")
    return DataError.coded(
        "unreadable_column",
        file=Phrase(f"file.{spec.kind}"),
        name=raw.name,
        column=source,
        label=Joined((spec.label(name),), lower=True),
        found=found,
        expected=expected,
    )


def _finish(
    table: pd.DataFrame, kind: str, options: ImportOptions
) -> tuple[pd.DataFrame, list[Phrase]]:
    """Per-kind derived columns: call time of day, conversion flags, objective periods."""
    notes: list[Phrase] = []
    if kind == "calls":
        if "time" in table:
            has_clock = (
                (table["timestamp"] - table["timestamp"].dt.normalize()).dt.total_seconds().gt(0)
            )
            table["timestamp"] = table["timestamp"].where(
                has_clock, table["timestamp"].dt.normalize() + table["time"].fillna(pd.Timedelta(0))
            )
            table = table.drop(columns="time")
        if "direction" not in table:
            table["direction"] = pd.Series(
                options.default_direction, index=table.index, dtype="string"
            )
            notes.append(
                Phrase(
                    "note.no_direction", direction=Phrase(f"direction.{options.default_direction}")
                )
            )
        if "outcome" not in table:
            notes.append(Phrase("note.no_outcome"))
    if kind == "leads":
        if "converted" not in table and "converted_date" in table:
            table["converted"] = table["converted_date"].notna()
        elif "converted" in table and "converted_date" in table:
            # a close date on a lost deal is not a conversion date
            table["converted_date"] = table["converted_date"].where(table["converted"])
        elif "converted" not in table:
            notes.append(Phrase("note.no_conversion"))
    if kind == "deals":
        table["status"] = deal_status(table["stage"], options.value_map.get("stage"))
    if kind == "objectives":
        table = table.assign(
            **parse_periods(table["period"]), kpi=normalise_kpi_names(table["kpi"])
        )
    return table, notes


def _drop_bad_objectives(
    table: pd.DataFrame, raw: RawTable, mapping: Mapping
) -> tuple[pd.DataFrame, dict[Phrase, list[int]]]:
    """Remove every row that cannot be an objective, each under its own reason naming its
    line and what is wrong with it (``line 5: period '2027-13' is not a month…``): the rules
    of saving (:mod:`models.data.objective_rules`), so every row kept can be saved."""
    cells = {
        name: raw.frame[mapping[name]].astype("string").fillna("")
        for name in ("period", "kpi", "target")
        if mapping.get(name)
    }
    typed = pd.DataFrame(
        {  # the file's own text where parsing found nothing to show
            "period": cells["period"],
            "kpi": cells["kpi"],
            "target": table["target"]
            .astype(object)
            .where(table["target"].notna(), cells["target"]),
            **({"group": table["group"]} if "group" in table else {}),
        },
        index=table.index,
    )
    _, problems = row_problems(
        typed, [Phrase("objective.line_only", line=int(line)) for line in table.index]
    )
    dropped = {
        problem: [int(line)] for line, found in zip(table.index, problems) for problem in found[:1]
    }
    keep = [not found for found in problems]
    return (table if all(keep) else table[keep]), dropped


def _drop_unusable(
    table: pd.DataFrame, spec: TableSpec
) -> tuple[pd.DataFrame, dict[Phrase, list[int]]]:
    """Remove rows missing a required value (and ignored calls), remembering which and why."""
    dropped: dict[Phrase, list[int]] = {}
    keep = pd.Series(True, index=table.index)
    for name in spec.required:
        if name not in table or (spec.kind == "objectives" and name == "period"):
            continue
        bad = table[name].isna() & keep
        if bad.any():
            kind = spec.column(name).kind
            reason = Phrase(
                f"drop.no_{kind if kind in ('date', 'datetime', 'number') else 'value'}",
                column=Joined((spec.label(name),), lower=True),
            )
            dropped[reason] = table.index[bad].tolist()
            keep &= ~bad
    if spec.kind == "objectives":
        bad = table["period_start"].isna() & keep
        if bad.any():
            dropped[Phrase("drop.bad_period")] = table.index[bad].tolist()
            keep &= ~bad
    if spec.kind == "calls" and "outcome" in table:
        ignored = table["outcome"].eq("ignored").fillna(False) & keep
        if ignored.any():
            dropped[Phrase("drop.ignored_calls")] = table.index[ignored].tolist()
            keep &= ~ignored
        unknown = table["outcome"].isna() & keep
        if unknown.any():
            dropped[Phrase("drop.unknown_outcome")] = table.index[unknown].tolist()
            keep &= ~unknown
    if spec.kind == "calls":
        unknown = table["direction"].isna() & keep
        if unknown.any():
            dropped[Phrase("drop.unknown_direction")] = table.index[unknown].tolist()
            keep &= ~unknown
    return (table if keep.all() else table[keep]), dropped
