#!/usr/bin/env bash
# All of China at one machine's scale, cost only (docs/scaling.md): from the CNEMC quarter, ingest; a neural kNN on the
# northern China network (the all-China training did not finish epoch 1 in 19 min / 9.2 GB on the shared 2-core
# machine, so the grid's model is the regional one and estimates far from it extrapolate: these runs measure cost, not
# skill); then a week (168 h, 2019-03-01 .. 03-07 UTC; DAYS=30 for the month) of hourly 0.05° grids over China
# (73–135°E, 18–54°N: 1,240 × 720 cells) as 2 shards running at once; verify; sizes. Each step under /usr/bin/time -v.
# SHARDS=N runs N shards at once (default 2). A store and model already in OUT are reused.
# Run from the repository root: bash bench/china-month.sh [OUT]
set -euo pipefail
DATA="${AQNET_DATA:-../shared/data}"
OUT="${1:-runs/china-month}"
DAYS="${DAYS:-7}"
SHARDS="${SHARDS:-2}"
mkdir -p "$OUT"
dotnet build src/AqNet.Cli -c Release -o /tmp/aqnet-china -v q >/dev/null
A=/tmp/aqnet-china/aqnet
T="/usr/bin/time -v"
[ -f "$OUT/cn.duckdb" ] || $T $A ingest cnemc "$DATA/cnemc/china_sites_20190101-20190331.zip" --store "$OUT/cn.duckdb" > "$OUT/ingest.log" 2> "$OUT/ingest.time"
[ -d "$OUT/spatial-nc/model" ] || $T $A experiment spatial --store "$OUT/cn.duckdb" --protocol holdout --hidden-ratio 0.1 --bbox 110,34,125,42 \
  --epochs 1 --steps-per-epoch 20 --k 5,10,20 --correction-scale 1 --out "$OUT/spatial-nc" > "$OUT/spatial-nc.log" 2> "$OUT/spatial-nc.time"
ARGS=(reanalyze --model "$OUT/spatial-nc/model" --store "$OUT/cn.duckdb" --bbox 73,18,135,54 --resolution 0.05
      --from 2019-03-01 --to "$(date -u -d "2019-03-01 + $DAYS days - 1 hour" +%Y-%m-%dT%H)" --max-output 20G --out "$OUT/china_hourly_${SHARDS}.nc")
start=$(date +%s)
for i in $(seq 0 $((SHARDS - 1))); do $T $A "${ARGS[@]}" --shard $i/$SHARDS > "$OUT/shard$i-of-$SHARDS.log" 2> "$OUT/shard$i-of-$SHARDS.time" & done
wait
echo "$SHARDS shards at once: wall $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
$A shards verify --out "$OUT/china_hourly_${SHARDS}.nc"
du -sb "$OUT/china_hourly_${SHARDS}.shards" "$OUT/cn.duckdb"
grep -HE "Elapsed|Maximum resident" "$OUT"/*.time
