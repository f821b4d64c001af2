/**
 * JSON number arrays and rows read into primitive arrays, from bytes or from Jackson's parser; long arrays of
 * answers written in chunks with the generator's bytes.
 */
package dev.gradfit.formats.json;
