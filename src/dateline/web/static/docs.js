// The API docs: Swagger UI from the package's own files (npm swagger-ui-dist), over /openapi.json; no CDN.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
