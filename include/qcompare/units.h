/* units.h — unit conversion through UDUNITS-2 (DESIGN §5 "Units").
 * Each unit string is parsed once; the affine map between a pair of units is cached, so the
 * hot path is a multiply and an add. Lab spellings UDUNITS-2 cannot parse are mapped through
 * rules/units.json ("aliases"); units listed as "literal" match only the same text. */
#ifndef QCOMPARE_UNITS_H
#define QCOMPARE_UNITS_H

#include "status.h"

typedef struct qc_units qc_units;

typedef struct qc_unit_map {
    double scale, offset;  /* to = scale * from + offset */
} qc_unit_map;

/* Loads the UDUNITS-2 system database with its messages silenced. */
qc_status qc_units_open(qc_units **out, qc_error *err);
void qc_units_close(qc_units *u);

/* Adds a lab spelling and the UDUNITS-2 expression it stands for ("N/mm2" -> "MPa"). */
qc_status qc_units_add_alias(qc_units *u, const char *spelling, const char *expression);
/* Declares a unit that converts to nothing but itself ("cfu/g", "HRC"). */
qc_status qc_units_add_literal(qc_units *u, const char *unit);

/* 1 when unit is literal, parses (directly or through an alias), or is empty (dimensionless). */
int qc_units_known(qc_units *u, const char *unit);

/* The map from `from` to `to` (empty or "1" = dimensionless). QC_EDATA with *why pointing at a
 * static reason when either does not parse or they are not convertible. */
qc_status qc_units_map(qc_units *u, const char *from, const char *to, qc_unit_map *out,
                       const char **why);

#endif
