package dev.minirag.documents.fetch;

import java.net.URI;

/**
 * A fetched body and the validators to fetch it conditionally next time.
 *
 * @param body the bytes; empty when {@code notModified}
 * @param contentType the Content-Type header as sent (parameters included); null when not modified
 * @param finalUri the URI after redirects
 * @param etag the ETag header, or null
 * @param lastModified the Last-Modified header, or null
 * @param notModified the server answered 304 to If-None-Match / If-Modified-Since
 */
public record FetchedResource(
    byte[] body,
    String contentType,
    URI finalUri,
    String etag,
    String lastModified,
    boolean notModified) {}
