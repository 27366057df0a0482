/**
 * Intent types as data: the registry of intent types made from their JSON Schema files (draft 2020-12, with the
 * platform's keywords: exact decimal places, dates not in the future, ISO 4217 currencies, personal fields and the
 * data subject), every violation reported as a JSON pointer. The validator library lives here, outside the domain.
 */
package dev.parallelrun.ingress.intent.schema;
