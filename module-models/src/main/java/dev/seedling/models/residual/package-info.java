/**
 * How a sublayer joins the residual stream: {@link dev.seedling.models.residual.ResidualSite} (Pre-Norm and Post-Norm
 * now; Hyper- and Frac-Connections with the residual-and-norm issue).
 */
package dev.seedling.models.residual;
