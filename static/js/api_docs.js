/* The browsable page of the read API (/api/v1/docs): Swagger UI on the generated OpenAPI
 * document. Kept out of the template: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  var wadah = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: wadah.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
})();
