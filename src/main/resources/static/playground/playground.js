// The playground page: reads the form, runs a fit job, draws its progress and shows what came of it.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const SNAPSHOTS = 120;
  const REPLAY_MS = 2500;

  const state = {
    data: null, // {x: rows, y, features}; for a table also {table, records, target, inputs, along, …}
    parsed: null, // the CSV as PlaygroundData.parse read it
    tableKey: null, // the header and emptiness of the table whose target and missing-cell choice are shown
    job: null,
    running: false,
    live: { epochs: [], costs: [] },
    series: null, // the cost curve drawn: the live one, or the model's history
    marker: null,
    stableRate: null,
    weights: null,
    maxEpoch: 0,
    logistic: false,
    logLink: false,
    loss: null, // the loss of the run whose weights are drawn
    classes: null, // the fitted model's classes, in the order of its weights
    replay: 0,
  };

  function format(value, digits = 6) {
    if (value === null || value === undefined) {
      return "–";
    }
    if (typeof value !== "number") {
      return String(value);
    }
    const abs = Math.abs(value);
    return abs !== 0 && (abs >= 1e6 || abs < 1e-4) ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)));
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  // --- Data ------------------------------------------------------------------------------------------

  function readData() {
    const text = $("csv").value;
    const summary = $("data-summary");
    $("csv").removeAttribute("aria-invalid");
    if (text.trim() === "") {
      state.data = null;
      summary.textContent = "No data yet.";
    } else {
      try {
        state.parsed = PlaygroundData.parse(text);
        if (state.parsed.table) {
          state.tableKey = PlaygroundTable.offer($("target"), $("missing"), state.parsed, state.tableKey);
          state.data = PlaygroundData.tableOf(state.parsed, $("target").value);
          summary.textContent = PlaygroundTable.summary(state.data);
        } else {
          state.data = state.parsed;
          const { y, features, header } = state.data;
          summary.textContent = `${y.length} points, ${features} feature${features === 1 ? "" : "s"}` +
            (header ? ` (header: ${header.join(", ")})` : "") + ".";
        }
      } catch (e) {
        state.parsed = null;
        state.data = null;
        $("csv").setAttribute("aria-invalid", "true");
        summary.textContent = `The CSV cannot be read: ${e.message}.`;
      }
    }
    $("table-options").hidden = !(state.data && state.data.table);
    state.weights = null;
    state.classes = null;
    drawFit();
  }

  function chooseTarget() {
    if (state.parsed && state.parsed.table) {
      state.data = PlaygroundData.tableOf(state.parsed, $("target").value);
      $("data-summary").textContent = PlaygroundTable.summary(state.data);
      state.weights = null;
      state.classes = null;
      drawFit();
    }
  }

  function loadPreset() {
    const preset = PlaygroundData.PRESETS[$("preset").value];
    $("csv").value = preset.text();
    for (const [id, value] of Object.entries(preset.settings)) {
      if (typeof value === "boolean") {
        $(id).checked = value;
      } else {
        $(id).value = value;
      }
    }
    readData();
    setStatus(`Loaded ${preset.title}; loss ${preset.settings.loss}, optimizer ${preset.settings.optimizer}. ` +
      "Press Run to fit them.");
  }

  function generate() {
    const n = Math.round(Number($("points").value));
    const noise = Number($("noise").value);
    if (!(n >= 2 && n <= 100000) || !(noise >= 0)) {
      setStatus("Points must be 2 to 100000 and the noise at least 0.");
      return;
    }
    $("csv").value = PlaygroundData.tutorial(n, noise, Math.round(Number($("seed").value)) || 0);
    readData();
    setStatus(`Generated ${n} points of y = 2x + 4. Press Run to fit them.`);
  }

  async function loadFile() {
    const file = $("file").files[0];
    if (file) {
      $("csv").value = await file.text();
      readData();
      setStatus(`Loaded ${file.name}.`);
    }
  }

  // --- Charts ----------------------------------------------------------------------------------------

  function drawFit() {
    const canvas = $("fit-chart");
    const data = state.data;
    const view = PlaygroundClasses.view(data, state.weights ? state.loss : $("loss").value, state.classes);
    PlaygroundClasses.legend($("fit-legend"), view);
    if (!data) {
      Charts.fit(canvas, {});
      canvas.setAttribute("aria-label", "No data yet.");
      $("curves").hidden = true;
      return;
    }
    // A table's design may turn one input into several columns: its fitted line is not drawn.
    const oneFeature = data.features === 1 && !data.table;
    const against = data.table ? `, against ${data.along}` : `, against the first of ${data.features} features`;
    const x = data.x.map((row) => row[0]);
    const drawn = Charts.fit(canvas, {
      x,
      y: data.y,
      weights: oneFeature ? state.weights : null,
      logistic: state.logistic,
      logLink: state.logLink,
      classes: view,
    });
    canvas.dataset.curves = String(Boolean(view && drawn));
    $("curves").hidden = !(view && drawn);
    if (view) {
      if (drawn) {
        PlaygroundClasses.table($("curves-table"), view, state.weights, x, format);
      }
      canvas.setAttribute(
        "aria-label",
        `${data.y.length} points in ${view.count} classes (${view.names.join(", ")}), each in a lane of its own` +
          (!oneFeature ? `${against}; the curves are drawn for one feature only.`
            : drawn ? `; the curves of each class's probability, ${PlaygroundClasses.describe(state.weights, view.names, x, format)}.`
              : "; no fitted curves yet."));
      return;
    }
    const w = state.weights;
    canvas.setAttribute(
      "aria-label",
      `${data.y.length} points` +
        (!oneFeature ? `${against}; the line is drawn for one feature only.`
          : w ? `; current line: intercept ${format(w.intercept, 4)}, slope ${format(w.coefficients[0], 4)}.`
            : "; no fitted line yet."));
  }

  function drawCost(series, marker) {
    state.series = series;
    state.marker = marker;
    const canvas = $("cost-chart");
    Charts.cost(canvas, { epochs: series.epochs, costs: series.costs, marker, maxEpoch: state.maxEpoch });
    const last = series.costs[series.costs.length - 1];
    canvas.setAttribute("aria-label", series.costs.length === 0 ? "No cost yet."
      : `Cost at ${series.costs.length} epochs; latest ${format(last, 4)}.`);
  }

  let pendingFrame = 0;
  function redrawSoon() {
    if (!pendingFrame) {
      pendingFrame = requestAnimationFrame(() => {
        pendingFrame = 0;
        drawFit();
        drawCost(state.live, null);
      });
    }
  }

  // --- The request -----------------------------------------------------------------------------------

  function fail(field, text) {
    const input = $(field);
    input.setAttribute("aria-invalid", "true");
    input.focus();
    setStatus(text);
    return null;
  }

  /** Spread out over the run, closer together early on, where descent moves fastest. */
  function snapshotEpochs(epochs) {
    const count = Math.min(epochs, SNAPSHOTS);
    const out = new Set();
    for (let k = 0; k <= count; k++) {
      out.add(Math.round(epochs * Math.pow(k / count, 2)));
    }
    return [...out].sort((a, b) => a - b);
  }

  function buildRequest() {
    for (const id of ["learning-rate", "epochs", "batch-size", "csv", "loss", "target"]) {
      $(id).removeAttribute("aria-invalid");
    }
    if (!state.data) {
      return fail("csv", "There is no data to fit: generate the tutorial's data, paste CSV or load a file.");
    }
    const learningRate = Number($("learning-rate").value);
    if (!(learningRate > 0)) {
      return fail("learning-rate", "The learning rate must be a number above 0.");
    }
    const epochs = Number($("epochs").value);
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000000) {
      return fail("epochs", "Epochs must be a whole number from 1 to 1000000.");
    }
    const batchText = $("batch-size").value.trim();
    const batchSize = batchText === "" ? null : Number(batchText);
    if (batchSize !== null && !(Number.isInteger(batchSize) && batchSize >= 1)) {
      return fail("batch-size", "The batch size must be a whole number of at least 1, or empty for the full batch.");
    }
    const { x, y, features, named, table } = state.data;
    if (named && !["logistic", "softmax"].includes($("loss").value)) {
      return fail("loss", "y holds class names: choose the logistic loss (two classes) or softmax (any number).");
    }
    if (table && features === 0) {
      return fail("target", "The table needs a column besides the target.");
    }
    const data = table
      ? { rows: state.data.records, target: state.data.target, design: { missing: $("missing").value } }
      : { x: features === 1 ? x.map((row) => row[0]) : x, y };
    const request = {
      ...data,
      loss: $("loss").value,
      optimizer: { type: $("optimizer").value },
      learningRate,
      epochs,
      standardize: $("standardize").checked,
      snapshotEpochs: snapshotEpochs(epochs),
    };
    if (batchSize !== null) {
      request.batchSize = batchSize;
    }
    return request;
  }

  function showRequest(request) {
    const brief = (values) => (values.length > 6 ? [...values.slice(0, 3), "…"] : values);
    const data = request.rows ? { rows: brief(request.rows) } : { x: brief(request.x), y: brief(request.y) };
    const shown = Object.assign({}, request, data, {
      snapshotEpochs: request.snapshotEpochs.length > 8 ? [...request.snapshotEpochs.slice(0, 6), "…"] : request.snapshotEpochs,
    });
    $("request-json").textContent = "POST /api/v1/jobs\n" + JSON.stringify(shown, null, 2);
  }

  // --- Running ---------------------------------------------------------------------------------------

  function setRunning(running) {
    state.running = running;
    // Keep the keyboard's place: a focused button about to be disabled hands focus to the other one.
    const handOver = document.activeElement === $(running ? "run" : "cancel") || document.activeElement === document.body;
    $("run").disabled = running;
    $("cancel").disabled = !running;
    if (handOver) {
      $(running ? "cancel" : "run").focus();
    }
    $("fit-form").setAttribute("aria-busy", String(running));
  }

  function resetRun(request) {
    cancelAnimationFrame(state.replay);
    state.live = { epochs: [], costs: [] };
    state.weights = null;
    state.classes = null;
    state.loss = request.loss;
    state.maxEpoch = request.epochs;
    state.logistic = request.loss === "logistic";
    state.logLink = ["poisson", "gamma", "tweedie"].includes(request.loss);
    $("progress-count").textContent = "0";
    $("progress-epoch").textContent = "–";
    $("progress-cost").textContent = "–";
    $("job-state").textContent = "–";
    $("problem").hidden = true;
    $("result").hidden = true;
    $("result-names").hidden = true;
    $("fit-svg").hidden = true;
    delete $("cost-chart").dataset.final;
    drawFit();
    drawCost(state.live, null);
  }

  function onEvent(name, data) {
    if (name === "progress") {
      state.live.epochs.push(data.epoch);
      state.live.costs.push(data.cost);
      if (data.weights) {
        state.weights = data.weights;
      }
      $("progress-count").textContent = String(state.live.epochs.length);
      $("progress-epoch").textContent = `${data.epoch} of ${state.maxEpoch}`;
      $("progress-cost").textContent = format(data.cost);
      if ($("job-state").textContent !== "RUNNING") {
        $("job-state").textContent = "RUNNING";
        setStatus("Running.");
      }
      redrawSoon();
    } else {
      $("job-state").textContent = data.status;
      $("progress-epoch").textContent = `${data.epoch} of ${data.epochs}`;
      if (typeof data.cost === "number") {
        $("progress-cost").textContent = format(data.cost);
      }
      state.job = data;
    }
  }

  async function run(event) {
    event.preventDefault();
    if (state.running) {
      return;
    }
    const request = buildRequest();
    if (!request) {
      return;
    }
    showRequest(request);
    resetRun(request);
    setRunning(true);
    const apiKey = $("api-key").value.trim();
    try {
      setStatus("Submitting the job…");
      state.job = await Jobs.submit(request, apiKey);
      $("job-state").textContent = state.job.status;
      setStatus(`Job ${state.job.id} accepted; waiting for its progress.`);
      const end = await Jobs.follow(state.job, apiKey, onEvent);
      state.job = end.job;
      $("job-state").textContent = end.job.status;
      if (end.name === "succeeded") {
        const model = await Jobs.get(end.job.links.model, apiKey);
        showModel(model);
      } else if (end.name === "failed") {
        const problem = end.job.problem || { title: "Failed", detail: "The job failed." };
        if (typeof problem.lastFiniteCost === "number" && problem.epoch > 0) {
          // Where the cost ran away to: the live curve then shows the climb.
          state.live.epochs.push(problem.epoch);
          state.live.costs.push(problem.lastFiniteCost);
          drawCost(state.live, { epoch: problem.epoch, cost: problem.lastFiniteCost });
        }
        showProblem(problem);
        setStatus(`The fit failed: ${(end.job.problem && end.job.problem.title) || "see below"}.`);
      } else {
        setStatus(`The job was canceled at epoch ${end.job.epoch}; no model was stored.`);
      }
    } catch (e) {
      const problem = e.problem || { title: "Error", detail: e.message };
      showProblem(problem);
      setStatus(`The request was refused: ${problem.detail || problem.title}`);
    } finally {
      setRunning(false);
    }
  }

  async function cancel() {
    if (!state.job || !state.job.links || !state.job.links.cancel) {
      return;
    }
    $("cancel").disabled = true;
    setStatus("Canceling…");
    try {
      await Jobs.cancel(state.job, $("api-key").value.trim());
    } catch (e) {
      setStatus(`The cancel was refused: ${e.message}`);
    }
  }

  // --- Results ---------------------------------------------------------------------------------------

  function showProblem(problem) {
    $("problem").hidden = false;
    $("problem-title").textContent = problem.title || "Problem";
    $("problem-detail").textContent = (problem.detail || "") +
      (problem.retryAfter ? ` Try again in ${problem.retryAfter} s.` : "") +
      (problem.status === 401 ? " Enter the API key under “API key”." : "");
    $("problem-hint").textContent = problem.hint || "";
    $("problem-hint-line").hidden = !problem.hint;
    const rate = problem.maxStableLearningRate;
    state.stableRate = typeof rate === "number" ? rate : null;
    $("max-stable-rate").textContent = format(rate);
    $("problem-rate-line").hidden = typeof rate !== "number";
    const errors = $("problem-errors");
    errors.replaceChildren(...(problem.errors || []).map((error) => {
      const item = document.createElement("li");
      item.textContent = `${error.field}: ${error.reason}`;
      return item;
    }));
  }

  function useStableRate() {
    const rate = state.stableRate;
    if (rate > 0) {
      $("learning-rate").value = String(Number((rate * 0.9).toPrecision(2)));
      $("learning-rate").focus();
      setStatus(`Learning rate set to ${$("learning-rate").value}, below the largest stable rate.`);
    }
  }

  function metricsText(metrics) {
    if (!metrics) {
      return "–";
    }
    if ("accuracy" in metrics) {
      return `log loss ${format(metrics.logLoss, 4)}, accuracy ${format(metrics.accuracy, 4)}`;
    }
    if ("meanDeviance" in metrics) {
      return `mean deviance ${format(metrics.meanDeviance, 4)}, D² ${format(metrics.d2, 4)}, ` +
        `RMSE ${format(metrics.rmse, 4)}, MAE ${format(metrics.mae, 4)}`;
    }
    return `MSE ${format(metrics.mse, 4)}, RMSE ${format(metrics.rmse, 4)}, MAE ${format(metrics.mae, 4)}, ` +
      `R² ${format(metrics.r2, 4)}`;
  }

  /**
   * Intercepts and coefficients as text: "1.5" and "2, 3" for one row of weights; for a softmax model's rows,
   * each class's name first: "setosa: 1.5; versicolor: …" and "setosa: 2, 3; versicolor: …".
   */
  function weightsText(weights, classes, digits = 6) {
    if (!weights.byClass) {
      return {
        intercept: format(weights.intercept, digits),
        coefficients: weights.coefficients.map((c) => format(c, digits)).join(", "),
      };
    }
    const rows = weights.byClass.map((row, k) => ({ name: classes ? String(classes[k]) : `class ${k}`, row }));
    return {
      intercept: rows.map(({ name, row }) => `${name}: ${format(row.intercept, digits)}`).join("; "),
      coefficients: rows.map(({ name, row }) => `${name}: ${row.coefficients.map((c) => format(c, digits)).join(", ")}`)
        .join("; "),
    };
  }

  function showModel(model) {
    $("result").hidden = false;
    state.classes = model.classes || null;
    const weights = weightsText(model.weights, model.classes);
    $("result-intercept").textContent = weights.intercept;
    $("result-coefficients").textContent = weights.coefficients;
    $("result-classes").textContent = model.classes ? model.classes.join(", ") : "";
    $("result-classes-line").hidden = !model.classes;
    $("result-cost").textContent = format(model.cost);
    $("result-metrics").textContent = metricsText(model.metrics);
    $("result-gap").textContent = format(model.optimalityGap, 3);
    const reference = model.reference;
    const exact = reference && reference.weights ? weightsText(reference.weights, model.classes) : null;
    $("result-reference").textContent = exact
      ? `intercept ${exact.intercept}, coefficients ${exact.coefficients} (${reference.method})`
      : (reference && reference.note) || "–";
    $("result-names").hidden = !PlaygroundTable.weights($("result-names"), model, format);
    $("result-design").textContent = PlaygroundTable.design(model.design);
    $("result-design-line").hidden = !model.design;
    $("result-stop").textContent = model.stopReason;
    $("result-epochs").textContent = String(model.epochs);
    const self = model.links.self;
    $("result-model").textContent = model.id;
    $("result-model").href = self;
    // The server draws a softmax model's class curves over one feature only (with more it answers 409).
    const byClass = model.weights.byClass;
    const undrawn = Boolean(byClass) && byClass[0].coefficients.length !== 1;
    for (const plot of ["fit", "cost", "residuals"]) {
      $(`plot-${plot}`).href = `${self}/plots/${plot}.svg`;
      $(`plot-${plot}`).hidden = undrawn && plot !== "cost";
    }
    const image = $("fit-svg");
    image.hidden = true;
    if (undrawn) {
      image.removeAttribute("src");
    } else {
      image.src = `${self}/plots/fit.svg`;
    }
    const brief = weightsText(model.weights, model.classes, 4);
    setStatus(`Done: intercept ${brief.intercept}, coefficients ${brief.coefficients}; stopped by ${model.stopReason} ` +
      `after ${model.epochs} epochs. Model ${model.id}.`);

    const stride = model.costHistoryStride || 1;
    const history = {
      epochs: model.costHistory.map((_, k) => Math.min(k * stride, model.epochs)),
      costs: model.costHistory,
    };
    state.maxEpoch = model.epochs;
    replay(model, history);
  }

  /** Replays the descent from the snapshots, when the fit was too quick for progress events to show it. */
  function replay(model, history) {
    const snapshots = (model.snapshots || []).filter((s) => s.epoch <= model.epochs);
    const final = () => {
      state.weights = model.weights;
      drawFit();
      drawCost(history, { epoch: model.epochs, cost: model.cost });
      $("cost-chart").dataset.final = "true";
    };
    const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (state.live.epochs.length >= 10 || snapshots.length < 2 || reduced) {
      final();
      return;
    }
    let started = null;
    const step = (now) => {
      // Timed from the first frame: a frame's time stamp can be earlier than performance.now() at the call.
      started = started === null ? now : started;
      const share = Math.min(1, (now - started) / REPLAY_MS);
      const snapshot = snapshots[Math.min(snapshots.length - 1, Math.floor(share * snapshots.length))];
      state.weights = snapshot.byClass ? { byClass: snapshot.byClass }
        : { intercept: snapshot.intercept, coefficients: snapshot.coefficients };
      drawFit();
      drawCost(history, { epoch: snapshot.epoch, cost: snapshot.cost });
      if (share < 1) {
        state.replay = requestAnimationFrame(step);
      } else {
        final();
      }
    };
    state.replay = requestAnimationFrame(step);
  }

  // --- Wiring ----------------------------------------------------------------------------------------

  let typing = 0;
  $("generate").addEventListener("click", generate);
  $("load-preset").addEventListener("click", loadPreset);
  $("loss").addEventListener("change", () => {
    $("loss").removeAttribute("aria-invalid");
    if (!state.weights) {
      drawFit();
    }
  });
  $("csv").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(readData, 250);
  });
  $("file").addEventListener("change", loadFile);
  $("target").addEventListener("change", chooseTarget);
  $("fit-form").addEventListener("submit", run);
  $("cancel").addEventListener("click", cancel);
  $("use-stable-rate").addEventListener("click", useStableRate);
  $("fit-svg").addEventListener("load", () => { $("fit-svg").hidden = false; });
  $("fit-svg").addEventListener("error", () => { $("fit-svg").hidden = true; });
  let resizing = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => {
      drawFit();
      drawCost(state.series || state.live, state.marker);
    });
  });
  readData();
  drawCost(state.live, null);
})();
