/**
 * Log formats chosen by {@code LOG_FORMAT}: {@code text} (a pattern, for development) or {@code
 * json} (one object per line, for log shippers), for application and access logs alike. Every line
 * carries the request id and, once the caller is known, user, workspace and API key ids (never a
 * secret).
 */
package dev.minirag.logging;
