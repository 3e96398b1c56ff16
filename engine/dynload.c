/* dynload.c — loads libzip and libxlsxwriter with dlopen when an xlsx is first read or written
 * (dynload.h), instead of at every start: the two, with the libcrypto, minizip, bz2 and zlib
 * they depend on, cost the dynamic linker more than a small study's whole analysis (bench/
 * README.md, "Start-up"). Owns one table per library (function name → slot in the table of
 * dynload.h), filled once per process under pthread_once, and the reason when it could not be.
 * The library stays loaded until the process ends. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynload.h"

/* dlsym's object pointer is stored into a function-pointer slot (POSIX guarantees it works). */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers differ in size");

typedef struct fn_entry { const char *name; size_t offset; } fn_entry;

typedef struct library {
    const char *label;    /* "libzip" */
    const char *env;      /* the variable naming another file to load */
    const char *soname;   /* the build's soname, loaded by default */
    const char *debian;   /* the Debian package installing soname */
    const fn_entry *fns;
    size_t nfns;
    void *table;          /* the qc_*_lib filled with the functions */
    int via_env;          /* the file came from env */
    int failed;
    char why[768];        /* dlerror's text, or the function missing, when failed */
} library;

#define QC_DYNLOAD_ENTRY(type, f) {#f, offsetof(type, f)},
#define QC_ZIP_ENTRY(f) QC_DYNLOAD_ENTRY(qc_zip_lib, f)
#define QC_XLSXWRITER_ENTRY(f) QC_DYNLOAD_ENTRY(qc_xlsxwriter_lib, f)
static const fn_entry zip_fns[] = {QC_ZIP_FUNCTIONS(QC_ZIP_ENTRY)};
static const fn_entry xlsxwriter_fns[] = {QC_XLSXWRITER_FUNCTIONS(QC_XLSXWRITER_ENTRY)};

static qc_zip_lib zip_table;
static qc_xlsxwriter_lib xlsxwriter_table;
static library zip_library = {"libzip", "QCOMPARE_LIBZIP", QC_LIBZIP_SONAME, QC_LIBZIP_DEBIAN, zip_fns,
                              sizeof zip_fns / sizeof *zip_fns, &zip_table, 0, 0, ""};
static library xlsxwriter_library = {"libxlsxwriter", "QCOMPARE_LIBXLSXWRITER", QC_LIBXLSXWRITER_SONAME,
                                     QC_LIBXLSXWRITER_DEBIAN, xlsxwriter_fns,
                                     sizeof xlsxwriter_fns / sizeof *xlsxwriter_fns,
                                     &xlsxwriter_table, 0, 0, ""};

static const char *file_of(const library *lib)
{
    const char *f = getenv(lib->env);
    return f && *f ? f : lib->soname;
}

/* Loads lib and resolves every function of its table; on failure sets failed and why. */
static void load(library *lib)
{
    const char *file = file_of(lib);
    lib->via_env = file != lib->soname;
    void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(lib->why, sizeof lib->why, "%s", e ? e : file);
        lib->failed = 1;
        return;
    }
    for (size_t i = 0; i < lib->nfns; i++) {
        dlerror();
        void *p = dlsym(h, lib->fns[i].name);
        if (!p) {
            snprintf(lib->why, sizeof lib->why, "%s has no function %s", file, lib->fns[i].name);
            lib->failed = 1;
            dlclose(h);
            return;
        }
        memcpy((char *)lib->table + lib->fns[i].offset, &p, sizeof p);
    }
}

static void load_zip(void) { load(&zip_library); }
static void load_xlsxwriter(void) { load(&xlsxwriter_library); }

/* Loads lib on the process's first call (load_fn under pthread_once); QC_OK once it is. */
static qc_status use(library *lib, pthread_once_t *once, void (*load_fn)(void), const char *what,
                     qc_error *err)
{
    pthread_once(once, load_fn);
    if (!lib->failed) return QC_OK;
    return qc_error_set(err, QC_EIO,
                        "%s: xlsx files need %s, which cannot be loaded: %s%s%s%s; install it "
                        "with: apt-get install %s",
                        what, lib->label, lib->why, lib->via_env ? " (" : "",
                        lib->via_env ? lib->env : "", lib->via_env ? ")" : "", lib->debian);
}

static pthread_once_t zip_once = PTHREAD_ONCE_INIT, xlsxwriter_once = PTHREAD_ONCE_INIT;

qc_status qc_dynload_zip(const char *what, const qc_zip_lib **out, qc_error *err)
{
    qc_status s = use(&zip_library, &zip_once, load_zip, what, err);
    if (!s) *out = &zip_table;
    return s;
}

qc_status qc_dynload_xlsxwriter(const char *what, const qc_xlsxwriter_lib **out, qc_error *err)
{
    qc_status s = use(&xlsxwriter_library, &xlsxwriter_once, load_xlsxwriter, what, err);
    if (!s) *out = &xlsxwriter_table;
    return s;
}
