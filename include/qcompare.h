/* qcompare.h — everything libqcompare offers; include this, or one module's header. */
#ifndef QCOMPARE_H
#define QCOMPARE_H

#include "qcompare/version.h"
#include "qcompare/status.h"
#include "qcompare/stats.h"
#include "qcompare/censored.h"
#include "qcompare/posthoc.h"
#include "qcompare/sampling.h"
#include "qcompare/intern.h"
#include "qcompare/ingest.h"
#include "qcompare/units.h"
#include "qcompare/jsonfile.h"
#include "qcompare/rules.h"
#include "qcompare/study.h"
#include "qcompare/results.h"
#include "qcompare/assess.h"
#include "qcompare/compare.h"
#include "qcompare/report.h"
#include "qcompare/analyze.h"
#include "qcompare/diff.h"
#include "qcompare/diff_ci.h"
#include "qcompare/merge.h"
#include "qcompare/standards.h"
#include "qcompare/render.h"

#endif
