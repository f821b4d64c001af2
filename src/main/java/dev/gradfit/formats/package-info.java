/**
 * Readers of the data formats gradfit takes (JSON arrays and rows, CSV, the Arrow IPC stream, the Open Inference Protocol's tensors): bytes in, points
 * or raw tables out, each array charged to the request's memory account; no web types.
 */
package dev.gradfit.formats;
