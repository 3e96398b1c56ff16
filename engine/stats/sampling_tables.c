/* sampling_tables.c — the tables of GB/T 2828.1-2012 (ISO 2859-1:1999, IDT) that single
 * sampling needs, as data rows and nothing else (sampling.c reads them): Table 1, sample size
 * code letters, and the master tables 2-A, 2-B and 2-C with their arrows as printed
 * (DN ↓, UP ↑; NO where the standard prints nothing). Each row is one printed row: its code
 * letter and sample size in the comment, then its 26 cells for the AQLs 0.010 … 1000.
 *
 * Why a C file and not a rules/ JSON file: these tables are the standard itself, fixed since
 * 1999, not a user's configuration; compiled in, they cannot be missing, edited or stale in an
 * installed copy, and need no loader, schema or validation path of their own. The lot size,
 * inspection level, AQL and severity, which do vary, come from the study.
 *
 * Provenance: the cells follow the printed tables; the plan every cell resolves to was checked
 * against an independent double-blind transcription of the 2012 scan, and the normal and
 * tightened tables against the MIL-STD-105E/ANSI Z1.4 master tables they equal; see
 * tests/unit/test_sampling.c and tests/oracles/published/gbt2828_1_2012_plans.csv. Note the
 * 1999 revision's reduced table: Re = Ac + 1 everywhere (the older gap is gone). */
#include "sampling_tables.h"

#define DN {QC_SP_DOWN, QC_SP_DOWN}
#define UP {QC_SP_UP, QC_SP_UP}
#define NO {QC_SP_NONE, QC_SP_NONE}
#define P(ac, re) {ac, re}

const double qc_sampling_aqls[QC_SP_NAQL] = {
    0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5,
    4.0, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000};

/* GB/T 2828.1-2012 Table 1: sample size code letters. */
const qc_sp_lot_row qc_sp_table_1[QC_SP_LOT_ROWS] = {
    /*  lot size           S-1 S-2 S-3 S-4 I II III */
    {2, 8, "AAAAAAB"},
    {9, 15, "AAAAABC"},
    {16, 25, "AABBBCD"},
    {26, 50, "ABBCCDE"},
    {51, 90, "BBCCCEF"},
    {91, 150, "BBCDDFG"},
    {151, 280, "BCDEEGH"},
    {281, 500, "BCDEFHJ"},
    {501, 1200, "CCEFGJK"},
    {1201, 3200, "CDEGHKL"},
    {3201, 10000, "CDFGJLM"},
    {10001, 35000, "CDFHKMN"},
    {35001, 150000, "DEGJLNP"},
    {150001, 500000, "DEGJMPQ"},
    {500001, 0, "DEHKNQR"},
};

/* GB/T 2828.1-2012 Table 2-A (printed p. 15): single sampling plans for normal inspection
 * (master table). Columns, AQL:
 *            0.010    0.015    0.025    0.040    0.065    0.10     0.15     0.25
 *            0.40     0.65     1.0      1.5      2.5      4.0      6.5      10
 *            15       25       40       65       100      150      250      400      650      1000
 */
