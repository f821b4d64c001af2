// The playground's data: the tutorial's line with seeded noise, and CSV in and out.
"use strict";

const PlaygroundData = (() => {
  /** mulberry32: a small seeded generator, so that the same seed gives the same points. */
  function random(seed) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** n points of y = 2x + 4 for x in [0, 5], plus normal noise of the given spread (Box–Muller). */
  function tutorial(n, noise, seed) {
    const next = random(seed);
    const lines = ["x,y"];
    for (let i = 0; i < n; i++) {
      const x = 5 * next();
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const y = 2 * x + 4 + noise * z;
      lines.push(`${x.toFixed(3)},${y.toFixed(4)}`);
    }
    return lines.join("\n");
  }

  function isNumber(cell) {
    return cell !== "" && Number.isFinite(Number(cell));
  }

  /**
   * Rows of numbers from CSV text: commas, semicolons or tabs between cells; a first row with a cell that
   * is not a number is a header; blank lines and lines starting with # are skipped. The last column is y.
   * Returns {x: rows of features, y, features, header} or throws an Error naming the line at fault.
   */
  function parse(text) {
    const rows = [];
    let header = null;
    let columns = 0;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === "" || line.startsWith("#")) {
        continue;
      }
      const cells = line.split(/[,;\t]/).map((cell) => cell.trim());
      if (rows.length === 0 && header === null && !cells.every(isNumber)) {
        header = cells;
        columns = cells.length;
        continue;
      }
      if (columns === 0) {
        columns = cells.length;
      }
      if (cells.length !== columns) {
        throw new Error(`line ${i + 1} has ${cells.length} columns, the first row ${columns}`);
      }
      const bad = cells.find((cell) => !isNumber(cell));
      if (bad !== undefined) {
        throw new Error(`line ${i + 1}: "${bad.slice(0, 20)}" is not a number`);
      }
      rows.push(cells.map(Number));
    }
    if (rows.length === 0) {
      throw new Error("no rows of numbers");
    }
    if (columns < 2) {
      throw new Error("each row needs at least two columns: x…, y");
    }
    return {
      x: rows.map((row) => row.slice(0, -1)),
      y: rows.map((row) => row[row.length - 1]),
      features: columns - 1,
      header,
    };
  }

  return { tutorial, parse };
})();
