/** Typed settings of gradfit, bound from {@code gradfit.*} properties and validated at start-up. */
package dev.gradfit.config;
