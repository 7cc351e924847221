#!/usr/bin/env python3
"""First paint of `aqnet serve` in headless Chromium (issue: the web viewer; target under 2 s).

Starts `aqnet serve` on a grid (and store), drives Debian's chromium through chromedriver's W3C WebDriver HTTP API
(standard library only, no Selenium), and prints: the server's start time (until it prints its address), the page's
first paint (performance.now() when the first field, stations and boundaries are drawn, from navigation start), and
the time to show a step not seen before (slider moves to uncached hours), and the server's peak resident memory. Usage:

  python3 bench/viewer_first_paint.py AQNET GRID [--store FILE] [--model DIR] [--runs 3]
"""
import argparse, json, os, signal, socket, subprocess, sys, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())["value"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("aqnet"); ap.add_argument("grid")
    ap.add_argument("--store"); ap.add_argument("--model"); ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    port, dport = free_port(), free_port()
    cmd = [a.aqnet, "serve", "--grid", a.grid, "--port", str(port)]
    if a.store: cmd += ["--store", a.store]
    if a.model: cmd += ["--model", a.model]
    t0 = time.perf_counter()
    serve = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    line = serve.stdout.readline()
    start_s = time.perf_counter() - t0
    print(f"server start: {start_s:.2f} s ({line.strip()})")
    driver = subprocess.Popen(["/usr/bin/chromedriver", f"--port={dport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{dport}"
    try:
        for _ in range(100):
            try:
                call(base, "GET", "/status"); break
            except OSError:
                time.sleep(0.1)
        for run in range(a.runs):
            caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]}}}}
            sid = call(base, "POST", "/session", caps)["sessionId"]
            try:
                call(base, "POST", f"/session/{sid}/url", {"url": f"http://127.0.0.1:{port}/"})
                paint = None
                for _ in range(600):
                    paint = call(base, "POST", f"/session/{sid}/execute/sync",
                                 {"script": "return window.viewer && (window.viewer.error || window.viewer.firstPaintMs);", "args": []})
                    if paint is not None: break
                    time.sleep(0.05)
                if not isinstance(paint, (int, float)):
                    sys.exit(f"page error: {paint}")
                meta = call(base, "POST", f"/session/{sid}/execute/sync",
                            {"script": "const m = window.viewer.meta; return [m.nLon, m.nLat, m.times.length];", "args": []})
                steps = call(base, "POST", f"/session/{sid}/execute/async", {"script": """
                    const done = arguments[arguments.length - 1], n = window.viewer.meta.times.length, out = [];
                    (async () => { for (const t of [n >> 2, n >> 1, n - 1, 100, 500]) { if (t >= n) continue;
                        const t0 = performance.now(); await window.viewer.show(t); out.push(performance.now() - t0); } done(out); })();""",
                    "args": []})
                print(f"run {run + 1}: grid {meta[0]} x {meta[1]} cells x {meta[2]} steps; first paint {paint / 1000:.2f} s; "
                      f"uncached step shown in {', '.join(f'{s:.0f}' for s in steps)} ms")
            finally:
                call(base, "DELETE", f"/session/{sid}")
    finally:
        driver.terminate(); driver.wait()
        with open(f"/proc/{serve.pid}/status") as st:
            hwm = next((l.split()[1] for l in st if l.startswith("VmHWM")), "?")
        print(f"server peak resident memory: {int(hwm) / 1024:.0f} MiB" if hwm != "?" else "server peak memory: unknown")
        serve.send_signal(signal.SIGTERM)
        rest = serve.communicate(timeout=30)[0]
        print(f"server after SIGTERM: exit {serve.returncode}, said {rest.strip()!r}")


if __name__ == "__main__":
    main()
