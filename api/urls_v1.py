"""The read API's URLs for ``include("api.urls_v1")``: the core URLconf names apps by string,
so the core layer never imports this one."""

from api.api import api

app_name = api.urls_namespace  # "api-v1": ninja reverses its docs and schema URLs in it
urlpatterns = api.urls[0]
