/* merge.h — joining the gap analyses of product partitions of one study into the document one
 * run of the whole study writes (`qcompare merge`, docs/scaling.md).
 *
 * Every number of an analysis lies within one product, so a study split by product can be
 * analysed part by part and joined. The parts must share the engine (name and version: this
 * library's), the study (every key but `results` and `products`) and the rules (every rules
 * file a part lists is one the merge reads, with the same SHA-256), and no product may be in
 * two parts nor a results file read by two. Each violation is a located error
 * ("PART: $.json.path: message"), QC_ERULES.
 *
 * The joined document, section by section:
 *  - schema, engine: the parts';
 *  - study: the whole study's effective keys (given: that file; else the first part's with
 *    `results` and `products` the parts' in order);
 *  - inputs.files: every part's results files, then the whole study (when given) and every
 *    part's study file, then the rules files as the merge read them;
 *  - inputs.rejections: every part's; with the whole study given, in its file order and by
 *    line (a rejection naming another file, e.g. a part's own, after them in part order);
 *  - products[]: every part's, by product id, each byte for byte as its part printed it;
 *  - standards_comparison, standards_portfolio: recomputed for the whole study from the rules
 *    (they depend on nothing else);
 *  - notes: each product's notes with the product, then the parts' study-wide notes once
 *    each, the replicates note with the parts' counts added up.
 * With provenance columns (source_file, source_line) in the parts' results, every section but
 * inputs.files is then byte for byte the single run's. */
#ifndef QCOMPARE_MERGE_H
#define QCOMPARE_MERGE_H

#include <stddef.h>
#include "rules.h"
#include "status.h"

/* Joins the analyses at parts[0..nparts) (nparts >= 1) into one document written atomically
 * to out (NULL or "-": stdout). study_path: the whole study the parts were cut from, or NULL;
 * when given, the parts must cover its products exactly. rules: as the parts were analysed
 * with. QC_ERULES for parts that do not join, QC_EIO for unreadable parts or an unwritable
 * output (nothing is written then). */
qc_status qc_merge_write(const char *const *parts, size_t nparts, const char *study_path,
                         const qc_rules *rules, const char *out, qc_error *err);

#endif
