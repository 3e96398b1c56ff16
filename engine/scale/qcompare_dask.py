#!/usr/bin/python3
"""qcompare_dask.py — a study too large for one machine, analysed on a Dask distributed
cluster: the results shuffled by product into K balanced partitions (largest product first,
each row keeping its origin in source_file and source_line), one study per partition,
`qcompare analyze` on the workers as tasks, and `qcompare merge` joining the parts into the
document one run of the whole study writes (docs/scaling.md).

usage: qcompare_dask.py STUDY.json -k K -o OUT.json [--scheduler ADDRESS | --local N]
                        [--rules DIR] [--qcompare PATH] [--workdir DIR] [--threads T]
                        [--block-size BYTES] [--report FILE]

The scheduler is any Dask scheduler (`dask-scheduler` and `dask-worker` on the hosts, or a
LocalCluster of N worker processes on this machine, loopback only, with --local N). The
workers must see the study's files, the rules directory and --workdir at the same paths (a
shared file system) and run the same qcompare. Exit codes as qcompare's: 0 done, 2 usage,
3 bad results data, 4 bad study or rules (or parts that do not join), 5 input/output.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import qc_shuffle as shuffle  # noqa: E402  (shipped to the workers with upload_file)


def run_qcompare(argv):
    """Task: one qcompare command; (exit status, stderr, wall seconds, peak RSS in KiB or None).
    The peak RSS is GNU time's report when /usr/bin/time is there (a child of this worker
    would count the worker's own pages, which fork copies), else None. An I/O failure
    (exit 5) is tried twice more; bad data or rules (3, 4) are not."""
    timed = os.access("/usr/bin/time", os.X_OK)
    for attempt in range(3):
        rss_file = None
        cmd = argv
        if timed:
            fd, rss_file = tempfile.mkstemp(prefix="qcompare-rss-")
            os.close(fd)
            cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv
        t0 = time.monotonic()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.monotonic() - t0
        rss = None
        if rss_file:
            with open(rss_file) as f:
                last = f.read().split()
            os.remove(rss_file)
            rss = int(last[-1]) if last and last[-1].isdigit() else None
        if p.returncode != 5:
            break
    return p.returncode, p.stderr.decode("utf-8", "replace"), wall, rss


def log(msg):
    print(f"qcompare-dask: {msg}", file=sys.stderr, flush=True)


def plan_blocks(client, specs, block_size):
    """Blocks of every file, with the line and quote state each starts in (a task per block
    counts its line feeds and quotes)."""
    blocks = []
    for spec in specs:
        size = os.path.getsize(spec["path"])
        starts = shuffle.block_bounds(spec["path"], 0, size, block_size)
        blocks.append([{"start": s, "end": e, "size": size}
                       for s, e in zip(starts, starts[1:] + [size])])
    futures = [[client.submit(shuffle.scan_block, spec["path"], b["start"], b["end"], pure=False)
                for b in bl] for spec, bl in zip(specs, blocks)]
    for spec, bl, fs in zip(specs, blocks, futures):
        scans = client.gather(fs)
        if any(lone for _, _, lone in scans):  # CR line ends: read as one block
            bl[:] = [{"start": 0, "end": bl[-1]["end"], "size": bl[-1]["size"]}]
            scans = [(0, 0, True)]
        line, quotes = 1, 0
        for i, (b, (lf, q, _)) in enumerate(zip(bl, scans)):
            b.update(index=i, line=line, in_quote=bool(quotes & 1))
            line += lf
            quotes += q
    return blocks


def main(argv=None):
    ap = argparse.ArgumentParser(prog="qcompare_dask.py", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("study")
    ap.add_argument("-k", type=int, required=True, help="number of partitions")
    ap.add_argument("-o", "--output", required=True, help="the merged gap analysis")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a Dask scheduler (tcp://host:8786)")
    where.add_argument("--local", type=int, default=2, metavar="N",
                       help="a LocalCluster of N worker processes on 127.0.0.1 (default 2)")
    ap.add_argument("--rules", help="rules directory (as qcompare: $QCOMPARE_RULES, ...)")
    ap.add_argument("--qcompare", default="qcompare", help="the qcompare the workers run")
    ap.add_argument("--workdir", help="partitions go here (default OUT.parts/)")
    ap.add_argument("--threads", type=int, help="qcompare analyze --threads on each worker "
                    "(default: all cores; with --local N, cores / N)")
    ap.add_argument("--block-size", type=int, default=64 << 20, help="bytes per read task")
    ap.add_argument("--report", help="write per-partition measurements here (JSON)")
    a = ap.parse_args(argv)
    if a.k < 1 or a.block_size < 1:
        ap.error("-k and --block-size must be positive")
    out = os.path.abspath(a.output)
    work = os.path.abspath(a.workdir or out + ".parts")
    rules = a.rules or os.environ.get("QCOMPARE_RULES")
    qc = os.path.abspath(a.qcompare) if os.sep in a.qcompare else a.qcompare
    try:
        with open(a.study, encoding="utf-8") as f:
            study = json.load(f)
        specs = shuffle.file_specs(a.study, study)
        headers = [shuffle.read_header(s) for s in specs]
    except shuffle.ShuffleError as e:
        log(str(e))
        return e.code
    except (OSError, ValueError) as e:
        log(f"{a.study}: {e}")
        return 5 if isinstance(e, OSError) else 4
    products = [p.get("product") for p in study.get("products", [])]

    from dask.distributed import Client, LocalCluster  # imported late: --help stays quick
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
        threads = a.threads
    else:
        cluster = LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
        threads = a.threads or max(1, (os.cpu_count() or 1) // a.local)
    try:
        client.upload_file(shuffle.__file__)
        return run(client, a, study, specs, headers, products, work, out, rules, qc, threads)
    except shuffle.ShuffleError as e:
        log(str(e))
        return e.code
    finally:
        client.close()
        if cluster:
            cluster.close()


def resolve_products(qc, rules, values):
    """{cell value: product id} for the values the engine resolves (`qcompare names product`,
    the reader's own matching); values it does not know stay as they are (their rows are
    rejected by the partition's analysis as by one run)."""
    names = [v for v in values if "\n" not in v and "\r" not in v]
    if not names:
        return {}
    argv = [qc, "names", "product"] + (["--rules", rules] if rules else [])
    p = subprocess.run(argv, input="\n".join(names) + "\n", capture_output=True, text=True,
                       errors="surrogateescape")
    if p.returncode:
        raise shuffle.ShuffleError(f"qcompare names: {p.stderr.strip()}", p.returncode)
    return {e["name"]: e["id"] for e in json.loads(p.stdout) if e["id"] is not None}


def run(client, a, study, specs, headers, products, work, out, rules, qc, threads):
    t0 = time.monotonic()
    os.makedirs(os.path.join(work, "buckets"), exist_ok=True)
    blocks = plan_blocks(client, specs, a.block_size)
    # 1. how many rows each product has (a task per block), and the partitions
    fs = [client.submit(shuffle.count_block, s, h, b, pure=False)
          for s, h, bl in zip(specs, headers, blocks) for b in bl]
    counts = {}
    for c in client.gather(fs):
        for key, n in c.items():
            counts[key] = counts.get(key, 0) + n
    # the product a cell names is the id the engine reads it as (id, name.zh, name.en, alias,
    # folded): rows naming one product in several spellings must meet in one partition
    ids = resolve_products(qc, rules, [v for v in counts if v is not None])
    by_id = {}
    for v, n in counts.items():
        key = ids.get(v, v)
        by_id[key] = by_id.get(key, 0) + n
    assign, k, load = shuffle.assign_largest_first(by_id, products, a.k)
    for v in counts:
        if v is not None and v in ids:
            assign[v] = assign[ids[v]]
    default = min(range(k), key=lambda i: (load[i], i))
    # 2. the shuffle: each block's rows into one bucket per partition, then a file per
    #    partition and results file, and the partition's study
    fs = [client.submit(shuffle.split_block, s, h, b, assign, default, work, pure=False)
          for s, h, bl in zip(specs, headers, blocks) for b in bl]
    rows = [0] * k
    for c in client.gather(fs):
        for part, n in c.items():
            rows[part] += n
    members = [[p for p in products if assign.get(p) == j] for j in range(k)]
    fs = [client.submit(shuffle.write_partition, study, specs, headers,
                        [len(bl) for bl in blocks], j, members[j], work, pure=False)
          for j in range(k)]
    studies = client.gather(fs)
    t1 = time.monotonic()
    # 3. map: qcompare analyze per partition, on the workers
    base = [qc, "analyze", "--quiet"] + (["--rules", rules] if rules else [])
    base += ["--threads", str(threads)] if threads else []
    parts = [os.path.join(os.path.dirname(s), "analysis.json") for s in studies]
    fs = [client.submit(run_qcompare, base + [s, "-o", p], pure=False)
          for s, p in zip(studies, parts)]
    results = client.gather(fs)
    t2 = time.monotonic()
    code = 0
    for j, (status, err, wall, rss) in enumerate(results):
        for line in err.splitlines():
            print(line, file=sys.stderr)
        if status and not code:
            code = status
            log(f"partition {j} ({studies[j]}): qcompare analyze exited {status}")
    # 4. reduce: qcompare merge, as one more task
    merged = None
    if not code:
        argv = [qc, "merge", *parts, "--study", a.study]
        argv += (["--rules", rules] if rules else []) + ["-o", out]
        merged = client.submit(run_qcompare, argv, pure=False).result()
        for line in merged[1].splitlines():
            print(line, file=sys.stderr)
        code = merged[0]
    t3 = time.monotonic()
    report = {"partitions": k, "rows": rows, "products": [len(m) for m in members],
              "shuffle_s": t1 - t0, "map_s": t2 - t1, "reduce_s": t3 - t2, "total_s": t3 - t0,
              "analyze": [{"exit": r[0], "wall_s": r[2], "peak_rss_kib": r[3]} for r in results],
              "merge": None if not merged else {"exit": merged[0], "wall_s": merged[2],
                                                "peak_rss_kib": merged[3]}}
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
    rss = [r[3] for r in results if r[3]]
    log(f"{k} partition(s), rows {rows}; shuffle {t1 - t0:.2f} s, analyze {t2 - t1:.2f} s "
        f"(slowest {max(r[2] for r in results):.2f} s"
        + (f", peak RSS {max(rss) / 1024:.0f} MB" if rss else "") + f"), merge {t3 - t2:.2f} s"
        + ("" if code else f"; written to {out}"))
    return code


if __name__ == "__main__":
    sys.exit(main())
