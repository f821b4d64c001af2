/** The heap budget of requests in flight and each request's account of it, used by the web layer and the readers. */
package dev.gradfit.memory;
