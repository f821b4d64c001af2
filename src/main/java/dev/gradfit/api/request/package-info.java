/** Request bodies and their readers: the JSON of fits and predictions, read into primitive arrays, and the mapping from a fit request to a fit command. */
package dev.gradfit.api.request;
