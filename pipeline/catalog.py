"""What every warehouse table and column means, written where the table is made, and put into the
warehouse as DuckDB comments (`COMMENT ON TABLE/COLUMN`), so that `duckdb_tables()`, `duckdb_columns()`
and any SQL client show it.

Where the descriptions come from:
- a SQL model (`sql/**/*.sql`): its header. The line `-- One row: …` says what one row is, and a block
  `-- Columns:` lists every column the model returns, one `--   name: meaning [unit]` entry each (a
  longer meaning goes on in lines indented further):

      -- Columns:
      --   aar: the year counted
      --   per_31_12: children with a measure on 31 December [barn]

- an SSB table's raw table: its declaration (variables, unit); a Bufdir or kommune dataset: its
  declared columns (description, unit); a reference table: `ReferenceTable.column_docs`;
- a few machine columns that mean the same in every table (`report_year`, `snapshot_id`, …):
  `COMMON_COLUMNS`, unless a table says otherwise.

Declarations register their table's `TableDoc` (`document`); `pipeline.warehouse` comments a table in
the transaction that puts it in place, in one batched statement, and gives every indicator table a
stable view `latest.<table>` with the rows of the latest report year the table holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline.paths import SQL_DIR

# Views with the rows of the latest report year of each indicator table, under the table's own name.
LATEST_SCHEMA = "latest"

_UNIT = re.compile(r"^(?P<text>.*?)\s*\[(?P<unit>[^\[\]]+)\]\s*$", re.S)


@dataclass(frozen=True)
class ColumnDoc:
    description: str
    unit: str | None = None

    @classmethod
    def parse(cls, text: str) -> ColumnDoc:
        """`meaning [unit]` (the unit is optional)."""
        text = " ".join(text.split())
        match = _UNIT.match(text)
        return cls(match["text"], match["unit"]) if match else cls(text)

    @property
    def comment(self) -> str:
        return f"{self.description} [{self.unit}]" if self.unit else self.description


# Machine columns that mean the same wherever they are (a table's own description of one wins).
COMMON_COLUMNS: dict[str, ColumnDoc] = {
    "report_year": ColumnDoc("the report year whose run built the row (one row set per report year)", "år"),
    "snapshot_id": ColumnDoc("the id of the snapshot (archived inputs) the row was read from"),
    "synthetic": ColumnDoc("true when the row comes from synthetic demo data (DEMODATA), not published statistics"),
    "part": ColumnDoc("the part of the snapshot the cell was archived in (ssb/<table>/<part>.json)"),
    "fil": ColumnDoc("the file of the snapshot the row was read from"),
    "sha256": ColumnDoc("sha256 of that file as read"),
    "origin": ColumnDoc("where the row was read from: the built-in seed (sql/seeds/) or the snapshot's "
                        "reference/ file"),
    "status": ColumnDoc("SSB's status symbol of the cell behind the value: '.' not in use, '..' missing, '...' not "
                        "yet available, ':' confidential, '-' exact nil; NULL for a plain number"),
    "source_document": ColumnDoc("the published document the row's figures are taken from"),
    "source_url": ColumnDoc("where that document is published"),
    "quote": ColumnDoc("the passage of that document that gives the figure"),
}


@dataclass(frozen=True)
class TableDoc:
    table: str  # schema.name
    description: str
    one_row: str
    columns: Mapping[str, ColumnDoc] = field(default_factory=dict)
    written_in: str = ""  # where the descriptions are written, for a reader who wants to change one

    def column(self, name: str) -> ColumnDoc | None:
        return self.columns.get(name) or COMMON_COLUMNS.get(name)

    @property
    def comment(self) -> str:
        return f"{self.description.rstrip('.')}. One row: {self.one_row}"


# Every table described, by schema.name: filled where a table is declared.
TABLE_DOCS: dict[str, TableDoc] = {}


def document(doc: TableDoc) -> TableDoc:
    TABLE_DOCS[doc.table] = doc
    return doc


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_sql(table: str, columns: Iterable[str], relation: str = "table") -> str:
    """The comments of `table` (schema.name) and of each of `columns` as one batch of statements ('' when
    the table is not described). A column without a description gets no comment: the test of the demo
    warehouse names it."""
    doc = TABLE_DOCS.get(table)
    if doc is None:
        return ""
    schema, name = table.split(".")
    target = f"{_quote(schema)}.{_quote(name)}"
    statements = [f"comment on {relation} {target} is {_literal(doc.comment)}"]
    for column in columns:
        column_doc = doc.column(column)
        if column_doc is not None:
            statements.append(f"comment on column {target}.{_quote(column)} is {_literal(column_doc.comment)}")
    return ";\n".join(statements)


def failed_comment_sql(table: str, columns: Iterable[str]) -> str:
    """The comments of `<table>__failed`, the rows a validation rejected, for the analyst who looks at them."""
    doc = TABLE_DOCS.get(table)
    if doc is None:
        return ""
    failed = f"{table}__failed"
    TABLE_DOCS.setdefault(failed, TableDoc(
        failed, f"Rows of {table} that failed its validation, kept to be looked at ({table} itself was left "
                f"as it was): {doc.description}", doc.one_row, doc.columns, doc.written_in))
    return comment_sql(failed, columns)


def latest_view_sql(table: str, columns: Iterable[str], partition_column: str = "report_year") -> str:
    """`latest.<name>`: the rows of `table` of the latest report year it holds, commented like the table."""
    schema, name = table.split(".")
    view = f"{LATEST_SCHEMA}.{name}"
    statements = [
        f"create schema if not exists {LATEST_SCHEMA}",
        f"create or replace view {_quote(LATEST_SCHEMA)}.{_quote(name)} as select * from {table} "
        f"where {partition_column} = (select max({partition_column}) from {table})",
    ]
    doc = TABLE_DOCS.get(table)
    if doc is not None:  # the view is described as its table is (registered when first made)
        TABLE_DOCS.setdefault(view, TableDoc(
            view, f"{doc.description.rstrip('.')} — the latest report year {table} holds (a view of it)",
            doc.one_row, doc.columns, doc.written_in))
        statements.append(comment_sql(view, columns, relation="view"))
    return ";\n".join(statements)


# -- Descriptions written in a SQL model's header ------------------------------------------------------

_ENTRY = re.compile(r"^--(?P<indent> {1,3})(?P<name>[a-z0-9_]+):\s+(?P<text>\S.*)$")
_MORE = re.compile(r"^-- {4,}(?P<text>\S.*)$")


class SqlDocError(ValueError):
    """A SQL model's header that describes its columns in a form the catalogue cannot read."""


