/* dynload.h — libzip and libxlsxwriter, loaded with dlopen the first time an xlsx is read or
 * written (dynload.c), so that a run reading CSV never maps them, nor the libcrypto, minizip,
 * bz2 and zlib they bring. Not installed; below every layer (ingest and render both use it).
 *
 * Each table holds a pointer per function the xlsx code calls, typed by the library's own
 * prototype (`__typeof__`), so a call through it is checked like a direct call. Call sites
 * write `z->zip_open(...)`. Adding a function: add it to the list below; dynload.c resolves it.
 *
 * QCOMPARE_LIBZIP and QCOMPARE_LIBXLSXWRITER, when set and not empty, name the file dlopen
 * loads instead of the soname the build found (README, "Command line"). */
#ifndef QC_DYNLOAD_H
#define QC_DYNLOAD_H

#include <xlsxwriter.h>
#include <zip.h>
#include "qcompare/status.h"

#define QC_ZIP_FUNCTIONS(X) \
    X(zip_open) X(zip_close) X(zip_discard) X(zip_strerror) X(zip_get_num_entries) \
    X(zip_name_locate) X(zip_stat_index) X(zip_fopen) X(zip_fopen_index) X(zip_fread) \
    X(zip_fclose) X(zip_source_buffer) X(zip_source_free) X(zip_file_replace) \
    X(zip_file_set_mtime)

#define QC_XLSXWRITER_FUNCTIONS(X) \
    X(workbook_new_opt) X(workbook_set_properties) X(workbook_add_format) \
    X(workbook_add_worksheet) X(workbook_close) X(worksheet_write_string) \
    X(worksheet_write_number) X(worksheet_set_column) X(worksheet_freeze_panes) \
    X(worksheet_autofilter) X(format_set_bold) X(format_set_bg_color) X(format_set_border) \
    X(format_set_text_wrap) X(format_set_num_format) X(lxw_strerror)

#define QC_DYNLOAD_SLOT(f) __typeof__(f) *f;
typedef struct qc_zip_lib { QC_ZIP_FUNCTIONS(QC_DYNLOAD_SLOT) } qc_zip_lib;
typedef struct qc_xlsxwriter_lib { QC_XLSXWRITER_FUNCTIONS(QC_DYNLOAD_SLOT) } qc_xlsxwriter_lib;
#undef QC_DYNLOAD_SLOT

/* The functions of libzip (of libxlsxwriter), the library loaded and every function resolved
 * on the first call in the process (thread-safe; later calls return the same table). When it
 * cannot be loaded or lacks a function: QC_EIO and "WHAT: cannot load libzip (reason): install
 * the Debian package …", every later call failing the same way. */
qc_status qc_dynload_zip(const char *what, const qc_zip_lib **out, qc_error *err);
qc_status qc_dynload_xlsxwriter(const char *what, const qc_xlsxwriter_lib **out, qc_error *err);

#endif
