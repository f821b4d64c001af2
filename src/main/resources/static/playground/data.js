// The playground's data: the tutorial's line with seeded noise, example data sets, and CSV in and out.
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

  /** Orders class names as gradfit does (as scikit-learn does): numbers by value, strings by Unicode code point. */
  function compareClasses(a, b) {
    if (typeof a === "number" && typeof b === "number") {
      return a - b;
    }
    const left = [...String(a)];
    const right = [...String(b)];
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      const d = left[i].codePointAt(0) - right[i].codePointAt(0);
      if (d !== 0) {
        return d;
      }
    }
    return left.length - right.length;
  }

  /** y's distinct values in gradfit's order of classes, and each point's index among them. */
  function classesOf(y) {
    const classes = [...new Set(y)].sort(compareClasses);
    const index = new Map(classes.map((name, k) => [name, k]));
    return { classes, labels: y.map((value) => index.get(value)) };
  }

  /**
   * Poisson counts: n points with x in [0, 5] and y drawn from a Poisson law of mean exp(0.5 + 0.4x), by
   * multiplying uniforms (Knuth), which is quick for means this small.
   */
  function counts(n, seed) {
    const next = random(seed);
    const lines = ["x,count"];
    for (let i = 0; i < n; i++) {
      const x = 5 * next();
      const limit = Math.exp(-Math.exp(0.5 + 0.4 * x));
      let count = -1;
      for (let product = 1; product > limit; product *= next()) {
        count++;
      }
      lines.push(`${x.toFixed(3)},${count}`);
    }
    return lines.join("\n");
  }

  /**
   * Flats: n rows of a size (m²), a city (text), a count of rooms and a price (thousands), the price
   * 40 + 2.5·size + 60·[Paris] − 20·[Rome] + 8·rooms plus normal noise of spread 10; every seventh size
   * (rows 4, 11, …) and every eleventh city (rows 6, 17, …) is left empty.
   */
  function flats(n, seed) {
    const next = random(seed);
    const cities = ["Lyon", "Paris", "Rome"];
    const premium = { Lyon: 0, Paris: 60, Rome: -20 };
    const lines = ["size,city,rooms,price"];
    for (let i = 0; i < n; i++) {
      const size = Number((20 + 100 * next()).toFixed(1));
      const rooms = 1 + Math.floor(4 * next());
      const city = cities[Math.floor(3 * next())];
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const price = 40 + 2.5 * size + premium[city] + 8 * rooms + 10 * z;
      lines.push(`${i % 7 === 3 ? "" : size},${i % 11 === 5 ? "" : city},${rooms},${price.toFixed(1)}`);
    }
    return lines.join("\n");
  }

  /**
   * The petal lengths (cm) of Fisher's 150 irises (1936), in the order and with the corrections of the copy
   * that scikit-learn ships (sklearn.datasets.load_iris), 50 of each species.
   */
  const IRIS_PETAL_LENGTHS = {
    setosa:
      "1.4 1.4 1.3 1.5 1.4 1.7 1.4 1.5 1.4 1.5 1.5 1.6 1.4 1.1 1.2 1.5 1.3 1.4 1.7 1.5 1.7 1.5 1 1.7 1.9 " +
      "1.6 1.6 1.5 1.4 1.6 1.6 1.5 1.5 1.4 1.5 1.2 1.3 1.4 1.3 1.5 1.3 1.3 1.3 1.6 1.9 1.4 1.6 1.4 1.5 1.4",
    versicolor:
      "4.7 4.5 4.9 4 4.6 4.5 4.7 3.3 4.6 3.9 3.5 4.2 4 4.7 3.6 4.4 4.5 4.1 4.5 3.9 4.8 4 4.9 4.7 4.3 " +
      "4.4 4.8 5 4.5 3.5 3.8 3.7 3.9 5.1 4.5 4.5 4.7 4.4 4.1 4 4.4 4.6 4 3.3 4.2 4.2 4.2 4.3 3 4.1",
    virginica:
      "6 5.1 5.9 5.6 5.8 6.6 4.5 6.3 5.8 6.1 5.1 5.3 5.5 5 5.1 5.3 5.5 6.7 6.9 5 5.7 4.9 6.7 4.9 5.7 " +
      "6 4.8 4.9 5.6 5.8 6.1 6.4 5.6 5.1 5.6 6.1 5.6 5.5 4.8 5.4 5.6 5.1 5.1 5.9 5.7 5.2 5 5.2 5.4 5.1",
  };

  /** The irises of the given species as CSV rows "petal length, species". */
  function iris(species) {
    const lines = ["petal_length,species"];
    for (const name of species) {
      for (const length of IRIS_PETAL_LENGTHS[name].split(" ")) {
        lines.push(`${length},${name}`);
      }
    }
    return lines.join("\n");
  }

  /**
   * Example data sets, each with the fit options that suit it: text is its CSV, settings the values of the
   * form's fields.
   */
  const PRESETS = {
    "iris-species": {
      title: "Fisher's irises: three species by petal length",
      text: () => iris(["setosa", "versicolor", "virginica"]),
      settings: { loss: "softmax", optimizer: "gd", "learning-rate": "0.5", epochs: "2000", standardize: true },
    },
    "iris-two": {
      title: "Fisher's irises: versicolor or virginica by petal length",
      text: () => iris(["versicolor", "virginica"]),
      settings: { loss: "logistic", optimizer: "lbfgs", "learning-rate": "0.05", epochs: "200", standardize: false },
    },
    flats: {
      title: "Flats: 30 prices by size, city (text) and rooms, with empty cells",
      text: () => flats(30, 3),
      settings: { loss: "squared", optimizer: "lbfgs", "learning-rate": "0.05", epochs: "200", standardize: false },
    },
    counts: {
      title: "Counts: 200 Poisson draws of mean e^(0.5 + 0.4x)",
      text: () => counts(200, 7),
      settings: { loss: "poisson", optimizer: "gd", "learning-rate": "0.02", epochs: "3000", standardize: false },
    },
  };

  /**
   * Rows from CSV text: commas, semicolons or tabs between cells; blank lines and lines starting with # are
   * skipped. The last column is y: numbers, or class names when any of its cells is not a number (then all
   * of y are names, as strings). A first row with a feature cell that is text, or whose every cell is text, is
   * a header. When every feature cell is a number, returns {x: rows of features, y, features, header, named:
   * whether y holds names}. When a feature cell is text or empty, the CSV is a table to send as raw rows (see
   * tableOf): returns {table: true, header, records, hasEmpty, textColumns}. Throws an Error naming the line at
   * fault.
   */
  function parse(text) {
    const rows = [];
    let header = null;
    let columns = 0;
    let numeric = true;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === "" || line.startsWith("#")) {
        continue;
      }
      const cells = line.split(/[,;\t]/).map((cell) => cell.trim());
      const features = cells.slice(0, -1);
      const isText = (cell) => cell !== "" && !isNumber(cell);
      if (rows.length === 0 && header === null && (features.some(isText) || cells.every(isText))) {
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
      numeric = numeric && features.every(isNumber);
      if (numeric && cells[cells.length - 1] === "") {
        throw new Error(`line ${i + 1} has no y`);
      }
      rows.push(cells);
    }
    if (rows.length === 0) {
      throw new Error("no rows of data");
    }
    if (columns < 2) {
      throw new Error("each row needs at least two columns: x…, y");
    }
    if (!numeric) {
      return table(header, rows, columns);
    }
    const y = rows.map((row) => row[row.length - 1]);
    const named = !y.every(isNumber);
    return {
      x: rows.map((row) => row.slice(0, -1).map(Number)),
      y: named ? y : y.map(Number),
      features: columns - 1,
      header,
      named,
    };
  }

  /**
   * A CSV with text or empty cells as raw rows for gradfit's design: one object per row keyed by the header
   * (x1, x2, …, y without one), a column's cells numbers when all of its filled cells are numbers and strings
   * otherwise, and an empty cell null.
   */
  function table(header, rows, columns) {
    const names = header || Array.from({ length: columns }, (_, j) => (j === columns - 1 ? "y" : `x${j + 1}`));
    const seen = new Set();
    for (const name of names) {
      if (name === "" || seen.has(name)) {
        throw new Error(name === "" ? "the header has an empty name" : `the header names "${name}" twice`);
      }
      seen.add(name);
    }
    const text = names.map((_, j) => rows.some((row) => row[j] !== "" && !isNumber(row[j])));
    const records = rows.map((row) =>
      Object.fromEntries(names.map((name, j) => [name, row[j] === "" ? null : text[j] ? row[j] : Number(row[j])])));
    return {
      table: true,
      header: names,
      records,
      hasEmpty: rows.some((row) => row.includes("")),
      textColumns: names.filter((_, j) => text[j]),
    };
  }

  /**
   * What the page draws and checks of a table fitted for one target column: y (the target's filled cells),
   * x (each such row's first numeric input, or its row number when no input is numeric), the inputs' count
   * and whether y holds names.
   */
  function tableOf(parsed, target) {
    const inputs = parsed.header.filter((name) => name !== target);
    const along = inputs.find((name) => !parsed.textColumns.includes(name));
    const kept = parsed.records
      .map((record, i) => ({ record, i }))
      .filter(({ record }) => record[target] !== null && (along === undefined || record[along] !== null));
    const y = kept.map(({ record }) => record[target]);
    return Object.assign({}, parsed, {
      target,
      inputs,
      along: along === undefined ? "row number" : along,
      x: kept.map(({ record, i }) => [along === undefined ? i + 1 : record[along]]),
      y,
      features: inputs.length,
      named: parsed.textColumns.includes(target),
    });
  }

  return { tutorial, parse, tableOf, classesOf, PRESETS };
})();
