"""A test-only URL map: the project's URLs plus a page that reads an encrypted value."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from simpul.people.models import Person
from simpul.urls import urlpatterns as project_urlpatterns


def person_name(request: HttpRequest, pk: int) -> HttpResponse:
    person = Person.objects.get(pk=pk)
    return HttpResponse(f"<title>Orang</title><p>{person.full_name}</p>")


urlpatterns = [path("uji-orang/<int:pk>/", person_name, name="person_name"), *project_urlpatterns]

handler500 = "simpul.core.views.error_500"
