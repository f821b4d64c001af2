/** Fitted models and the store that keeps them in memory under their ids. */
package dev.gradfit.model;
