/** Refusals of a request as a whole (its key, its body, its query): raised by the web filters, mapped to problems by the api. */
package dev.gradfit.http;
