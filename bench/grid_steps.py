#!/usr/bin/python3
"""Seams in a reanalysis grid: the absolute step of pm25 between each cell and its east and north neighbours, pooled
over every hour. Prints the median, the 99th percentile and the largest step (µg/m³), and where the largest is.
Usage: /usr/bin/python3 bench/grid_steps.py GRID.nc [VARIABLE]"""
import sys

import numpy as np
import xarray as xr

path = sys.argv[1]
name = sys.argv[2] if len(sys.argv) > 2 else "pm25"
v = xr.open_dataset(path)[name]
a = v.transpose("time", "lat", "lon").values.astype("float64")
east = np.abs(np.diff(a, axis=2)).ravel()
north = np.abs(np.diff(a, axis=1)).ravel()
steps = np.concatenate([east[np.isfinite(east)], north[np.isfinite(north)]])
t, y, x = np.unravel_index(np.nanargmax(np.abs(np.diff(a, axis=2))), (a.shape[0], a.shape[1], a.shape[2] - 1))
print(f"{path} {name}: {a.shape[0]} h x {a.shape[1]} x {a.shape[2]} cells; values {np.nanmin(a):.1f}..{np.nanmax(a):.1f}")
print(f"step between neighbouring cells: median {np.median(steps):.2f}, p99 {np.percentile(steps, 99):.2f}, "
      f"max {steps.max():.2f} (largest east step at hour {t}, lat index {y}, lon index {x})")
