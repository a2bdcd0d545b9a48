"""Tables read from word positions: a header row, its columns, and the cells under them.

Extraction gives words with boxes in reading order; a table's cells come out one after the
other, and the header that says what a cell holds ("Van", "Aanvrager", "Postcode") stands
lines away. Here the page's words are put back into visual lines, a line of short labels set
apart like columns is taken as a header, and the lines under it are split into cells by the
header's columns, until the rows stop lining up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Document, Word

# Words further apart than this many times the line's height are in different cells.
CELL_GAP = 0.9
# A header needs this many cells; most of them short labels.
MIN_COLUMNS = 3
MAX_LABEL_WORDS = 4
# Rows end at a vertical gap of this many line heights, or at a line none of whose cells
# starts under a column.
MAX_ROW_GAP = 3.0
MIN_ALIGNED = 0.5
# A table ending this few lines above its page's foot (a footer, a page number) may go on
# at the next page's top, below a running head of at most HEAD_LINES lines.
FOOT_LINES = 3
HEAD_LINES = 4


@dataclass(slots=True)
class Cell:
    words: list[int]  # indices into Document.words
    x0: float
    x1: float
    text: str


@dataclass(slots=True)
class Column:
    header: str
    x0: float
    x1: float  # where the next column starts


@dataclass(slots=True)
class Table:
    page: int
    columns: list[Column]
    # per row: column index -> the cell under that column
    rows: list[dict[int, Cell]] = field(default_factory=list)


def visual_lines(doc: Document, page: int,
                 on_page: list[int] | None = None) -> list[list[int]]:
    """The page's words grouped into lines by their vertical position, left to right.
    ``on_page``: the indexes of the page's words, when the caller has them."""
    idx = (list(on_page) if on_page is not None
           else [i for i, w in enumerate(doc.words) if w.box.page == page])
    idx.sort(key=lambda i: (doc.words[i].box.y0 + doc.words[i].box.y1) / 2)
    lines: list[list[int]] = []
    last_mid = None
    for i in idx:
        b = doc.words[i].box
        mid, h = (b.y0 + b.y1) / 2, max(b.y1 - b.y0, 1.0)
        if last_mid is not None and abs(mid - last_mid) < 0.35 * h:
            lines[-1].append(i)
        else:
            lines.append([i])
            last_mid = mid
    for line in lines:
        line.sort(key=lambda i: doc.words[i].box.x0)
    return lines


def cells_of(doc: Document, line: list[int]) -> list[Cell]:
    """A visual line split where the gap between words is wider than a space."""
    out: list[Cell] = []
    for i in line:
        w: Word = doc.words[i]
        h = max(w.box.y1 - w.box.y0, 1.0)
        if out and w.box.x0 - out[-1].x1 < CELL_GAP * h:
            c = out[-1]
            c.words.append(i)
            c.x1 = max(c.x1, w.box.x1)
            c.text += " " + w.text
        else:
            out.append(Cell([i], w.box.x0, w.box.x1, w.text))
    return out


def _label_like(cell: Cell) -> bool:
    words = cell.text.split()
    return (len(words) <= MAX_LABEL_WORDS and not any(ch.isdigit() for ch in cell.text)
            and cell.text[:1].isalpha())


def _line_height(doc: Document, line: list[int]) -> float:
    return max(doc.words[i].box.y1 - doc.words[i].box.y0 for i in line)


def _line_top(doc: Document, line: list[int]) -> float:
    return min(doc.words[i].box.y0 for i in line)


def tables(doc: Document, is_header_word=None) -> Iterator[Table]:
    """Every table of the document whose header row has a cell ``is_header_word`` accepts
    (a known label), or any header when no test is given. A table that runs to the foot of
    its page goes on at the top of the next page when rows there line up under its columns
    (without its header, as printed tables continue)."""
    carried: Table | None = None  # the table that ran to the foot of the previous page
    by_page: dict[int, list[int]] = {}
    for i, w in enumerate(doc.words):
        by_page.setdefault(w.box.page, []).append(i)
    for page in range(doc.page_count):
        lines = visual_lines(doc, page, by_page.get(page, []))
        k = 0
        if carried is not None:
            table, k = _continued(doc, page, carried, lines, is_header_word)
            carried = None
            if table.rows:
                yield table
                if len(lines) - k <= FOOT_LINES:
                    carried = table
        while k < len(lines):
            cells = cells_of(doc, lines[k])
            if _is_header(cells, is_header_word):
                table, used = _read_table(doc, page, cells, lines[k + 1:], is_header_word)
                if table.rows:
                    yield table
                    k += 1 + used
                    if len(lines) - k <= FOOT_LINES:
                        carried = table
                    continue
            k += 1


def _continued(doc: Document, page: int, above: Table, lines: list[list[int]],
               is_header_word) -> tuple[Table, int]:
    """The rows at the top of ``page`` that continue ``above`` (below a running head of at
    most HEAD_LINES lines), and the index of the first line after them."""
    columns = above.columns
    for k, line in enumerate(lines[:HEAD_LINES + 1]):
        cells = cells_of(doc, line)
        height = _line_height(doc, line)
        row = {col for c in cells if (col := _column_of(columns, c, height)) is not None}
        if 0 in row and len(row) >= max(2, len(columns) - 1) and len(row) == len(cells):
            top = _line_top(doc, line) - height  # the first row is within reach
            table = Table(page, columns)
            used = _read_rows(doc, table, height, top, lines[k:], is_header_word)
            return table, k + used
    return Table(page, columns), 0


