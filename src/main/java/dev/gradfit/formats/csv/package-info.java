/** CSV files read into a table of numbers with its header. */
package dev.gradfit.formats.csv;
