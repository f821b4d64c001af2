/** What every HTTP request passes through before a controller: request ids, body limits, API keys, CORS. */
package dev.gradfit.web;
