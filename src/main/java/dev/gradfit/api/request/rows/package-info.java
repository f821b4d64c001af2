/** Fits of raw rows: the design they ask for, and how it turns them into the numbers a fit takes. */
package dev.gradfit.api.request.rows;
