/** The Redis model store: models shared by every replica through Redis, with a near cache on each. */
package dev.gradfit.model.redis;
