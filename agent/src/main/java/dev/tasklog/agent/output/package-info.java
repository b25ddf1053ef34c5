/**
 * What the agent writes: the run, task and sub-task lines, sent through the application's own
 * SLF4J and logback when it has them (so its configuration decides format and destinations), and
 * printed by the agent itself otherwise. The agent never forces a logging backend on the
 * application and never bundles one.
 */
package dev.tasklog.agent.output;
