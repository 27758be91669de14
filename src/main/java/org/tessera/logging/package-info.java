/**
 * How the servers write their logs: the console encoder that honours Spring Boot's
 * structured-logging setting behind Tessera's asynchronous console appender.
 */
package org.tessera.logging;
