/* locate.c — where the rules library is found when no directory is given (rules.h,
 * qc_rules_locate): --rules, $QCOMPARE_RULES, the rules installed beside the running program
 * (relocatable: `cmake --install --prefix P` puts them in P/share/qcompare/rules), the data
 * directory compiled in at configure time, and last ./rules (a source checkout). Owns the static
 * buffer that holds the path found beside the program. */
#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "rules_internal.h"

/* ${CMAKE_INSTALL_FULL_DATADIR}/qcompare/rules, and the same relative to the bin directory. */
#ifndef QC_RULES_INSTALL_DIR
#define QC_RULES_INSTALL_DIR "/usr/local/share/qcompare/rules"
#endif
#ifndef QC_RULES_FROM_BINDIR
#define QC_RULES_FROM_BINDIR "../share/qcompare/rules"
#endif

static int has_rules(const char *dir)
{
    char path[PATH_MAX + 96];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s/indicators.json", dir);
    return n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* DIR_OF_EXECUTABLE/QC_RULES_FROM_BINDIR when it holds a rules library, else NULL. */
static const char *beside_program(void)
{
    static char found[PATH_MAX];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = '\0';
    char joined[PATH_MAX + 64];
    int len = snprintf(joined, sizeof joined, "%s/%s", exe, QC_RULES_FROM_BINDIR);
    if (len < 0 || (size_t)len >= sizeof joined) return NULL;
    /* PREFIX/share/…, not PREFIX/bin/../share/…: the path is printed in inputs.files */
    if (!has_rules(joined) || !realpath(joined, found)) return NULL;
    return found;
}

const char *qc_rules_locate(const char *explicit_dir)
{
    if (explicit_dir) return explicit_dir;
    const char *env = getenv("QCOMPARE_RULES");
    if (env && *env) return env;
    const char *beside = beside_program();
    if (beside) return beside;
    if (has_rules(QC_RULES_INSTALL_DIR)) return QC_RULES_INSTALL_DIR;
    return "rules";
}
