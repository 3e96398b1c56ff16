#!/usr/bin/python3
"""Prints an xlsx workbook as text (sheets, frozen panes, autofilter, column widths, and each
cell's value, type and number format) so that a golden copy can be compared line by line.
usage: dump_xlsx.py FILE.xlsx"""
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print("sheet %r %s freeze=%s filter=%s" % (ws.title, ws.dimensions, ws.freeze_panes, ws.auto_filter.ref))
    for key in sorted(ws.column_dimensions):
        print("  width %s %.2f" % (key, ws.column_dimensions[key].width))
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            print("  %s %s %r %s%s" % (c.coordinate, type(c.value).__name__, c.value, c.number_format,
                                      " bold" if c.font and c.font.b else ""))
