#!/usr/bin/python3
"""Validates gap analyses against docs/gap-analysis.schema.json with a real JSON Schema validator
(Debian's python3-jsonschema, Draft 2020-12), and shows that documents it must refuse are refused.

usage: validate.py SCHEMA FILE...            every FILE must be valid (exit 1 otherwise)
       validate.py SCHEMA --mutations FILE   FILE must be valid, and each mutation of it (a wrong
                                             type, an unknown verdict or decision, a missing
                                             required field, an unknown key, a null where none is
                                             allowed, ...) must be invalid
Prints one line per document (ok / FAIL with the first error's JSON path), then
"N passed, M failed"."""
import copy
import json
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def first_error(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    e = errors[0]
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
    return f"{where}: {e.message[:300]} ({len(errors)} error{'s' if len(errors) > 1 else ''})"


def group(doc):
    return doc["products"][0]["indicators"][0]["groups"][0]


def nonconforming(doc):
    for p in doc["products"]:
        for i in p["indicators"]:
            for g in i["groups"]:
                for c in g["conformity"]:
                    if c["nonconforming"]:
                        return c["nonconforming"][0]
    raise LookupError("no nonconforming result in the document")


def comparison(doc):
    for p in doc["products"]:
        for i in p["indicators"]:
            if i.get("comparison"):
                return i["comparison"]
    raise LookupError("no comparison in the document")


# (what, function that mutates the document in place)
MUTATIONS = [
    ("schema: another version", lambda d: d.__setitem__("schema", "qcompare/gap-analysis/2")),
    ("missing required: schema", lambda d: d.pop("schema")),
    ("missing required: products[].indicators", lambda d: d["products"][0].pop("indicators")),
    ("missing required: groups[].n", lambda d: group(d).pop("n")),
    ("wrong type: groups[].mean a string", lambda d: group(d).__setitem__("mean", "452.5")),
    ("wrong type: groups[].n a fraction", lambda d: group(d).__setitem__("n", 29.5)),
    ("null not allowed: groups[].n", lambda d: group(d).__setitem__("n", None)),
    ("negative count: groups[].n_missing", lambda d: group(d).__setitem__("n_missing", -1)),
    ("wrong type: products a map", lambda d: d.__setitem__("products", {"steel-rebar": d["products"][0]})),
    ("unknown verdict per standard", lambda d: d["products"][0]["standards"][0].__setitem__("verdict", "passes")),
    ("unknown comparison verdict", lambda d: comparison(d).__setitem__("verdict", "better")),
    ("unknown decision of a nonconforming result", lambda d: nonconforming(d).__setitem__("decision", "rejected")),
    ("unknown direction", lambda d: d["products"][0]["indicators"][0].__setitem__("direction", "up")),
    ("unknown key in a fixed object: groups[]", lambda d: group(d).__setitem__("average", 1.0)),
    ("unknown top-level section", lambda d: d.__setitem__("summary", {})),
    ("wrong type: a results file's count a string",
     lambda d: next(f for f in d["inputs"]["files"] if f["role"] == "results").__setitem__("accepted", "300")),
    ("unknown market access status", lambda d: d["products"][0]["market_access"].append(
        {"market": "EU", "group": "local", "status": "blocked", "regulations": 1,
         "decisions": {"pass": 0, "conditional_pass": 0, "conditional_fail": 0, "fail": 0,
                       "not_decidable": 0}, "failing": [], "not_tested": []})),
    ("sha256 not a hex digest", lambda d: d["inputs"]["files"][0].__setitem__("sha256", "xyz")),
    ("wrong type: notes[] a number", lambda d: d["notes"].append(1)),
]


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema = load(argv[1])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    # (name, document, whether it must be valid)
    if argv[2] == "--mutations":
        doc = load(argv[3])
        cases = [(f"{argv[3]} is valid", doc, True)]
        for what, mutate in MUTATIONS:
            bad = copy.deepcopy(doc)
            mutate(bad)
            cases.append((what, bad, False))
    else:
        cases = [(path, load(path), True) for path in argv[2:]]
    passed = failed = 0
    for name, doc, want_valid in cases:
        err = first_error(validator, doc)
        ok = (err is None) == want_valid
        why = "" if err is None and want_valid else ": accepted" if err is None else (
            f": refused at {err}" if not want_valid else f": {err}")
        print(f"{'ok  ' if ok else 'FAIL'} {name}{why}")
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
