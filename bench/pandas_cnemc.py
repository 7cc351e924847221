#!/usr/bin/env python3
"""Reference for the ingest benchmark: the plain pandas way to turn the CNEMC quarter into station-hours.
Reads each daily CSV of the zip, melts the station columns, pivots to one row per (station, hour) with one
column per pollutant. Run: /usr/bin/time -v /usr/bin/python3 bench/pandas_cnemc.py ../shared/data/cnemc/china_sites_20190101-20190331.zip"""
import sys
import zipfile

import pandas as pd

HOURLY = ["PM2.5", "PM10", "SO2", "NO2", "O3", "CO"]

frames = []
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in sorted(n for n in z.namelist() if n.endswith(".csv")):
        with z.open(name) as f:
            df = pd.read_csv(f)
        df = df[df["type"].isin(HOURLY)]
        long = df.melt(id_vars=["date", "hour", "type"], var_name="station", value_name="value")
        frames.append(long)
data = pd.concat(frames, ignore_index=True)
wide = data.pivot_table(index=["station", "date", "hour"], columns="type", values="value", aggfunc="first")
print(f"{wide.shape[0]} station-hours, {wide.notna().sum().sum()} values, {wide.index.get_level_values(0).nunique()} stations")
