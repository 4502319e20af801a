package io.redlocklab.core;

/** One node's answer: its outcome and, for an {@code OK}, the command's numeric result. */
record NodeReply(int index, NodeOutcome outcome, long value) {}
