package dev.minirag.client.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one error shape every non-2xx answer of the API carries (and the {@code error} event of a
 * streamed answer).
 *
 * @param code the HTTP status
 * @param details field errors, a limit's counters, … (shape depends on the error); may be null
 * @param requestId matches the {@code X-Request-Id} response header
 */
public record ApiError(int code, String message, JsonNode details, String requestId) {}
