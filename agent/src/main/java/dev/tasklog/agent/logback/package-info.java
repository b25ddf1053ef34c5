/**
 * Reading the application's logback events. The agent never links to logback: the application's
 * copy may live in a class loader the agent cannot see, and may be of any version from 1.0 on.
 * {@link dev.tasklog.agent.logback.LogbackEventReader} reads an event through method handles found
 * on its own class.
 */
package dev.tasklog.agent.logback;
