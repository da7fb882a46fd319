app_name = "renstra"

urlpatterns: list = []
