/**
 * The hyperparameters of a fit by name and number, and the one place that turns them into the fitting core's
 * losses, optimizers, schedules and stopping rules and back: so that the api maps JSON to names and numbers, and
 * knows none of the implementations.
 */
package dev.gradfit.service.hyperparameters;