def parse_sql_header(text: str, where: str) -> tuple[str, dict[str, ColumnDoc]]:
    """(what one row is, {column: description}) from the comment header of a SQL model."""
    lines = text.splitlines()
    one_row: list[str] = []
    columns: dict[str, list[str]] = {}
    i = 0
    while i < len(lines) and lines[i].startswith("--"):
        line = lines[i]
        body = line[2:].strip()
        if body.startswith("One row:") and not one_row:
            # The sentence(s) up to a line that ends one, a blank comment line or the columns.
            one_row.append(body.removeprefix("One row:").strip())
            while not one_row[-1].endswith(".") and i + 1 < len(lines) and lines[i + 1].startswith("--") \
                    and lines[i + 1][2:].strip() and lines[i + 1][2:].strip() != "Columns:":
                i += 1
                one_row.append(lines[i][2:].strip())
        elif body == "Columns:":
            current: str | None = None
            while i + 1 < len(lines) and lines[i + 1].startswith("--") and lines[i + 1][2:].strip():
                i += 1
                entry, more = _ENTRY.match(lines[i]), _MORE.match(lines[i])
                if entry:
                    current = entry["name"]
                    if current in columns:
                        raise SqlDocError(f"{where}, line {i + 1}: column {current!r} is described twice")
                    columns[current] = [entry["text"]]
                elif more and current:
                    columns[current].append(more["text"])
                else:
                    raise SqlDocError(f"{where}, line {i + 1}: expected '--   column: meaning [unit]' (or a line "
                                      f"indented further that goes on with the one before), found {lines[i]!r}")
        i += 1
    return " ".join(one_row), {name: ColumnDoc.parse(" ".join(parts)) for name, parts in columns.items()}


