#!/usr/bin/python3
"""JUnit XML of `qcompare diff --format junit` parsed by a real XML parser (xml.etree), its
counts checked against the JSON format of the same comparison: one test case per section of
the documents, a failure per section with differences, one line per difference in the failure,
the totals on <testsuites> and <testsuite>. Also a document whose ids need XML escaping.

usage: junit.py QCOMPARE REPO_ROOT"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

qc, root = sys.argv[1], sys.argv[2]
data = os.path.join(root, "tests", "cli", "data", "diff")
failed = []


def run(*args):
    p = subprocess.run([qc, "diff", *args], capture_output=True, text=True)
    return p.returncode, p.stdout


def check(name, expected, actual, want_rc):
    rc, xml = run("--format", "junit", expected, actual)
    _, js = run("--format", "json", expected, actual)
    summary = json.loads(js)
    try:
        suites = ET.fromstring(xml)
    except ET.ParseError as e:
        failed.append(f"{name}: JUnit XML does not parse: {e}")
        return
    suite = suites.find("testsuite")
    cases = suite.findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    sections = summary["sections"]
    want_failing = [s for s in sections if s["differences"]]
    checks = [
        (rc, want_rc, "exit code"),
        (suites.tag, "testsuites", "root element"),
        (int(suites.get("tests")), len(sections), "testsuites tests"),
        (int(suites.get("failures")), len(want_failing), "testsuites failures"),
        (int(suite.get("tests")), len(cases), "testsuite tests = test cases"),
        (int(suite.get("failures")), len(failing), "testsuite failures = failing cases"),
        ([c.get("name") for c in cases], [s["section"] for s in sections], "case names"),
        (sum(len(c.find("failure").text.splitlines()) for c in failing),
         summary["differences"], "difference lines"),
    ]
    for c in failing:
        n = next(s["differences"] for s in sections if s["section"] == c.get("name"))
        msg = c.find("failure").get("message")
        checks.append((msg.split(" ")[0], str(n), f"message of {c.get('name')}"))
    for got, want, what in checks:
        if got != want:
            failed.append(f"{name}: {what}: expected {want!r}, got {got!r}")


check("edited result", os.path.join(data, "rebar.json"), os.path.join(data, "rebar-edited.json"), 1)
check("same file", os.path.join(data, "rebar.json"), os.path.join(data, "rebar.json"), 0)
with tempfile.TemporaryDirectory() as tmp:
    doc = json.load(open(os.path.join(data, "rebar-edited.json"), encoding="utf-8"))
    doc["products"][0]["product"] = 'steel<rebar> & "co"'
    doc["notes"].append("control \u0001 character & <markup>")
    odd = os.path.join(tmp, "odd & <name>.json")
    with open(odd, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    check("ids that need escaping", os.path.join(data, "rebar.json"), odd, 1)
    rc, xml = run("--format", "junit", os.path.join(data, "rebar.json"), odd)
    names = [c.get("name") for c in ET.fromstring(xml).iter("testcase")]
    if 'products[steel<rebar> & "co"].scorecard' not in names:
        failed.append(f"escaped product id not read back: {names}")

for f in failed:
    print("FAIL", f)
print(f"{0 if failed else 1} passed, {1 if failed else 0} failed")
sys.exit(1 if failed else 0)
