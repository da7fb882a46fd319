app_name = "dasbor"

urlpatterns: list = []
