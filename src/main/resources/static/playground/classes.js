// A classifier's classes on the playground: which classes to draw, their legend, where each is the most
// probable, and the probability curves as a table. The drawing itself is Charts'.
"use strict";

const PlaygroundClasses = (() => {
  /** Numbers that the loss menu alone makes classes are likely a regression's targets past this many. */
  const MAX_NUMBER_CLASSES = 12;
  const TABLE_ROWS = 7;

  /**
   * The classes to draw, {names, labels, count}, when the data (class names in y) or the loss (logistic or
   * softmax) make a classifier: the fitted model's classes once it has answered (fitted), in the order of its
   * weights, else y's distinct values in gradfit's order. Null for a regression.
   */
  function view(data, loss, fitted) {
    if (!data || !(data.named || loss === "logistic" || loss === "softmax")) {
      return null;
    }
    if (!fitted) {
      const { classes, labels } = PlaygroundData.classesOf(data.y);
      return !data.named && classes.length > MAX_NUMBER_CLASSES ? null : { names: classes, labels, count: classes.length };
    }
    const index = new Map(fitted.map((name, k) => [String(name), k]));
    return { names: fitted, labels: data.y.map((value) => index.get(String(value))), count: fitted.length };
  }

  /** The most probable class at v under these weights. */
  function top(weights, v) {
    const p = Charts.probabilities(weights, v) || [0];
    return p.indexOf(Math.max(...p));
  }

  /**
   * Where each class is the most probable, left to right, over [low, high]: [{k, from, to}]. A change of class
   * is found on a grid of 400 steps and its place by bisection to the last bit; a class that wins only between
   * two grid points is missed.
   */
  function regions(weights, low, high) {
    const out = [];
    const steps = 400;
    let previous = low;
    let current = top(weights, low);
    let from = low;
    for (let j = 1; j <= steps; j++) {
      const v = low + ((high - low) * j) / steps;
      const k = top(weights, v);
      if (k !== current) {
        let a = previous;
        let b = v;
        for (let i = 0; i < 60 && b - a > 0; i++) {
          const middle = (a + b) / 2;
          if (top(weights, middle) === current) {
            a = middle;
          } else {
            b = middle;
          }
        }
        out.push({ k: current, from, to: b });
        from = b;
        current = k;
      }
      previous = v;
    }
    out.push({ k: current, from, to: high });
    return out;
  }

  /** Words for the curves over x's range: "most probable over the data's range: a below 2.45, b from 2.45 to 4.75, …". */
  function describe(weights, names, x, format) {
    const parts = regions(weights, Math.min(...x), Math.max(...x)).map(({ k, from, to }, i, all) =>
      all.length === 1 ? `${names[k]} everywhere`
        : i === 0 ? `${names[k]} below ${format(to, 3)}`
          : i === all.length - 1 ? `${names[k]} above ${format(from, 3)}`
            : `${names[k]} from ${format(from, 3)} to ${format(to, 3)}`);
    return `most probable over the data's range: ${parts.join(", ")}`;
  }

  /**
   * Fills the legend (a list) with each class's line and marker, its name, its count of points and the name of
   * its marker, so that no class is told by colour alone; hidden without classes. Rebuilt only when these change,
   * not on every frame of a replay.
   */
  function legend(list, classes) {
    const counts = classes ? new Array(classes.count).fill(0) : [];
    for (const k of classes ? classes.labels : []) {
      counts[k]++;
    }
    const key = classes ? JSON.stringify([classes.names, counts]) : "";
    if (list.dataset.key === key) {
      return;
    }
    list.dataset.key = key;
    list.hidden = !classes;
    list.replaceChildren(...(classes ? classes.names : []).map((name, k) => {
      const item = document.createElement("li");
      const swatch = document.createElement("canvas");
      swatch.setAttribute("aria-hidden", "true");
      Charts.swatch(swatch, k);
      const text = document.createElement("span");
      text.className = "class-name";
      text.textContent = String(name);
      const count = document.createElement("span");
      count.className = "hint";
      count.textContent =
        ` (${counts[k]} point${counts[k] === 1 ? "" : "s"}, ${Charts.classStyle(k).marker} markers)`;
      item.append(swatch, text, count);
      return item;
    }));
  }

  /** Fills the table (its thead and tbody) with each class's probability at seven evenly spaced values of x. */
  function table(element, classes, weights, x, format) {
    const low = Math.min(...x);
    const high = Math.max(...x);
    const head = document.createElement("tr");
    for (const name of ["x", ...classes.names.map((n) => `P(${n})`)]) {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = name;
      head.append(cell);
    }
    const rows = [];
    for (let j = 0; j < TABLE_ROWS; j++) {
      // At the value shown, rounded to 4 digits, so that each row reads true as it stands.
      const shown = format(low + ((high - low) * j) / (TABLE_ROWS - 1), 4);
      const v = Number(shown);
      const row = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = shown;
      row.append(th);
      for (const p of Charts.probabilities(weights, v)) {
        const cell = document.createElement("td");
        cell.textContent = format(p, 4);
        row.append(cell);
      }
      rows.push(row);
    }
    element.querySelector("thead").replaceChildren(head);
    element.querySelector("tbody").replaceChildren(...rows);
  }

  return { view, describe, legend, table };
})();
