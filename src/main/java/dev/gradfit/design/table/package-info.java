/** Raw tables as requests bring them: named numeric and text columns, with missing cells. */
package dev.gradfit.design.table;
