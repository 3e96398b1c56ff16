/* render.h — reports people read, built from a gap analysis JSON document alone (DESIGN §9,
 * issue 11): HTML (one self-contained file with SVG charts), Markdown (with SVG figures beside
 * it), tidy CSV tables and an xlsx workbook, in Chinese or English. The render layer reads
 * the document through its own accessors: a field the document lacks is shown as absent, never
 * a crash. It sits above report/ (whose atomic writer it uses) and below the command line. */
#ifndef QCOMPARE_RENDER_H
#define QCOMPARE_RENDER_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "status.h"

typedef enum { QC_LANG_ZH = 0, QC_LANG_EN = 1 } qc_lang;

/* A format by name ("html", "md", "csv", "xlsx"): its index in the renderer table, or -1. */
int qc_render_format(const char *name);
/* Whether a format writes a single text stream that may go to stdout (html, md). */
int qc_render_streams(int format);
/* The language of a name ("zh", "en"), or -1. */
int qc_render_lang(const char *name);

/* Checks that doc is a gap analysis a report can be made of: the schema, and `products`
 * an array. QC_ERULES with the reason otherwise. */
qc_status qc_render_check(const cJSON *doc, const char *name, qc_error *err);

/* Renders doc in a format and language to path: html and md to a file, or to stdout when
 * path is NULL or "-" (md then leaves its figures out); csv to a directory (created when
 * missing) of five tables; xlsx to a file. Every file is written atomically. QC_EUSAGE when
 * csv or xlsx is given no path; QC_EIO when a target cannot be written. */
qc_status qc_render(const cJSON *doc, int format, qc_lang lang, const char *path, qc_error *err);

/* The text of an html or md report in memory (malloc'd, NUL-terminated; figures of md are
 * left out). For tests and library users who embed the report. */
qc_status qc_render_text(const cJSON *doc, int format, qc_lang lang, char **text, size_t *len,
                         qc_error *err);

#endif