static const qc_sp_cell table_2a[16][QC_SP_NAQL] = {
    /* A    2 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),  DN,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31)},
    /* B    3 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,
                  P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31),P(44,45)},
    /* C    5 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,      P(1,2),
                  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31),P(44,45),UP},
    /* D    8 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      P(0,1),  UP,      DN,      P(1,2),  P(2,3),
                  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31),P(44,45),UP,      UP},
    /* E   13 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),
                  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31),P(44,45),UP,      UP,      UP},
    /* F   20 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),
                  P(7,8),  P(10,11),P(14,15),P(21,22),UP,      UP,      UP,      UP,      UP,      UP},
    /* G   32 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),
                  P(10,11),P(14,15),P(21,22),UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* H   50 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),
                  UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),
                  P(14,15),P(21,22),UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* J   80 */ {DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),  UP,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),
                  P(21,22),UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* K  125 */ {DN,      DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,
                  P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* L  200 */ {DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,      P(1,2),
                  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* M  315 */ {DN,      DN,      DN,      P(0,1),  UP,      DN,      P(1,2),  P(2,3),
                  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* N  500 */ {DN,      DN,      P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),
                  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* P  800 */ {DN,      P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),
                  P(7,8),  P(10,11),P(14,15),P(21,22),UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* Q 1250 */ {P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),
                  P(10,11),P(14,15),P(21,22),UP,      UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* R 2000 */ {UP,      UP,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),
                  P(14,15),P(21,22),UP,      UP,      UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
};

/* GB/T 2828.1-2012 Table 2-B (printed p. 16): single sampling plans for tightened inspection
 * (master table). Columns, AQL:
 *            0.010    0.015    0.025    0.040    0.065    0.10     0.15     0.25
 *            0.40     0.65     1.0      1.5      2.5      4.0      6.5      10
 *            15       25       40       65       100      150      250      400      650      1000
 */
static const qc_sp_cell table_2b[17][QC_SP_NAQL] = {
    /* A    2 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),
                  DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),P(27,28)},
    /* B    3 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),  DN,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),P(27,28),P(41,42)},
    /* C    5 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      P(0,1),  DN,      DN,
                  P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),P(27,28),P(41,42),UP},
    /* D    8 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      P(0,1),  DN,      DN,      P(1,2),
                  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),P(27,28),P(41,42),UP,      UP},
    /* E   13 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      P(0,1),  DN,      DN,      P(1,2),  P(2,3),
                  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),P(27,28),P(41,42),UP,      UP,      UP},
    /* F   20 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      P(0,1),  DN,      DN,      P(1,2),  P(2,3),  P(3,4),
                  P(5,6),  P(8,9),  P(12,13),P(18,19),UP,      UP,      UP,      UP,      UP,      UP},
    /* G   32 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      P(0,1),  DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),
                  P(8,9),  P(12,13),P(18,19),UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* H   50 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  P(0,1),  DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),
                  P(12,13),P(18,19),UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* J   80 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),
                  DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),
                  P(18,19),UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* K  125 */ {DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),  DN,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* L  200 */ {DN,      DN,      DN,      DN,      DN,      P(0,1),  DN,      DN,
                  P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* M  315 */ {DN,      DN,      DN,      DN,      P(0,1),  DN,      DN,      P(1,2),
                  P(2,3),  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* N  500 */ {DN,      DN,      DN,      P(0,1),  DN,      DN,      P(1,2),  P(2,3),
                  P(3,4),  P(5,6),  P(8,9),  P(12,13),P(18,19),UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* P  800 */ {DN,      DN,      P(0,1),  DN,      DN,      P(1,2),  P(2,3),  P(3,4),
                  P(5,6),  P(8,9),  P(12,13),P(18,19),UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* Q 1250 */ {DN,      P(0,1),  DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),
                  P(8,9),  P(12,13),P(18,19),UP,      UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* R 2000 */ {P(0,1),  UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(8,9),
                  P(12,13),P(18,19),UP,      UP,      UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* S 3150 */ {NO,      NO,      P(1,2),  NO,      NO,      NO,      NO,      NO,
                  NO,      NO,      NO,      NO,      NO,      NO,      NO,      NO,
                  NO,      NO,      NO,      NO,      NO,      NO,      NO,      NO,      NO,      NO},
};

/* GB/T 2828.1-2012 Table 2-C (printed p. 17): single sampling plans for reduced inspection
 * (master table). Columns, AQL:
 *            0.010    0.015    0.025    0.040    0.065    0.10     0.15     0.25
 *            0.40     0.65     1.0      1.5      2.5      4.0      6.5      10
 *            15       25       40       65       100      150      250      400      650      1000
 */
static const qc_sp_cell table_2c[16][QC_SP_NAQL] = {
    /* A    2 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),  DN,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31)},
    /* B    2 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(7,8),  P(10,11),P(14,15),P(21,22),P(30,31)},
    /* C    2 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,      DN,
                  P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),P(14,15),P(21,22),UP},
    /* D    3 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      DN,      P(0,1),  UP,      DN,      DN,      P(1,2),
                  P(2,3),  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),P(14,15),P(21,22),UP,      UP},
    /* E    5 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      DN,      P(0,1),  UP,      DN,      DN,      P(1,2),  P(2,3),
                  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),P(14,15),P(21,22),UP,      UP,      UP},
    /* F    8 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  DN,      P(0,1),  UP,      DN,      DN,      P(1,2),  P(2,3),  P(3,4),
                  P(5,6),  P(6,7),  P(8,9),  P(10,11),UP,      UP,      UP,      UP,      UP,      UP},
    /* G   13 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      DN,
                  P(0,1),  UP,      DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),
                  P(6,7),  P(8,9),  P(10,11),UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* H   20 */ {DN,      DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),
                  UP,      DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(6,7),
                  P(8,9),  P(10,11),UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* J   32 */ {DN,      DN,      DN,      DN,      DN,      DN,      P(0,1),  UP,
                  DN,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(6,7),  P(8,9),
                  P(10,11),UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* K   50 */ {DN,      DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,
                  DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* L   80 */ {DN,      DN,      DN,      DN,      P(0,1),  UP,      DN,      DN,
                  P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* M  125 */ {DN,      DN,      DN,      P(0,1),  UP,      DN,      DN,      P(1,2),
                  P(2,3),  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* N  200 */ {DN,      DN,      P(0,1),  UP,      DN,      DN,      P(1,2),  P(2,3),
                  P(3,4),  P(5,6),  P(6,7),  P(8,9),  P(10,11),UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* P  315 */ {DN,      P(0,1),  UP,      DN,      DN,      P(1,2),  P(2,3),  P(3,4),
                  P(5,6),  P(6,7),  P(8,9),  P(10,11),UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* Q  500 */ {P(0,1),  UP,      UP,      DN,      P(1,2),  P(2,3),  P(3,4),  P(5,6),
                  P(6,7),  P(8,9),  P(10,11),UP,      UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
    /* R  800 */ {UP,      UP,      UP,      P(1,2),  P(2,3),  P(3,4),  P(5,6),  P(6,7),
                  P(8,9),  P(10,11),UP,      UP,      UP,      UP,      UP,      UP,
                  UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP,      UP},
};
static const unsigned n_normal[] = {2,   3,   5,   8,   13,  20,   32,   50,  80,
                                    125, 200, 315, 500, 800, 1250, 2000, 3150};
static const unsigned n_reduced[] = {2,  2,  2,   3,   5,   8,   13,  20,
                                     32, 50, 80, 125, 200, 315, 500, 800};

const qc_sp_master qc_sp_masters[QC_NSEVERITIES] = {
    {"GB/T 2828.1-2012 Table 2-A", 16, "ABCDEFGHJKLMNPQR", n_normal, table_2a},
    {"GB/T 2828.1-2012 Table 2-B", 17, "ABCDEFGHJKLMNPQRS", n_normal, table_2b},
    {"GB/T 2828.1-2012 Table 2-C", 16, "ABCDEFGHJKLMNPQR", n_reduced, table_2c},
};
