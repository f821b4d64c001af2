/** Problem details (RFC 9457): one advice maps every exception a caller can act on to a stable problem type. */
package dev.gradfit.api.problem;
