#!/usr/bin/python3
"""Seams where a grid cell's set of K nearest stations changes: the steps of pm25 between neighbouring cells whose
K-nearest sets differ, against the steps between cells whose sets agree (µg/m³, pooled over hours). Distances are
on the sphere. Usage: /usr/bin/python3 bench/grid_seams.py GRID.nc STATIONS.nc [K]
STATIONS.nc: any AqNet timeSeries file of the same stations (e.g. the output of `aqnet fill`)."""
import sys

import numpy as np
import xarray as xr

grid, stations = xr.open_dataset(sys.argv[1]), xr.open_dataset(sys.argv[2])
k = int(sys.argv[3]) if len(sys.argv) > 3 else 8
slat, slon = np.radians(stations["lat"].values), np.radians(stations["lon"].values)
lat, lon = np.radians(grid["lat"].values), np.radians(grid["lon"].values)
LA, LO = np.meshgrid(lat, lon, indexing="ij")
d = np.arccos(np.clip(np.sin(LA[..., None]) * np.sin(slat) + np.cos(LA[..., None]) * np.cos(slat) * np.cos(LO[..., None] - slon), -1, 1))
sets = np.sort(np.argsort(d, axis=-1)[..., :k], axis=-1)          # [lat, lon, K]
east = np.any(sets[:, 1:] != sets[:, :-1], axis=-1)                 # [lat, lon-1]
north = np.any(sets[1:, :] != sets[:-1, :], axis=-1)                # [lat-1, lon]
a = grid["pm25"].transpose("time", "lat", "lon").values.astype("float64")
se, sn = np.abs(np.diff(a, axis=2)), np.abs(np.diff(a, axis=1))
switch = np.concatenate([se[:, east].ravel(), sn[:, north].ravel()])
same = np.concatenate([se[:, ~east].ravel(), sn[:, ~north].ravel()])
q = lambda x: f"median {np.nanmedian(x):.2f}, p99 {np.nanpercentile(x, 99):.2f}, max {np.nanmax(x):.2f}"
print(f"{sys.argv[1]}: {east.sum() + north.sum()} of {east.size + north.size} neighbouring cell pairs change their {k} nearest stations")
print(f"  steps where the set changes: {q(switch)}")
print(f"  steps where it does not:     {q(same)}")
