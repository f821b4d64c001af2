/** Row selections of a raw table, as the services take them before a design reads the rows. */
package dev.gradfit.service.rows;
