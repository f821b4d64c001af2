/** JSON number arrays and rows read into primitive arrays, from bytes or from Jackson's parser. */
package dev.gradfit.formats.json;