def _is_header(cells: list[Cell], is_header_word) -> bool:
    # a spreadsheet print numbers its rows in a gutter, the header's row too ("1  Datum  Beh.")
    labels = cells[1:] if cells and _row_number(cells[0]) else cells
    return (len(labels) >= MIN_COLUMNS and all(_label_like(c) for c in labels)
            and (is_header_word is None or any(is_header_word(c.text) for c in labels)))


def _row_number(cell: Cell) -> bool:
    return cell.text.isdigit() and len(cell.text) <= 4


def _read_table(doc: Document, page: int, header: list[Cell], below: list[list[int]],
                is_header_word=None) -> tuple[Table, int]:
    if is_header_word is not None:
        # "Geb.datum Kenteken" set too close to be two cells: two known labels are two columns
        header = [part for c in header for part in _split_labels(doc, c, is_header_word)]
    columns = []
    for n, c in enumerate(header):
        nxt = header[n + 1].x0 if n + 1 < len(header) else float("inf")
        columns.append(Column(c.text, c.x0, nxt))
    table = Table(page, columns)
    height = _line_height(doc, [i for c in header for i in c.words])
    last_top = _line_top(doc, [i for c in header for i in c.words])
    return table, _read_rows(doc, table, height, last_top, below, is_header_word)


def _read_rows(doc: Document, table: Table, height: float, last_top: float,
               below: list[list[int]], is_header_word) -> int:
    """Rows under ``table``'s columns from ``below`` until they stop lining up; how many
    lines they took."""
    columns = table.columns
    used = 0
    for line in below:
        top = _line_top(doc, line)
        if top - last_top > MAX_ROW_GAP * height:
            break
        cells = [part for c in cells_of(doc, line) for part in _split_at_column(doc, c, columns)]
        row: dict[int, Cell] = {}
        for c in cells:
            col = _column_of(columns, c, height)
            if col is not None:
                row[col] = c
        if len(row) < max(1, MIN_ALIGNED * len(cells)):
            break
        if any(sum(c.x0 < col.x0 < c.x1 for col in columns) >= 2 for c in cells):
            break  # a line running across the columns: the text after the table
        if _is_header(cells, is_header_word) and is_header_word is not None:
            break  # a header line: the next table (or this one again) starts
        if table.rows and 0 not in row and top - last_top < 1.6 * height:
            # no cell under the first column: the cells of the row above wrap onto this line
            above = table.rows[-1]
            for k, c in row.items():
                if k in above:
                    above[k] = Cell(above[k].words + c.words, min(above[k].x0, c.x0),
                                    max(above[k].x1, c.x1), f"{above[k].text} {c.text}")
                else:
                    above[k] = c
            last_top = top
            used += 1
            continue
        table.rows.append(row)
        last_top = top
        used += 1
    return used


def _split_labels(doc: Document, cell: Cell, is_header_word) -> list[Cell]:
    """Header words set too close to be two cells: two known labels ("Geb.datum Kenteken"),
    or a known label beside another capitalised word ("Behandelaar Opmerking"), unless the
    words together are one known label ("Naam ouder")."""
    words = cell.words
    if len(words) < 2 or is_header_word(cell.text):
        return [cell]
    known = sum(1 for i in words if is_header_word(doc.words[i].text))
    if known >= 2 or (known == 1 and len(words) == 2
                      and all(doc.words[i].text[:1].isupper() for i in words)):
        return [_cell(doc, [i]) for i in words]
    return [cell]


def _split_at_column(doc: Document, cell: Cell, columns: list[Column]) -> list[Cell]:
    """A cell whose words run on under the next column's header ("8922186299079565 Bakker,
    J.M." under "CJIB-nummer" and "Betrokkene"): one cell for each column. A cell crossing
    more than one column is running text, which ends the table (see _read_rows)."""
    inside = [col for col in columns[1:] if cell.x0 < col.x0 < cell.x1]
    if len(inside) != 1:
        return [cell]
    edge = inside[0].x0 - 1.0
    left = [i for i in cell.words if doc.words[i].box.x0 < edge]
    right = [i for i in cell.words if doc.words[i].box.x0 >= edge]
    return [_cell(doc, left), _cell(doc, right)] if left and right else [cell]


def _cell(doc: Document, words: list[int]) -> Cell:
    return Cell(list(words), min(doc.words[i].box.x0 for i in words),
                max(doc.words[i].box.x1 for i in words),
                " ".join(doc.words[i].text for i in words))


def _column_of(columns: list[Column], cell: Cell, height: float) -> int | None:
    """The column a cell starts under (a little to its left allowed: centred headers)."""
    slack = 2.0 * height
    for k, col in enumerate(columns):
        if col.x0 - slack <= cell.x0 < col.x1 - 0.5 * height:
            return k
    return None
