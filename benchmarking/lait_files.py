"""Reading the DfE's LAIT files: the values, the measures (the data dictionary), the statistical
neighbours and the authority codes. Every row is checked; each problem is said with its file and
line, and nothing is written here (``importer.load`` writes)."""

import csv
import functools
import gzip
import io
import re
from decimal import Context, Decimal, InvalidOperation

from .models.data import STATUS_TOKENS, Polarity, excel_date

FILE_LABELS = {
    "values": "values",
    "measures": "measures (data dictionary)",
    "neighbours": "statistical neighbours",
    "areas": "authority codes",
}

# Numbers keep 10 significant digits: enough for any sum, and no float noise (9.3699999999999992).
SIGNIFICANT = Context(prec=10)
YEAR = re.compile(r"(\d{1,4})")
NOT_SET = {"", "NA", "-"}


def read_text(data):
    """The text of a file's bytes, gunzipped when compressed."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8-sig")


def _rows(text, required, label, errors):
    """(line number, row) of a CSV file, each row a dict; the line is where the row starts."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [name for name in required if name not in (reader.fieldnames or [])]
    if missing:
        errors.append((label, f"line 1: the columns {', '.join(missing)} are missing"))
        return
    line = reader.line_num + 1
    for row in reader:
        yield line, {k: (v or "").strip() for k, v in row.items() if k is not None}
        line = reader.line_num + 1


def _int(text):
    """An integer written as '301' or '301.0'; None for anything else."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def parse_number(text):
    """A published value: (Decimal rounded to 10 significant digits, '') or (None, status).
    Raises ValueError for anything that is neither a number nor a known token."""
    token = text.strip()
    status = STATUS_TOKENS.get(token.lower())
    if status is not None:
        return None, status.value
    try:
        number = SIGNIFICANT.create_decimal(token)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or token == "":
        known = " ".join(f"“{t}”" for t in STATUS_TOKENS)
        raise ValueError(f"the value “{token}” is neither a number nor one of {known}")
    if abs(number) >= Decimal(10) ** 17:
        raise ValueError(f"the value “{token}” is too large")
    return number, ""


def year_start(label):
    match = YEAR.match(label)
    return int(match.group(1)) if match else None


def parse_measures(text, errors, notes):
    label = FILE_LABELS["measures"]
    measures = {}
    first_line = {}
    for line, row in _rows(text, ["Measure_short", "Topic", "Measure"], label, errors):
        code = row["Measure_short"]
        problems = []
        if not code:
            problems.append("Measure_short is empty")
        if not row["Topic"]:
            problems.append("Topic is empty")
        if not row["Measure"]:
            problems.append("Measure is empty")
        polarity = row.get("Polarity", "")
        if polarity not in ("High", "Low", *NOT_SET):
            problems.append(f"Polarity “{polarity}” is not High, Low, - or NA")
        dps = row.get("dps", "")
        if dps not in NOT_SET and (_int(dps) is None or not 0 <= _int(dps) <= 6):
            problems.append(f"dps “{dps}” is not a number of decimal places (0 to 6)")
        if len(code) > 64 or len(row["Measure"]) > 255 or len(row["Topic"]) > 100:
            problems.append("a code, name or topic is too long")
        if problems:
            errors.append((label, f"line {line}: " + "; ".join(problems)))
            continue
        if code in measures:
            notes.append(
                f"Measure {code} is listed again on line {line} (topic {row['Topic']}): "
                f"the row on line {first_line[code]} is used."
            )
            continue
        first_line[code] = line
        next_raw = row.get("Next Update", "")
        next_date = excel_date(next_raw)
        measures[code] = {
            "dictionary_code": row.get("Measure_code", "")[:16],
            "topic": row["Topic"],
            "name": row["Measure"],
            "chart_title": row.get("Chart_title", "")[:255],
            "polarity": {"High": Polarity.HIGH, "Low": Polarity.LOW}.get(polarity, ""),
            "y_axis_name": row.get("y_axis_name", "")[:100],
            "description": row.get("Description", ""),
            "methodology": row.get("Methodology", ""),
            "source": row.get("Data Owner (DO) /Supplier and Contact Details", ""),
            "hyperlinks": row.get("Hyperlink(s)", ""),
            "dps": None if dps in NOT_SET else _int(dps),
            "year_type": row.get("Year_Type", "")[:50],
            "no_quartile": row.get("No_Quartile", "") not in NOT_SET,
            "last_update": excel_date(row.get("Last Update", "")),
            "next_update": next_date,
            "next_update_note": "" if next_date or next_raw in NOT_SET else next_raw[:100],
            "sort_order": len(measures),
        }
    return measures


def parse_areas(text, errors):
    label = FILE_LABELS["areas"]
    areas = {}
    for line, row in _rows(text, ["LA Number", "LA Name"], label, errors):
        number = _int(row["LA Number"])
        if number is None or number <= 0 or not row["LA Name"]:
            errors.append((label, f"line {line}: needs an LA Number and an LA Name"))
            continue
        region = row.get("Region", "")
        areas[number] = (row["LA Name"][:100], "" if region in NOT_SET else region[:100])
    return areas


def parse_neighbours(text, errors):
    label = FILE_LABELS["neighbours"]
    columns = ["la_number", "rank", "neighbour_la_number", "closeness"]
    neighbours = {}
    for line, row in _rows(text, columns, label, errors):
        number, rank = _int(row["la_number"]), _int(row["rank"])
        neighbour = _int(row["neighbour_la_number"])
        if number is None or neighbour is None or rank is None or not 1 <= rank <= 10:
            errors.append(
                (label, f"line {line}: needs la_number, neighbour_la_number and a rank 1–10")
            )
            continue
        if (number, rank) in neighbours:
            errors.append((label, f"line {line}: authority {number} has rank {rank} twice"))
            continue
        neighbours[(number, rank)] = (neighbour, row["closeness"].capitalize()[:30])
    return neighbours


def _checked_number(text):
    """parse_number's (value, status, '') or (None, '', the problem)."""
    try:
        return (*parse_number(text), "")
    except ValueError as error:
        return None, "", str(error)


