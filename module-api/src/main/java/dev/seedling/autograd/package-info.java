/**
 * Reverse-mode autograd support visible to users: grad-mode scopes and the finite-difference gradient checker.
 */
package dev.seedling.autograd;
