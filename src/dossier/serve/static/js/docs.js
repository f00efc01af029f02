// Swagger UI over /openapi.json, from the copy shipped with the server (no CDN: works offline).
window.addEventListener('DOMContentLoaded', () => {
  if (typeof window.SwaggerUIBundle !== 'function') return;
  window.SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: false });
});
