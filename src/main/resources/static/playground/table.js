// A CSV with text or empty cells on the playground: the target and missing-cell choice it offers, its summary,
// and the fitted weights under the names of the design the server learned from its rows.
"use strict";

const PlaygroundTable = (() => {
  /**
   * Offers the table's columns as the target (the last one first) and the missing-cell choice: mean when some
   * cell is empty, else refuse, gradfit's own default. Kept as chosen while the header and emptiness stay the
   * same; returns the key of what is offered, to pass back as shown next time.
   */
  function offer(target, missing, parsed, shown) {
    const key = JSON.stringify([parsed.header, parsed.hasEmpty]);
    if (key !== shown) {
      target.replaceChildren(...parsed.header.map((name) => new Option(name, name)));
      target.value = parsed.header[parsed.header.length - 1];
      missing.value = parsed.hasEmpty ? "mean" : "refuse";
    }
    return key;
  }

  /** One sentence on a table (PlaygroundData.tableOf) and how it is sent. */
  function summary(data) {
    return `${data.records.length} rows of a table (header: ${data.header.join(", ")}); target ${data.target}, ` +
      `${data.features} input column${data.features === 1 ? "" : "s"}` +
      (data.textColumns.length ? `, text in ${data.textColumns.join(", ")}` : "") +
      (data.hasEmpty ? ", some cells empty" : "") + ". Sent as rows: gradfit's design makes the features.";
  }

  /** What the model's design did with the rows, in words; empty for a model fitted from x. */
  function design(kept) {
    if (!kept) {
      return "";
    }
    const dropped = kept.droppedRows;
    return `inputs ${kept.inputs.join(", ")}; empty cells: ${kept.missing}; ${dropped} row${dropped === 1 ? "" : "s"} dropped`;
  }

  function cell(tag, text, scope) {
    const element = document.createElement(tag);
    if (scope) {
      element.scope = scope;
    }
    element.textContent = text;
    return element;
  }

  /**
   * Fills the table (its thead and tbody) with the intercept and each coefficient under its design name
   * (city[T.Paris], size_missing, …): one column of weights, or one per class for softmax. Returns whether the
   * model has names; the table is left as it was when it has none.
   */
  function weights(table, model, format) {
    const names = model.featureNames;
    if (!names) {
      return false;
    }
    const byClass = model.weights.byClass;
    const rows = byClass || [model.weights];
    const head = document.createElement("tr");
    head.append(...(byClass ? ["term", ...model.classes.map(String)] : ["term", "weight"]).map((text) => cell("th", text, "col")));
    const line = (name, values) => {
      const row = document.createElement("tr");
      row.append(cell("th", name, "row"), ...values.map((value) => cell("td", format(value))));
      return row;
    };
    table.querySelector("thead").replaceChildren(head);
    table.querySelector("tbody").replaceChildren(
      line("Intercept", rows.map((w) => w.intercept)),
      ...names.map((name, j) => line(name, rows.map((w) => w.coefficients[j]))));
    return true;
  }

  return { offer, summary, design, weights };
})();
