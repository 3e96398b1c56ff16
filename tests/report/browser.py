#!/usr/bin/python3
"""Loads HTML reports in headless Chromium, as a reader would, and checks each page: no
console error, no exception, no request leaving the file, a screenshot that is not blank.
Optionally keeps the screenshots and prints one page to an A4 PDF.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: the browser
reads NUL-terminated JSON messages on fd 3 and writes on fd 4), with the standard library
only.

usage: browser.py [--shots DIR (each page as NAME-K.png, one per screen)] [--pdf PAGE.html OUT.pdf] [--width W] [--height H] PAGE.html...
Prints one line per page and "N passed, M failed"; exits 1 when a page fails.
"""
import base64, json, os, shutil, subprocess, sys, tempfile, time, zlib

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="qc-chromium-")
        to_r, to_w = os.pipe()      # we write, chromium reads (its fd 3)
        from_r, from_w = os.pipe()  # chromium writes (its fd 4), we read

        def child_fds():  # whatever numbers the pipes have, they end up as fds 3 and 4
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
                "--user-data-dir=" + self.profile, "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=child_fds,
                                     pass_fds=(3, 4))
        os.close(to_r)
        os.close(from_w)
        self.w = os.fdopen(to_w, "wb", buffering=0)
        self.r = os.fdopen(from_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable", session=True)

    def _read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = self.r.read(1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=False, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        self.w.write(json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, name, timeout=60):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e["method"] == name:
                del self.events[i]
                return e
        while True:
            m = self._read(deadline)
            if m.get("method") == name:
                return m
            if "method" in m:
                self.events.append(m)

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def png_pixels(data):
    """Decodes an 8-bit RGB/RGBA PNG (what Chromium writes): (width, height, channels, rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big")
            depth, ctype = body[8], body[9]
            assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
            ch = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * ch
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(ch, stride):
                line[i] = (line[i] + line[i - ch]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = line[i - ch] if i >= ch else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - ch] if i >= ch else 0
                b = prev[i]
                c = prev[i - ch] if i >= ch else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, ch, rows


def ink(png):
    """Share of pixels that are not (near) white."""
    w, h, ch, rows = png_pixels(png)
    dark = 0
    for line in rows:
        for x in range(0, w * ch, ch):
            if line[x] < 235 or line[x + 1] < 235 or line[x + 2] < 235:
                dark += 1
    return dark / float(w * h)


def check_page(b, path, width, height, shots):
    url = "file://" + os.path.abspath(path)
    b.events = []
    b.call("Emulation.setDeviceMetricsOverride",
           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)
    b.call("Page.navigate", {"url": url}, session=True)
    b.wait_event("Page.loadEventFired")
    b.call("Runtime.evaluate", {"expression": "1"}, session=True)  # let queued events arrive
    problems = []
    for e in b.events:
        m, p = e["method"], e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            problems.append("console %s: %s" % (p["type"], p.get("args")))
        elif m == "Runtime.exceptionThrown":
            problems.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            problems.append("log %s: %s" % (p["entry"]["level"], p["entry"].get("text")))
        elif m == "Network.requestWillBeSent":
            req = p.get("request", {}).get("url", "")
            if req != url:
                problems.append("request leaves the file: " + req[:120])
    shot = b.call("Page.captureScreenshot",
                  {"format": "png", "clip": {"x": 0, "y": 0, "width": width, "height": height,
                                             "scale": 0.25}}, session=True)
    small = base64.b64decode(shot["data"])
    share = ink(small)
    if share < 0.02:
        problems.append("screenshot is blank (%.4f of pixels inked)" % share)
    if shots:  # the whole page, one PNG per screen (NAME-1.png, NAME-2.png, ...)
        total = b.call("Page.getLayoutMetrics", session=True)["cssContentSize"]["height"]
        for k in range(int(min(total, 40 * height) + height - 1) // height):
            part = b.call("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": k * height, "width": width,
                         "height": min(height, total - k * height), "scale": 1}}, session=True)
            name = "%s-%d.png" % (os.path.splitext(os.path.basename(path))[0], k + 1)
            with open(os.path.join(shots, name), "wb") as f:
                f.write(base64.b64decode(part["data"]))
    return problems, share


def print_pdf(b, page, out):
    b.call("Page.navigate", {"url": "file://" + os.path.abspath(page)}, session=True)
    b.wait_event("Page.loadEventFired")
    pdf = b.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}, session=True,
                 timeout=120)
    data = base64.b64decode(pdf["data"])
    with open(out, "wb") as f:
        f.write(data)
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    a4 = b"/MediaBox [0 0 595" in data or b"/MediaBox [0 0 594" in data
    return data[:5] == b"%PDF-", pages, a4


def main(argv):
    shots, pdf, width, height, pages = None, None, 1200, 1600, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--shots":
            shots = argv[i + 1]; i += 2
        elif a == "--pdf":
            pdf = (argv[i + 1], argv[i + 2]); i += 3
        elif a == "--width":
            width = int(argv[i + 1]); i += 2
        elif a == "--height":
            height = int(argv[i + 1]); i += 2
        else:
            pages.append(a); i += 1
    if not CHROMIUM:
        print("chromium not found (apt-get install chromium, or run .ci/install-deps)")
        print("0 passed, 1 failed")
        return 1
    if shots:
        os.makedirs(shots, exist_ok=True)
    b = Browser()
    passed = failed = 0
    try:
        for p in pages:
            problems, share = check_page(b, p, width, height, shots)
            if problems:
                failed += 1
                print("FAIL %s" % p)
                for x in problems[:20]:
                    print("     " + x)
            else:
                passed += 1
                print("ok   %s (%.1f%% of the first screen inked)" % (p, 100 * share))
        if pdf:
            ok, n, a4 = print_pdf(b, pdf[0], pdf[1])
            if ok and n >= 1 and a4:
                passed += 1
                print("ok   %s printed to %s: %d A4 pages" % (pdf[0], pdf[1], n))
            else:
                failed += 1
                print("FAIL %s printed to %s: pdf %s, %d pages, A4 %s" % (pdf[0], pdf[1], ok, n, a4))
    finally:
        b.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
