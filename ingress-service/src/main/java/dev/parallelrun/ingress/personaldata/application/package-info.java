/**
 * The use cases of crypto-shredding: encrypting an intent's personal fields before it is published
 * ({@link dev.parallelrun.ingress.personaldata.application.PersonalDataEncryptor}), and the data-subject API's
 * lookup, erasure and key service ({@link dev.parallelrun.ingress.personaldata.application.DataSubjects}). Keys
 * are reached through the {@link dev.parallelrun.ingress.personaldata.application.SubjectKeys} port.
 */
package dev.parallelrun.ingress.personaldata.application;
