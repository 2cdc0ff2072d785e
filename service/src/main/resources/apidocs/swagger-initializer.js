// Mini-RAG's API reference: Swagger UI on the service's own OpenAPI document. A file, not an
// inline script, so the page keeps the service's Content-Security-Policy.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // Nothing leaves the service: no validator badge calling out to swagger.io.
    validatorUrl: null,
    // The API key typed into Authorize stays for the browser tab's reloads.
    persistAuthorization: true,
    tryItOutEnabled: false,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
