/** Dense linear algebra for the objectives and the exact solutions: Cholesky, Householder QR, centred moments, and fixed parallel chunks. */
package dev.gradfit.fitting.linalg;
