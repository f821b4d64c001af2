/** The memory store of models, the default: a Caffeine cache on this replica. */
package dev.gradfit.model.memory;
