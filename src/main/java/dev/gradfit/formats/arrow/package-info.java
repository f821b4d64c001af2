/** The Arrow IPC stream read, message by message, into labeled columns of numbers. */
package dev.gradfit.formats.arrow;
