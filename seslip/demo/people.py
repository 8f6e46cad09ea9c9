"""Everyone named in the seeds, one row per real person in ``people.csv``, keyed by name.

Phone numbers and email addresses appear only where the seeds give them. ``has_left`` is set for
people from update no. 298 (2018) whose post the 2024-25 plan or the current contact details show
held by someone else; they stay in the database so that the 2018 update still reads correctly.
The file's ``source`` column says where in the seeds each person is named and ``note`` says why
an entry reads as it does; neither is loaded.
"""

import csv
from pathlib import Path

PEOPLE_FILE = Path(__file__).with_name("people.csv")


def _person(row):
    person = {"name": row["name"], "role": row["role"], "organisation": row["organisation"]}
    person.update({key: row[key] for key in ("phone", "email") if row[key]})
    if row["has_left"] == "yes":
        person["has_left"] = True
    return person


with PEOPLE_FILE.open(encoding="utf-8", newline="") as people_file:
    PEOPLE = [_person(row) for row in csv.DictReader(people_file)]
