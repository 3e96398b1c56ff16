/* xlsx_internal.h — shared by xlsx.c (archive, workbook, shared strings, styles) and
 * xlsx_sheet.c (the sheet's rows as records). Not installed. */
#ifndef QC_XLSX_INTERNAL_H
#define QC_XLSX_INTERNAL_H

#include <expat.h>
#include "dynload.h"
#include "qcompare/ingest.h"
#include "qcompare/names.h"

struct qc_xlsx {
    const char *path;
    const qc_zip_lib *z;         /* libzip, loaded on first use (dynload.h) */
    zip_t *zip;
    char *sheet, *part;          /* the sheet's name and its part in the archive */
    char **strings;              /* the shared strings */
    size_t nstrings;
    unsigned char *date_style;   /* per cell format (cellXfs): 1 when it shows a date */
    size_t nstyles;
    int date1904;                /* the workbook counts days from 1904-01-01 */
    XML_Parser parser;           /* the parse under way (qc_xlsx_parse) */
    qc_status stop;              /* set by a handler that stopped it (XML_StopParser) */
};

/* A growing NUL-terminated text. */
typedef struct qc_xlsx_text { char *s; size_t len, cap; } qc_xlsx_text;
int qc_xlsx_text_add(qc_xlsx_text *t, const char *s, size_t n);

/* An element's or attribute's local name (the parser splits namespaces with ' '). */
const char *qc_xlsx_local(const char *name);
const char *qc_xlsx_attr(const char **atts, const char *local);
/* Streams archive entry name through expat with the handlers (x->stop: a status a handler
 * stopped the parser with, XML_StopParser). Absent and optional: QC_OK. */
qc_status qc_xlsx_parse(qc_xlsx *x, const char *name, int optional, XML_StartElementHandler start,
                        XML_EndElementHandler end, XML_CharacterDataHandler text, void *ud,
                        qc_error *err);

#endif
