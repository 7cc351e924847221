#!/usr/bin/env bash
# All of China at one machine's scale (docs/scaling.md): from the CNEMC quarter, ingest; the neural kNN on every located
# station (10% hidden); one month (720 h, 2019-03-01 .. 03-30 UTC) of hourly 0.05° grids over China (73–135°E,
# 18–54°N: 1,240 × 720 cells) as 2 shards running at once; verify; sizes. Each step under /usr/bin/time -v.
# Run from the repository root: bash bench/china-month.sh [OUT]
set -euo pipefail
DATA="${AQNET_DATA:-../shared/data}"
OUT="${1:-runs/china-month}"
mkdir -p "$OUT"
dotnet build src/AqNet.Cli -c Release -o /tmp/aqnet-china -v q >/dev/null
A=/tmp/aqnet-china/aqnet
T="/usr/bin/time -v"
$T $A ingest cnemc "$DATA/cnemc/china_sites_20190101-20190331.zip" --store "$OUT/cn.duckdb" > "$OUT/ingest.log" 2> "$OUT/ingest.time"
$T $A experiment spatial --store "$OUT/cn.duckdb" --protocol holdout --hidden-ratio 0.1 \
  --epochs 3 --steps-per-epoch 40 --k 5,10,20 --correction-scale 1 --out "$OUT/spatial" > "$OUT/spatial.log" 2> "$OUT/spatial.time"
ARGS=(reanalyze --model "$OUT/spatial/model" --store "$OUT/cn.duckdb" --bbox 73,18,135,54 --resolution 0.05
      --from 2019-03-01 --to 2019-03-30T23 --max-output 20G --out "$OUT/china_2019-03_hourly.nc")
start=$(date +%s)
for i in 0 1; do $T $A "${ARGS[@]}" --shard $i/2 > "$OUT/shard$i.log" 2> "$OUT/shard$i.time" & done
wait
echo "2 shards at once: wall $(( $(date +%s) - start )) s"
$A shards verify --out "$OUT/china_2019-03_hourly.nc"
du -sb "$OUT/china_2019-03_hourly.shards" "$OUT/cn.duckdb"
grep -HE "Elapsed|Maximum resident" "$OUT"/*.time
