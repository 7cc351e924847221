#!/usr/bin/env bash
# Slurm for real, on one machine: installs Debian's slurm-wlm and munge (when missing), starts munged, slurmctld and
# slurmd with a minimal slurm.conf for this host, runs a small reanalysis (UCI Beijing, 48 h, 45 × 50 cells) once in one
# process and once as a 4-task job array with `sbatch --wait`, then checks `aqnet shards verify` and that the merged
# output equals the single run bit for bit (every variable's bytes; only history and date_created differ). Stops the
# daemons it started. Run as root from the repository root: bench/slurm/test-one-node.sh [WORKDIR]
set -euo pipefail
DATA="${AQNET_DATA:-$(cd .. && pwd)/shared/data}"
W="$(mkdir -p "${1:-/tmp/aqnet-slurm}" && cd "${1:-/tmp/aqnet-slurm}" && pwd)"
REPO="$(pwd)"
log() { echo "[$(date -u +%H:%M:%S)] $*"; }

need=()
command -v slurmctld >/dev/null || need+=(slurm-wlm)
command -v munged >/dev/null || need+=(munge)
/usr/bin/python3 -c "import numpy, netCDF4" 2>/dev/null || need+=(python3-netcdf4)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
log "$(slurmctld -V), $(munged -V 2>&1 | head -1)"

log "building aqnet into $W/bin"
dotnet build "$REPO/src/AqNet.Cli" -c Release -o "$W/bin" -v q >/dev/null
A="$W/bin/aqnet"

# munge: a key, and munged running as the munge user
[ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  STARTED_MUNGED=1
fi
munge -n | unmunge >/dev/null && log "munge works"

# A one-node cluster whose state, logs and pid files live in $W/slurm
S="$W/slurm"; rm -rf "$S"; mkdir -p "$S/state" "$S/spool"
HOST="$(hostname -s)"
MEM=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
cat > "$S/slurm.conf" <<CONF
ClusterName=aqnet
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
NodeName=$HOST CPUs=$(nproc) RealMemory=$MEM State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$S/slurm.conf"
cleanup() {
  for p in "$S/slurmd.pid" "$S/slurmctld.pid"; do [ -s "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  [ -n "${STARTED_MUNGED:-}" ] && [ -s /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
}
trap cleanup EXIT
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -qE "idle|mixed" && break; sleep 1; done
log "cluster up: $(sinfo -h -o '%P %D %T %c CPUs')"

# The small job: the UCI Beijing store and a quickly trained neural kNN
J="$W/job"; rm -rf "$J"; mkdir -p "$J"
"$A" ingest prsa "$DATA/beijing-multisite/PRSA2017_Data_20130301-20170228.zip" --store "$J/bj.duckdb" >"$J/setup.log" 2>&1
"$A" experiment spatial --store "$J/bj.duckdb" --protocol holdout --quick --out "$J/sp" >>"$J/setup.log" 2>&1
ARGS=(reanalyze --model "$J/sp/model" --store "$J/bj.duckdb" --bbox 115.9,39.6,116.9,40.5 --resolution 0.02 --from 2016-12-01 --to 2016-12-02T23)
log "single process"
"$A" "${ARGS[@]}" --out "$J/single.nc" | head -1
log "sbatch --wait --array=0-3"
cd "$J"
AQNET="$A" sbatch --wait --array=0-3 --mem=2G "$REPO/bench/slurm/aqnet-array.sbatch" "${ARGS[@]}" --out "$J/sharded.nc"
log "array done: $(ls "$J"/aqnet-*.out | wc -l) task logs"
head -n 3 "$J"/aqnet-*.out
"$A" shards verify --out "$J/sharded.nc" --checksums
log "rerun of the array: every shard is skipped"
AQNET="$A" sbatch --wait --array=0-3 --mem=2G "$REPO/bench/slurm/aqnet-array.sbatch" "${ARGS[@]}" --out "$J/sharded.nc"
grep -h "already complete" "$J"/aqnet-*.out | sort | uniq | head -4
"$A" shards merge --out "$J/sharded.nc" 2>/dev/null
/usr/bin/python3 - "$J/single.nc" "$J/sharded.nc" <<'PY'
import sys, netCDF4
a, b = netCDF4.Dataset(sys.argv[1]), netCDF4.Dataset(sys.argv[2])
a.set_auto_maskandscale(False); b.set_auto_maskandscale(False)
bad = [v for v in a.variables if a[v][:].tobytes() != b[v][:].tobytes()]
attrs = [n for n in a.ncattrs() if n not in ("history", "date_created") and str(a.getncattr(n)) != str(b.getncattr(n))]
print(f"compared {len(a.variables)} variables ({a['pm25'].shape} pm25): {'all equal bit for bit' if not bad else 'DIFFER: ' + ', '.join(bad)}; "
      f"global attributes {'equal' if not attrs else 'DIFFER: ' + ', '.join(attrs)} (history and date_created aside)")
sys.exit(1 if bad or attrs else 0)
PY
log "PASS: the 4-task Slurm array equals the single-process run bit for bit"
