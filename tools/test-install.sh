#!/usr/bin/env bash
# Packs `aqnet` (tools/pack.sh), installs it from the local folder into a temporary tool path, and runs it from
# there: --version, doctor (which loads libtorch, through the libstdc++ compatibility step where the host needs it)
# and a small job on a generated store. With --demo it also runs `aqnet demo` (needs the Beijing data through
# $AQNET_DATA or ../shared/data; about 2 minutes).
#   tools/test-install.sh [--no-pack] [--demo]
set -euo pipefail
cd "$(dirname "$0")/.."
pack=1; demo=0
for a in "$@"; do
  case "$a" in
    --no-pack) pack=0 ;;
    --demo) demo=1 ;;
    *) echo "error: unknown option '$a' (expected --no-pack or --demo)" >&2; exit 2 ;;
  esac
done
[ "$pack" = 1 ] && tools/pack.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet tool install --tool-path "$work/tools" --add-source ./nupkg aqnet
aq="$work/tools/aqnet"
cd "$work"   # run away from the clone, so nothing is found through the source tree

"$aq" --version
"$aq" doctor | tee doctor.txt
grep -q 'expected 8' doctor.txt && grep -q '= 8 ' doctor.txt || { echo "error: doctor's libtorch check failed" >&2; exit 1; }
"$aq" doctor --json > doctor.json
grep -q '"check_sum": 8' doctor.json || { echo "error: doctor --json lacks the check" >&2; exit 1; }

# A small job: a generated two-week, four-station store, then the temporal baselines on it.
python3 - <<'PY'
import math
with open("obs.csv", "w") as f:
    f.write("site,time,value\n")
    for s in range(4):
        for h in range(24 * 14):
            day, hour = divmod(h, 24)
            v = 40 + 10 * s + 20 * math.sin(2 * math.pi * hour / 24) + day
            f.write(f"S{s},2020-01-{day + 1:02d}T{hour:02d}:00Z,{v:.1f}\n")
with open("sites.csv", "w") as f:
    f.write("station,longitude,latitude\n")
    for s in range(4):
        f.write(f"S{s},{116 + 0.1 * s},{40 + 0.05 * s}\n")
PY
"$aq" ingest long obs.csv --station-column site --time-column time --value-column value --variable PM2.5 --stations sites.csv --store small.duckdb
"$aq" stations --store small.duckdb

if [ "$demo" = 1 ]; then
  "$aq" demo --out demo
  test -s demo/beijing_pm25_week.nc || { echo "error: the demo wrote no NetCDF" >&2; exit 1; }
fi
echo "install test passed"
