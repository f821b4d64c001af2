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
  // One colour, marker and dash per class, so that no class is told apart by colour alone. The colours are
  // Okabe and Ito's, chosen to stay apart for the common colour-vision deficiencies; past six they repeat,
  // and the markers and dashes with them, but with a different pairing.
  const CLASS_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];
  const CLASS_MARKERS = ["circle", "square", "triangle", "diamond", "inverted triangle", "cross"];
  const CLASS_DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6]];
  const LANE = 0.07;
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

  /** How class k is drawn: {color, marker, dash}. */
  function classStyle(k) {
    return {
      color: CLASS_COLORS[k % CLASS_COLORS.length],
      marker: CLASS_MARKERS[(k + Math.floor(k / CLASS_MARKERS.length)) % CLASS_MARKERS.length],
      dash: CLASS_DASHES[k % CLASS_DASHES.length],
    };
  }

  /** A marker of the given shape centred on (x, y), filled, or stroked for the cross. */
  function marker(context, shape, x, y, size) {
    context.beginPath();
    if (shape === "square") {
      context.rect(x - size * 0.85, y - size * 0.85, size * 1.7, size * 1.7);
    } else if (shape === "triangle" || shape === "inverted triangle") {
      const s = shape === "triangle" ? 1 : -1;
      context.moveTo(x, y - s * size * 1.15);
      context.lineTo(x + size * 1.1, y + s * size * 0.8);
      context.lineTo(x - size * 1.1, y + s * size * 0.8);
      context.closePath();
    } else if (shape === "diamond") {
      context.moveTo(x, y - size * 1.25);
      context.lineTo(x + size, y);
      context.lineTo(x, y + size * 1.25);
      context.lineTo(x - size, y);
      context.closePath();
    } else if (shape === "cross") {
      context.moveTo(x - size, y - size);
      context.lineTo(x + size, y + size);
      context.moveTo(x + size, y - size);
      context.lineTo(x - size, y + size);
      context.lineWidth = 2;
      context.stroke();
      return;
    } else {
      context.arc(x, y, size, 0, 2 * Math.PI);
    }
    context.fill();
  }

  /** A legend's picture of class k: a stretch of its curve's line with its marker in the middle. */
  function swatch(canvas, k) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(44 * ratio);
    canvas.height = Math.round(16 * ratio);
    const context = canvas.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const style = classStyle(k);
    context.strokeStyle = style.color;
    context.fillStyle = style.color;
    context.lineWidth = 2.5;
    context.setLineDash(style.dash);
    context.beginPath();
    context.moveTo(0, 8);
    context.lineTo(44, 8);
    context.stroke();
    context.setLineDash([]);
    marker(context, style.marker, 22, 8, 4.5);
  }

  /**
   * The probability of each class at feature value v, for a one-feature classifier: with weights.byClass (a
   * softmax model), e^(score k) / Σ e^(scores), score k = byClass[k].intercept + byClass[k].coefficients[0]·v;
   * with a logistic model's single row, [1 − p, p] where p = 1 / (1 + e^(−score)) is the second class's. Null
   * when the weights do not give finite probabilities.
   */
  function probabilities(weights, v) {
    if (!weights) {
      return null;
    }
    let p;
    if (weights.byClass) {
      const scores = weights.byClass.map((row) => row.intercept + row.coefficients[0] * v);
      const top = Math.max(...scores);
      const e = scores.map((score) => Math.exp(score - top));
      const sum = e.reduce((a, b) => a + b, 0);
      p = e.map((value) => value / sum);
    } else {
      const second = 1 / (1 + Math.exp(-(weights.intercept + weights.coefficients[0] * v)));
      p = [1 - second, second];
    }
    return p.every(Number.isFinite) ? p : null;
  }

  /**
   * A one-feature classifier: each class's points in a lane of its own below the probability axis, in the
   * class's colour and marker (jittered up and down a little so that equal values stay visible), and, when
   * weights are given, each class's probability curve in its colour and dash.
   */
  function classes(surface, { x, labels, count, weights }) {
    const xRange = padRange(Math.min(...x), Math.max(...x));
    const yRange = [-LANE * count - 0.03, 1.04];
    const { sx, sy } = frame(surface, xRange, yRange, ticks(0, 1), label);
    const { context } = surface;
    clip(surface);
    const step = Math.max(1, Math.ceil(x.length / MAX_POINTS_DRAWN));
    for (let i = 0; i < x.length; i += step) {
      const k = labels[i];
      const style = classStyle(k);
      const jitter = (((i * 0.6180339887) % 1) - 0.5) * LANE * 0.6;
      context.fillStyle = style.color;
      context.strokeStyle = style.color;
      context.globalAlpha = 0.75;
      marker(context, style.marker, sx(x[i]), sy(-LANE * (k + 0.5) - 0.01 + jitter), 3.5);
    }
    context.globalAlpha = 1;
    const segments = 160;
    const curves = [];
    for (let j = 0; j <= segments && weights; j++) {
      const v = xRange[0] + ((xRange[1] - xRange[0]) * j) / segments;
      const p = probabilities(weights, v);
      if (!p || p.length !== count) {
        curves.length = 0;
        break;
      }
      curves.push([v, p]);
    }
    context.lineWidth = 2.5;
    for (let k = 0; k < count && curves.length > 0; k++) {
      const style = classStyle(k);
      context.strokeStyle = style.color;
      context.setLineDash(style.dash);
      context.beginPath();
      curves.forEach(([v, p], j) => (j === 0 ? context.moveTo(sx(v), sy(p[k])) : context.lineTo(sx(v), sy(p[k]))));
      context.stroke();
    }
    context.setLineDash([]);
    context.restore();
    return curves.length > 0;
  }

  /**
   * The points of a one-feature data set and, when given, the model's curve: the line
   * intercept + slope·x, the sigmoid of it for the logistic loss, or its exponential for the log-link
   * losses (poisson, gamma, tweedie). With classes ({labels, count}: each point's class index and the number
   * of classes), the points by class and the probability curves instead (see classes). Returns whether a
   * line or curves were drawn.
   */
  function fit(canvas, { x, y, weights, logistic, logLink, classes: classified }) {
    const surface = prepare(canvas);
    if (!x || x.length === 0) {
      message(surface, "No data");
      return false;
    }
    if (classified) {
      return classes(surface, { x, weights, labels: classified.labels, count: classified.count });
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
    return Boolean(line);
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

  return { fit, cost, classStyle, swatch, probabilities };
})();
