/**
 * Request bodies as records, their validation, the glue that has Spring MVC read them with the readers of
 * {@code formats}, and the mapping from a fit request to a fit command.
 */
package dev.gradfit.api.request;
