/**
 * Authority stamping: the ingress reads every authority decision from {@code authority.decisions.v1} and stamps each
 * intent it accepts with the side whose side effects are real for it ({@code authority}) and the decision that said
 * so ({@code authoritydecision}), so that every participant honours one answer, decided once, at acceptance.
 */
package dev.parallelrun.ingress.authority;