def sql_table_doc(table: str, relpath: str, description: str) -> TableDoc:
    """The description of a table made by the SQL model `sql/<relpath>`, registered."""
    text = (SQL_DIR / relpath).read_text(encoding="utf-8")
    one_row, columns = parse_sql_header(text, f"sql/{relpath}")
    return document(TableDoc(table, description, one_row, columns, f"sql/{relpath}"))


def dataset_doc(table: str, description: str, one_row: str, columns: Iterable, written_in: str,
                extra: Mapping[str, str] = {}) -> TableDoc:
    """The description of a table read from a declared file (a Bufdir or kommune dataset: `typed_csv.Column`s
    with description and unit), registered; `extra`: the columns the reader adds."""
    docs = {c.name: ColumnDoc(c.description, c.unit) for c in columns if c.description}
    docs.update({name: ColumnDoc.parse(text) for name, text in extra.items()})
    return document(TableDoc(table, description, one_row, docs, written_in))


# -- The catalogue page: what the warehouse itself says ------------------------------------------------

# The order the catalogue lists the schemas in: what an analyst queries first.
SCHEMA_ORDER = ("indicators", LATEST_SCHEMA, "reference", "staging", "raw")


@dataclass
class CatalogueColumn:
    name: str
    type: str
    description: str
    unit: str


@dataclass
class CatalogueTable:
    schema: str
    name: str
    kind: str  # table | view
    description: str
    one_row: str
    rows: int
    columns: list[CatalogueColumn]

    @property
    def undescribed(self) -> list[str]:
        return [c.name for c in self.columns if not c.description]


def read_catalogue(con) -> list[CatalogueTable]:
    """Every table and view of the warehouse's own schemas with its comments, as the warehouse holds them
    (tables a failed validation left, `<table>__failed`, are not listed)."""
    relations = con.execute("""
        select schema_name, table_name, 'table', comment from duckdb_tables() where not internal
        union all
        select schema_name, view_name, 'view', comment from duckdb_views() where not internal
        """).fetchall()
    columns: dict[tuple[str, str], list[CatalogueColumn]] = {}
    for schema, table, name, kind, comment in con.execute("""
            select schema_name, table_name, column_name, data_type, comment from duckdb_columns()
            where not internal order by schema_name, table_name, column_index""").fetchall():
        doc = ColumnDoc.parse(comment or "")
        columns.setdefault((schema, table), []).append(CatalogueColumn(name, kind, doc.description, doc.unit or ""))
    rank = {schema: i for i, schema in enumerate(SCHEMA_ORDER)}
    tables = []
    for schema, name, kind, comment in sorted(relations, key=lambda r: (rank.get(r[0], len(rank)), r[0], r[1])):
        if schema not in rank or "__" in name:
            continue
        description, _, one_row = (comment or "").partition(" One row: ")
        rows = con.execute(f"select count(*) from {_quote(schema)}.{_quote(name)}").fetchone()[0]
        tables.append(CatalogueTable(schema, name, kind, description.rstrip("."), one_row, rows,
                                     columns.get((schema, name), [])))
    return tables


def render_catalogue(tables: list[CatalogueTable], year: int, synthetic: bool, warehouse: str) -> str:
    """The self-contained HTML page `report/<year>/katalog.html` (template `reports/katalog.html.j2`)."""
    import jinja2

    from pipeline.paths import REPORTS_DIR

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPORTS_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    schemas = [(schema, [t for t in tables if t.schema == schema])
               for schema in dict.fromkeys(t.schema for t in tables)]
    return env.get_template("katalog.html.j2").render(
        year=year, synthetic=synthetic, schemas=schemas, warehouse=warehouse, latest=LATEST_SCHEMA,
        tables=len(tables), columns=sum(len(t.columns) for t in tables))
