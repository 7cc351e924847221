// AqNet viewer: plain JavaScript, no library. The field is drawn cell by cell into an image of the grid's size and
// scaled up without smoothing, so each cell is a block of one colour: the colour of its value on the linear ramp the
// server sends in /api/meta (the same ramp as AqNet.Viewer.Http.ColourScale).
'use strict';
(async function () {
  const $ = id => document.getElementById(id);
  const V = window.viewer = { ready: false, painted: -1, firstPaintMs: null, error: null };
  async function get(url, binary) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
    return binary ? new Float32Array(await r.arrayBuffer()) : r.json();
  }
  try {
    // everything the first paint needs is requested at once; the first frame and its stations too (see frame/stations)
    const early = { frame: get('api/frame/0?layer=pm25', true), stations: get('api/stations?t=0') };
    early.frame.catch(() => {}); early.stations.catch(() => {});
    const [meta, boundaries, stationsMeta, far] = await Promise.all([get('api/meta'), get('api/boundaries'), get('api/stations'),
      get('api/static/far', true).catch(() => null)]);
    V.meta = meta;
    const nx = meta.nLon, ny = meta.nLat;
    const px = V.px = Math.max(1, Math.min(40, Math.floor(Math.min(900 / nx, 600 / ny))));
    const map = $('map'), ctx = map.getContext('2d');
    map.width = nx * px; map.height = ny * px;
    const off = document.createElement('canvas'); off.width = nx; off.height = ny;
    const offCtx = off.getContext('2d');
    V.cellPixel = (i, j) => [i * px + Math.floor(px / 2), (ny - 1 - j) * px + Math.floor(px / 2)];
    const toX = lon => (lon - meta.lon0) / meta.res * px, toY = lat => (ny - (lat - meta.lat0) / meta.res) * px;
    $('title').textContent = meta.title;
    const slider = $('slider'); slider.max = String(meta.times.length - 1);
    if (!meta.layers.includes('uncertainty')) $('show-uncertainty').disabled = true;
    if (!meta.hasFar) $('show-far').disabled = true;
    if (!meta.hasStore) $('show-stations').disabled = true;

    const hex = h => [1, 3, 5].map(k => parseInt(h.slice(k, k + 2), 16));
    function colour(scale, v) {
      const stops = scale.stops, n = stops.length;
      const x = Math.min(1, Math.max(0, (v - scale.min) / (scale.max - scale.min))) * (n - 1);
      const k = Math.min(Math.floor(x), n - 2), f = x - k, a = hex(stops[k]), b = hex(stops[k + 1]);
      return [0, 1, 2].map(c => Math.floor(a[c] + (b[c] - a[c]) * f + 0.5));
    }
    V.colour = colour;
    const units = u => u === 'ug m-3' ? 'µg/m³' : u;

    const cache = new Map([['pm25:0', early.frame]]);
    function frame(t, layer) {
      const key = layer + ':' + t;
      if (!cache.has(key)) {
        if (cache.size > 64) cache.delete(cache.keys().next().value);
        cache.set(key, get('api/frame/' + t + '?layer=' + layer, true));
      }
      return cache.get(key);
    }
    const stationCache = new Map([[0, early.stations]]);
    function stations(t) {
      if (!meta.hasStore) return Promise.resolve([]);
      if (!stationCache.has(t)) {
        if (stationCache.size > 64) stationCache.delete(stationCache.keys().next().value);
        stationCache.set(t, get('api/stations?t=' + t));
      }
      return stationCache.get(t);
    }

    function drawBar(scale, name) {
      const bar = $('bar'), b = bar.getContext('2d');
      for (let x = 0; x < bar.width; x++) {
        const c = colour(scale, scale.min + (scale.max - scale.min) * x / (bar.width - 1));
        b.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`; b.fillRect(x, 0, 1, bar.height);
      }
      $('bar-name').textContent = name;
      $('bar-min').textContent = scale.min; $('bar-mid').textContent = (scale.min + scale.max) / 2;
      $('bar-max').textContent = '≥ ' + scale.max; $('bar-units').textContent = units(scale.units);
    }

    let current = 0, series = null, drawing = Promise.resolve();
    async function paint(t) {
      const layer = $('show-uncertainty').checked ? 'uncertainty' : 'pm25';
      const scale = layer === 'pm25' ? meta.pm25 : meta.uncertainty;
      const [values, obs] = await Promise.all([frame(t, layer), stations(t)]);
      if (t !== current) return;
      const img = offCtx.createImageData(nx, ny), d = img.data;
      for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
        const v = values[j * nx + i], p = 4 * ((ny - 1 - j) * nx + i);
        if (Number.isNaN(v)) continue;
        const c = colour(scale, v); d[p] = c[0]; d[p + 1] = c[1]; d[p + 2] = c[2]; d[p + 3] = 255;
      }
      offCtx.putImageData(img, 0, 0);
      ctx.clearRect(0, 0, map.width, map.height);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(off, 0, 0, map.width, map.height);
      if ($('show-far').checked && far) {
        ctx.fillStyle = 'rgba(128,128,128,0.6)';
        for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (far[j * nx + i] === 1) ctx.fillRect(i * px, (ny - 1 - j) * px, px, px);
      }
      if ($('show-boundaries').checked) {
        for (const b of boundaries) {
          ctx.strokeStyle = b.kind === 0 ? '#222' : '#666'; ctx.lineWidth = b.kind === 0 ? 1.2 : 0.6;
          ctx.beginPath();
          for (let k = 0; k < b.coords.length; k += 2) {
            const x = toX(b.coords[k]), y = toY(b.coords[k + 1]);
            if (k === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
          }
          ctx.stroke();
        }
      }
      if ($('show-stations').checked) for (const s of obs) drawStation(s, meta.pm25);
      $('time').textContent = meta.times[t].replace('T', ' ').replace(':00:00Z', ':00 UTC') + (meta.daily ? ' (day ending)' : '');
      drawBar(scale, layer === 'pm25' ? 'PM2.5' : meta.layers.includes('upper') ? 'PM2.5 interval width' : 'PM2.5 uncertainty');
      if (series) drawSeries();
      V.painted = t; document.body.dataset.painted = String(t);
      if (V.firstPaintMs === null) { V.firstPaintMs = performance.now(); V.ready = true; document.body.dataset.ready = 'true'; }
    }
    function drawStation(s, scale) {
      const x = toX(s.lon), y = toY(s.lat), r = 5;
      ctx.beginPath();
      if (s.visible === false) { ctx.moveTo(x, y - r - 1); ctx.lineTo(x + r + 1, y); ctx.lineTo(x, y + r + 1); ctx.lineTo(x - r - 1, y); ctx.closePath(); }
      else ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (s.value !== null) { const c = colour(scale, s.value); ctx.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`; ctx.fill(); }
      ctx.lineWidth = 1.5; ctx.strokeStyle = s.visible === false ? '#fff' : '#000'; ctx.stroke();
    }
    function show(t) {
      current = t; slider.value = String(t);
      drawing = paint(t).catch(e => { V.error = String(e); });
      return drawing;
    }
    V.show = show;

    slider.addEventListener('input', () => show(Number(slider.value)));
    for (const id of ['show-uncertainty', 'show-far', 'show-stations', 'show-boundaries']) $(id).addEventListener('change', () => show(current));
    let timer = null;
    $('play').addEventListener('click', () => {
      if (timer) { clearInterval(timer); timer = null; $('play').textContent = '▶ play'; return; }
      $('play').textContent = '❚❚ pause';
      let busy = false;
      timer = setInterval(async () => {
        if (busy) return;
        busy = true;
        const next = (current + 1) % meta.times.length;
        frame((next + 1) % meta.times.length, $('show-uncertainty').checked ? 'uncertainty' : 'pm25');   // prefetch
        await show(next);
        busy = false;
      }, 150);
    });

    map.addEventListener('click', async ev => {
      const rect = map.getBoundingClientRect();
      const mx = (ev.clientX - rect.left) * map.width / rect.width, my = (ev.clientY - rect.top) * map.height / rect.height;
      let best = null, bestD = 8 * 8;
      if ($('show-stations').checked) for (const s of stationsMeta) {
        const dx = toX(s.lon) - mx, dy = toY(s.lat) - my;
        if (dx * dx + dy * dy <= bestD) { best = s; bestD = dx * dx + dy * dy; }
      }
      const q = best ? 'station=' + encodeURIComponent(best.id)
        : 'cell=' + Math.floor(mx / px) + ',' + (ny - 1 - Math.floor(my / px));
      series = V.series = await get('api/series?' + q);
      $('csv').href = 'api/series.csv?' + q;
      $('series').hidden = false;
      $('series-title').textContent = series.label;
      $('band-name').textContent = series.band || 'no interval in this file';
      $('filled-legend').hidden = !series.filled;
      drawSeries();
      document.body.dataset.series = series.label;
    });

    function drawSeries() {
      const c = $('chart'), g = c.getContext('2d'), n = series.times.length;
      const L = 48, R = 10, T = 18, B = 28, w = c.width - L - R, h = c.height - T - B;
      const all = [...series.observed, ...series.reanalysis, ...(series.upper || []), ...(series.filledUpper || [])].filter(v => v !== null);
      const top = Math.max(10, ...all) * 1.05, bottom = Math.min(0, ...all);
      const X = k => L + (n === 1 ? w / 2 : k * w / (n - 1)), Y = v => T + h - (v - bottom) / (top - bottom) * h;
      g.clearRect(0, 0, c.width, c.height);
      g.strokeStyle = '#999'; g.lineWidth = 1; g.strokeRect(L, T, w, h);
      g.fillStyle = '#333'; g.font = '11px sans-serif';
      for (let k = 0; k <= 4; k++) { const v = bottom + (top - bottom) * k / 4; g.fillText(v.toFixed(0), 4, Y(v) + 4); }
      g.fillText(units(meta.units), 4, 11);
      g.fillText(series.times[0].slice(0, 16).replace('T', ' '), L, c.height - 8);
      g.fillText(series.times[n - 1].slice(0, 16).replace('T', ' '), L + w - 90, c.height - 8);
      if (series.lower && series.upper) {
        // the band as polygons over the runs of steps where both bounds exist
        g.fillStyle = 'rgba(31,95,191,.25)';
        for (let k = 0; k < n;) {
          if (series.lower[k] === null || series.upper[k] === null) { k++; continue; }
          let e = k;
          while (e + 1 < n && series.lower[e + 1] !== null && series.upper[e + 1] !== null) e++;
          g.beginPath();
          for (let q = k; q <= e; q++) g.lineTo(X(q), Y(series.upper[q]));
          for (let q = e; q >= k; q--) g.lineTo(X(q), Y(series.lower[q]));
          if (e === k) g.rect(X(k) - 1, Y(series.upper[k]), 2, Y(series.lower[k]) - Y(series.upper[k]));
          g.closePath(); g.fill();
          k = e + 1;
        }
      }
      if (series.filled) {
        // the store's gap-filled record (aqnet fill): its 90% interval as green ticks, its value as a dashed line
        g.strokeStyle = 'rgba(30,140,60,.45)'; g.lineWidth = 1;
        for (let k = 0; k < n; k++) {
          const lo = series.filledLower[k], hi = series.filledUpper[k];
          if (lo === null || hi === null) continue;
          g.beginPath(); g.moveTo(X(k), Y(lo)); g.lineTo(X(k), Y(hi)); g.stroke();
        }
        g.strokeStyle = '#1e8c3c'; g.setLineDash([4, 3]); g.beginPath();
        let on = false;
        for (let k = 0; k < n; k++) {
          const v = series.filled[k];
          if (v === null) { on = false; continue; }
          if (on) g.lineTo(X(k), Y(v)); else g.moveTo(X(k), Y(v));
          on = true;
        }
        g.stroke(); g.setLineDash([]);
      }
      g.strokeStyle = '#1f5fbf'; g.lineWidth = 1.5; g.beginPath();
      let pen = false;
      for (let k = 0; k < n; k++) {
        const v = series.reanalysis[k];
        if (v === null) { pen = false; continue; }
        if (pen) g.lineTo(X(k), Y(v)); else g.moveTo(X(k), Y(v));
        pen = true;
      }
      g.stroke();
      g.fillStyle = '#111';
      for (let k = 0; k < n; k++) { const v = series.observed[k]; if (v !== null) g.fillRect(X(k) - 2, Y(v) - 2, 4, 4); }
      g.strokeStyle = '#d33'; g.beginPath(); g.moveTo(X(current), T); g.lineTo(X(current), T + h); g.stroke();
    }

    await show(0);
    for (let t = 1; t < Math.min(4, meta.times.length); t++) frame(t, 'pm25');   // warm the next frames
  } catch (e) {
    V.error = String(e);
    document.body.dataset.error = V.error;
    const p = document.createElement('p'); p.style.color = '#b00'; p.textContent = 'error: ' + e; document.body.prepend(p);
  }
})();
