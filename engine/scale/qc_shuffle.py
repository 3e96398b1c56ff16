"""qc_shuffle.py — the data side of the Dask driver (qcompare_dask.py): a study's results files
read as bytes in blocks, each record routed by its product to one of K partitions with its
origin appended as two columns (source_file, source_line), and one study per partition.

Pure Python and no Dask: each function below is a task body or a step of the driver's plan.
Records are cut exactly as qcompare's reader cuts them (RFC 4180 quotes; an unquoted CR, LF or
CRLF ends a row; blank lines and a row whose only field is empty are not records; the line of a
record is the physical line where it starts, a line feed inside a quoted field counting), and a
record is copied byte for byte, so each partition's qcompare reads the same fields the whole
study's run would read, in any encoding qcompare reads (the bytes of `"`, CR, LF and the
delimiters never occur inside a GB18030 character). Owns the partition directory's files.
"""

import collections
import csv
import heapq
import io
import json
import os

QUOTE = b'"'
DELIMS = {",": b",", ";": b";", "tab": b"\t"}
SOURCE = ("source_file", "source_line")
CODECS = {"utf-8": "utf-8", "gb18030": "gb18030", "gbk": "gbk"}


class ShuffleError(Exception):
    """A study the driver cannot partition; the message names the file (exit 4 or 3)."""

    def __init__(self, message, code=4):
        super().__init__(message)
        self.code = code


def resolve(study_path, rel):
    """A results path as qcompare prints it: relative to the study file's directory."""
    if rel.startswith("/"):
        return rel
    slash = study_path.rfind("/")
    return study_path[:slash + 1] + rel if slash >= 0 else rel


def file_specs(study_path, study):
    """Per results entry: its path (as qcompare prints it), delimiter, encoding, renames."""
    specs = []
    for i, e in enumerate(study.get("results", [])):
        entry = e if isinstance(e, dict) else {"path": e}
        layout = entry.get("layout", study.get("layout", "long"))
        enc = entry.get("encoding", study.get("encoding", "utf-8")).lower()
        delim = entry.get("delimiter", study.get("delimiter", ","))
        columns = entry["columns"] if "columns" in entry else study.get("columns", {})
        path = resolve(study_path, entry.get("path", ""))
        if path.lower().endswith(".xlsx"):
            raise ShuffleError(f"{path}: an .xlsx file cannot be split by rows: save it as CSV "
                               f"(the study's results[{i}])")
        if enc not in CODECS or delim not in DELIMS:
            raise ShuffleError(f"{study_path}: $.results[{i}]: encoding {enc!r} or delimiter "
                               f"{delim!r} is not one qcompare reads")
        specs.append({"index": i, "entry": e, "path": path, "layout": layout,
                      "codec": CODECS[enc], "delim": delim, "delim_b": DELIMS[delim],
                      "columns": columns, "product": columns.get("product", "product"),
                      "provenance": [columns.get(n, n) for n in SOURCE],
                      "set": entry.get("set", {}) if isinstance(entry.get("set"), dict) else {}})
    return specs


# ---------- records ----------

def pieces(data):
    """The physical lines of data with their ends (LF, CR, CRLF) kept."""
    return data.splitlines(keepends=True)


def parse_fields(rec, spec):
    """The fields of one record (bytes), as qcompare's reader sees them (blanks around an
    unquoted field trimmed)."""
    if QUOTE not in rec:
        return [f.strip(b" \t") for f in rec.split(spec["delim_b"])]
    text = rec.decode("latin-1")  # byte-transparent: quotes and delimiters are ASCII
    row = next(csv.reader(io.StringIO(text, newline=""), delimiter=spec["delim_b"].decode(),
                          quotechar='"', strict=False), [])
    return [f.encode("latin-1") for f in row]


def records(data, in_quote, line, at_file_end):
    """Yields (line, record bytes without its end, offset of its first byte in data) for the
    records that start in data. data starts at physical line `line`, inside a quoted field
    when in_quote (those bytes finish a record begun before data, and are skipped). When data
    ends inside a record and not at_file_end, the last thing yielded is (None, None, offset):
    more bytes are needed.

    Lines as qcompare counts them: a row's end (CR, LF or CRLF) advances one line, and so does
    each LF inside a quoted field."""
    rec, rec_line, odd, skipping = [], line, in_quote, in_quote
    pos = start = 0
    for p in pieces(data):
        body = p.rstrip(b"\r\n")
        ended = len(body) != len(p)
        pos += len(p)
        if p.count(QUOTE) & 1:
            odd = not odd
        if odd:  # the row goes on inside a quoted field
            if not skipping:
                rec.append(p)
            line += b"\n" in p[len(body):]
            continue
        if skipping:  # the end of a row begun before data
            skipping = False
            line += ended
            rec_line, start = line, pos
            continue
        if not ended and not at_file_end:
            yield None, None, start
            return
        rec.append(body)
        yield rec_line, b"".join(rec), start
        line += 1
        rec, rec_line, start = [], line, pos
    if rec and at_file_end:
        yield rec_line, b"".join(rec), start
    elif (rec or skipping) and not at_file_end:
        yield None, None, start


