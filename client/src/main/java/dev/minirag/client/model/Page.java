package dev.minirag.client.model;

import java.util.List;

/** One page of a list: {@code total} counts every match, {@code items} those of this page. */
public record Page<T>(List<T> items, long total, int limit, int offset) {}
