/** Learning-rate schedules behind {@link dev.gradfit.fitting.schedule.Schedule}: constant, inverse scaling, step, exponential and plateau. */
package dev.gradfit.fitting.schedule;
