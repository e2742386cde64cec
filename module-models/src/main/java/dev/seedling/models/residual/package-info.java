/**
 * How a sublayer joins the residual stream. A {@link dev.seedling.models.residual.ResidualSite} is the norm
 * placement (Pre-Norm, classic Post-Norm, the OLMo "residual after norm", none) and owns a
 * {@link dev.seedling.models.residual.Connection}: the plain add, {@link dev.seedling.models.residual.HyperConnections}
 * (n streams, expanded at the input and summed before the final norm) or
 * {@link dev.seedling.models.residual.FracConnections} (the width split into m fractions). Nothing here knows about
 * attention or FFNs.
 */
package dev.seedling.models.residual;
