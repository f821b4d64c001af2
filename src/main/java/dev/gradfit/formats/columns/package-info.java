/**
 * The rules for the columns a request names in a table, whatever its format: one wording for CSV and Arrow alike.
 */
package dev.gradfit.formats.columns;
