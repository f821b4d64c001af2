/**
 * The Arrow IPC stream read, message by message, into labeled columns of numbers, or into a table of raw columns
 * (numbers and text, with missing cells) for a design.
 */
package dev.gradfit.formats.arrow;