def is_blank(fields):
    return len(fields) == 1 and fields[0] == b""


def quote(value, delim_b):
    """A field as RFC 4180 writes it, quoted only when it must be."""
    if any(c in value for c in (delim_b, QUOTE, b"\r", b"\n")) or value != value.strip(b" \t"):
        return QUOTE + value.replace(QUOTE, QUOTE + QUOTE) + QUOTE
    return value


# ---------- the header ----------

def read_header(spec, probe=1 << 20):
    """The file's header record: its raw bytes (a UTF-8 BOM included), its decoded fields, the
    product column's position (or the product the file's `set` gives every row) and whether
    the file carries its rows' origin already."""
    path = spec["path"]
    try:
        with open(path, "rb") as f:
            head = f.read(probe)
            while head.count(QUOTE) & 1 and len(head) < (64 << 20):
                more = f.read(probe)
                if not more:
                    break
                head += more
    except OSError as e:
        raise ShuffleError(f"{path}: cannot read: {e.strerror}", 5)
    bom = head.startswith(b"\xef\xbb\xbf") and spec["codec"] == "utf-8"
    for line, rec, _ in records(head[3:] if bom else head, False, 1, True):
        if line is None:
            break
        fields = parse_fields(rec, spec)
        if is_blank(fields):
            continue
        names = [f.decode(spec["codec"], "replace") for f in fields]
        raw = (b"\xef\xbb\xbf" if bom else b"") + rec
        lower = [n.lower() for n in names]
        prod = spec["set"].get("product")
        col = None if prod else (lower.index(spec["product"].lower())
                                 if spec["product"].lower() in lower else None)
        if col is None and not prod:
            raise ShuffleError(f"{path}:{line}: the header has no column \"{spec['product']}\" "
                               f"to partition the rows by", 3)
        prov = [lower.index(n.lower()) if n.lower() in lower else None for n in spec["provenance"]]
        if (prov[0] is None) != (prov[1] is None):
            raise ShuffleError(f"{path}:{line}: the header has one of the provenance columns "
                               f"{' and '.join(spec['provenance'])} without the other", 3)
        return {"raw": raw, "fields": names, "product_col": col,
                "product_set": prod, "has_provenance": prov[0] is not None}
    raise ShuffleError(f"{path}: no header row", 3)


# ---------- blocks ----------

def block_bounds(path, start, size, block):
    """Block start offsets of a file: every `block` bytes, moved on to just after a LF."""
    starts = [start]
    with open(path, "rb") as f:
        pos = start + block
        while pos < size:
            f.seek(pos)
            chunk = f.read(1 << 16)
            while chunk and b"\n" not in chunk:
                more = f.read(1 << 16)
                if not more:
                    break
                chunk += more
            k = chunk.find(b"\n")
            if k < 0:
                break
            nxt = pos + k + 1
            if nxt >= size:
                break
            if nxt > starts[-1]:
                starts.append(nxt)
            pos = nxt + block
    return starts


