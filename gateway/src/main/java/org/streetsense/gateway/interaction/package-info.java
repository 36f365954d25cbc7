/**
 * Bridges the installation file's interaction sections ({@code safety}, {@code reflexes},
 * {@code osc}) to the runtime: {@link org.streetsense.gateway.interaction.InteractionPlan}.
 */
package org.streetsense.gateway.interaction;
