/**
 * CSV files read into a table of numbers with its header, or into a table of raw columns (numbers and text, with
 * missing cells) for a design.
 */
package dev.gradfit.formats.csv;
