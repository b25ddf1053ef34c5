package dev.tasklog.agent.output;

/** The levels tasklog's own lines are written at. */
public enum Level { INFO, WARN, ERROR }
