/** The Open Inference Protocol's tensor data: JSON arrays, flat or nested, read into one row-major array. */
package dev.gradfit.formats.oip;
