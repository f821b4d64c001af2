/** The HTTP API: request and response records, controllers, problem details and the OpenAPI description. */
package dev.gradfit.api;
