#!/usr/bin/env bash
# Ingest benchmark: `aqnet ingest cnemc` of the CNEMC quarter against the plain pandas reference, each under
# /usr/bin/time -v (wall time and peak resident memory), five times against one pandas run. Run from the repository
# root on a quiet machine: with two cores, any other job changes the figures by a second or more.
set -euo pipefail
DATA="${AQNET_DATA:-../shared/data}"
ZIP="$DATA/cnemc/china_sites_20190101-20190331.zip"
dotnet build src/AqNet.Cli -c Release -o /tmp/aqnet-bench >/dev/null
for i in 1 2 3 4 5; do
  rm -f /tmp/aqnet-bench-cn.duckdb
  /usr/bin/time -v /tmp/aqnet-bench/aqnet ingest cnemc "$ZIP" --store /tmp/aqnet-bench-cn.duckdb 2>/tmp/aqnet-bench-time.txt | tail -1
  grep -E "Elapsed|Maximum resident" /tmp/aqnet-bench-time.txt
done
/usr/bin/time -v /usr/bin/python3 bench/pandas_cnemc.py "$ZIP" 2>/tmp/pandas-bench-time.txt
grep -E "Elapsed|Maximum resident" /tmp/pandas-bench-time.txt
