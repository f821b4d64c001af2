/** The HTTP API: controllers and the OpenAPI description; bodies in {@code request} and {@code response}, problem details in {@code problem}. */
package dev.gradfit.api;
