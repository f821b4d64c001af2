/** Response bodies: models, summaries, pages and predictions, as the OpenAPI document describes them. */
package dev.gradfit.api.response;
