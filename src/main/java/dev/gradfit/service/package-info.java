/** Fits, predictions and their limits: runs fits on a bounded executor through the fitting facade, stores the models, and counts both in meters. */
package dev.gradfit.service;
