// Two small canvas charts for the playground: the points with the current line, and the cost by epoch.
// No library: a scatter, a line and a log-scale curve are a few dozen lines each.
"use strict";

const Charts = (() => {
  const COLORS = {
    axis: "#5b6270",
    grid: "#e3e6ec",
    text: "#1f2430",
    points: "rgba(37, 99, 235, 0.55)",
    line: "#c2410c",
    cost: "#0f766e",
    marker: "#c2410c",
  };
  const PAD = { left: 56, right: 14, top: 12, bottom: 36 };
  const MAX_POINTS_DRAWN = 5000;
  const LOG_EPOCHS_FROM = 5000;

  /** Sizes the canvas to its box and the screen's pixel ratio; returns a context in CSS pixels. */
  function prepare(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(240, canvas.clientWidth || canvas.width);
    const height = Math.round(Math.min(width * 0.72, 380));
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.font = "12px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
    return { context, width, height };
  }

  /** About five round tick values covering [low, high]. */
  function ticks(low, high) {
    if (!(high > low)) {
      return [low];
    }
    const raw = (high - low) / 5;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const out = [];
    for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
      out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  function label(value) {
    const abs = Math.abs(value);
    if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) {
      return value.toExponential(0);
    }
    return String(Number(value.toPrecision(6)));
  }

  function padRange(low, high) {
    if (!Number.isFinite(low) || !Number.isFinite(high)) {
      return [0, 1];
    }
    if (high - low < 1e-12) {
      return [low - 1, high + 1];
    }
    const margin = (high - low) * 0.05;
    return [low - margin, high + margin];
  }

  /** A frame with a grid and labelled axes; returns functions from data to canvas coordinates. */
  function frame(surface, xRange, yRange, yTicks, yLabel, xTicks = ticks(xRange[0], xRange[1]), xLabel = label) {
    const { context, width, height } = surface;
    const plotWidth = width - PAD.left - PAD.right;
    const plotHeight = height - PAD.top - PAD.bottom;
    const sx = (x) => PAD.left + ((x - xRange[0]) / (xRange[1] - xRange[0])) * plotWidth;
    const sy = (y) => PAD.top + (1 - (y - yRange[0]) / (yRange[1] - yRange[0])) * plotHeight;
    context.lineWidth = 1;
    context.fillStyle = COLORS.text;
    context.textAlign = "center";
    context.textBaseline = "top";
    for (const t of xTicks) {
      context.strokeStyle = COLORS.grid;
      context.beginPath();
      context.moveTo(sx(t), PAD.top);
      context.lineTo(sx(t), PAD.top + plotHeight);
      context.stroke();
      context.fillText(xLabel(t), sx(t), PAD.top + plotHeight + 6);
    }
    context.textAlign = "right";
    context.textBaseline = "middle";
    for (const t of yTicks) {
      context.strokeStyle = COLORS.grid;
      context.beginPath();
      context.moveTo(PAD.left, sy(t));
      context.lineTo(PAD.left + plotWidth, sy(t));
      context.stroke();
      context.fillText(yLabel(t), PAD.left - 6, sy(t));
    }
    context.strokeStyle = COLORS.axis;
    context.strokeRect(PAD.left, PAD.top, plotWidth, plotHeight);
    return { sx, sy, plotWidth, plotHeight };
  }

  function clip(surface) {
    const { context, width, height } = surface;
    context.save();
    context.beginPath();
    context.rect(PAD.left, PAD.top, width - PAD.left - PAD.right, height - PAD.top - PAD.bottom);
    context.clip();
  }

  function message(surface, text) {
    const { context, width, height } = surface;
    context.fillStyle = COLORS.axis;
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.fillText(text, width / 2, height / 2);
  }

  /**
   * The points of a one-feature data set and, when given, the model's curve: the line
   * intercept + slope·x, the sigmoid of it for the logistic loss, or its exponential for the log-link
   * losses (poisson, gamma, tweedie).
   */
  function fit(canvas, { x, y, weights, logistic, logLink }) {
    const surface = prepare(canvas);
    if (!x || x.length === 0) {
      message(surface, "No data");
      return;
    }
    const xRange = padRange(Math.min(...x), Math.max(...x));
    let yLow = Math.min(...y);
    let yHigh = Math.max(...y);
    const line = weights && Number.isFinite(weights.intercept) && Number.isFinite(weights.coefficients[0]);
    const model = (v) => {
      const score = weights.intercept + weights.coefficients[0] * v;
      return logistic ? 1 / (1 + Math.exp(-score)) : logLink ? Math.exp(score) : score;
    };
    if (line) {
      // Follow the line a little way out of the data's range, so a person sees how wrong it starts.
      for (const v of [xRange[0], xRange[1]]) {
        const p = model(v);
        const span = Math.max(1, yHigh - yLow);
        yLow = Math.min(yLow, Math.max(p, yLow - span));
        yHigh = Math.max(yHigh, Math.min(p, yHigh + span));
      }
    }
    const yRange = padRange(yLow, yHigh);
    const { sx, sy } = frame(surface, xRange, yRange, ticks(yRange[0], yRange[1]), label);
    const { context } = surface;
    clip(surface);
    context.fillStyle = COLORS.points;
    const step = Math.max(1, Math.ceil(x.length / MAX_POINTS_DRAWN));
    for (let i = 0; i < x.length; i += step) {
      context.beginPath();
      context.arc(sx(x[i]), sy(y[i]), 3, 0, 2 * Math.PI);
      context.fill();
    }
    if (line) {
      context.strokeStyle = COLORS.line;
      context.lineWidth = 2.5;
      context.beginPath();
      const segments = logistic || logLink ? 80 : 1;
      for (let k = 0; k <= segments; k++) {
        const v = xRange[0] + ((xRange[1] - xRange[0]) * k) / segments;
        const py = sy(model(v));
        if (k === 0) {
          context.moveTo(sx(v), py);
        } else {
          context.lineTo(sx(v), py);
        }
      }
      context.stroke();
    }
    context.restore();
  }

  /**
   * The cost by epoch on a log scale, with a marker at the current epoch when given. Past a few thousand
   * epochs the epochs are on a log scale too (log of 1 + epoch), since descent moves most at the start.
   */
  function cost(canvas, { epochs, costs, marker, maxEpoch }) {
    const surface = prepare(canvas);
    const positive = costs.filter((c) => c > 0 && Number.isFinite(c));
    if (positive.length === 0) {
      message(surface, costs.length === 0 ? "No cost yet" : "Cost is 0");
      return;
    }
    const floor = Math.min(...positive);
    const log = (c) => Math.log10(c > 0 ? c : floor);
    let low = Math.floor(log(floor));
    let high = Math.ceil(Math.log10(Math.max(...positive)));
    if (high <= low) {
      high = low + 1;
    }
    const decades = [];
    const every = Math.max(1, Math.ceil((high - low) / 6));
    for (let d = low; d <= high; d += every) {
      decades.push(d);
    }
    const lastEpoch = Math.max(1, maxEpoch || 0, ...epochs);
    const logEpochs = lastEpoch > LOG_EPOCHS_FROM;
    const ex = (e) => (logEpochs ? Math.log10(1 + e) : e);
    const xRange = [0, ex(lastEpoch)];
    const xTicks = logEpochs
      ? [0, ...Array.from({ length: Math.floor(Math.log10(lastEpoch)) }, (_, k) => Math.log10(1 + Math.pow(10, k + 1)))]
      : ticks(xRange[0], xRange[1]);
    const xLabel = logEpochs ? (t) => (t === 0 ? "0" : "1e" + Math.round(t)) : label;
    const frameX = frame(surface, xRange, [low, high], decades, (d) => "1e" + d, xTicks, xLabel);
    const sx = (e) => frameX.sx(ex(e));
    const sy = frameX.sy;
    const { context } = surface;
    clip(surface);
    context.strokeStyle = COLORS.cost;
    context.lineWidth = 2;
    context.beginPath();
    let started = false;
    for (let i = 0; i < epochs.length; i++) {
      if (!Number.isFinite(costs[i])) {
        continue;
      }
      const px = sx(epochs[i]);
      const py = sy(log(costs[i]));
      if (started) {
        context.lineTo(px, py);
      } else {
        context.moveTo(px, py);
        started = true;
      }
    }
    context.stroke();
    context.fillStyle = COLORS.cost;
    if (epochs.length <= 200) {
      for (let i = 0; i < epochs.length; i++) {
        if (Number.isFinite(costs[i])) {
          context.beginPath();
          context.arc(sx(epochs[i]), sy(log(costs[i])), 2.5, 0, 2 * Math.PI);
          context.fill();
        }
      }
    }
    if (marker && Number.isFinite(marker.cost)) {
      context.fillStyle = COLORS.marker;
      context.beginPath();
      context.arc(sx(marker.epoch), sy(log(marker.cost)), 5, 0, 2 * Math.PI);
      context.fill();
    }
    context.restore();
  }

  return { fit, cost };
})();
