/** Refusals of a request as a whole (key, body, query): the web filters raise them, the api maps them to problems. */
package dev.gradfit.http;
