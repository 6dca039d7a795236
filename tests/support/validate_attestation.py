#!/usr/bin/env python3
"""Validates an in-toto statement (a file) against tests/data/schemas: the Statement v0.1 schema,
then its predicate against the SLSA (or SPDX 2.3) schema its predicateType names. Exit 0 = valid; 1 with the
first violation on stderr. The schemas were written for manifold from the specs."""
import json
import pathlib
import sys

import jsonschema

SCHEMAS = pathlib.Path(__file__).resolve().parent.parent / "data" / "schemas"
PREDICATES = {
    "https://slsa.dev/provenance/v0.2": "slsa-provenance-v0.2.json",
    "https://slsa.dev/provenance/v1": "slsa-provenance-v1.json",
    "https://spdx.dev/Document": "../spdx/spdx-document-2.3.json",
}


def load(name):
    return json.loads((SCHEMAS / name).read_text())


def main(path):
    statement = json.loads(pathlib.Path(path).read_text())
    try:
        jsonschema.Draft7Validator(load("in-toto-statement-v0.1.json")).validate(statement)
        predicate_schema = PREDICATES.get(statement["predicateType"])
        if predicate_schema is None:
            print(f"{path}: no schema for predicateType {statement['predicateType']}", file=sys.stderr)
            return 1
        schema = load(predicate_schema)
        jsonschema.validators.validator_for(schema)(schema).validate(statement.get("predicate", {}))
    except jsonschema.ValidationError as e:
        print(f"{path}: {e.message} at {'/'.join(str(p) for p in e.absolute_path)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