def parse_values(text, known_measures, errors):
    """The rows as (measure code, LA number, year, year start, value, status), with the areas
    named in the file. The file is large (641,070 rows), so rows are read as lists rather than
    dicts, and each distinct number, year or value text is parsed once."""
    label = FILE_LABELS["values"]
    columns = ["Short Desc", "Years", "LA and Regions", "Values", "LA Number"]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in columns if name not in header]
    if missing:
        errors.append((label, f"line 1: the columns {', '.join(missing)} are missing"))
        return [], {}
    code_at, year_at, name_at, value_at, number_at = (header.index(c) for c in columns)
    region_at = header.index("Region") if "Region" in header else None
    width = len(header)
    whole, start_of, figure_of = (functools.cache(f) for f in (_int, year_start, _checked_number))
    rows = []
    areas = {}
    seen = {}
    line = reader.line_num + 1
    for record in reader:
        if not record:  # a blank line, skipped as csv.DictReader does
            line = reader.line_num + 1
            continue
        if len(record) < width:
            record += [""] * (width - len(record))
        code, year, name = (record[i].strip() for i in (code_at, year_at, name_at))
        problems = []
        if code not in known_measures:
            problems.append(f"the measure “{code}” is not in the data dictionary")
        number_text = record[number_at].strip()
        number = whole(number_text)
        if number is None or number <= 0:
            problems.append(f"the LA Number “{number_text}” is not a whole number")
        start = start_of(year)
        if start is None or len(year) > 30:
            problems.append(f"the year “{year}” does not start with a year")
        value, status, problem = figure_of(record[value_at].strip())
        if problem:
            problems.append(problem)
        if not name:
            problems.append("LA and Regions is empty")
        key = (code, number, year)
        if problems:
            errors.append((label, f"line {line}: " + "; ".join(problems)))
        elif key in seen:
            errors.append(
                (label, f"line {line}: the same measure, area and year as line {seen[key]}")
            )
        else:
            seen[key] = line
            region = record[region_at].strip() if region_at is not None else ""
            areas[number] = (name[:100], "" if region in NOT_SET else region[:100])
            rows.append((code, number, year, start, value, status))
        line = reader.line_num + 1
    return rows, areas
