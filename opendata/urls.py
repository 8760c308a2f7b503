from django.urls import path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView

from opendata.views import LIST_VIEWS

app_name = "opendata"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
for name, (view, _summary, _filters) in LIST_VIEWS.items():
    csv_view = extend_schema(exclude=True)(type(f"{view.__name__}Csv", (view,), {"as_csv": True}))
    urlpatterns += [
        path(f"{name}/", view.as_view(), name=name),
        path(f"{name}.csv", csv_view.as_view(), name=f"{name}_csv"),
    ]