def scan_block(path, start, end):
    """Task: what the next blocks need of this one: line feeds, quotes, and whether a CR
    stands alone (such a file is read as one block: its CRs end rows LF counts miss)."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    return data.count(b"\n"), data.count(QUOTE), data.count(b"\r") != data.count(b"\r\n")


def block_records(spec, blk):
    """(line, record) of the records starting in the block, the last one completed from the
    following bytes when it runs on (those after it belong to the next block)."""
    with open(spec["path"], "rb") as f:
        f.seek(blk["start"])
        data = f.read(blk["end"] - blk["start"])
        at_end = blk["end"] >= blk["size"]
        length = len(data)
        if blk["index"] == 0 and spec["codec"] == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
            data, length = data[3:], length - 3  # qcompare drops a BOM
        while True:
            out, more_needed = [], False
            for line, rec, at in records(data, blk["in_quote"], blk["line"], at_end):
                if at >= length:  # starts in the next block
                    break
                if line is None:  # runs past the bytes read
                    more_needed = True
                    break
                out.append((line, rec))
            if not more_needed:
                return out
            more = f.read(1 << 20)
            at_end = not more
            data += more


def read_plain(spec, blk):
    """The block's bytes, and its lines when it has no quote and no CR (the usual export: its
    records are then exactly its lines, and need no look at each byte in Python)."""
    with open(spec["path"], "rb") as f:
        f.seek(blk["start"])
        data = f.read(blk["end"] - blk["start"])
    if blk["index"] == 0 and spec["codec"] == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if QUOTE in data or b"\r" in data or blk["in_quote"]:
        return None
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def keyed_records(spec, header, blk):
    """(line, record, product value as bytes or None) of the block's records, its header and
    blank rows left out."""
    col, fixed = header["product_col"], header["product_set"]
    fixed = fixed.encode(spec["codec"], "surrogateescape") if fixed else None
    first = blk["index"] == 0
    lines = read_plain(spec, blk)
    if lines is not None:
        d = spec["delim_b"]
        numbered = ((n, r, r.split(d, col + 1) if col is not None else ())
                    for n, r in enumerate(lines, blk["line"]) if r.strip(b" \t"))
    else:
        numbered = ((n, r, f) for n, r in block_records(spec, blk)
                    for f in (parse_fields(r, spec),) if not is_blank(f))
    for line, rec, fields in numbered:
        if first:  # the header
            first = False
            continue
        if fixed:
            yield line, rec, fixed
        else:
            yield line, rec, fields[col].strip(b" \t") if col < len(fields) else None


def decode_key(key, spec):
    return None if key is None else key.decode(spec["codec"], "surrogateescape")


def count_block(spec, header, blk):
    """Task: records per product value in a block (None: rows without one)."""
    counts = collections.Counter(key for _, _, key in keyed_records(spec, header, blk))
    return {decode_key(k, spec): n for k, n in counts.items()}


def split_block(spec, header, blk, assign, default, outdir):
    """Task: the block's records appended to one bucket file per partition, each with its
    origin as two more fields (unless the file carries them already). Returns
    {partition: records}."""
    delim = spec["delim_b"]
    src = delim + quote(spec["path"].encode(spec["codec"], "surrogateescape"), delim) + delim
    own = header["has_provenance"]
    to = {}  # product value (bytes) -> its partition's rows
    for line, rec, key in keyed_records(spec, header, blk):
        rows = to.get(key)
        if rows is None:
            rows = to[key] = []
        rows.append(rec if own else b"%s%s%d" % (rec, src, line))
    # a partition's rows grouped by product: each product's rows stay in file order, which is
    # all a product's analysis depends on (rejections are put back in line order by the merge)
    buckets = {}
    for key, rows in to.items():
        buckets.setdefault(assign.get(decode_key(key, spec), default), []).extend(rows)
    for k, rows in buckets.items():
        with open(bucket_path(outdir, spec["index"], blk["index"], k), "wb") as f:
            f.write(b"\n".join(rows) + b"\n")
    return {k: len(rows) for k, rows in buckets.items()}


def bucket_path(outdir, file_index, block_index, part):
    return os.path.join(outdir, "buckets", f"f{file_index}-b{block_index}-p{part}.csv")


# ---------- the plan ----------

def assign_largest_first(counts, products, k):
    """Products to partitions, the largest first, each to the least-loaded partition (ties:
    fewer products, then the lower index): ({product: partition}, partitions, loads). Products
    without rows go last; other values (an unknown product, one the study does not name) are
    placed the same way, so every row has a partition. Fewer partitions than k when fewer
    products have rows."""
    known = set(products)
    with_rows = sum(1 for p in products if counts.get(p, 0) > 0)
    k = max(1, min(k, with_rows))
    heap = [(0, 0, i) for i in range(k)]  # (load, products, partition): a heap already
    load = [0] * k
    assign = {}
    order = sorted(products, key=lambda p: (-counts.get(p, 0), p))
    others = sorted((v for v in counts if v is not None and v not in known),
                    key=lambda v: (-counts[v], v))
    for p in order + others:
        rows, nprod, j = heapq.heappop(heap)
        assign[p] = j
        load[j] = rows + counts.get(p, 0)
        heapq.heappush(heap, (load[j], nprod + (p in known), j))
    return assign, k, load


def write_partition(study, specs, headers, nblocks, part, products, outdir):
    """Task: the partition's results files (its buckets behind each file's header, in block
    order) and its study: the whole study's keys, its products (in study order) and one results
    entry per file it has rows of, with that entry's own settings."""
    pdir = os.path.join(outdir, f"part-{part:04d}")
    os.makedirs(pdir, exist_ok=True)
    results = []
    for spec, header, nb in zip(specs, headers, nblocks):
        buckets = [bucket_path(outdir, spec["index"], b, part) for b in range(nb)]
        buckets = [p for p in buckets if os.path.exists(p)]
        if not buckets:
            continue
        name = f"f{spec['index']:04d}.csv"
        with open(os.path.join(pdir, name), "wb") as out:
            head = header["raw"]
            if not header["has_provenance"]:
                d = spec["delim_b"]
                head += b"".join(d + n.encode(spec["codec"]) for n in spec["provenance"])
            out.write(head + b"\n")
            for p in buckets:
                with open(p, "rb") as f:
                    while True:
                        chunk = f.read(1 << 22)
                        if not chunk:
                            break
                        out.write(chunk)
                os.remove(p)
        e = spec["entry"]
        results.append(dict(e, path=name) if isinstance(e, dict) else name)
    keep = set(products)
    pstudy = dict(study)
    pstudy["results"] = results
    pstudy["products"] = [p for p in study["products"] if p.get("product") in keep]
    path = os.path.join(pdir, "study.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(pstudy, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return path
