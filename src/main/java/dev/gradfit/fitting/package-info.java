/** The numerical core: gradient-descent fitting of linear models on primitive arrays, free of any framework. */
package dev.gradfit.fitting;
