#!/usr/bin/env bash
# The imputation experiments of docs/results.md: AQI-36 (benchmark protocol, 3 seeds; virtual sensing), and UCI Beijing
# and BJMEMC under the block and LOSO protocols, each timed with /usr/bin/time -v (wall time and peak memory).
# Usage: bash bench/impute.sh OUT_DIR [aqi36|others|all]   (data from $AQNET_DATA or ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/impute}"; what="${2:-all}"
data="${AQNET_DATA:-../shared/data}"
mkdir -p "$out"
dotnet build src/AqNet.Cli -c Release -o "$out/bin" -v q >/dev/null
aqnet() { dotnet "$out/bin/aqnet.dll" "$@"; }
timed() { local name=$1; shift; /usr/bin/time -v -o "$out/$name.time" dotnet "$out/bin/aqnet.dll" "$@" > "$out/$name.log" 2>&1; \
  grep -E "Elapsed|Maximum resident" "$out/$name.time" | sed "s/^/$name: /"; tail -8 "$out/$name.log"; }
[ -f "$out/aqi36.duckdb" ] || aqnet ingest aqi36 "$data/aqi36" --store "$out/aqi36.duckdb" >/dev/null
if [ "$what" = aqi36 ] || [ "$what" = all ]; then
  timed aqi36 experiment impute --store "$out/aqi36.duckdb" --protocol aqi36 --seeds 3 --epochs 20 --out "$out/aqi36"
fi
if [ "$what" = others ] || [ "$what" = all ]; then
  [ -f "$out/bj.duckdb" ] || aqnet ingest prsa "$data/beijing-multisite/PRSA2017_Data_20130301-20170228.zip" --store "$out/bj.duckdb" >/dev/null
  [ -f "$out/bjm.duckdb" ] || aqnet ingest bjmemc "$data/bjmemc/beijing_20140101-20141231.zip" "$data/bjmemc/beijing_20150101-20151231.zip" --store "$out/bjm.duckdb" >/dev/null
  timed virtual experiment impute --store "$out/aqi36.duckdb" --protocol virtual --epochs 12 --out "$out/virtual"
  timed uci-block experiment impute --store "$out/bj.duckdb" --protocol block --epochs 20 --out "$out/uci-block"
  timed bjmemc-block experiment impute --store "$out/bjm.duckdb" --protocol block --epochs 20 --out "$out/bjmemc-block"
  timed uci-loso experiment impute --store "$out/bj.duckdb" --protocol loso --epochs 12 --models idw,kriging,hybrid,regression,aqnet-st --out "$out/uci-loso"
fi
