/**
 * Configuration: the keys of the specification, read from the agent argument, system properties
 * {@code tasklog.<key>}, environment variables {@code TASKLOG_<KEY>}, a properties file and the
 * defaults, first match wins. Every problem becomes one line on stderr; none stops the application.
 */
package dev.tasklog.agent.config;
