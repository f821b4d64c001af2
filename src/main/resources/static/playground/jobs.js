// Talks to gradfit's job API: submit a fit, follow its Server-Sent Events, cancel it, read its model.
// The events are read with fetch rather than EventSource, which cannot send the X-API-Key header.
"use strict";

const Jobs = (() => {
  const RECONNECTS = 5;

  /** An error carrying the RFC 9457 problem the server answered (or one made up for a network failure). */
  class ProblemError extends Error {
    constructor(problem) {
      super(problem.detail || problem.title || "Request failed");
      this.problem = problem;
    }
  }

  function headers(apiKey, extra) {
    const all = Object.assign({ Accept: "application/json, application/problem+json" }, extra);
    if (apiKey) {
      all["X-API-Key"] = apiKey;
    }
    return all;
  }

  async function answer(response) {
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("json") ? await response.json() : null;
    if (!response.ok) {
      const problem = body || { title: response.statusText, status: response.status };
      problem.retryAfter = response.headers.get("Retry-After");
      throw new ProblemError(problem);
    }
    return body;
  }

  async function call(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (e) {
      throw new ProblemError({ title: "No answer", detail: `The server did not answer (${e.message}).` });
    }
    return answer(response);
  }

  /** POST /api/v1/jobs; the accepted job. */
  function submit(request, apiKey) {
    return call("api/v1/jobs", {
      method: "POST",
      headers: headers(apiKey, { "Content-Type": "application/json" }),
      body: JSON.stringify(request),
    });
  }

  function get(path, apiKey) {
    return call(path, { headers: headers(apiKey) });
  }

  /** POST to the job's cancel link; a job that finished meanwhile answers 409, which is no error here. */
  async function cancel(job, apiKey) {
    try {
      return await call(job.links.cancel, { method: "POST", headers: headers(apiKey) });
    } catch (e) {
      if (e.problem && e.problem.status === 409) {
        return null;
      }
      throw e;
    }
  }

  /** One event block of a stream ("id:", "event:", "data:" lines); null for comments and keep-alives. */
  function parseEvent(block) {
    const event = { id: null, name: "message", data: [] };
    for (const line of block.split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon === 0) {
        continue;
      }
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) {
        value = value.slice(1);
      }
      if (field === "id") {
        event.id = value;
      } else if (field === "event") {
        event.name = value;
      } else if (field === "data") {
        event.data.push(value);
      }
    }
    return event.data.length === 0 ? null : { id: event.id, name: event.name, data: JSON.parse(event.data.join("\n")) };
  }

  /**
   * Follows the job's events until its end, calling onEvent(name, data) for each; reconnects with
   * Last-Event-ID when a stream closes early, and reads the job itself as a last resort. Resolves with
   * the end event's name and the job.
   */
  async function follow(job, apiKey, onEvent) {
    let lastId = null;
    for (let attempt = 0; attempt <= RECONNECTS; attempt++) {
      const extra = { Accept: "text/event-stream" };
      if (lastId !== null) {
        extra["Last-Event-ID"] = lastId;
      }
      let response;
      try {
        response = await fetch(job.links.events, { headers: headers(apiKey, extra), cache: "no-store" });
      } catch (e) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (response.status === 204) {
        break; // the end was seen already
      }
      if (!response.ok) {
        await answer(response);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (e) {
          break; // the connection dropped: reconnect
        }
        if (chunk.done) {
          break;
        }
        buffer += chunk.value;
        let boundary;
        while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, "");
          const event = parseEvent(block);
          if (event === null) {
            continue;
          }
          if (event.id !== null) {
            lastId = event.id;
          }
          onEvent(event.name, event.data);
          if (event.name !== "progress") {
            reader.cancel().catch(() => {});
            return { name: event.name, job: event.data };
          }
        }
      }
    }
    const current = await get(job.links.self, apiKey);
    const names = { SUCCEEDED: "succeeded", FAILED: "failed", CANCELED: "canceled" };
    return { name: names[current.status] || "unknown", job: current };
  }

  return { submit, follow, cancel, get, ProblemError };
})();
