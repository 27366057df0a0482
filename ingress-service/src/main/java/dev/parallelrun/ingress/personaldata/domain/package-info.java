/**
 * The rules of crypto-shredding, plain Java: how a data subject's ref is derived from what identifies the person
 * ({@link dev.parallelrun.ingress.personaldata.domain.SubjectRefs}) and which values of an intent's data are
 * personal ({@link dev.parallelrun.ingress.personaldata.domain.PersonalFields}).
 */
package dev.parallelrun.ingress.personaldata.domain;
