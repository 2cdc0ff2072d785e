package dev.minirag.client.model;

import java.util.UUID;

/** A job a request started: follow it with {@code getJob(jobId)}. */
public record JobStarted(UUID jobId) {}
