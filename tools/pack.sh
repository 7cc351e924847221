#!/usr/bin/env bash
# Builds the `aqnet` .NET tool package for this machine's platform into ./nupkg (or the folder given as $2).
#   tools/pack.sh                # RID of this machine (e.g. linux-x64)
#   tools/pack.sh osx-arm64 out  # another platform, another folder
# The package carries the native libraries of that one platform only (libtorch, DuckDB, Skia): TorchSharp-cpu
# brings them for every platform, and a package without a RID would carry them all (docs/install.md).
# Install it with:  dotnet tool install --global --add-source ./nupkg aqnet
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')}"
out="${2:-nupkg}"
if [ -z "$rid" ]; then echo "error: could not read this machine's RID from 'dotnet --info'; pass one, e.g. tools/pack.sh linux-x64" >&2; exit 2; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack src/AqNet.Cli -c Release -r "$rid" -o "$out" -v q
ls -l "$out"/aqnet.*.nupkg
